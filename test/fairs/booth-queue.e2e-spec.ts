import { AppConfig, Role } from '@app/core';
import { createTestApi, insertStaff, seekerWithProfile, signInStaff, tenantWithHr, TestApi } from '@app/testing';
import { JwtService } from '@nestjs/jwt';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ANSWER_SECONDS, BOOTH_ANSWER_DEADLINE_JOB, BoothQueueService, FAIR_LIVE_QUEUE, MAX_QUEUES } from '@app/fairs';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { insertBooth, insertFair } from './live-fixtures';

const JOIN = `mutation($b: ID!, $o: Boolean) { joinBoothQueue(boothId: $b, onSite: $o) { boothId number mode state position estimate { minSeconds maxSeconds learned } recalled companyName boothNumber } }`;
const MINE = `{ myBoothQueues { boothId number state position recalled estimate { minSeconds maxSeconds learned } } }`;
const NEXT = `mutation($b: ID!) { callNextAtBooth(boothId: $b) { previousOutcome called { seekerUserId number recalled mode } queue { waitingCount medianServiceSeconds waiting { number skipped } } } }`;
const TOKEN = `mutation($b: ID!) { boothJoinToken(boothId: $b) { token room role expiresAt } }`;
const QUEUE = `query($b: ID!) { boothQueue(boothId: $b) { boothNumber waitingCount current { seekerUserId number answeredAt } waiting { seekerUserId number skipped } } }`;

// Many sign-ins and hires per test on a machine shared by several people: more than jest's default 30 s.
jest.setTimeout(90_000);

describe('booth queues at a live fair (real Redis and PostgreSQL)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  async function liveBooth(number = 'A01') {
    const t = await tenantWithHr(api);
    const fairId = await insertFair(api);
    const { boothId } = await insertBooth(api, fairId, t.tenantId, number);
    return { ...t, fairId, boothId };
  }
  const userIdOf = async (token: string) => (await api.ok(`{ me { id } }`, {}, token)).me.id as string;
  const code = (r: { errors?: Array<{ extensions?: { code?: string } }> }) => r.errors?.[0]?.extensions?.code;
  const myIn = async (token: string, boothId: string) => (await api.ok(MINE, {}, token)).myBoothQueues.find((q: any) => q.boothId === boothId) ?? null;

  it('positions, the wait range learned from the booth’s service times, skip → recall once → no-show', async () => {
    const booth = await liveBooth();
    const [s1, s2, s3] = [await seekerWithProfile(api), await seekerWithProfile(api), await seekerWithProfile(api)];
    const j1 = (await api.ok(JOIN, { b: booth.boothId }, s1.token)).joinBoothQueue;
    expect(j1).toMatchObject({ number: 1, mode: 'ONLINE', state: 'WAITING', position: 1, boothNumber: 'A01' });
    expect(j1.estimate).toEqual({ minSeconds: 0, maxSeconds: 0, learned: false });
    await api.ok(JOIN, { b: booth.boothId }, s2.token);
    const j3 = (await api.ok(JOIN, { b: booth.boothId }, s3.token)).joinBoothQueue;
    expect(j3).toMatchObject({ number: 3, position: 3 });
    // Until the booth has served anybody: 3–8 minutes per seeker ahead.
    expect(j3.estimate).toEqual({ minSeconds: 2 * 180, maxSeconds: 2 * 480, learned: false });
    // Joining again keeps the place.
    expect((await api.ok(JOIN, { b: booth.boothId }, s1.token)).joinBoothQueue).toMatchObject({ number: 1, position: 1 });

    // A seeker cannot take a token before being called; HR of another company does not see the booth.
    expect(code(await api.gql(TOKEN, { b: booth.boothId }, s2.token))).toBe('NOT_YOUR_TURN');
    const other = await tenantWithHr(api);
    expect(code(await api.gql(NEXT, { b: booth.boothId }, other.hrToken))).toBe('NOT_FOUND');
    expect(code(await api.gql(QUEUE, { b: booth.boothId }, other.hrToken))).toBe('NOT_FOUND');

    // next → s1 called; s1 answers by taking the room token (HR's desk room).
    const n1 = (await api.ok(NEXT, { b: booth.boothId }, booth.hrToken)).callNextAtBooth;
    expect(n1).toMatchObject({ previousOutcome: 'NONE', called: { number: 1, recalled: false }, queue: { waitingCount: 2 } });
    expect(await myIn(s1.token, booth.boothId)).toMatchObject({ state: 'CALLED', position: null });
    expect(await myIn(s2.token, booth.boothId)).toMatchObject({ state: 'WAITING', position: 1 });
    const hrUserId = await userIdOf(booth.hrToken);
    const t1 = (await api.ok(TOKEN, { b: booth.boothId }, s1.token)).boothJoinToken;
    expect(t1).toMatchObject({ role: 'SEEKER', room: `booth-${booth.boothId}-${hrUserId}` });
    const claims = api.app.get(JwtService).verify(t1.token, { secret: api.app.get(AppConfig).auth.mediaTokenSecret, audience: 'talent-cloud-media' });
    expect(claims).toMatchObject({ typ: 'media', kind: 'BOOTH', role: 'SEEKER', room: t1.room, sub: await userIdOf(s1.token), name: '求职者' });
    expect(await myIn(s1.token, booth.boothId)).toMatchObject({ state: 'IN_CALL' });
    const hrTok = (await api.ok(TOKEN, { b: booth.boothId }, booth.hrToken)).boothJoinToken;
    expect(hrTok).toMatchObject({ role: 'HR', room: t1.room });

    // Four minutes of conversation, then next: served, and the wait estimate now learns from it.
    api.clock.advance(4 * 60_000);
    const n2 = (await api.ok(NEXT, { b: booth.boothId }, booth.hrToken)).callNextAtBooth;
    expect(n2).toMatchObject({ previousOutcome: 'SERVED', called: { number: 2 }, queue: { medianServiceSeconds: 240 } });
    expect(await myIn(s1.token, booth.boothId)).toBeNull();
    expect(await myIn(s3.token, booth.boothId)).toMatchObject({ position: 1, estimate: { minSeconds: 240, maxSeconds: 240, learned: true } });

    // s2 does not answer: HR must wait out the answer time, then s2 is skipped and s3 called.
    const early = await api.gql(NEXT, { b: booth.boothId }, booth.hrToken);
    expect(code(early)).toBe('CALL_PENDING');
    api.clock.advance(ANSWER_SECONDS * 1000 + 1);
    const n3 = (await api.ok(NEXT, { b: booth.boothId }, booth.hrToken)).callNextAtBooth;
    expect(n3).toMatchObject({ previousOutcome: 'SKIPPED', called: { number: 3, recalled: false } });
    // s2 is recalled right after s3.
    expect(n3.queue.waiting).toEqual([{ number: 2, skipped: true }]);
    expect(await myIn(s2.token, booth.boothId)).toMatchObject({ state: 'WAITING', position: 1, recalled: true });
    await api.ok(TOKEN, { b: booth.boothId }, s3.token);
    api.clock.advance(2 * 60_000);
    const n4 = (await api.ok(NEXT, { b: booth.boothId }, booth.hrToken)).callNextAtBooth;
    expect(n4).toMatchObject({ previousOutcome: 'SERVED', called: { number: 2, recalled: true } });
    // Missing the recall too: a no-show, out of the queue (and the place no longer counts against the limit).
    api.clock.advance(ANSWER_SECONDS * 1000 + 1);
    const n5 = (await api.ok(NEXT, { b: booth.boothId }, booth.hrToken)).callNextAtBooth;
    expect(n5).toMatchObject({ previousOutcome: 'NO_SHOW', called: null, queue: { waitingCount: 0 } });
    expect(await myIn(s2.token, booth.boothId)).toBeNull();

    const log = await api.db.query(`SELECT number, outcome, service_ms FROM fair_booth_queue_log WHERE booth_id = $1 ORDER BY id`, [booth.boothId]);
    expect(log.map((r: any) => `${r.number}:${r.outcome}`)).toEqual(['1:SERVED', '2:SKIPPED', '3:SERVED', '2:NO_SHOW']);
    // Four minutes on the app's clock, plus the few real milliseconds the requests took.
    expect(log[0].service_ms).toBeGreaterThanOrEqual(240_000);
    expect(log[0].service_ms).toBeLessThan(245_000);
  });

  it('nobody has to press next for a seeker who does not answer: the deadline job skips them, recalls once, then no-show; an answered call is left alone', async () => {
    const booth = await liveBooth('A02');
    const [s1, s2] = [await seekerWithProfile(api), await seekerWithProfile(api)];
    await api.ok(JOIN, { b: booth.boothId }, s1.token);
    await api.ok(JOIN, { b: booth.boothId }, s2.token);
    const svc = api.app.get(BoothQueueService);
    const jobs = api.app.get<Queue>(getQueueToken(FAIR_LIVE_QUEUE));
    const current = async () => (await api.ok(QUEUE, { b: booth.boothId }, booth.hrToken)).boothQueue;
    /** The deadline job the last call queued (delayed in Redis until the answer time is up), as the worker gets it. */
    const deadlineJob = async (calledAt: number) => {
      const delayed = (await jobs.getDelayed()).filter((j) => j.name === BOOTH_ANSWER_DEADLINE_JOB && j.data.boothId === booth.boothId);
      const job = delayed.find((j) => j.data.calledAt === calledAt);
      expect(job?.opts.delay).toBeGreaterThanOrEqual(ANSWER_SECONDS * 1000);
      return job!.data as { boothId: string; calledAt: number };
    };

    const n1 = (await api.ok(NEXT, { b: booth.boothId }, booth.hrToken)).callNextAtBooth;
    expect(n1.called).toMatchObject({ number: 1, recalled: false });
    const call1 = new Date(
      (await api.ok(`query($b: ID!) { boothQueue(boothId: $b) { current { calledAt } } }`, { b: booth.boothId }, booth.hrToken)).boothQueue.current.calledAt,
    ).getTime();
    const job1 = await deadlineJob(call1);

    // Run before the deadline (another process's clock a little behind): nothing changes, it looks again later.
    expect(await svc.expireCall(job1.boothId, job1.calledAt)).toBe('PENDING');
    expect((await current()).current).toMatchObject({ number: 1 });

    // The answer time is up: s1 is skipped, s2 called for the same desk — nobody pressed anything.
    api.clock.advance(ANSWER_SECONDS * 1000 + 1);
    expect(await svc.expireCall(job1.boothId, job1.calledAt)).toBe('SKIPPED');
    expect((await current()).current).toMatchObject({ number: 2 });
    expect(await myIn(s1.token, booth.boothId)).toMatchObject({ state: 'WAITING', position: 1, recalled: true });
    // The same job delivered twice (a retried job): stale, nothing more happens.
    expect(await svc.expireCall(job1.boothId, job1.calledAt)).toBe('STALE');
    expect((await current()).current).toMatchObject({ number: 2 });

    // s2 answers in time: its deadline job finds the call answered and leaves it alone.
    const call2 = new Date(
      (await api.ok(`query($b: ID!) { boothQueue(boothId: $b) { current { calledAt } } }`, { b: booth.boothId }, booth.hrToken)).boothQueue.current.calledAt,
    ).getTime();
    const job2 = await deadlineJob(call2);
    await api.ok(TOKEN, { b: booth.boothId }, s2.token);
    api.clock.advance(ANSWER_SECONDS * 1000 + 1);
    expect(await svc.expireCall(job2.boothId, job2.calledAt)).toBe('STALE');
    expect((await current()).current).toMatchObject({ number: 2, answeredAt: expect.any(String) });

    // HR ends s2's conversation: s1 is recalled; s1 misses the recall too → no-show, out of the queue.
    const n3 = (await api.ok(NEXT, { b: booth.boothId }, booth.hrToken)).callNextAtBooth;
    expect(n3).toMatchObject({ previousOutcome: 'SERVED', called: { number: 1, recalled: true } });
    const call3 = new Date(
      (await api.ok(`query($b: ID!) { boothQueue(boothId: $b) { current { calledAt } } }`, { b: booth.boothId }, booth.hrToken)).boothQueue.current.calledAt,
    ).getTime();
    const job3 = await deadlineJob(call3);
    api.clock.advance(ANSWER_SECONDS * 1000 + 1);
    expect(await svc.expireCall(job3.boothId, job3.calledAt)).toBe('NO_SHOW');
    expect((await current()).current).toBeNull();
    expect(await myIn(s1.token, booth.boothId)).toBeNull();
    const log = await api.db.query(`SELECT number, outcome FROM fair_booth_queue_log WHERE booth_id = $1 ORDER BY id`, [booth.boothId]);
    expect(log.map((r: any) => `${r.number}:${r.outcome}`)).toEqual(['1:SKIPPED', '2:SERVED', '1:NO_SHOW']);
  });

  it(`a seeker waits in at most ${MAX_QUEUES} queues, also when joining many at once`, async () => {
    const booths = [];
    for (let i = 0; i < MAX_QUEUES + 2; i++) booths.push(await liveBooth(`K${i}`));
    const s = await seekerWithProfile(api);
    const results = await Promise.all(booths.map((b) => api.gql(JOIN, { b: b.boothId }, s.token)));
    expect(results.filter((r) => !r.errors).length).toBe(MAX_QUEUES);
    const refused = results.filter((r) => r.errors);
    expect(refused.map(code)).toEqual(['QUEUE_LIMIT', 'QUEUE_LIMIT']);
    expect(refused[0].errors![0].message).toBe(`最多同时排${MAX_QUEUES}个展位的队，请先退出一个`);
    expect((await api.ok(MINE, {}, s.token)).myBoothQueues).toHaveLength(MAX_QUEUES);
    // Leaving one frees a place.
    const joined = booths.filter((_, i) => !results[i].errors);
    const free = booths.find((_, i) => results[i].errors)!;
    expect((await api.ok(`mutation($b: ID!) { leaveBoothQueue(boothId: $b) }`, { b: joined[0].boothId }, s.token)).leaveBoothQueue).toBe(true);
    expect((await api.ok(JOIN, { b: free.boothId }, s.token)).joinBoothQueue.state).toBe('WAITING');
  });

  it('twenty seekers joining at once get twenty different numbers; the same seeker joining five times at once gets one', async () => {
    const booth = await liveBooth();
    const seekers = await Promise.all(Array.from({ length: 20 }, () => seekerWithProfile(api)));
    const joined = await Promise.all(seekers.map((s) => api.ok(JOIN, { b: booth.boothId }, s.token)));
    expect(joined.map((j) => j.joinBoothQueue.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const again = await Promise.all(Array.from({ length: 5 }, () => api.ok(JOIN, { b: booth.boothId }, seekers[0].token)));
    expect(new Set(again.map((j) => j.joinBoothQueue.number)).size).toBe(1);
    expect((await api.ok(QUEUE, { b: booth.boothId }, booth.hrToken)).boothQueue.waitingCount).toBe(20);
  });

  it('HR hands the seeker being served to a colleague of the same company (the colleague’s desk room)', async () => {
    const booth = await liveBooth();
    const colleague = await insertStaff(api, Role.HR, { tenantId: booth.tenantId });
    const colleagueToken = await signInStaff(api, colleague.username, colleague.password);
    const stranger = await tenantWithHr(api);
    const s = await seekerWithProfile(api);
    const sUser = await userIdOf(s.token);
    await api.ok(JOIN, { b: booth.boothId }, s.token);
    await api.ok(NEXT, { b: booth.boothId }, booth.hrToken);
    // The colleagues HR can pick: the other HR users of the company, not itself, not another company's; NOT_FOUND for a stranger.
    const COLLEAGUES = `query($b: ID!) { boothColleagues(boothId: $b) { userId displayName } }`;
    expect((await api.ok(COLLEAGUES, { b: booth.boothId }, booth.hrToken)).boothColleagues).toEqual([
      { userId: colleague.id, displayName: expect.any(String) },
    ]);
    expect((await api.ok(COLLEAGUES, { b: booth.boothId }, colleagueToken)).boothColleagues.map((c: any) => c.userId)).toEqual([booth.hrUserId]);
    expect(code(await api.gql(COLLEAGUES, { b: booth.boothId }, stranger.hrToken))).toBe('NOT_FOUND');
    const HAND = `mutation($b: ID!, $s: ID!, $h: ID!) { handOverBoothSeeker(boothId: $b, seekerUserId: $s, toHrUserId: $h) { current { number } } }`;
    // Not answered yet: nobody is being served.
    expect(code(await api.gql(HAND, { b: booth.boothId, s: sUser, h: colleague.id }, booth.hrToken))).toBe('NOBODY_CALLED');
    await api.ok(TOKEN, { b: booth.boothId }, s.token);
    expect(code(await api.gql(HAND, { b: booth.boothId, s: sUser, h: stranger.hrUserId }, booth.hrToken))).toBe('NOT_FOUND');
    const handed = (await api.ok(HAND, { b: booth.boothId, s: sUser, h: colleague.id }, booth.hrToken)).handOverBoothSeeker;
    expect(handed.current).toBeNull(); // HR's desk is free for the next seeker
    expect(await myIn(s.token, booth.boothId)).toMatchObject({ state: 'HANDED_OVER' });
    const tok = (await api.ok(TOKEN, { b: booth.boothId }, s.token)).boothJoinToken;
    expect(tok.room).toBe(`booth-${booth.boothId}-${colleague.id}`);
    expect((await api.ok(TOKEN, { b: booth.boothId }, colleagueToken)).boothJoinToken.room).toBe(tok.room);
    // Leaving ends the conversation: no more token.
    await api.ok(`mutation($b: ID!) { leaveBoothQueue(boothId: $b) }`, { b: booth.boothId }, s.token);
    expect(code(await api.gql(TOKEN, { b: booth.boothId }, s.token))).toBe('NOT_YOUR_TURN');
  });

  it('on site: only after check-in; the number is called by SMS too', async () => {
    const booth = await liveBooth('C03');
    const s = await seekerWithProfile(api);
    expect(code(await api.gql(JOIN, { b: booth.boothId, o: true }, s.token))).toBe('BOOTH_NOT_LIVE');
    await api.db.query(`INSERT INTO fair_checkins (fair_id, seeker_id, method, checked_in_at) VALUES ($1, $2, 'SCAN', $3)`, [
      booth.fairId,
      s.seekerId,
      api.clock.now(),
    ]);
    expect((await api.ok(JOIN, { b: booth.boothId, o: true }, s.token)).joinBoothQueue).toMatchObject({ mode: 'ONSITE', number: 1 });
    await api.ok(NEXT, { b: booth.boothId }, booth.hrToken);
    const [row] = await api.db.query(`SELECT payload FROM outbox_events WHERE topic = 'notify.fair_booth_call' AND aggregate_id = $1`, [booth.boothId]);
    expect(row.payload).toMatchObject({ userId: await userIdOf(s.token), sms: true, title: '请到C03号展位面谈' });
    expect(row.payload.body).toContain('1号已叫到');
  });

  it('an on-site-only fair has no video queue: joining online is refused with the reason; on site (after check-in) is not', async () => {
    const t = await tenantWithHr(api);
    const fairId = await insertFair(api, { mode: 'ONSITE' });
    const { boothId } = await insertBooth(api, fairId, t.tenantId, 'S01');
    const s = await seekerWithProfile(api);
    const refused = await api.gql(JOIN, { b: boothId }, s.token);
    expect(refused.errors?.[0]).toMatchObject({ message: '这是现场招聘会，没有线上视频排队；请到场签到后现场取号', extensions: { code: 'BOOTH_NOT_ONLINE' } });
    await api.db.query(`INSERT INTO fair_checkins (fair_id, seeker_id, method, checked_in_at) VALUES ($1, $2, 'SCAN', $3)`, [
      fairId,
      s.seekerId,
      api.clock.now(),
    ]);
    expect((await api.ok(JOIN, { b: boothId, o: true }, s.token)).joinBoothQueue).toMatchObject({ mode: 'ONSITE', number: 1 });
  });

  it('a fair that is not live takes nobody into its queues', async () => {
    const t = await tenantWithHr(api);
    const fairId = await insertFair(api, { status: 'PUBLISHED', startsAt: new Date(api.clock.now().getTime() + 86_400_000) });
    const { boothId } = await insertBooth(api, fairId, t.tenantId, 'P01');
    const s = await seekerWithProfile(api);
    expect(code(await api.gql(JOIN, { b: boothId }, s.token))).toBe('BOOTH_NOT_LIVE');
    expect(code(await api.gql(NEXT, { b: boothId }, t.hrToken))).toBe('BOOTH_NOT_LIVE');
  });

  it('pushes my place to my phone as the queue moves (graphql-ws)', async () => {
    const booth = await liveBooth();
    const [s1, s2] = [await seekerWithProfile(api), await seekerWithProfile(api)];
    await api.ok(JOIN, { b: booth.boothId }, s1.token);
    await api.ok(JOIN, { b: booth.boothId }, s2.token);
    const client = createClient({
      url: api.url.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: { authorization: `Bearer ${s2.token}` },
    });
    const pushed: any[] = [];
    client.subscribe(
      { query: `subscription($b: ID!) { myBoothQueueUpdated(boothId: $b) { state position number } }`, variables: { b: booth.boothId } },
      { next: (v) => pushed.push(v), error: (e) => pushed.push({ error: e }), complete: () => undefined },
    );
    await new Promise((r) => setTimeout(r, 300));
    await api.ok(NEXT, { b: booth.boothId }, booth.hrToken); // s1 called: s2 is now first
    await waitUntil(() => pushed.length >= 1);
    expect(pushed[0].data.myBoothQueueUpdated).toEqual({ state: 'WAITING', position: 1, number: 2 });
    await api.ok(TOKEN, { b: booth.boothId }, s1.token);
    api.clock.advance(60_000);
    await api.ok(NEXT, { b: booth.boothId }, booth.hrToken); // s2 called
    await waitUntil(() => pushed.some((p) => p.data?.myBoothQueueUpdated?.state === 'CALLED'));
    await client.dispose();
  });
});

async function waitUntil(fn: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error('nothing pushed in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
