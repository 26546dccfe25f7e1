import { CandidateIndexer } from '@app/matching';
import { applyTo, createTestApi, seekerWithProfile, signInSeeker, tenantWithHr, TestApi } from '@app/testing';

const MATCH = `query($p: ID!, $first: Int, $offset: Int) { matchCandidates(postingId: $p, first: $first, offset: $offset) {
  total totalCapped hasMore items { score distanceKm shiftMatch explanation reasons seeker { id name phone phoneMasked idNumberMasked } } } }`;
const JOBS = `query($first: Int, $offset: Int) { jobsForMe(first: $first, offset: $offset) {
  total hasMore items { postingId title tenantName score meetsAll shiftMatch missing { code message messageEn } } } }`;

describe('matchCandidates and jobsForMe', () => {
  let api: TestApi;
  let indexer: CandidateIndexer;
  let hr: { tenantId: string; hrToken: string };
  let postingId: string;
  const people: Record<string, Awaited<ReturnType<typeof seekerWithProfile>>> = {};

  beforeAll(async () => {
    api = await createTestApi();
    indexer = api.app.get(CandidateIndexer);
    hr = await tenantWithHr(api);
    const p = await api.ok(
      `mutation($i: PostingInput!) { createPosting(input: $i) { id } }`,
      {
        i: {
          title: '呼入客服（普通话二乙）',
          description: '',
          headcount: 10,
          salaryMinFen: 350000,
          salaryMaxFen: 520000,
          shifts: ['TWO_SHIFT'],
          minMandarinLevel: 'L2B',
          minTypingSpeed: 50,
        },
      },
      hr.hrToken,
    );
    postingId = p.createPosting.id;
    await api.ok(`mutation($id: ID!) { setPostingStatus(id: $id, status: OPEN) { id } }`, { id: postingId }, hr.hrToken);
    const make = async (key: string, profile: Record<string, unknown>, consent = true) => {
      people[key] = await seekerWithProfile(api, { consent, profile: { name: `匹配${key}`, ...profile } });
      await indexer.syncSeeker(people[key].seekerId);
    };
    await make('best', { mandarinLevel: 'L2A', typingSpeed: 90, callCenterMonths: 6, shifts: ['TWO_SHIFT'], regionCode: '150902' });
    await make('ok', { mandarinLevel: 'L2B', typingSpeed: 55, callCenterMonths: 0, shifts: ['DAY'], regionCode: '150981' });
    await make('lowMandarin', { mandarinLevel: 'L3A', typingSpeed: 90 });
    await make('slowTyping', { mandarinLevel: 'L2A', typingSpeed: 40 });
    await make('noConsent', { mandarinLevel: 'L2A', typingSpeed: 90 }, false);
    await make('applied', { mandarinLevel: 'L2A', typingSpeed: 90 });
    await make('shanghai', { mandarinLevel: 'L2A', typingSpeed: 90, regionCode: '310101' });
    await applyTo(api, people.applied.token, postingId);
  });

  afterAll(async () => {
    await api?.close();
  });

  /** Every page of the match list (other suites' seekers share the pool). */
  async function allMatches(token = hr.hrToken) {
    const items: any[] = [];
    for (let offset = 0; ; offset += 100) {
      const d = await api.ok(MATCH, { p: postingId, first: 100, offset }, token);
      items.push(...d.matchCandidates.items);
      if (!d.matchCandidates.hasMore) return items;
    }
  }

  it('ranks consenting seekers who meet the hard requirements, best fit first, with an explanation, masked', async () => {
    const items = await allMatches();
    const ids = items.map((i) => i.seeker.id);
    const at = (k: string) => ids.indexOf(people[k].seekerId);
    expect(at('best')).toBeGreaterThanOrEqual(0);
    expect(at('ok')).toBeGreaterThan(at('best'));
    for (const k of ['lowMandarin', 'slowTyping', 'noConsent', 'applied', 'shanghai']) expect(at(k)).toBe(-1);
    const best = items[at('best')];
    expect(best.explanation).toMatch(/^\d+ km · 普通话二甲 · 打字 90 字\/分 · 6个月呼叫中心经验/);
    expect(best.explanation).toContain('可两班倒');
    expect(best.shiftMatch).toBe(true);
    expect(best.seeker.phone).toBeNull();
    expect(best.seeker.phoneMasked).toMatch(/\*{4}/);
    expect(best.seeker.idNumberMasked).toMatch(/\*/);
    expect(items[at('ok')].explanation).toContain('无呼叫中心经验');
    const scores = items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // The list itself is not a profile view: nothing logged for listed seekers.
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM profile_access_logs WHERE seeker_id = $1`, [people.best.seekerId]);
    expect(n).toBe(0);
  });

  it('a consent withdrawal not yet indexed is still never shown', async () => {
    const s = await seekerWithProfile(api, {
      profile: { name: '撤回者', mandarinLevel: 'L1A', typingSpeed: 120, callCenterMonths: 24, shifts: ['TWO_SHIFT'] },
    });
    await indexer.syncSeeker(s.seekerId);
    expect((await allMatches()).map((i) => i.seeker.id)).toContain(s.seekerId);
    await api.ok(`mutation { withdrawConsent { id } }`, {}, s.token); // no relay: the index still has the document
    expect((await allMatches()).map((i) => i.seeker.id)).not.toContain(s.seekerId);
  });

  it('another tenant’s HR gets NOT_FOUND, a seeker is refused', async () => {
    const other = await tenantWithHr(api);
    const r = await api.gql(MATCH, { p: postingId, first: 10 }, other.hrToken);
    expect(r.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(r.data).toBeNull();
    const seeker = await api.gql(MATCH, { p: postingId, first: 10 }, people.best.token);
    expect(seeker.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anon = await api.gql(MATCH, { p: postingId, first: 10 });
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const deep = await api.gql(MATCH, { p: postingId, first: 100, offset: 950 }, hr.hrToken);
    expect(deep.errors?.[0].extensions?.code).toBe('WINDOW_EXCEEDED');
  });

  async function myJob(token: string) {
    for (let offset = 0; ; offset += 100) {
      const d = await api.ok(JOBS, { first: 100, offset }, token);
      const found = d.jobsForMe.items.find((i: any) => i.postingId === postingId);
      if (found || !d.jobsForMe.hasMore) return { found, items: d.jobsForMe.items };
    }
  }

  it('jobsForMe: open postings ranked by fit, with what the seeker lacks', async () => {
    const best = (await myJob(people.best.token)).found;
    expect(best).toMatchObject({ meetsAll: true, missing: [], shiftMatch: true, score: 100 });
    expect(best.tenantName).toMatch(/测试呼叫中心/);
    const slow = (await myJob(people.slowTyping.token)).found;
    expect(slow.meetsAll).toBe(false);
    expect(slow.missing).toEqual([{ code: 'TYPING', message: '需要打字 50 字/分', messageEn: 'Requires typing 50 characters/min' }]);
    const low = (await myJob(people.lowMandarin.token)).found;
    expect(low.missing.map((m: any) => m.message)).toEqual(['需要普通话二乙']);
    // Already applied: not suggested again.
    expect((await myJob(people.applied.token)).found).toBeUndefined();
    // Ranked: no posting with more gaps comes before one with fewer.
    const { items } = await myJob(people.slowTyping.token);
    const gaps = items.map((i: any) => i.missing.length);
    expect(gaps).toEqual([...gaps].sort((a, b) => a - b));
    const fresh = await signInSeeker(api);
    const none = await api.gql(JOBS, { first: 5 }, fresh.token);
    expect(none.errors?.[0].extensions?.code).toBe('NO_PROFILE');
  });
});
