/**
 * Before switching production to Meilisearch (README "Search engines"):
 *
 *   MEILI_URL=http://… MEILI_MASTER_KEY=… npm run matching:compare [-- --docs 20000] [--index candidates]
 *
 * 1. runs the CandidateIndex contract suite (libs/matching/src/index/meili-candidate-index.spec.ts) against
 *    the server MEILI_URL points to — the same suite the PostgreSQL engine passes on every test run;
 * 2. copies up to --docs candidate documents from this database's candidate_documents (DATABASE_URL) into a
 *    scratch Meilisearch index (or, with --index, uses that existing index as it is), runs the same queries on
 *    both engines and prints the totals and the overlap of the top 20 of each.
 * Without MEILI_URL it does nothing and says so (exit 0). Exit 1 when the contract suite fails.
 */
import 'reflect-metadata';
import { dataSourceOptions, loadConfig } from '@app/core';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CandidateIndex, CandidateQuery } from '../index/candidate-index';
import { MeiliCandidateIndex } from '../index/meili-candidate-index';
import { PgCandidateIndex } from '../index/pg-candidate-index';

const ROOT = join(__dirname, '..', '..', '..', '..');
const TOP = 20;

/** The queries both engines answer: the HR search's shapes (filters, radius, text, sorts, the shift boost). */
export function compareQueries(base: { lat: number; lng: number }): Array<{ name: string; q: CandidateQuery }> {
  const q = (p: Partial<CandidateQuery>): CandidateQuery => ({ limit: TOP, offset: 0, ...p });
  return [
    { name: 'whole pool, by fit', q: q({ sort: { by: 'SCORE' } }) },
    { name: 'fit + TWO_SHIFT boost', q: q({ sort: { by: 'SCORE', boostShifts: ['TWO_SHIFT'], boostPoints: 10 } }) },
    { name: 'most recent', q: q({ sort: { by: 'RECENT' } }) },
    { name: 'nearest to the base', q: q({ sort: { by: 'DISTANCE' } }) },
    { name: '150 km + 2 skills', q: q({ geo: { ...base, radiusKm: 150 }, filter: { minTypingSpeed: 40, minMandarinRank: 3 } }) },
    { name: '150 km + 2 skills + text 学院', q: q({ text: '学院', geo: { ...base, radiusKm: 150 }, filter: { minTypingSpeed: 40, minMandarinRank: 3 } }) },
    { name: 'text 集宁', q: q({ text: '集宁' }) },
    { name: 'graduates 2024-2025', q: q({ filter: { categoriesAny: ['GRADUATE'], graduationYearMin: 2024, graduationYearMax: 2025 } }) },
    { name: 'bachelor or junior college, night shift', q: q({ filter: { educations: ['BACHELOR', 'JUNIOR_COLLEGE'], shiftsAny: ['NIGHT'] } }) },
    { name: 'county 150902, 6+ months', q: q({ filter: { countyCodes: ['150902'], minCallCenterMonths: 6 } }) },
  ];
}

/** The report goes to standard output: it is what the operator asked for, not a log. */
const say = (line: string): void => void process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  // A development tool first: without NODE_ENV it runs with the development defaults, not production's required secrets.
  const config = loadConfig({ ...process.env, NODE_ENV: process.env.NODE_ENV || 'development' });
  const { meiliUrl, meiliKey } = config.search;
  if (!meiliUrl) {
    say('matching:compare SKIPPED: MEILI_URL is not set, so there is no Meilisearch server to check. Nothing was compared.');
    say('Set MEILI_URL (and MEILI_MASTER_KEY) to the server you mean to switch to, then run it again.');
    return 0;
  }
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };

  say(`1/2 CandidateIndex contract suite against ${meiliUrl}`);
  const jest = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/jest/bin/jest.js'), '--runInBand', join(ROOT, 'libs/matching/src/index/meili-candidate-index.spec.ts')],
    {
      cwd: ROOT,
      stdio: 'inherit',
      env: process.env,
    },
  );
  const contractOk = jest.status === 0;
  say(contractOk ? 'contract suite: PASSED' : 'contract suite: FAILED (see above)');

  say(`2/2 the same queries on both engines (top ${TOP})`);
  const base = { lat: config.app.baseLat, lng: config.app.baseLng };
  const ds = await new DataSource(dataSourceOptions(config)).initialize();
  const pg = new PgCandidateIndex(ds, base);
  const liveUid = arg('index');
  const uid = liveUid ?? `compare_${Date.now()}`;
  const meili = new MeiliCandidateIndex(meiliUrl, meiliKey, base, uid);
  try {
    if (!liveUid) {
      const limit = Number(arg('docs') ?? 20000);
      const rows: Array<{ id: string }> = await ds.query('SELECT id FROM candidate_documents ORDER BY id LIMIT $1', [limit]);
      for (let i = 0; i < rows.length; i += 1000) {
        const docs = await pg.get(rows.slice(i, i + 1000).map((r) => r.id));
        await meili.upsert([...docs.values()]);
      }
      say(`copied ${rows.length} documents from candidate_documents into the scratch index "${uid}"`);
    } else {
      say(`using the existing index "${uid}" (${await meili.count()} documents; PostgreSQL has ${await pg.count()})`);
    }
    const overlaps: number[] = [];
    say(`${'query'.padEnd(44)} ${'pg total'.padStart(9)} ${'meili total'.padStart(11)}  top-${TOP} overlap`);
    for (const { name, q } of compareQueries(base)) {
      const [a, b] = await Promise.all([run(pg, q), run(meili, q)]);
      const bIds = new Set(b.ids);
      const denom = Math.max(a.ids.length, b.ids.length);
      const overlap = denom ? (a.ids.filter((id) => bIds.has(id)).length / denom) * 100 : 100;
      overlaps.push(overlap);
      const same = a.ids.join() === b.ids.join() ? ' (same order)' : '';
      say(`${name.padEnd(44)} ${String(a.total).padStart(9)} ${String(b.total).padStart(11)}  ${overlap.toFixed(0).padStart(4)} %${same}`);
    }
    const mean = overlaps.reduce((s, x) => s + x, 0) / overlaps.length;
    say(`mean top-${TOP} overlap: ${mean.toFixed(1)} %${mean < 90 ? '  (below 90 %: look at the queries above before switching)' : ''}`);
  } finally {
    if (!liveUid) await deleteIndex(meiliUrl, meiliKey, uid).catch(() => undefined);
    await ds.destroy();
  }
  return contractOk ? 0 : 1;
}

async function run(index: CandidateIndex, q: CandidateQuery): Promise<{ total: number; ids: string[] }> {
  const r = await index.search(q);
  return { total: r.total, ids: r.hits.map((h) => h.seekerId) };
}

async function deleteIndex(host: string, apiKey: string | undefined, uid: string): Promise<void> {
  const nodeModule = (process as unknown as { getBuiltinModule(n: string): typeof import('module') }).getBuiltinModule('module');
  const { Meilisearch } = nodeModule.createRequire(__filename)('meilisearch') as typeof import('meilisearch/dist/index.js');
  await new Meilisearch({ host, apiKey }).deleteIndex(uid).waitTask();
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e?.message ?? e);
      process.exit(2);
    },
  );
}
