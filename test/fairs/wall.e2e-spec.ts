import { createTestApi, operator, seekerWithProfile, tenantWithHr, TestApi } from '@app/testing';
import { createClient, Client } from 'graphql-ws';
import WebSocket from 'ws';
import { FairWallService } from '@app/fairs';
import { hireOne, insertBooth, insertFair, insertFairPosting, postingWith, schoolAdmin } from './live-fixtures';

const WALL = `query($f: ID!) { fairWall(fairId: $f) {
  fairId status postingCount openingsLeft
  companies { name boothNumber openingsLeft postings { fairPostingId title headcount openingsLeft filled } }
  ticker { kind textZh textEn }
  notices { id schoolName graduates majors { major graduates } }
} }`;

/** Collects what a graphql-ws subscription pushes; `next()` waits for the next one. */
function subscribe(api: TestApi, query: string, variables: Record<string, unknown>, token?: string) {
  const client: Client = createClient({
    url: api.url.replace('http', 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  });
  const queue: any[] = [];
  const waiting: Array<(v: any) => void> = [];
  client.subscribe(
    { query, variables },
    {
      next: (v) => (waiting.length ? waiting.shift()!(v) : queue.push(v)),
      error: (e) => (waiting.length ? waiting.shift()!({ errors: e }) : queue.push({ errors: e })),
      complete: () => undefined,
    },
  );
  return {
    next: (ms = 10_000) =>
      queue.length
        ? Promise.resolve(queue.shift())
        : new Promise<any>((resolve, reject) => {
            const t = setTimeout(() => reject(new Error(`nothing pushed within ${ms} ms`)), ms);
            waiting.push((v) => {
              clearTimeout(t);
              resolve(v);
            });
          }),
    pending: () => queue.length,
    close: () => client.dispose(),
  };
}

// Many sign-ins and hires per test on a machine shared by several people: more than jest's default 30 s.
jest.setTimeout(90_000);

describe('the info wall 信息墙 (real PostgreSQL, Redis pub/sub, graphql-ws)', () => {
  let api: TestApi;
  let wall: FairWallService;
  beforeAll(async () => {
    api = await createTestApi();
    wall = api.app.get(FairWallService);
  });
  afterAll(() => api.close());

  it('shows companies, booths and places left, and pushes the wall again as places fill (just hired → 已招满)', async () => {
    const { tenantId, hrToken } = await tenantWithHr(api);
    const other = await tenantWithHr(api);
    const fairId = await insertFair(api);
    const booth = await insertBooth(api, fairId, tenantId, 'A01');
    const booth2 = await insertBooth(api, fairId, other.tenantId, 'A02');
    const postingId = await postingWith(api, hrToken, { title: '呼入客服专员', headcount: 2 });
    const fpId = await insertFairPosting(api, fairId, tenantId, booth, postingId, 2);
    await insertFairPosting(api, fairId, other.tenantId, booth2, await postingWith(api, other.hrToken, { title: '外呼销售' }), 3);

    const first = (await api.ok(WALL, { f: fairId })).fairWall; // anonymous: the hall screen has no sign-in
    expect(first).toMatchObject({ fairId, status: 'LIVE', postingCount: 2, openingsLeft: 5 });
    expect(first.companies.map((c: any) => c.boothNumber)).toEqual(['A01', 'A02']);
    expect(first.companies[0].postings[0]).toMatchObject({ fairPostingId: fpId, title: '呼入客服专员', headcount: 2, openingsLeft: 2, filled: false });

    await wall.refresh(fairId); // the worker's first pass: the state the next change is compared with
    const sub = subscribe(
      api,
      `subscription($f: ID!) { fairWallUpdated(fairId: $f) { openingsLeft companies { postings { fairPostingId openingsLeft filled } } ticker { kind textZh } } }`,
      {
        f: fairId,
      },
    );
    await new Promise((r) => setTimeout(r, 300)); // the subscription registers in Redis

    // Nothing changed: a refresh publishes nothing.
    expect(await wall.refresh(fairId)).toBe(false);

    const s1 = await seekerWithProfile(api);
    await hireOne(api, hrToken, s1.token, postingId);
    expect(await wall.refreshCurrent()).toBeGreaterThanOrEqual(1); // the worker's pass over current fairs finds the LIVE fair
    const pushed1 = (await sub.next()).data.fairWallUpdated;
    expect(pushed1.openingsLeft).toBe(4);
    expect(pushed1.companies[0].postings[0]).toMatchObject({ fairPostingId: fpId, openingsLeft: 1, filled: false });
    expect(pushed1.ticker[0]).toMatchObject({ kind: 'HIRED' });
    expect(pushed1.ticker[0].textZh).toContain('「呼入客服专员」刚刚录用 1 人');

    const s2 = await seekerWithProfile(api);
    await hireOne(api, hrToken, s2.token, postingId);
    expect(await wall.refresh(fairId)).toBe(true);
    const pushed2 = (await sub.next()).data.fairWallUpdated;
    expect(pushed2.companies[0].postings[0]).toMatchObject({ openingsLeft: 0, filled: true });
    // Latest first: the fill, then the hire that made it, then the earlier hire.
    expect(pushed2.ticker.map((t: any) => t.kind)).toEqual(['FILLED', 'HIRED', 'HIRED']);
    expect(pushed2.ticker[0].textZh).toContain('「呼入客服专员」已招满');

    const again = (await api.ok(WALL, { f: fairId })).fairWall;
    expect(again.openingsLeft).toBe(3);
    expect(again.ticker).toHaveLength(3);
    await sub.close();
  });

  it('a posting filled on the job board shows as filled even with places left at the fair', async () => {
    const { tenantId, hrToken } = await tenantWithHr(api);
    const fairId = await insertFair(api);
    const booth = await insertBooth(api, fairId, tenantId, 'B01');
    const postingId = await postingWith(api, hrToken, { headcount: 1 });
    await insertFairPosting(api, fairId, tenantId, booth, postingId, 3);
    await wall.refresh(fairId);
    await hireOne(api, hrToken, (await seekerWithProfile(api)).token, postingId);
    await wall.refresh(fairId);
    const w = (await api.ok(WALL, { f: fairId })).fairWall;
    expect(w.companies[0].postings[0]).toMatchObject({ headcount: 3, openingsLeft: 0, filled: true });
    expect(w.ticker.map((t: any) => t.kind)).toEqual(['FILLED', 'HIRED']);
  });

  it('a hire made at the fair (the seeker checked in, then applied) takes one of the places brought, not only the board’s', async () => {
    const { tenantId, hrToken } = await tenantWithHr(api);
    const fairId = await insertFair(api);
    const booth = await insertBooth(api, fairId, tenantId, 'C01');
    const postingId = await postingWith(api, hrToken, { headcount: 10 });
    await insertFairPosting(api, fairId, tenantId, booth, postingId, 2);
    const s = await seekerWithProfile(api);
    await api.db.query(`INSERT INTO fair_checkins (fair_id, seeker_id, method, checked_in_at) VALUES ($1, $2, 'SCAN', $3)`, [
      fairId,
      s.seekerId,
      api.clock.now(),
    ]);
    await wall.refresh(fairId);
    await hireOne(api, hrToken, s.token, postingId);
    // A hire elsewhere (no check-in, no scan) leaves the fair's places alone.
    await hireOne(api, hrToken, (await seekerWithProfile(api)).token, postingId);
    expect(await wall.refresh(fairId)).toBe(true);
    const w = (await api.ok(WALL, { f: fairId })).fairWall;
    expect(w.companies[0].postings[0]).toMatchObject({ headcount: 2, openingsLeft: 1, filled: false });
    expect(w.ticker.map((t: any) => t.kind)).toEqual(['HIRED']);
  });

  it('schools post graduate notices to the wall; only their own school can take one down', async () => {
    const op = await operator(api);
    const a = await schoolAdmin(api, op);
    const b = await schoolAdmin(api, op);
    const fairId = await insertFair(api, { status: 'PUBLISHED', kind: 'GRADUATE_DOUBLE_SELECTION', title: '毕业生双选会' });
    await wall.refresh(fairId);
    const sub = subscribe(api, `subscription($f: ID!) { fairWallUpdated(fairId: $f) { notices { schoolName graduates } } }`, { f: fairId });
    await new Promise((r) => setTimeout(r, 300));

    const posted = await api.ok(
      `mutation($i: PostSchoolNoticeInput!) { postFairSchoolNotice(input: $i) { id schoolName graduates majors { major graduates } } }`,
      {
        i: {
          fairId,
          majors: [
            { major: '软件技术', graduates: 40 },
            { major: '电子商务', graduates: 25 },
          ],
          note: '欢迎企业洽谈',
        },
      },
      a.token,
    );
    expect(posted.postFairSchoolNotice).toMatchObject({ schoolName: a.name, graduates: 65 });
    expect((await sub.next()).data.fairWallUpdated.notices).toEqual([{ schoolName: a.name, graduates: 65 }]);

    const foreign = await api.gql(`mutation($id: ID!) { withdrawFairSchoolNotice(noticeId: $id) }`, { id: posted.postFairSchoolNotice.id }, b.token);
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    await api.ok(`mutation($id: ID!) { withdrawFairSchoolNotice(noticeId: $id) }`, { id: posted.postFairSchoolNotice.id }, a.token);
    expect((await sub.next()).data.fairWallUpdated.notices).toEqual([]);
    await sub.close();

    const closed = await insertFair(api, { status: 'CLOSED' });
    const late = await api.gql(
      `mutation($i: PostSchoolNoticeInput!) { postFairSchoolNotice(input: $i) { id } }`,
      { i: { fairId: closed, majors: [{ major: '软件技术', graduates: 1 }] } },
      a.token,
    );
    expect(late.errors?.[0].extensions?.code).toBe('FAIR_NOT_OPEN');
  });

  it('a draft or cancelled fair has no wall (not found), by query or subscription', async () => {
    const draft = await insertFair(api, { status: 'DRAFT' });
    const r = await api.gql(WALL, { f: draft });
    expect(r.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const sub = subscribe(api, `subscription($f: ID!) { fairWallUpdated(fairId: $f) { fairId } }`, { f: draft });
    const pushed = await sub.next();
    expect(JSON.stringify(pushed.errors)).toContain('NOT_FOUND');
    await sub.close();
  });
});
