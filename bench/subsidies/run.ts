/**
 * `npm run bench:subsidies`: runs every part of bench/subsidies that is present, one after the other, each against
 * its own database and its own same-run baseline. A part is a file of this folder exporting `run<Name>Bench()`.
 */
import 'reflect-metadata';
import { readdirSync } from 'fs';
import * as path from 'path';

async function main(): Promise<void> {
  const parts = readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
    .sort();
  for (const file of parts) {
    const mod = (await import(path.join(__dirname, file))) as Record<string, unknown>;
    const runners = Object.entries(mod).filter(([k, v]) => /^run[A-Z]\w*Bench$/.test(k) && typeof v === 'function') as Array<[string, () => Promise<void>]>;
    for (const [name, run] of runners) {
      process.stdout.write(`\n=== bench/subsidies/${file}: ${name} ===\n`);
      await run();
    }
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
