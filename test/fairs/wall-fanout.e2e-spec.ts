import { createTestApi, seekerWithProfile, tenantWithHr, TestApi, useIsolatedDatabase } from '@app/testing';
import { FANOUT_BATCH, WallFanoutService } from '@app/fairs';
import { insertBooth, insertFair, insertFairPosting, postingWith } from './live-fixtures';

const SUBSCRIBE = `mutation($i: SubscribeFairWallInput!) { subscribeFairWall(input: $i) { id shifts payFloorFen mandarinLevel typingSpeed active } }`;

// Many sign-ins and hires per test on a machine shared by several people: more than jest's default 30 s.
jest.setTimeout(90_000);

describe('wall subscriptions and the weekly fan-out (real PostgreSQL; set-based matching, idempotent)', () => {
  let api: TestApi;
  let fanout: WallFanoutService;
  let dropDatabase: () => Promise<void>;
  beforeAll(async () => {
    // Its own database: "this Saturday's fair" and the fan-out see every fair and subscription, and no other file's.
    dropDatabase = await useIsolatedDatabase();
    api = await createTestApi();
    fanout = api.app.get(WallFanoutService);
  });
  afterAll(async () => {
    await api.close();
    await dropDatabase();
  });

  const outboxFor = (subscriptionId: string) =>
    api.db.query(`SELECT payload FROM outbox_events WHERE topic = 'notify.fair_wall' AND aggregate_id = $1`, [subscriptionId]) as Promise<
      Array<{ payload: any }>
    >;

  it('each subscriber gets ONE message listing only the postings that fit them; a second run sends nothing', async () => {
    const { tenantId, hrToken } = await tenantWithHr(api);
    const now = api.clock.now();
    const fairId = await insertFair(api, {
      status: 'BOOKING_CLOSED',
      startsAt: new Date(now.getTime() + 40 * 3600_000),
      endsAt: new Date(now.getTime() + 43 * 3600_000),
      title: '周六常态招聘会',
    });
    const booth = await insertBooth(api, fairId, tenantId, 'A01');
    const twoShift = await postingWith(api, hrToken, {
      title: '呼入客服',
      shifts: ['TWO_SHIFT'],
      salaryMinFen: 350000,
      salaryMaxFen: 500000,
      minMandarinLevel: 'L2B',
    });
    const night = await postingWith(api, hrToken, { title: '夜班客服', shifts: ['NIGHT'], salaryMinFen: 300000, salaryMaxFen: 380000 });
    const typing = await postingWith(api, hrToken, { title: '在线客服', shifts: ['DAY'], salaryMinFen: 400000, salaryMaxFen: 600000, minTypingSpeed: 80 });
    const full = await postingWith(api, hrToken, { title: '质检专员', shifts: ['DAY'], salaryMinFen: 500000, salaryMaxFen: 700000 });
    const fp = {
      twoShift: await insertFairPosting(api, fairId, tenantId, booth, twoShift, 3),
      night: await insertFairPosting(api, fairId, tenantId, booth, night, 2),
      typing: await insertFairPosting(api, fairId, tenantId, booth, typing, 2),
    };
    await insertFairPosting(api, fairId, tenantId, booth, full, 1);
    await api.ok(`mutation($id: ID!) { setPostingStatus(id: $id, status: CLOSED) { id } }`, { id: full }, hrToken); // off the board: never offered

    const sub = async (input: Record<string, unknown>, profile: Record<string, unknown> = {}) => {
      const s = await seekerWithProfile(api, { profile });
      const d = await api.ok(SUBSCRIBE, { i: input }, s.token);
      return { ...s, subscriptionId: d.subscribeFairWall.id as string, model: d.subscribeFairWall };
    };
    // Mandarin 2A and typing 60 from the profile unless given.
    const a = await sub({ shifts: ['TWO_SHIFT'], payFloorFen: 400000, sms: true });
    const b = await sub({});
    const c = await sub({ regionPrefixes: ['1501'] }); // Hohhot only
    const d = await sub({ payFloorFen: 800000 });
    const e = await sub({});
    const f = await sub({ fairKinds: ['CAMPUS'] });
    const g = await sub({ maxDistanceKm: 50, typingSpeed: 90 }, { regionCode: '150902' });
    const h = await sub({ mandarinLevel: 'L3A' }); // below the 2B the first posting asks: only night
    await api.ok(`mutation { unsubscribeFairWall }`, {}, e.token);
    expect(a.model).toMatchObject({ shifts: ['TWO_SHIFT'], payFloorFen: 400000, mandarinLevel: 'L2A', typingSpeed: 60, active: true });

    // Region (c), fair kind (f) and the unsubscribed (e) are left out by the subscription filter; d's pay floor fits nothing.
    const first = await fanout.fanout(fairId);
    expect(first).toEqual({ subscribers: 5, notified: 4 });

    const titlesOf = async (s: { subscriptionId: string }) => {
      const rows = await outboxFor(s.subscriptionId);
      expect(rows).toHaveLength(1);
      return rows[0].payload;
    };
    const pa = await titlesOf(a);
    expect(pa).toMatchObject({ userId: expect.any(String), kind: 'fair.wall', sms: true });
    expect(pa.title).toContain('1个岗位适合您');
    expect(pa.body).toContain('「呼入客服」3500–5000元/月');
    expect(pa.body).not.toContain('夜班客服');
    expect(pa.body).toContain('/fair-wall/unsubscribe?t=');
    const pb = await titlesOf(b);
    expect(pb.title).toContain('2个岗位适合您');
    expect(pb.body).toContain('呼入客服');
    expect(pb.body).toContain('夜班客服');
    expect(pb.body).not.toContain('在线客服'); // asks for 80 characters a minute
    expect(pb.sms).toBe(false);
    const pg = await titlesOf(g);
    expect(pg.title).toContain('3个岗位适合您');
    const ph = await titlesOf(h);
    expect(ph.body).toContain('夜班客服');
    expect(ph.body).not.toContain('呼入客服');
    for (const none of [c, d, e, f]) expect(await outboxFor(none.subscriptionId)).toHaveLength(0);
    expect(pa.body).not.toContain('质检专员');

    // Idempotent: the job again (a retry, a second sweep) notifies nobody twice.
    expect(await fanout.fanout(fairId)).toEqual({ subscribers: 1, notified: 0 });
    for (const s of [a, b, g, h]) expect(await outboxFor(s.subscriptionId)).toHaveLength(1);
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM fair_wall_deliveries WHERE fair_id = $1`, [fairId]);
    expect(n).toBe(4);

    // 本周六招聘会 in the seeker app: the wall and what fits me.
    const sat = await api.ok(`{ thisSaturdayFair { subscribed fitsMe wall { fairId postingCount } } }`, {}, b.token);
    expect(sat.thisSaturdayFair).toMatchObject({ subscribed: true, wall: { fairId, postingCount: 3 } });
    expect([...sat.thisSaturdayFair.fitsMe].sort()).toEqual([fp.twoShift, fp.night].sort());
    const satE = await api.ok(`{ thisSaturdayFair { subscribed fitsMe } }`, {}, e.token);
    expect(satE.thisSaturdayFair).toEqual({ subscribed: false, fitsMe: [] });

    // The unsubscribe link in the message: GET shows a confirmation only; the POST unsubscribes; a forged token is refused.
    const link = new URL(pb.body.match(/https?:\/\/\S+/)[0].replace(/。$/, ''));
    const t = link.searchParams.get('t')!;
    const page = await fetch(`${api.url}/fair-wall/unsubscribe?t=${encodeURIComponent(t)}`);
    expect(page.status).toBe(200);
    expect((await api.ok(`{ myFairWallSubscription { active } }`, {}, b.token)).myFairWallSubscription.active).toBe(true);
    const forged = await fetch(`${api.url}/fair-wall/unsubscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `t=${encodeURIComponent(a.subscriptionId + '.' + t.split('.')[1])}`,
    });
    expect(forged.status).toBe(400);
    expect((await api.ok(`{ myFairWallSubscription { active } }`, {}, a.token)).myFairWallSubscription.active).toBe(true);
    const done = await fetch(`${api.url}/fair-wall/unsubscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `t=${encodeURIComponent(t)}`,
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('已退订');
    expect((await api.ok(`{ myFairWallSubscription { active } }`, {}, b.token)).myFairWallSubscription.active).toBe(false);
  });

  it('the sweep queues weekly fairs whose booking has closed (or that start within 48 h), once each', async () => {
    const now = api.clock.now();
    const soon = await insertFair(api, { status: 'PUBLISHED', startsAt: new Date(now.getTime() + 20 * 3600_000) });
    const later = await insertFair(api, { status: 'PUBLISHED', startsAt: new Date(now.getTime() + 6 * 24 * 3600_000) });
    const special = await insertFair(api, { status: 'BOOKING_CLOSED', kind: 'SPECIAL', startsAt: new Date(now.getTime() + 20 * 3600_000) });
    const queued = await fanout.sweep();
    expect(queued).toBeGreaterThanOrEqual(1);
    const queue = (fanout as any).queue;
    expect(await queue.getJob(`fair-wall-fanout-${soon}`)).toBeTruthy();
    expect(await queue.getJob(`fair-wall-fanout-${later}`)).toBeFalsy();
    expect(await queue.getJob(`fair-wall-fanout-${special}`)).toBeFalsy();
  });

  it('batches: more subscribers than one batch are all matched, each once', async () => {
    const { tenantId, hrToken } = await tenantWithHr(api);
    const now = api.clock.now();
    const fairId = await insertFair(api, { status: 'BOOKING_CLOSED', startsAt: new Date(now.getTime() + 30 * 3600_000) });
    const booth = await insertBooth(api, fairId, tenantId, 'Z01');
    await insertFairPosting(api, fairId, tenantId, booth, await postingWith(api, hrToken, { shifts: ['DAY'] }), 5);
    await api.db.query(`UPDATE fair_wall_subscriptions SET active = false`); // the earlier tests' subscribers
    // Subscriptions straight into the table (signing up thousands of seekers through the API would take minutes).
    const [{ user_id }] = await api.db.query(`SELECT user_id FROM seekers WHERE user_id IS NOT NULL LIMIT 1`);
    const total = FANOUT_BATCH + 7;
    await api.db.query(
      `INSERT INTO seekers (name, shifts, languages, categories, completeness, source, shared_with_tenants, created_at, updated_at)
       SELECT '批量' || g, '{}', '{}', '{}', 10, 'SELF', false, now(), now() FROM generate_series(1, $1) g`,
      [total],
    );
    await api.db.query(
      `INSERT INTO fair_wall_subscriptions (seeker_id, user_id, shifts, created_at, updated_at)
       SELECT s.id, $1, CASE WHEN row_number() OVER () % 2 = 0 THEN '{DAY}'::text[] ELSE '{NIGHT}'::text[] END, now(), now()
         FROM seekers s WHERE s.name LIKE '批量%'`,
      [user_id],
    );
    const r = await fanout.fanout(fairId);
    const expected = Math.floor(total / 2);
    expect(r.notified).toBe(expected);
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM fair_wall_deliveries WHERE fair_id = $1`, [fairId]);
    expect(n).toBe(expected);
    expect((await fanout.fanout(fairId)).notified).toBe(0);
  });
});
