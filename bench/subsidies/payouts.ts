/**
 * Subsidy payouts benchmark (issue 10, "then 10,000 approvals → instructions → batches"), against a same-run baseline.
 *
 *   npm run bench:subsidies -- [--approvals 10000] [--lanes 4] [--keep]      (runs every part of bench/subsidies)
 *   npx ts-node -r tsconfig-paths/register -T bench/subsidies/payouts.ts [--approvals 10000] [--lanes 4] [--keep]
 *
 * Creates its own database (talent_subbench_<ts>) with every migration and two sets of N approved claims with the
 * same mix (item 16/12 one-off lines, item 9 six monthly instalments, item 17 3–12 monthly instalments):
 *  A. the product: PayoutPlanner.planApproved in its own transaction per approval (what the approval calls: reads the
 *     claim and lines, the hires' contracts and the dated parameters, writes the instructions, the outbox row and the
 *     audit entry under the chain's advisory lock), `lanes` approvals at a time; then PaymentBatchService.createBatch
 *     (promote the day's instalments, the conditional UPDATE, recovery offsets, totals, audit) for everything due.
 *  B. the baseline, bare SQL through `pg` on the other set: per approval one transaction with the same reads and the
 *     same instruction INSERT (instalments computed by the same planLine), plus the outbox row — no Nest, no TypeORM,
 *     no audit chain; then one INSERT of a batch and one UPDATE … WHERE status = 'DUE' RETURNING.
 * Prints approvals/s and p50/p95 per approval for both, the batch times, and the ratios product / baseline.
 */
import 'reflect-metadata';
import { Clock, shanghaiDate } from '@app/core';
import { PaymentBatchService, planLine, PayoutPlanner, SubsidyPayoutsModule } from '@app/subsidies';
import { createMigratedDatabase, createServiceModule, dropDatabase } from '@app/testing';
import { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : d;
};
const N = Number(arg('approvals', '10000'));
const LANES = Number(arg('lanes', '4'));
const KEEP = process.argv.includes('--keep');
const out = (s = '') => process.stdout.write(s + '\n');

/** N approved claims of one set ('A' or 'B'), with their lines, in a few set-based statements. */
async function seedClaims(db: DataSource, set: string, n: number): Promise<string[]> {
  const rows: Array<{ id: string }> = await db.query(
    `INSERT INTO subsidy_claims (item, party_kind, party_id, party_name, tenant_id, status, origin, claimed_fen, approved_fen, created_by, created_at, updated_at)
     SELECT CASE g % 20 WHEN 0 THEN 'ITEM_09' WHEN 1 THEN 'ITEM_09' WHEN 2 THEN 'ITEM_17' ELSE CASE WHEN g % 2 = 0 THEN 'ITEM_16' ELSE 'ITEM_12' END END,
            CASE WHEN g % 20 IN (0, 1) THEN 'PERSON' ELSE 'COMPANY' END,
            gen_random_uuid(), '基准测试' || $1 || g, NULL, 'APPROVED', 'MANUAL', 0, 0, NULL, now(), now()
       FROM generate_series(1, $2) g RETURNING id`,
    [set, n],
  );
  // Two lines per claim: monthly items carry their months in the facts (as the rules record them).
  await db.query(
    `INSERT INTO subsidy_claim_lines (claim_id, item, party_kind, person_hash, period, fact_date, amount_fen, status, rule_version, trace, facts, created_at)
     SELECT c.id, c.item, c.party_kind, encode(sha256((c.id::text || l)::bytea), 'hex'), l::text, '2026-01-01',
            CASE c.item WHEN 'ITEM_09' THEN 300000 WHEN 'ITEM_17' THEN 150000 WHEN 'ITEM_16' THEN 500000 ELSE 160000 END, 'APPROVED', 'bench', '[]'::jsonb,
            CASE c.item WHEN 'ITEM_09' THEN '{"months": 6}'::jsonb WHEN 'ITEM_17' THEN jsonb_build_object('months', 3 + (abs(hashtext(c.id::text)) % 10)) ELSE '{}'::jsonb END,
            now()
       FROM subsidy_claims c CROSS JOIN generate_series(1, 2) l WHERE c.id = ANY($1::uuid[])`,
    [rows.map((r) => r.id)],
  );
  return rows.map((r) => r.id);
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99) };
}

/** Runs `work` over the ids, `lanes` at a time; per-call latencies and the wall time. */
async function lanes(ids: string[], work: (id: string) => Promise<unknown>): Promise<{ ms: number[]; wallMs: number }> {
  const ms: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: LANES }, async () => {
      for (;;) {
        const i = next++;
        if (i >= ids.length) return;
        const t = performance.now();
        await work(ids[i]);
        ms.push(performance.now() - t);
      }
    }),
  );
  return { ms, wallMs: performance.now() - t0 };
}

/** The bare-SQL approval: the same reads and writes as PayoutPlanner, minus the framework and the audit chain. */
async function bareApprove(c: PoolClient, claimId: string, today: string): Promise<void> {
  await c.query('BEGIN');
  try {
    const { rows: claims } = await c.query(`SELECT id, party_kind, party_id, party_name, tenant_id, status FROM subsidy_claims WHERE id = $1 FOR SHARE`, [
      claimId,
    ]);
    const claim = claims[0];
    const { rows: lines } = await c.query(
      `SELECT id, item, seeker_id, hire_id, COALESCE(approved_amount_fen, amount_fen) AS amount_fen, facts FROM subsidy_claim_lines
        WHERE claim_id = $1 AND status IN ('APPROVED','REDUCED')`,
      [claimId],
    );
    const planned = lines.flatMap((l) =>
      planLine({ lineId: l.id, item: l.item, amountFen: Number(l.amount_fen), months: l.facts?.months ?? null }, today).map((p) => ({ ...p, l })),
    );
    await c.query(
      `INSERT INTO subsidy_payout_instructions (claim_id, claim_line_id, item, instalment_no, instalments, due_on, payee_kind, payee_id, payee_name, tenant_id,
          amount_fen, idempotency_key, status, created_at, updated_at)
       SELECT $1, x.line_id, x.item, x.no, x.n, x.due_on, $2, $3, $4, $5, x.fen, x.key, x.status, now(), now()
         FROM unnest($6::uuid[], $7::text[], $8::int[], $9::int[], $10::date[], $11::int[], $12::text[], $13::text[]) AS x(line_id, item, no, n, due_on, fen, key, status)
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [
        claim.id,
        claim.party_kind,
        claim.party_id,
        claim.party_name,
        claim.tenant_id,
        planned.map((p) => p.l.id),
        planned.map((p) => p.l.item),
        planned.map((p) => p.instalmentNo),
        planned.map((p) => p.instalments),
        planned.map((p) => p.dueOn),
        planned.map((p) => p.amountFen),
        planned.map((p) => p.idempotencyKey),
        planned.map((p) => p.status),
      ],
    );
    await c.query(`INSERT INTO outbox_events (topic, aggregate_id, payload) VALUES ('bench.payout.planned', $1, '{}'::jsonb)`, [claimId]);
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  }
}

export async function runPayoutsBench(): Promise<void> {
  const name = `talent_subbench_${Date.now()}`;
  const url = await createMigratedDatabase(name);
  process.env.DATABASE_URL = url;
  process.env.NODE_ENV = process.env.NODE_ENV ?? 'test';
  process.env.QUEUE_PREFIX = `subbench${Date.now() % 100000}`;
  const { module, db } = await createServiceModule([SubsidyPayoutsModule]);
  const pool = new Pool({ connectionString: url, max: LANES });
  try {
    const today = shanghaiDate(module.get(Clock).now());
    out(`payouts bench: ${N} approvals per side, ${LANES} at a time, database ${name}`);
    const setA = await seedClaims(db, 'A', N);
    const setB = await seedClaims(db, 'B', N);
    await db.query('ANALYZE');

    // B first, then A: both on a warm database of the same size.
    const clients = await Promise.all(Array.from({ length: LANES }, () => pool.connect()));
    const free = [...clients];
    const bare = await lanes(setB, async (id) => {
      const c = free.pop()!;
      try {
        await bareApprove(c, id, today);
      } finally {
        free.push(c);
      }
    });
    clients.forEach((c) => c.release());
    const tb = performance.now();
    await pool.query(
      `INSERT INTO subsidy_payment_batches (id, request_key, status, due_through, file_name, created_at) VALUES (gen_random_uuid(), 'bench-bare', 'DRAFT', $1, 'x', now())`,
      [today],
    );
    const bareBatch = await pool.query(
      `UPDATE subsidy_payout_instructions SET status = 'BATCHED', batch_id = (SELECT id FROM subsidy_payment_batches WHERE request_key = 'bench-bare'), updated_at = now()
        WHERE status = 'DUE' AND due_on <= $1 AND claim_id = ANY($2::uuid[]) RETURNING amount_fen`,
      [today, setB],
    );
    const bareBatchMs = performance.now() - tb;

    const planner = module.get(PayoutPlanner);
    const product = await lanes(setA, (id) => db.transaction((m) => planner.planApproved(m, id)));
    const tp = performance.now();
    const made = await module.get(PaymentBatchService).createBatch(today, `bench-${Date.now()}`);
    const productBatchMs = performance.now() - tp;

    const [{ n: instrA }] = await db.query(`SELECT count(*)::int AS n FROM subsidy_payout_instructions WHERE claim_id = ANY($1::uuid[])`, [setA]);
    const [{ n: instrB }] = await db.query(`SELECT count(*)::int AS n FROM subsidy_payout_instructions WHERE claim_id = ANY($1::uuid[])`, [setB]);
    const sA = stats(product.ms);
    const sB = stats(bare.ms);
    const perSec = (r: { wallMs: number }) => N / (r.wallMs / 1000);
    const f = (x: number) => x.toFixed(1);
    out();
    out(`                          product (PayoutPlanner)   baseline (bare SQL)   ratio product/baseline`);
    out(
      `approvals/s               ${f(perSec(product)).padStart(10)}                ${f(perSec(bare)).padStart(10)}          ${(perSec(product) / perSec(bare)).toFixed(2)}`,
    );
    out(`p50 ms per approval       ${f(sA.p50).padStart(10)}                ${f(sB.p50).padStart(10)}          ${(sA.p50 / sB.p50).toFixed(2)}`);
    out(`p95 ms per approval       ${f(sA.p95).padStart(10)}                ${f(sB.p95).padStart(10)}          ${(sA.p95 / sB.p95).toFixed(2)}`);
    out(`p99 ms per approval       ${f(sA.p99).padStart(10)}                ${f(sB.p99).padStart(10)}          ${(sA.p99 / sB.p99).toFixed(2)}`);
    out(`instructions written      ${String(instrA).padStart(10)}                ${String(instrB).padStart(10)}`);
    out(
      `batch of the due ones     ${f(productBatchMs).padStart(10)} ms (${made?.batch.count ?? 0} instr.)  ${f(bareBatchMs).padStart(7)} ms (${bareBatch.rowCount} instr.)  ${(productBatchMs / bareBatchMs).toFixed(2)}`,
    );
    out(
      `batch total (fen)         ${String(made?.batch.totalFen ?? 0).padStart(10)}                ${String(bareBatch.rows.reduce((s, r) => s + Number(r.amount_fen), 0)).padStart(10)}`,
    );
  } finally {
    await pool.end();
    await module.close();
    if (!KEEP) await dropDatabase(name);
    else out(`kept database ${name}`);
  }
}

if (require.main === module) {
  runPayoutsBench().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
