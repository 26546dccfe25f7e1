import { Role } from '@app/core';
import { createTestApi, insertStaff, operator, seekerWithProfile, signInStaff, tenantWithHr, TestApi } from '@app/testing';

/**
 * Issue 8 §2 (PIPL minimum necessary): the bureau's auditor no longer browses
 * the talent pool with names; it gets aggregates, with small cells withheld.
 */
describe('the bureau sees aggregates, not people', () => {
  let api: TestApi;
  let auditor: string;
  beforeAll(async () => {
    api = await createTestApi();
    const a = await insertStaff(api, Role.AUDITOR);
    auditor = await signInStaff(api, a.username, a.password);
  });
  afterAll(() => api?.close());

  const STATS = `query($by: PoolStatsDimension!) { talentPoolStats(by: $by) { dimension total minCellSize buckets { key label count suppressed } } }`;

  it('the auditor is refused talentPool and talentProfile', async () => {
    const s = await seekerWithProfile(api, { profile: { name: '审计不可见' } });
    const pool = await api.gql(`{ talentPool(first: 10) { items { id name } } }`, {}, auditor);
    expect(pool.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(pool.data?.talentPool ?? null).toBeNull();
    const one = await api.gql(`query($id: ID!) { talentProfile(id: $id) { id name } }`, { id: s.seekerId }, auditor);
    expect(one.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(one)).not.toContain('审计不可见');
  });

  it('gives counts by region, category and education with no names, withholding cells under the minimum', async () => {
    // Six people in one unusual county and one in another, so both sides of the threshold exist.
    for (let i = 0; i < 6; i++) await seekerWithProfile(api, { consent: false, profile: { name: `统计甲${i}`, regionCode: '150929', education: 'DOCTOR' } });
    const lone = await seekerWithProfile(api, { consent: false, profile: { name: '统计乙', regionCode: '150928' } });
    const [{ n: total }] = await api.db.query(`SELECT count(*)::int AS n FROM seekers WHERE erased_at IS NULL`);
    const [{ n: inCounty }] = await api.db.query(`SELECT count(*)::int AS n FROM seekers WHERE erased_at IS NULL AND region_code = '150929'`);
    const [{ n: inLone }] = await api.db.query(`SELECT count(*)::int AS n FROM seekers WHERE erased_at IS NULL AND region_code = '150928'`);

    const county = (await api.ok(STATS, { by: 'COUNTY' }, auditor)).talentPoolStats;
    expect(county.total).toBeGreaterThanOrEqual(total);
    expect(county.minCellSize).toBe(5);
    const b929 = county.buckets.find((b: any) => b.key === '150929');
    expect(b929.label).toContain('四子王旗');
    expect(b929.suppressed).toBe(false);
    expect(b929.count).toBeGreaterThanOrEqual(inCounty); // other files may add people there concurrently (graduate fixtures)
    expect(inCounty).toBeGreaterThanOrEqual(6);
    const b928 = county.buckets.find((b: any) => b.key === '150928');
    expect(inLone).toBeLessThan(5); // no other test file uses this county
    expect(b928).toEqual({ key: '150928', label: expect.any(String), count: null, suppressed: true });
    for (const b of county.buckets) expect(b.suppressed ? b.count === null : b.count >= 5).toBe(true);
    const text = JSON.stringify(county);
    expect(text).not.toContain('统计甲');
    expect(text).not.toContain('统计乙');
    expect(text).not.toContain(lone.seekerId);

    for (const by of ['PREFECTURE', 'CATEGORY', 'EDUCATION']) {
      const r = (await api.ok(STATS, { by }, auditor)).talentPoolStats;
      expect(r.dimension).toBe(by);
      expect(r.buckets.length).toBeGreaterThan(0);
    }
    const edu = (await api.ok(STATS, { by: 'EDUCATION' }, auditor)).talentPoolStats.buckets;
    expect(edu.find((b: any) => b.key === 'DOCTOR')).toMatchObject({ label: '博士' });
  });

  it('the operator may read the aggregates; HR and seekers may not', async () => {
    const op = await operator(api);
    expect((await api.ok(STATS, { by: 'CATEGORY' }, op)).talentPoolStats.dimension).toBe('CATEGORY');
    const { hrToken } = await tenantWithHr(api, op);
    const s = await seekerWithProfile(api);
    for (const token of [hrToken, s.token]) expect((await api.gql(STATS, { by: 'CATEGORY' }, token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
