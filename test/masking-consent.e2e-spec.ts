import { Logger } from '@nestjs/common';
import { applyTo, CapturingLogger, createTestApi, openPosting, seekerWithProfile, tenantWithHr, TestApi } from '@app/testing';

const PROFILE_FIELDS = `id name idNumberMasked phoneMasked phone regionName distanceKm sharedWithTenants`;

describe('personal data: masking, consent, access log, export, erasure', () => {
  let api: TestApi;
  const logs = new CapturingLogger();
  beforeAll(async () => {
    api = await createTestApi({ logger: logs });
    Logger.overrideLogger(logs);
  });
  afterAll(() => api.close());

  it('ID number and phone are encrypted at rest with a key id, and looked up by keyed hash', async () => {
    const s = await seekerWithProfile(api);
    const [row] = await api.db.query(
      `SELECT id_number_enc, id_number_hash, phone_enc, phone_hash, to_jsonb(s)::text AS everything FROM seekers s WHERE id = $1`,
      [s.seekerId],
    );
    expect(row.everything).not.toContain(s.idNumber);
    expect(row.everything).not.toContain(s.phone);
    expect(row.id_number_enc).toMatch(/^dev1\./);
    expect(api.crypto.decrypt(row.id_number_enc)).toBe(s.idNumber);
    expect(row.id_number_hash).toBe(api.crypto.hash('id', s.idNumber));
    expect(api.crypto.decrypt(row.phone_enc)).toBe(s.phone);
  });

  it('no response to a tenant contains a full ID number or phone unless the rules allow it', async () => {
    const { hrToken } = await tenantWithHr(api);
    const other = await tenantWithHr(api);
    const postingId = await openPosting(api, hrToken, 2);
    const s = await seekerWithProfile(api);
    const pool = await api.gql(`{ talentPool(first: 100) { items { ${PROFILE_FIELDS} } } }`, {}, hrToken);
    const view = await api.gql(`query($id: ID!) { talentProfile(id: $id) { ${PROFILE_FIELDS} } }`, { id: s.seekerId }, hrToken);
    for (const r of [pool, view]) {
      const text = JSON.stringify(r);
      expect(text).not.toContain(s.idNumber);
      expect(text).not.toContain(s.phone);
    }
    expect(view.data.talentProfile.idNumberMasked).toBe(`${s.idNumber.slice(0, 4)}************${s.idNumber.slice(16)}`);
    expect(view.data.talentProfile.phone).toBeNull();

    // After applying to this tenant, its HR may see the phone (logged as VIEW_CONTACT); another tenant still may not.
    const appId = await applyTo(api, s.token, postingId);
    const applicant = await api.ok(`query($id: ID!) { talentProfile(id: $id) { phone idNumberMasked } }`, { id: s.seekerId }, hrToken);
    expect(applicant.talentProfile.phone).toBe(s.phone);
    expect(JSON.stringify(applicant)).not.toContain(s.idNumber);
    const otherView = await api.ok(`query($id: ID!) { talentProfile(id: $id) { phone } }`, { id: s.seekerId }, other.hrToken);
    expect(otherView.talentProfile.phone).toBeNull();
    const appView = await api.ok(`query($id: ID!) { application(id: $id) { seeker { ${PROFILE_FIELDS} } } }`, { id: appId }, hrToken);
    expect(JSON.stringify(appView)).not.toContain(s.idNumber);
    expect(appView.application.seeker.phone).toBeNull();

    // The seeker sees who looked.
    const views = await api.ok(`{ myProfileViews { viewer action } }`, {}, s.token);
    expect(views.myProfileViews.map((v: any) => v.action).sort()).toEqual(['VIEW', 'VIEW', 'VIEW_CONTACT']);
    expect(views.myProfileViews[0].viewer).toMatch(/测试呼叫中心/);
  });

  it('consent withdrawal hides the profile from tenants immediately', async () => {
    const { hrToken } = await tenantWithHr(api);
    const s = await seekerWithProfile(api, { profile: { name: '撤回测试' } });
    const before = await api.ok(`{ talentPool(first: 100, filter: { text: "撤回测试" }) { total items { id } } }`, {}, hrToken);
    expect(before.talentPool.items.map((i: any) => i.id)).toContain(s.seekerId);
    await api.ok(`mutation { withdrawConsent { sharedWithTenants } }`, {}, s.token);
    const after = await api.ok(`{ talentPool(first: 100, filter: { text: "撤回测试" }) { items { id } } }`, {}, hrToken);
    expect(after.talentPool.items.map((i: any) => i.id)).not.toContain(s.seekerId);
    const view = await api.gql(`query($id: ID!) { talentProfile(id: $id) { id } }`, { id: s.seekerId }, hrToken);
    expect(view.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const consents = await api.ok(`{ myConsents { scope grantedAt withdrawnAt } }`, {}, s.token);
    expect(consents.myConsents).toHaveLength(1);
    expect(consents.myConsents[0].withdrawnAt).not.toBeNull();
  });

  it('export gives the seeker everything; deletion erases personal data but keeps the audited hire, pseudonymised', async () => {
    const { hrToken } = await tenantWithHr(api);
    const postingId = await openPosting(api, hrToken, 1);
    const s = await seekerWithProfile(api, { profile: { name: '注销测试' } });
    const appId = await applyTo(api, s.token, postingId);
    for (const to of ['SCREENING', 'OFFER'])
      await api.ok(`mutation($i: MoveApplicationInput!) { moveApplication(input: $i) { id } }`, { i: { applicationId: appId, to } }, hrToken);
    await api.ok(
      `mutation($i: HireInput!) { hire(input: $i) { id } }`,
      { i: { applicationId: appId, contractStart: '2026-12-01', contractMonths: 12 } },
      hrToken,
    );

    const exp = (await api.ok(`{ exportMyData }`, {}, s.token)).exportMyData;
    expect(exp.profile.idNumber).toBe(s.idNumber);
    expect(exp.profile.phone).toBe(s.phone);
    expect(exp.applications).toHaveLength(1);
    expect(exp.hires).toHaveLength(1);

    expect((await api.ok(`mutation { deleteMyAccount }`, {}, s.token)).deleteMyAccount).toBe(true);
    const [row] = await api.db.query(`SELECT to_jsonb(s)::text AS everything, name, id_number_hash, erased_at FROM seekers s WHERE id = $1`, [s.seekerId]);
    expect(row.name).toBe('已注销用户');
    expect(row.id_number_hash).toBeNull();
    expect(row.erased_at).not.toBeNull();
    expect(row.everything).not.toContain('注销测试');
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM hires WHERE seeker_id = $1`, [s.seekerId]);
    expect(n).toBe(1);
    const users = await api.db.query(`SELECT id FROM users WHERE phone_hash = $1`, [api.crypto.hash('phone', s.phone)]);
    expect(users).toHaveLength(0);
    // The old token no longer finds an account.
    const me = await api.gql(`{ myProfile { id } }`, {}, s.token);
    expect(me.data?.myProfile ?? null).toBeNull();
  });

  it('nothing sensitive was logged by any of the above (codes, ID numbers, phones)', async () => {
    // Force one error path that sees an ID number as input.
    const s = await seekerWithProfile(api);
    await api.gql(`mutation($i: ProfileInput!) { saveMyProfile(input: $i) { id } }`, { i: { idNumber: s.idNumber.slice(0, 17) + 'Z' } }, s.token);
    expect(logs.lines.length).toBeGreaterThan(0); // the capture works: Nest's start-up lines are in it
    const all = logs.lines.join('\n');
    const idNumbers = await api.db.query(`SELECT id_number_enc, phone_enc FROM seekers WHERE id_number_enc IS NOT NULL`);
    expect(idNumbers.length).toBeGreaterThan(3);
    for (const r of idNumbers) {
      expect(all).not.toContain(api.crypto.decrypt(r.id_number_enc));
      if (r.phone_enc) expect(all).not.toContain(api.crypto.decrypt(r.phone_enc));
    }
    for (const sent of api.sms.sent) expect(all).not.toContain(sent.text.match(/\d{6}/)![0] + '，');
  });
});
