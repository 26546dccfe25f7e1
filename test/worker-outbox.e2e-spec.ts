import { OUTBOX_JOB_ID_SQL, OutboxService, QueueName, SmsSender } from '@app/core';
import {
  applyTo,
  CapturingSmsSender,
  createTestApi,
  moveTo,
  openPosting,
  seekerWithProfile,
  tenantWithHr,
  TestApi,
  useIsolatedDatabase,
  waitFor as sharedWaitFor,
} from '@app/testing';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const waitFor = <T>(fn: () => Promise<T | null | undefined | false>, ms = 40_000): Promise<T> => sharedWaitFor(fn, ms);

describe('outbox → BullMQ → worker (real PostgreSQL + Redis)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  const workerSms = new CapturingSmsSender();

  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    // Its own database: the crash test must see every pending outbox row, and other files' workers relay the shared one.
    dropDatabase = await useIsolatedDatabase();
    api = await createTestApi();
    const ref = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(SmsSender)
      .useValue(workerSms)
      .compile();
    worker = await ref.init();
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await dropDatabase();
  });

  it('a stage change written in the API reaches the seeker as an in-app message and an SMS, once', async () => {
    const { hrToken } = await tenantWithHr(api);
    const postingId = await openPosting(api, hrToken, 2);
    const s = await seekerWithProfile(api);
    const appId = await applyTo(api, s.token, postingId);
    await moveTo(api, hrToken, appId, 'INTERVIEW');
    const list = await waitFor(async () => {
      const d = await api.ok(`{ myNotifications { kind title body } }`, {}, s.token);
      return d.myNotifications.length ? d.myNotifications : null;
    });
    expect(list[0]).toMatchObject({ kind: 'APPLICATION_STAGE', title: '投递进度：面试' });
    await waitFor(async () => workerSms.sent.some((m) => m.phone === s.phone && m.text.includes('面试')));
    // The outbox row is marked relayed.
    const rows = await api.db.query(`SELECT relayed_at FROM outbox_events WHERE aggregate_id = $1 AND topic = 'notify.application_stage'`, [appId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].relayed_at).not.toBeNull();
  });

  it('the notification is pushed to the seeker over graphql-ws (through Redis, from the worker process)', async () => {
    const { hrToken } = await tenantWithHr(api);
    const postingId = await openPosting(api, hrToken, 2);
    const s = await seekerWithProfile(api);
    const appId = await applyTo(api, s.token, postingId);
    const client = createClient({
      url: api.url.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${s.token}` },
      lazy: false,
    });
    const received: any[] = [];
    const done = new Promise<void>((resolve, reject) => {
      client.subscribe(
        { query: `subscription { notificationAdded { kind title createdAt } }` },
        {
          next: (v) => {
            received.push(v);
            resolve();
          },
          error: reject,
          complete: () => undefined,
        },
      );
    });
    await new Promise((r) => setTimeout(r, 300)); // let the subscription register in Redis
    await moveTo(api, hrToken, appId, 'SCREENING');
    await Promise.race([done, new Promise((_, rej) => setTimeout(() => rej(new Error('no push within 15 s')), 15000))]);
    expect(received[0].data.notificationAdded).toMatchObject({ kind: 'APPLICATION_STAGE', title: '投递进度：筛选中' });
    await client.dispose();
    // Without a token the subscription is refused.
    const anon = createClient({ url: api.url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    const err = await new Promise<any>((resolve) => {
      anon.subscribe({ query: `subscription { notificationAdded { kind } }` }, { next: resolve, error: resolve, complete: () => resolve(null) });
    });
    // graphql-ws errors are formatted like HTTP ones (libs/core/src/graphql/ws.ts).
    expect(err.errors?.[0]).toMatchObject({ message: '请先登录', extensions: { code: 'UNAUTHENTICATED', messageEn: 'Sign-in required' } });
    await anon.dispose();
  });

  it('a relay that crashes mid-batch loses nothing and duplicates nothing', async () => {
    const outbox = api.app.get(OutboxService);
    const queue = api.app.get<Queue>(getQueueToken(QueueName.NOTIFICATIONS));
    const { hrToken } = await tenantWithHr(api);
    const postingId = await openPosting(api, hrToken, 9);
    const s = await seekerWithProfile(api);
    const [{ user_id: userId }] = await api.db.query(`SELECT user_id FROM seekers WHERE id = $1`, [s.seekerId]);
    const appId = await applyTo(api, s.token, postingId);
    // Hold the worker's own relay (its 5 s sweep and the kicks from the API) so that this test's relay is the one
    // that meets the events; otherwise the worker may relay them first or hold their row locks (SKIP LOCKED).
    const relayQueue = api.app.get<Queue>(getQueueToken(QueueName.OUTBOX));
    await relayQueue.pause();
    await waitFor(async () => (await relayQueue.getActiveCount()) === 0);
    // Five events in one transaction, not yet relayed.
    await api.db.transaction(async (m) => {
      for (let i = 0; i < 5; i++) await outbox.record(m, 'notify.test', appId, { userId, kind: 'TEST', title: `第${i}条`, body: 'x' });
    });
    const ids: string[] = (await api.db.query(`SELECT id FROM outbox_events WHERE topic = 'notify.test' AND aggregate_id = $1 ORDER BY id`, [appId])).map(
      (r: any) => String(r.id),
    );
    expect(ids).toHaveLength(5);
    // Crash after enqueueing 3 of them, before the transaction commits.
    let seen = 0;
    await expect(
      outbox.relayBatch(
        (name) => api.app.get<Queue>(getQueueToken(name)),
        1000,
        () => {
          if (++seen === 3) throw new Error('simulated crash');
        },
      ),
    ).rejects.toThrow('simulated crash');
    const stillPending = await api.db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE id = ANY($1::bigint[]) AND relayed_at IS NULL`, [ids]);
    expect(stillPending[0].n).toBe(5);
    // The next relay (the worker's sweep or kick) delivers all five, each exactly once.
    await relayQueue.resume();
    await outbox.kick();
    await waitFor(async () => {
      const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'TEST'`, [userId]);
      return n === 5;
    });
    await new Promise((r) => setTimeout(r, 500));
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'TEST'`, [userId]);
    expect(n).toBe(5);
    const jobIds: Array<{ job_id: string }> = await api.db.query(`SELECT ${OUTBOX_JOB_ID_SQL} AS job_id FROM outbox_events WHERE id = ANY($1::bigint[])`, [
      ids,
    ]);
    for (const { job_id } of jobIds) expect(await queue.getJob(job_id)).toBeDefined();
  });

  it('an event id used again (database restored or created anew) is still delivered, not taken for a duplicate', async () => {
    const outbox = api.app.get(OutboxService);
    const first = await seekerWithProfile(api);
    const [{ user_id: firstUser }] = await api.db.query(`SELECT user_id FROM seekers WHERE id = $1`, [first.seekerId]);
    await api.db.transaction((m) => outbox.record(m, 'notify.test', first.seekerId, { userId: firstUser, kind: 'REUSED', title: '第一次', body: 'x' }));
    const [{ id }] = await api.db.query(`SELECT id FROM outbox_events WHERE aggregate_id = $1 AND topic = 'notify.test'`, [first.seekerId]);
    await outbox.kick();
    await waitFor(async () => (await api.db.query(`SELECT 1 FROM notifications WHERE user_id = $1 AND kind = 'REUSED'`, [firstUser])).length === 1);
    // As after a restore from backup: the row is gone and its id is handed out again for a new event.
    await api.db.query(`DELETE FROM outbox_events WHERE id = $1`, [id]);
    const second = await seekerWithProfile(api);
    const [{ user_id: secondUser }] = await api.db.query(`SELECT user_id FROM seekers WHERE id = $1`, [second.seekerId]);
    await api.db.query(`INSERT INTO outbox_events (id, topic, aggregate_id, payload) VALUES ($1, 'notify.test', $2, $3)`, [
      id,
      second.seekerId,
      JSON.stringify({ userId: secondUser, kind: 'REUSED', title: '第二次', body: 'x' }),
    ]);
    await outbox.kick();
    const got = await waitFor(async () => (await api.db.query(`SELECT title FROM notifications WHERE user_id = $1 AND kind = 'REUSED'`, [secondUser]))[0]);
    expect(got.title).toBe('第二次');
  });
});
