import { applyTo, createTestApi, creditCode, openPosting, operator, seekerWithProfile, signInStaff, insertStaff, TestApi } from '@app/testing';
import { Role } from '@app/core';
import { MARK, sessions, trainingClass } from '../training/training.helpers';

/** Issue 8 §5: what a tenant, a seeker or an anonymous visitor must not see. */
describe('data exposure fixes (issue 8 §5)', () => {
  let api: TestApi;
  let op: string;
  let tenantId: string;
  let hrToken: string;
  let otherHr: string;

  beforeAll(async () => {
    api = await createTestApi();
    op = await operator(api);
    const t = await api.ok(
      `mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }`,
      { i: { name: `北疆云联客服${Date.now() % 100000}`, creditCode: creditCode(), seats: 500, contactName: '张建国', contactPhone: '13904740001' } },
      op,
    );
    tenantId = t.createTenant.id;
    const hr = await insertStaff(api, Role.HR, { tenantId });
    hrToken = await signInStaff(api, hr.username, hr.password);
    const other = await api.ok(
      `mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }`,
      { i: { name: `其他企业${Date.now() % 100000}`, creditCode: creditCode(), seats: 50 } },
      op,
    );
    const ohr = await insertStaff(api, Role.HR, { tenantId: other.createTenant.id });
    otherHr = await signInStaff(api, ohr.username, ohr.password);
  });
  afterAll(() => api.close());

  it('the job board never shows a company contact person; the operator and the company itself still do', async () => {
    const postingId = await openPosting(api, hrToken, 3);
    const seeker = await seekerWithProfile(api);
    const BOARD = `query($id: ID!) { openPosting(id: $id) { tenant { id name contactName } } openPostings(first: 100) { items { tenant { id contactName } } } }`;
    for (const [who, token] of [
      ['anonymous', undefined],
      ['seeker', seeker.token],
      ['another tenant', otherHr],
      ['the company itself', hrToken],
    ] as const) {
      const r = await api.ok(BOARD, { id: postingId }, token);
      expect({ who, contact: r.openPosting.tenant.contactName }).toEqual({ who, contact: who === 'the company itself' ? '张建国' : null });
      if (who !== 'the company itself') expect(JSON.stringify(r)).not.toContain('张建国');
    }
    expect((await api.ok(`query($id: ID!) { tenant(id: $id) { contactName } }`, { id: tenantId }, op)).tenant.contactName).toBe('张建国');
    expect((await api.ok(`{ myTenant { contactName } }`, {}, hrToken)).myTenant.contactName).toBe('张建国');
  });

  it("a tenant sees at most 2 trailing characters of an applicant's ID number", async () => {
    const postingId = await openPosting(api, hrToken, 3);
    const s = await seekerWithProfile(api);
    await applyTo(api, s.token, postingId);
    const d = await api.ok(`query($id: ID!) { talentProfile(id: $id) { idNumberMasked } }`, { id: s.seekerId }, hrToken);
    expect(d.talentProfile.idNumberMasked).toBe(`${s.idNumber.slice(0, 4)}${'*'.repeat(12)}${s.idNumber.slice(16)}`);
    expect(d.talentProfile.idNumberMasked.replace(/\*/g, '')).toHaveLength(6); // 4 leading + 2 trailing, nothing else
  });

  it("a sponsor's HR gets no trainee rows (not even attendance) for trainees who neither share nor applied to it", async () => {
    const classId = await trainingClass(api, op, { type: 'NEW_HIRE', sponsorTenantId: tenantId });
    const [sessionId] = await sessions(api, op, classId, [[-30 * 60_000, 60 * 60_000]]);
    const sharing = await seekerWithProfile(api);
    const privateApplicant = await seekerWithProfile(api, { consent: false });
    await applyTo(api, privateApplicant.token, await openPosting(api, hrToken, 2));
    const shy = await seekerWithProfile(api, { consent: false });
    for (const s of [sharing, privateApplicant, shy]) {
      await api.ok(`mutation($c: ID!) { enrolInTrainingClass(classId: $c) { id } }`, { c: classId }, s.token);
      await api.ok(MARK, { i: { sessionId, seekerId: s.seekerId } }, op);
    }
    const TRAINEES = `query($c: ID!) { trainingClassTrainees(classId: $c, first: 50) { total items { seekerId attendedSessions attendancePercent seeker { id } } } }`;
    const hr = (await api.ok(TRAINEES, { c: classId }, hrToken)).trainingClassTrainees;
    expect(hr.total).toBe(2);
    expect(hr.items.map((t: { seekerId: string }) => t.seekerId).sort()).toEqual([sharing.seekerId, privateApplicant.seekerId].sort());
    expect(JSON.stringify(hr)).not.toContain(shy.seekerId);
    expect(hr.items.every((t: { attendedSessions: number }) => t.attendedSessions === 1)).toBe(true);
    // paging counts only what HR may see
    const page2 = (
      await api.ok(`query($c: ID!) { trainingClassTrainees(classId: $c, first: 1, offset: 1) { total hasMore items { seekerId } } }`, { c: classId }, hrToken)
    ).trainingClassTrainees;
    expect(page2).toMatchObject({ total: 2, hasMore: false });
    expect(page2.items).toHaveLength(1);
    // staff still see everyone
    const staff = (await api.ok(TRAINEES, { c: classId }, op)).trainingClassTrainees;
    expect(staff.total).toBe(3);
    expect(staff.items.map((t: { seekerId: string }) => t.seekerId)).toContain(shy.seekerId);
  });
});
