import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { verifyChain } from '@app/subsidies';

/**
 * `npm run audit:verify` (issue 10 §5): walks every chain of the subsidies audit log (claims, parameters, payouts),
 * recomputing hash = sha256(prev_hash ‖ canonical row), and reports the first broken link of each chain.
 * Exit code 0 when every chain is intact, 2 when one is broken, 1 on an error.
 */
async function main() {
  // Only the database is needed (no keys: the audit log holds no personal data); DATABASE_URL as for the app.
  const ds = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/talent' });
  await ds.initialize();
  try {
    const chains: Array<{ chain: string }> = await ds.query(`SELECT DISTINCT chain FROM subsidy_audit_log ORDER BY chain`);
    let broken = false;
    for (const { chain } of chains) {
      const v = await verifyChain(ds, chain);
      if (v.ok) process.stdout.write(`${chain}: OK, ${v.rows} rows, head ${v.head}\n`);
      else {
        broken = true;
        process.stdout.write(`${chain}: BROKEN at seq ${v.brokenAt!.seq} (${v.brokenAt!.reason}); ${v.rows} rows verified before it\n`);
      }
    }
    if (!chains.length) process.stdout.write('audit log is empty\n');
    process.exitCode = broken ? 2 : 0;
  } finally {
    await ds.destroy();
  }
}
main().catch((e) => {
  process.stderr.write(`audit verification failed: ${e.message}\n`);
  process.exit(1);
});
