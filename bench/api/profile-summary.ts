/**
 * Where a V8 .cpuprofile spends its time: self time per npm package (or our own file), and the top functions.
 *
 *   npx ts-node -T bench/api/profile-summary.ts /tmp/api-bench/prof/CPU.*.cpuprofile [skipMs]
 */
import * as fs from 'fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function bucket(url: string): string {
  if (!url) return '(native/gc/idle)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const m = /\/(apps|libs)\/(.*)$/.exec(url);
  return m ? `${m[1]}/${m[2]}` : url;
}

/** `skipMs`: leave out the first milliseconds of the profile (module loading and boot, before the load). */
export function summariseProfile(file: string, top = 25, skipMs = 0): string {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let total = 0;
  let t = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i] ?? 0;
    t += dt;
    if (t < skipMs * 1000) continue;
    self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + dt);
    total += dt;
  }
  const byBucket = new Map<string, number>();
  const byFn = new Map<string, number>();
  let idle = 0;
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const fn = n.callFrame.functionName;
    if (fn === '(idle)' || fn === '(program)') {
      idle += fn === '(idle)' ? us : 0;
    }
    const b = fn === '(idle)' ? '(idle)' : fn === '(garbage collector)' ? '(gc)' : fn === '(program)' ? '(program)' : bucket(n.callFrame.url);
    byBucket.set(b, (byBucket.get(b) ?? 0) + us);
    const key = `${fn || '(anonymous)'} ${bucket(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
  }
  const busy = total - idle;
  const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
  const lines = [
    `CPU profile ${file}${skipMs ? ` after its first ${(skipMs / 1000).toFixed(1)} s (boot)` : ''}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy; self time, share of busy:`,
  ];
  for (const [b, us] of [...byBucket]
    .filter(([b]) => b !== '(idle)')
    .sort((x, y) => y[1] - x[1])
    .slice(0, top))
    lines.push(`  ${pct(us)}  ${b}`);
  lines.push('top functions (self):');
  for (const [f, us] of [...byFn]
    .filter(([f]) => !f.startsWith('(idle)'))
    .sort((x, y) => y[1] - x[1])
    .slice(0, top))
    lines.push(`  ${pct(us)}  ${f}`);
  return lines.join('\n');
}

if (require.main === module) process.stdout.write(summariseProfile(process.argv[2], 25, Number(process.argv[3] ?? 0)) + '\n');
