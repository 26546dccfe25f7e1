/**
 * Payouts exactly once under faults (issue 10, "Exactly once under faults"), each a test against the real PostgreSQL
 * and Redis with real worker processes: killed with SIGKILL after the batch transaction commits but before the job
 * completes; killed before the commit; the same job added twice; two workers racing on a stalled job (short lock);
 * Redis flushed (FLUSHALL, on a redis-server of this test's own) with jobs in flight. After each: exactly one
 * instruction per idempotency key, and batch totals equal the approved totals to the fen.
 *
 * The first four use test/subsidies/payout-worker-child.ts (the real PayoutJobHandler behind a BullMQ Worker with a
 * 1 s lock and a fault hook); the FLUSHALL test runs the real worker (apps/worker/src/main.ts) against its own Redis.
 */
import { AppConfig, Clock, CryptoService, OutboxService, QueueName, shanghaiDate } from '@app/core';
import {
  dailyBatchKey,
  PAYOUT_BATCH_JOB,
  PAYOUT_SWEEP_JOB,
  PAYOUT_SWEEP_SCHEDULER_ID,
  PayoutPlanner,
  SUBSIDY_PAYOUT_QUEUE,
  SubsidyPayoutsModule,
} from '@app/subsidies';
import { createServiceModule, useIsolatedDatabase, waitFor } from '@app/testing';
import { TestingModule } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { ChildProcess, spawn } from 'child_process';
import IORedis from 'ioredis';
import * as path from 'path';
import { DataSource } from 'typeorm';
import { World } from '../architecture/world';
import { approvedClaim, payoutInvariants } from './payout-world';

const ROOT = path.join(__dirname, '..', '..');
jest.setTimeout(600_000);

interface Child {
  proc: ChildProcess;
  lines: string[];
  waitLine(prefix: string, ms?: number): Promise<string>;
  exited: Promise<void>;
}

describe('payouts exactly once under faults (real PostgreSQL, Redis and worker processes)', () => {
  let dropDatabase: () => Promise<void>;
  let module: TestingModule;
  let db: DataSource;
  let w: World;
  let redisUrl: string;
  let today: string;
  const children: ChildProcess[] = [];
  const queues: Queue[] = [];
  let run = 0;

  beforeAll(async () => {
    dropDatabase = await useIsolatedDatabase();
    ({ module, db } = await createServiceModule([SubsidyPayoutsModule]));
    w = new World(db, module.get(CryptoService), module.get(Clock));
    redisUrl = module.get(AppConfig).redis.url;
    today = shanghaiDate(module.get(Clock).now());
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const q of queues) await q.close();
    await module.close();
    await dropDatabase();
  });

  /** A unique BullMQ prefix per test: never another test's (or another file's) jobs. */
  const prefix = () => `${process.env.QUEUE_PREFIX}-fault${++run}`;

  function queueOn(url: string, pfx: string): Queue {
    const u = new URL(url);
    const connection = {
      host: u.hostname,
      port: Number(u.port || 6379),
      db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
      maxRetriesPerRequest: null,
    };
    const q = new Queue(SUBSIDY_PAYOUT_QUEUE, { connection, prefix: pfx });
    queues.push(q);
    return q;
  }

  function start(script: string, args: string[], env: Record<string, string>): Child {
    const proc = spawn(process.execPath, ['-r', 'tsconfig-paths/register', '-r', 'ts-node/register/transpile-only', script, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(proc);
    const lines: string[] = [];
    let buf = '';
    proc.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop()!;
      lines.push(...parts);
    });
    proc.stderr!.on('data', (d: Buffer) => lines.push(`stderr:${d.toString()}`));
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    const waitLine = (p: string, ms = 300_000) =>
      waitFor(
        async () => {
          const hit = lines.find((l) => l.startsWith(p));
          if (!hit && proc.exitCode !== null) throw new Error(`exited with ${proc.exitCode}`);
          return hit;
        },
        ms,
        50,
      ).catch((e) => {
        throw new Error(`${e.message}: no "${p}" from ${script} ${args.join(' ')}; output:\n${lines.join('\n').slice(-3000)}`);
      });
    return { proc, lines, waitLine, exited };
  }

  const child = (mode: string, pfx: string) => start('test/subsidies/payout-worker-child.ts', [mode, '1000'], { QUEUE_PREFIX: pfx });

  async function kill(c: Child): Promise<void> {
    c.proc.kill('SIGKILL');
    await c.exited;
    expect(c.proc.signalCode).toBe('SIGKILL');
  }

  /** Approved company claims (item 16 and 12 lines) planned as the approval does; returns their ids and the approved total. */
  async function approvedClaims(n: number, withHires = false): Promise<{ claimIds: string[]; approvedFen: number; hireIds: string[] }> {
    const t = await w.tenant();
    const claimIds: string[] = [];
    const hireIds: string[] = [];
    let approvedFen = 0;
    for (let i = 0; i < n; i++) {
      const hireId = withHires ? (await w.hire(t.tenantId, (await w.seekerAccount()).seekerId)).hireId : null;
      if (hireId) hireIds.push(hireId);
      const lines = [{ amountFen: 500_000, hireId }, { amountFen: 140_000 + i }];
      const { claimId } = await approvedClaim(db, { item: 'ITEM_16', tenantId: t.tenantId, partyId: t.tenantId, lines });
      await db.transaction((m) => module.get(PayoutPlanner).planApproved(m, claimId));
      claimIds.push(claimId);
      approvedFen += lines.reduce((s, l) => s + l.amountFen, 0);
    }
    return { claimIds, approvedFen, hireIds };
  }

  const batchesWithKey = (key: string) =>
    db.query(`SELECT id, total_fen::int AS total_fen, count FROM subsidy_payment_batches WHERE request_key = $1`, [key]) as Promise<
      Array<{ id: string; total_fen: number; count: number }>
    >;

  async function completed(q: Queue, jobId: string): Promise<any> {
    return waitFor(
      async () => {
        const job = await q.getJob(jobId);
        if (!job || !(await job.isCompleted())) return false;
        // Read again: a job fetched just before it completed holds no return value yet (seen once in CI as null).
        const done = (await q.getJob(jobId))!;
        return { returnvalue: done.returnvalue, attemptsStarted: done.attemptsStarted, stalledCounter: done.stalledCounter };
      },
      300_000,
      100,
    );
  }

  async function expectExactlyOnce(claimIds: string[], approvedFen: number, key: string) {
    const inv = await payoutInvariants(db, claimIds);
    expect(inv).toMatchObject({ duplicateKeys: 0, approvedFen, instructedFen: approvedFen, batchedFen: approvedFen, batches: 1, batchesNotAddingUp: 0 });
    expect(inv.batchedInstructions).toBe(inv.instructions);
    const batches = await batchesWithKey(key);
    expect(batches).toHaveLength(1);
    expect(batches[0].total_fen).toBe(approvedFen);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM subsidy_payout_instructions WHERE status = 'DUE'`);
    expect(n).toBe(0);
  }

  it('killed with SIGKILL after the batch transaction commits, before the job completes: the job runs again and makes nothing new', async () => {
    const { claimIds, approvedFen } = await approvedClaims(3);
    const pfx = prefix();
    const q = queueOn(redisUrl, pfx);
    const key = `after-commit-${pfx}`;
    const a = child('hang-after-commit', pfx);
    await a.waitLine('ready');
    await q.add(PAYOUT_BATCH_JOB, { dueThrough: today, requestKey: key }, { jobId: key, attempts: 5 });
    await a.waitLine('hook:after-commit');
    expect(await batchesWithKey(key)).toHaveLength(1); // committed
    await kill(a);
    const b = child('none', pfx);
    const job = await completed(q, key);
    expect(job.returnvalue).toMatchObject({ created: false });
    expect(b.lines.some((l) => l.startsWith(`start:${key}`))).toBe(true);
    await expectExactlyOnce(claimIds, approvedFen, key);
    await kill(b);
  });

  it('killed with SIGKILL before the commit: nothing was written; the job runs again and makes the batch once', async () => {
    const { claimIds, approvedFen } = await approvedClaims(3);
    const pfx = prefix();
    const q = queueOn(redisUrl, pfx);
    const key = `before-commit-${pfx}`;
    const a = child('hang-before-commit', pfx);
    await a.waitLine('ready');
    await q.add(PAYOUT_BATCH_JOB, { dueThrough: today, requestKey: key }, { jobId: key, attempts: 5 });
    await a.waitLine('hook:before-commit');
    await kill(a);
    // The killed process's transaction is rolled back when its connection drops.
    await waitFor(async () => (await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'idle in transaction'`))[0].n === 0, 20_000);
    expect(await batchesWithKey(key)).toHaveLength(0);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM subsidy_payout_instructions WHERE claim_id = ANY($1::uuid[]) AND status = 'DUE'`, [
      claimIds,
    ]);
    expect(n).toBe(6);
    const b = child('none', pfx);
    const job = await completed(q, key);
    expect(job.returnvalue).toMatchObject({ created: true, batch: { count: 6, totalFen: approvedFen } });
    await expectExactlyOnce(claimIds, approvedFen, key);
    await kill(b);
  });

  it('the same job added twice, and the same batch asked for under another job id: one batch', async () => {
    const { claimIds, approvedFen } = await approvedClaims(4);
    const pfx = prefix();
    const q = queueOn(redisUrl, pfx);
    const key = `twice-${pfx}`;
    await q.add(PAYOUT_BATCH_JOB, { dueThrough: today, requestKey: key }, { jobId: key });
    await q.add(PAYOUT_BATCH_JOB, { dueThrough: today, requestKey: key }, { jobId: key });
    expect((await q.getJobCounts('waiting')).waiting).toBe(1); // BullMQ keeps one job per id
    await q.add(PAYOUT_BATCH_JOB, { dueThrough: today, requestKey: key }, { jobId: `${key}-again` });
    await q.add(PAYOUT_BATCH_JOB, { dueThrough: today, requestKey: `${key}-other` }, { jobId: `${key}-other` });
    const c = child('none', pfx);
    const results = [await completed(q, key), await completed(q, `${key}-again`), await completed(q, `${key}-other`)].map((j) => j.returnvalue);
    expect(results).toEqual([
      { created: true, batch: expect.objectContaining({ count: 8, totalFen: approvedFen }) },
      { created: false, batch: expect.objectContaining({ count: 8, totalFen: approvedFen }) },
      { created: false, batch: null },
    ]);
    expect(await batchesWithKey(`${key}-other`)).toHaveLength(0);
    await expectExactlyOnce(claimIds, approvedFen, key);
    await kill(c);
  });

  it('two workers racing on a stalled job (1 s lock, the first one frozen for 4 s inside the transaction): one batch', async () => {
    const { claimIds, approvedFen } = await approvedClaims(3);
    const pfx = prefix();
    const q = queueOn(redisUrl, pfx);
    const key = `stalled-${pfx}`;
    const a = child('block-before-commit', pfx);
    const b = child('block-before-commit', pfx);
    await a.waitLine('ready');
    await b.waitLine('ready');
    await q.add(PAYOUT_BATCH_JOB, { dueThrough: today, requestKey: key }, { jobId: key, attempts: 5 });
    const job = await completed(q, key);
    // Both workers started it: the first froze past its lock, the other took the stalled job over.
    await waitFor(async () => [a, b].every((c) => c.lines.some((l) => l.startsWith(`start:${key}`))), 30_000);
    await waitFor(async () => [a, b].some((c) => c.lines.includes('hook:unblocked')), 30_000);
    expect(job.stalledCounter + job.attemptsStarted).toBeGreaterThanOrEqual(2);
    expect(job.returnvalue).toMatchObject({ created: false });
    await expectExactlyOnce(claimIds, approvedFen, key);
    await kill(a);
    await kill(b);
  });

  it('Redis flushed (FLUSHALL) with jobs in flight: the relay re-enqueues what is pending in the outbox, the sweep re-derives the rest from PostgreSQL', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(redis);
    const ownUrl = `redis://127.0.0.1:${port}`;
    const admin = new IORedis(ownUrl, { maxRetriesPerRequest: null });
    await waitFor(async () => (await admin.ping().catch(() => null)) === 'PONG', 20_000);
    const pfx = prefix();
    const q = queueOn(ownUrl, pfx);
    try {
      // Approved before the flush; their planned events (with those the earlier tests left unrelayed) are relayed to
      // Redis — in flight: no worker has taken them yet.
      const first = await approvedClaims(4, true);
      const outbox = module.get(OutboxService);
      const [{ n: pending }] = await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE relayed_at IS NULL AND topic = 'subsidy.payout.planned'`);
      expect(pending).toBeGreaterThanOrEqual(4);
      const relayTo = (name: QueueName) => (name === QueueName.SUBSIDY_PAYOUTS ? q : queueOn(ownUrl, pfx));
      expect(await outbox.relayBatch(relayTo as (n: QueueName) => Queue, 1000)).toBe(pending);
      expect((await q.getJobCounts('waiting')).waiting).toBe(pending);
      await admin.flushall();
      expect((await q.getJobCounts('waiting')).waiting).toBe(0);
      // Approved after the flush: pending in the outbox.
      const second = await approvedClaims(3, true);
      // The real worker against the flushed Redis: its relay picks up the pending events, its processor plans the checks.
      const worker = start('apps/worker/src/main.ts', [], { REDIS_URL: ownUrl, QUEUE_PREFIX: pfx });
      const checksOf = async (hireIds: string[]) =>
        (await db.query(`SELECT count(*)::int AS n FROM subsidy_retention_checks WHERE hire_id = ANY($1::uuid[])`, [hireIds]))[0].n as number;
      await waitFor(async () => (await checksOf(second.hireIds)) === 9, 300_000, 250).catch((e) => {
        throw new Error(`${e.message}; worker output:\n${worker.lines.join('\n').slice(-3000)}`);
      });
      expect(await checksOf(first.hireIds)).toBe(0); // their jobs were flushed
      expect((await q.getJobSchedulers()).map((s) => s.key ?? s.id)).toContain(PAYOUT_SWEEP_SCHEDULER_ID);
      // The daily sweep (run now, as its scheduler would at 06:00) re-derives the lost work from PostgreSQL and batches once.
      await q.add(PAYOUT_SWEEP_JOB, {}, { jobId: `sweep-now-${pfx}` });
      await q.add(PAYOUT_SWEEP_JOB, {}, { jobId: `sweep-again-${pfx}` });
      await completed(q, `sweep-now-${pfx}`);
      await completed(q, `sweep-again-${pfx}`);
      expect(await checksOf(first.hireIds)).toBe(12);
      expect(await checksOf(second.hireIds)).toBe(9);
      const claimIds = [...first.claimIds, ...second.claimIds];
      const inv = await payoutInvariants(db, claimIds);
      expect(inv).toMatchObject({ duplicateKeys: 0, instructions: 14, batchedInstructions: 14, batches: 1, batchesNotAddingUp: 0 });
      expect(inv.batchedFen).toBe(first.approvedFen + second.approvedFen);
      expect(await batchesWithKey(dailyBatchKey(today))).toEqual([expect.objectContaining({ total_fen: first.approvedFen + second.approvedFen, count: 14 })]);
      await kill(worker);
    } finally {
      await admin.quit();
      redis.kill('SIGKILL');
    }
  });
});
