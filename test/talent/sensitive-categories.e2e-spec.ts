import { Role } from '@app/core';
import { CandidateIndexer } from '@app/matching';
import { applyTo, createTestApi, insertStaff, openPosting, operator, seekerWithProfile, signInStaff, tenantWithHr, TestApi } from '@app/testing';

/**
 * Issue 8 §2: poor household and disabled are sensitive personal information
 * (PIPL art. 28). Tenants — profile, pool filter, applications, search
 * documents — see them only with the seeker's separate consent; staff record
 * categories confirmed by a verified source, the rest stay "declared, unverified".
 */
describe('sensitive categories', () => {
  let api: TestApi;
  let op: string;
  let hr: { tenantId: string; hrToken: string };
  let postingId: string;
  const name = `敏感类别${Date.now() % 100000}`;

  beforeAll(async () => {
    api = await createTestApi();
    op = await operator(api);
    hr = await tenantWithHr(api, op);
    postingId = await openPosting(api, hr.hrToken, 3);
  });
  afterAll(() => api?.close());

  const profileSeenByHr = async (seekerId: string) =>
    (await api.ok(`query($id: ID!) { talentProfile(id: $id) { categories sensitiveConsent } }`, { id: seekerId }, hr.hrToken)).talentProfile;
  const poolIds = async (category: string) =>
    (
      await api.ok(
        `query($f: TalentFilterInput) { talentPool(filter: $f, first: 100) { items { id categories } } }`,
        { f: { text: name, category } },
        hr.hrToken,
      )
    ).talentPool.items;
  const documentCategories = async (seekerId: string) => {
    await api.app.get(CandidateIndexer).syncSeeker(seekerId);
    const [d] = await api.db.query(`SELECT categories FROM candidate_documents WHERE seeker_id = $1`, [seekerId]);
    return d.categories;
  };

  it('hidden from HR (profile, pool filter, applications, search document) until the seeker gives the separate consent; withdrawable', async () => {
    const s = await seekerWithProfile(api, { profile: { name, categories: ['GRADUATE', 'POOR_HOUSEHOLD', 'DISABLED'] } });
    const appId = await applyTo(api, s.token, postingId);
    const appView = async () =>
      (await api.ok(`query($id: ID!) { application(id: $id) { seeker { categories } } }`, { id: appId }, hr.hrToken)).application.seeker.categories;

    // The seeker sees their own categories; HR does not see the sensitive ones.
    expect((await api.ok(`{ myProfile { categories sensitiveConsent sharedWithTenants } }`, {}, s.token)).myProfile).toEqual({
      categories: ['GRADUATE', 'POOR_HOUSEHOLD', 'DISABLED'],
      sensitiveConsent: false,
      sharedWithTenants: true,
    });
    expect(await profileSeenByHr(s.seekerId)).toEqual({ categories: ['GRADUATE'], sensitiveConsent: false });
    expect(await appView()).toEqual(['GRADUATE']);
    expect((await poolIds('GRADUATE')).map((i: any) => i.id)).toContain(s.seekerId);
    expect((await poolIds('POOR_HOUSEHOLD')).map((i: any) => i.id)).not.toContain(s.seekerId);
    expect((await poolIds('DISABLED')).map((i: any) => i.id)).not.toContain(s.seekerId);
    expect(await documentCategories(s.seekerId)).toEqual(['GRADUATE']);

    // The separate consent, with its own record.
    const granted = await api.ok(`mutation { grantSensitiveConsent { sensitiveConsent sharedWithTenants } }`, {}, s.token);
    expect(granted.grantSensitiveConsent).toEqual({ sensitiveConsent: true, sharedWithTenants: true });
    expect(await profileSeenByHr(s.seekerId)).toEqual({ categories: ['GRADUATE', 'POOR_HOUSEHOLD', 'DISABLED'], sensitiveConsent: true });
    expect(await appView()).toEqual(['GRADUATE', 'POOR_HOUSEHOLD', 'DISABLED']);
    expect((await poolIds('POOR_HOUSEHOLD')).map((i: any) => i.id)).toContain(s.seekerId);
    expect(await documentCategories(s.seekerId)).toEqual(['DISABLED', 'GRADUATE', 'POOR_HOUSEHOLD']);
    const consents = (await api.ok(`{ myConsents { scope withdrawnAt } }`, {}, s.token)).myConsents;
    expect(consents).toContainEqual({ scope: 'SENSITIVE_CATEGORIES', withdrawnAt: null });
    expect(consents).toContainEqual({ scope: 'SHARE_WITH_TENANTS', withdrawnAt: null });

    // Withdrawn: hidden again at once, and the sharing consent itself is untouched.
    await api.ok(`mutation { withdrawSensitiveConsent { sensitiveConsent } }`, {}, s.token);
    expect(await profileSeenByHr(s.seekerId)).toEqual({ categories: ['GRADUATE'], sensitiveConsent: false });
    expect((await poolIds('DISABLED')).map((i: any) => i.id)).not.toContain(s.seekerId);
    expect(await documentCategories(s.seekerId)).toEqual(['GRADUATE']);
    const after = (await api.ok(`{ myConsents { scope withdrawnAt } }`, {}, s.token)).myConsents;
    expect(after.find((c: any) => c.scope === 'SENSITIVE_CATEGORIES').withdrawnAt).not.toBeNull();
    expect(after.find((c: any) => c.scope === 'SHARE_WITH_TENANTS').withdrawnAt).toBeNull();

    // Staff of the service centre see the categories (they verify them).
    expect((await api.ok(`query($id: ID!) { talentProfile(id: $id) { categories } }`, { id: s.seekerId }, op)).talentProfile.categories).toEqual([
      'GRADUATE',
      'POOR_HOUSEHOLD',
      'DISABLED',
    ]);
  });

  it('the service centre records verified categories (source, who, when); self-declared ones stay unverified; nobody else may', async () => {
    const s = await seekerWithProfile(api, { profile: { categories: ['GRADUATE', 'DISABLED'] } });
    const MINE = `{ myCategories { category sensitive verified source verifiedAt } }`;
    expect((await api.ok(MINE, {}, s.token)).myCategories).toEqual([
      { category: 'GRADUATE', sensitive: false, verified: false, source: null, verifiedAt: null },
      { category: 'DISABLED', sensitive: true, verified: false, source: null, verifiedAt: null },
    ]);
    const VERIFY = `mutation($i: VerifyCategoryInput!) { verifySeekerCategory(input: $i) { category verified source } }`;
    const auditorUser = await insertStaff(api, Role.AUDITOR);
    const auditor = await signInStaff(api, auditorUser.username, auditorUser.password);
    for (const token of [hr.hrToken, s.token, auditor]) {
      const r = await api.gql(VERIFY, { i: { seekerId: s.seekerId, category: 'DISABLED', source: 'SERVICE_CENTRE' } }, token);
      expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const v = await api.ok(VERIFY, { i: { seekerId: s.seekerId, category: 'POOR_HOUSEHOLD', source: 'BUREAU_LIST', note: '2026年低保名单第3批' } }, op);
    expect(v.verifySeekerCategory).toEqual([
      { category: 'GRADUATE', verified: false, source: null },
      { category: 'POOR_HOUSEHOLD', verified: true, source: 'BUREAU_LIST' },
      { category: 'DISABLED', verified: false, source: null },
    ]);
    await api.ok(VERIFY, { i: { seekerId: s.seekerId, category: 'DISABLED', source: 'SERVICE_CENTRE', note: '核验残疾人证' } }, op);
    const mine = (await api.ok(MINE, {}, s.token)).myCategories;
    expect(mine.find((c: any) => c.category === 'DISABLED')).toMatchObject({ verified: true, source: 'SERVICE_CENTRE', verifiedAt: expect.any(String) });
    const [row] = await api.db.query(`SELECT categories FROM seekers WHERE id = $1`, [s.seekerId]);
    expect(row.categories).toEqual(['GRADUATE', 'DISABLED', 'POOR_HOUSEHOLD']);
    const rec = await api.db.query(
      `SELECT category, source, note, verified_by, verified_at FROM seeker_category_verifications WHERE seeker_id = $1 AND revoked_at IS NULL ORDER BY category`,
      [s.seekerId],
    );
    expect(rec).toEqual([
      expect.objectContaining({ category: 'DISABLED', source: 'SERVICE_CENTRE', note: '核验残疾人证', verified_by: expect.any(String) }),
      expect.objectContaining({ category: 'POOR_HOUSEHOLD', source: 'BUREAU_LIST', note: '2026年低保名单第3批' }),
    ]);
    // Verification does not bypass the consent: HR still does not see them.
    expect(await profileSeenByHr(s.seekerId)).toEqual({ categories: ['GRADUATE'], sensitiveConsent: false });
    const bad = await api.gql(VERIFY, { i: { seekerId: s.seekerId, category: 'NOPE', source: 'SCHOOL' } }, op);
    expect(bad.errors?.[0]).toBeDefined();
  });
});
