/**
 * Nightly evaluation benchmark (issue 10, "10,000 hires and trainees' facts → nightly evaluation → claim lines"),
 * against a same-run baseline.
 *
 *   npm run bench:subsidies -- [--hires 10000] [--keep]      (runs every part of bench/subsidies)
 *   npx ts-node -r tsconfig-paths/register -T bench/subsidies/nightly.ts [--hires 10000] [--keep]
 *
 * Creates its own database (talent_nightbench_<ts>) with every migration and N hires of the last ten months across 20
 * companies: 60 % of the people registered-unemployed graduates verified by the service centre, 10 % on 6-month
 * contracts, 10 % without social insurance yet — so some lines are eligible and some are not, each with its trace.
 *  A. the product: ProposalService.evaluateNow — the facts through the other contexts' read interfaces (hires,
 *     people and verified categories, company names), item 16's rule with the parameters of each contract start, and
 *     the DRAFT claims and lines written with their traces (one transaction, the proposal lock);
 *  B. the baseline, bare SQL through `pg`: the same facts read in the same three queries, nothing evaluated or written.
 * Prints evaluations/s of both, the ratio, the claims and lines written, a second run (idempotent: nothing new), and
 * p50/p95/p99 of one rule evaluation alone (item 16 on the same facts, in-process).
 */
import 'reflect-metadata';
import { Clock, shanghaiDate } from '@app/core';
import { evaluate, item16, ParameterService, ProposalService, SubsidiesModule } from '@app/subsidies';
import { createMigratedDatabase, createServiceModule, dropDatabase } from '@app/testing';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : d;
};
const N = Number(arg('hires', '10000'));
const KEEP = process.argv.includes('--keep');
const out = (s = '') => process.stdout.write(s + '\n');

/** N hires of the last ten months with their companies, postings, applications and people, set-based. */
async function seedHires(db: DataSource, n: number, today: string): Promise<void> {
  await db.query(
    `INSERT INTO tenants (name, credit_code, seats) SELECT '夜间评估企业' || g, '9115090' || lpad(g::text, 10, '0') || 'X', 500 FROM generate_series(1, 20) g`,
  );
  await db.query(
    `INSERT INTO job_postings (tenant_id, title, description, headcount, openings_left, salary_min_fen, salary_max_fen, status)
     SELECT id, '呼叫中心客服', '', 1000, 1000, 300000, 400000, 'OPEN' FROM tenants WHERE name LIKE '夜间评估企业%'`,
  );
  await db.query(
    `INSERT INTO seekers (name, id_number_hash, region_code, completeness, source, shared_with_tenants)
     SELECT '评估' || g, encode(sha256(('bench-person-' || g)::bytea), 'hex'), '150902', 60, 'SELF', false FROM generate_series(1, $1) g`,
    [n],
  );
  await db.query(
    `WITH s AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM seekers WHERE name LIKE '评估%'),
          p AS (SELECT id, tenant_id, row_number() OVER (ORDER BY id) - 1 AS k FROM job_postings WHERE title = '呼叫中心客服')
     INSERT INTO applications (posting_id, tenant_id, seeker_id, stage, created_at, updated_at)
     SELECT p.id, p.tenant_id, s.id, 'HIRED', now(), now() FROM s JOIN p ON p.k = s.k % 20`,
  );
  await db.query(
    `INSERT INTO hires (application_id, posting_id, tenant_id, seeker_id, contract_start, contract_months, social_insurance_start)
     SELECT a.id, a.posting_id, a.tenant_id, a.seeker_id, d.start,
            CASE WHEN abs(hashtext(a.id::text)) % 10 = 0 THEN 6 ELSE 12 END,
            CASE WHEN abs(hashtext(a.id::text || 'si')) % 10 = 0 THEN NULL ELSE d.start END
       FROM applications a JOIN seekers s ON s.id = a.seeker_id AND s.name LIKE '评估%'
       CROSS JOIN LATERAL (SELECT ($1::date - (abs(hashtext(a.id::text || 'd')) % 300))::date AS start) d`,
    [today],
  );
  // 60 %: a graduate registered as unemployed (《就业失业登记证》), both checked by the service centre.
  await db.query(
    `INSERT INTO seeker_category_verifications (seeker_id, category, source, verified_at)
     SELECT s.id, c.category, 'SERVICE_CENTRE', now()
       FROM seekers s CROSS JOIN (VALUES ('GRADUATE'), ('UNEMPLOYED')) c(category)
      WHERE s.name LIKE '评估%' AND abs(hashtext(s.id::text)) % 10 < 6`,
  );
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99) };
}

/** The baseline: the same facts in the same three queries as the read interfaces, with bare `pg`. */
async function bareReads(pool: Pool, from: string, to: string): Promise<number> {
  const hires = await pool.query(
    `SELECT h.id, h.tenant_id, t.name, h.seeker_id, to_char(h.contract_start, 'YYYY-MM-DD') AS contract_start, h.contract_months,
            to_char(h.social_insurance_start, 'YYYY-MM-DD') AS si, to_char(h.terminated_on, 'YYYY-MM-DD') AS terminated_on, h.termination_reason
       FROM hires h JOIN tenants t ON t.id = h.tenant_id WHERE h.contract_start >= $1::date AND h.contract_start <= $2::date ORDER BY h.contract_start, h.id`,
    [from, to],
  );
  await pool.query(
    `SELECT s.id, s.name, s.id_number_hash, s.region_code,
            COALESCE((SELECT json_agg(json_build_object('category', v.category, 'source', v.source, 'verifiedAt', v.verified_at))
                        FROM seeker_category_verifications v WHERE v.seeker_id = s.id AND v.revoked_at IS NULL), '[]') AS verified
       FROM seekers s WHERE s.id = ANY($1::uuid[]) AND s.erased_at IS NULL`,
    [hires.rows.map((r) => r.seeker_id)],
  );
  await pool.query(`SELECT id, name FROM tenants WHERE id = ANY($1::uuid[])`, [[...new Set(hires.rows.map((r) => r.tenant_id))]]);
  return hires.rowCount ?? 0;
}

export async function runNightlyBench(): Promise<void> {
  const name = `talent_nightbench_${Date.now()}`;
  const url = await createMigratedDatabase(name);
  process.env.DATABASE_URL = url;
  process.env.NODE_ENV = process.env.NODE_ENV ?? 'test';
  process.env.QUEUE_PREFIX = `nightbench${Date.now() % 100000}`;
  const { module, db } = await createServiceModule([SubsidiesModule]);
  const pool = new Pool({ connectionString: url, max: 2 });
  try {
    const today = shanghaiDate(module.get(Clock).now());
    out(`nightly evaluation bench: ${N} hires of the last ten months, database ${name}`);
    await seedHires(db, N, today);
    await db.query('ANALYZE');
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 400 * 86_400_000).toISOString().slice(0, 10);

    await bareReads(pool, from, today); // warm both sides' caches alike
    const tb = performance.now();
    const read = await bareReads(pool, from, today);
    const bareMs = performance.now() - tb;

    const proposals = module.get(ProposalService);
    const tp = performance.now();
    const run = await proposals.evaluateNow(today);
    const productMs = performance.now() - tp;
    const t2 = performance.now();
    const again = await proposals.evaluateNow(today);
    const againMs = performance.now() - t2;

    // One rule evaluation alone, on the same facts (the parameters of each contract start, cached as in the run).
    const facts = await db.query(
      `SELECT h.id, to_char(h.contract_start, 'YYYY-MM-DD') AS cs, h.contract_months AS cm, to_char(h.social_insurance_start, 'YYYY-MM-DD') AS si FROM hires h`,
    );
    const paramsOn = module.get(ParameterService).cache();
    const each: number[] = [];
    for (const h of facts) {
      const f = {
        hireId: h.id,
        contractStart: h.cs,
        contractMonths: h.cm,
        socialInsuranceStart: h.si,
        terminatedOn: null,
        poorHousehold: null,
        unemployedGraduate: { source: 'SERVICE_CENTRE', verifiedAt: today },
      };
      const p = await paramsOn(item16.factDate(f));
      const t = performance.now();
      evaluate(item16, f, p);
      each.push(performance.now() - t);
    }
    const s = stats(each);
    const perSec = (n: number, ms: number) => n / (ms / 1000);
    const f1 = (x: number) => x.toFixed(1);
    out();
    out(`                          product (evaluateNow)   baseline (bare reads)   ratio product/baseline`);
    out(`wall time                 ${f1(productMs).padStart(10)} ms          ${f1(bareMs).padStart(10)} ms          ${(productMs / bareMs).toFixed(2)}`);
    out(
      `hires per second          ${f1(perSec(run.evaluated, productMs)).padStart(10)}             ${f1(perSec(read, bareMs)).padStart(10)}             ${(perSec(run.evaluated, productMs) / perSec(read, bareMs)).toFixed(2)}`,
    );
    out(`evaluated / eligible      ${String(run.evaluated).padStart(10)} / ${run.eligible}`);
    out(`claims / lines written    ${String(run.claimsCreated).padStart(10)} / ${run.linesCreated}`);
    out(`second run (idempotent)   ${f1(againMs).padStart(10)} ms, ${again.claimsCreated} claims, ${again.linesCreated} lines`);
    out(`one item-16 evaluation    p50 ${(s.p50 * 1000).toFixed(1)} µs   p95 ${(s.p95 * 1000).toFixed(1)} µs   p99 ${(s.p99 * 1000).toFixed(1)} µs`);
    out(`goal: ≥ 500 evaluations/s — ${perSec(run.evaluated, productMs) >= 500 ? 'met' : 'NOT met'}`);
  } finally {
    await pool.end();
    await module.close();
    if (!KEEP) await dropDatabase(name);
    else out(`kept database ${name}`);
  }
}

if (require.main === module) {
  runNightlyBench().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
