import { CoreModule, OUTBOX_JOB_ID_SQL, OutboxService, QueueName } from '@app/core';
import { CandidateIndexer, MatchingModule } from '@app/matching';
import { createTestApi, seekerWithProfile, TestApi } from '@app/testing';
import { getQueueToken } from '@nestjs/bullmq';
import { Test, TestingModule } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { SearchIndexProcessor } from '../../apps/worker/src/processors/search-index.processor';

/**
 * Outbox → BullMQ → SearchIndexProcessor → candidate index, with the worker's
 * processor running in-process and the relay driven by hand.
 */
describe('candidate index fed by the outbox', () => {
  let api: TestApi;
  let worker: TestingModule;
  let outbox: OutboxService;
  const handled = new Map<string, number>();
  const queueFor = (name: QueueName) => worker.get<Queue>(getQueueToken(name));

  beforeAll(async () => {
    api = await createTestApi();
    worker = await Test.createTestingModule({ imports: [CoreModule, MatchingModule], providers: [SearchIndexProcessor] }).compile();
    worker.useLogger(['error', 'warn']);
    const indexer = worker.get(CandidateIndexer);
    const original = indexer.handle.bind(indexer);
    jest.spyOn(indexer, 'handle').mockImplementation(async (job) => {
      handled.set(job.eventId, (handled.get(job.eventId) ?? 0) + 1);
      return original(job);
    });
    await worker.init();
    outbox = worker.get(OutboxService);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  const relayAll = async () => {
    while ((await outbox.relayBatch(queueFor)) > 0);
  };
  const doc = async (seekerId: string) =>
    (await api.db.query(`SELECT typing_speed, name, search_text FROM candidate_documents WHERE seeker_id = $1`, [seekerId]))[0] ?? null;
  async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<{ value: T; ms: number }> {
    const start = Date.now();
    for (;;) {
      const value = await fn();
      if (ok(value)) return { value, ms: Date.now() - start };
      if (Date.now() - start > ms) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('a committed profile change updates the document; consent withdrawal and deletion remove it within seconds', async () => {
    const s = await seekerWithProfile(api, { profile: { name: '刘晓燕', schoolName: '集宁师范学院', typingSpeed: 61 } });
    await relayAll();
    await waitFor(
      () => doc(s.seekerId),
      (d) => d?.typing_speed === 61,
    );

    await api.ok(`mutation($i: ProfileInput!) { saveMyProfile(input: $i) { id } }`, { i: { typingSpeed: 88 } }, s.token);
    await relayAll();
    await waitFor(
      () => doc(s.seekerId),
      (d) => d?.typing_speed === 88,
    );

    await api.ok(`mutation { withdrawConsent { id } }`, {}, s.token);
    await relayAll();
    const gone = await waitFor(
      () => doc(s.seekerId),
      (d) => d === null,
    );
    expect(gone.ms).toBeLessThan(5000);

    await api.ok(`mutation { grantConsent { id } }`, {}, s.token);
    await relayAll();
    await waitFor(
      () => doc(s.seekerId),
      (d) => d !== null,
    );

    await api.ok(`mutation { deleteMyAccount }`, {}, s.token);
    await relayAll();
    const erased = await waitFor(
      () => doc(s.seekerId),
      (d) => d === null,
    );
    expect(erased.ms).toBeLessThan(5000);
  });

  it('the relay crashing mid-batch loses nothing and duplicates nothing', async () => {
    await relayAll();
    const seekers = [];
    for (let i = 0; i < 3; i++) seekers.push(await seekerWithProfile(api, { profile: { name: `崩溃测试${i}`, typingSpeed: 50 + i } }));
    const mine: Array<{ id: string; job_id: string; aggregate_id: string }> = await api.db.query(
      `SELECT id::text, ${OUTBOX_JOB_ID_SQL} AS job_id, aggregate_id FROM outbox_events WHERE aggregate_id = ANY($1::uuid[]) ORDER BY id`,
      [seekers.map((s) => s.seekerId)],
    );
    expect(mine.length).toBeGreaterThanOrEqual(6);
    const pending: Array<{ id: string }> = await api.db.query(`SELECT id::text FROM outbox_events WHERE relayed_at IS NULL ORDER BY id`);
    // Crash after half of this test's events were put on the queue, before the batch commits.
    const crashAt = pending.findIndex((p) => p.id === mine[Math.floor(mine.length / 2)].id) + 1;
    await expect(
      outbox.relayBatch(queueFor, 200, (n) => {
        if (n === crashAt) throw new Error('relay crashed');
      }),
    ).rejects.toThrow('relay crashed');
    const [{ unrelayed }] = await api.db.query(`SELECT count(*)::int AS unrelayed FROM outbox_events WHERE id = ANY($1::bigint[]) AND relayed_at IS NULL`, [
      mine.map((m) => m.id),
    ]);
    expect(unrelayed).toBe(mine.length); // rolled back: still pending

    await relayAll();
    const searchQueue = queueFor(QueueName.SEARCH_INDEX);
    for (const m of mine) {
      const [row] = await api.db.query(`SELECT relayed_at FROM outbox_events WHERE id = $1`, [m.id]);
      expect(row.relayed_at).not.toBeNull();
      expect(await searchQueue.getJob(m.job_id)).toBeTruthy(); // one job per event, the id is the event's
    }
    for (const [i, s] of seekers.entries())
      await waitFor(
        () => doc(s.seekerId),
        (d) => d?.typing_speed === 50 + i,
      );
    // Jobs enqueued before the crash were not enqueued again: each event handled once.
    await waitFor(
      async () => mine.map((m) => handled.get(m.id) ?? 0),
      (counts) => counts.every((c) => c === 1),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(mine.map((m) => handled.get(m.id))).toEqual(mine.map(() => 1));
  });

  it('full reindex and consistency check agree with the database', async () => {
    const indexer = worker.get(CandidateIndexer);
    const [{ t }] = await api.db.query(`SELECT now() AS t`);
    const report = await indexer.reindexAll({ batchSize: 50 });
    expect(report.scanned).toBeGreaterThan(0);
    const check = await indexer.checkConsistency(100_000);
    // Other suites change seekers concurrently without relaying: only rows changed since the reindex began may differ.
    const odd = [...check.missing, ...check.stale.map((x) => x.id), ...check.extra];
    if (odd.length) {
      const rows: Array<{ updated_at: Date }> = await api.db.query(`SELECT updated_at FROM seekers WHERE id = ANY($1::uuid[])`, [odd]);
      for (const r of rows) expect(r.updated_at.getTime()).toBeGreaterThanOrEqual(new Date(t).getTime());
    }
    // A document that drifted from its row is found, and repaired.
    const s = await seekerWithProfile(api, { profile: { name: '漂移测试', typingSpeed: 66 } });
    await indexer.syncSeeker(s.seekerId);
    await api.db.query(`UPDATE candidate_documents SET typing_speed = 1 WHERE seeker_id = $1`, [s.seekerId]);
    const bad = await indexer.checkConsistency(100_000, true);
    expect(bad.stale).toContainEqual({ id: s.seekerId, fields: ['typingSpeed'] });
    expect(bad.ok).toBe(false);
    expect((await doc(s.seekerId)).typing_speed).toBe(66);
  });
});
