import { INestApplicationContext } from '@nestjs/common';
import { createTestApi, idNumber, operator, seekerWithProfile, signInSeeker, signInStaff, insertStaff, tenantWithHr, TestApi, uniquePhone } from '@app/testing';
import { Role } from '@app/core';
import { csv, CSV_HEADER, importFile, schoolWithAdmin, startWorker } from '../schools/schools-helpers';

/**
 * Issue 8 §2: claiming a profile needs the person, not just their ID number.
 * A school list creates a profile; a stranger who knows the ID number gets only
 * "identity verification pending" — the same as for a profile owned by another
 * account — and nothing of the profile is shown or changed; the person with the
 * imported phone claims at once; the service centre decides the rest, recorded.
 */
describe('claiming an existing profile (identity claims)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let op: string;
  let school: { schoolId: string; schoolName: string; token: string };

  const SAVE = `mutation($i: ProfileInput!) { saveMyProfile(input: $i) { id name phone phoneMasked idNumberMasked schoolName major source } }`;
  const MY_CLAIM = `{ myIdentityClaim { status message messageEn createdAt decidedAt } }`;
  const CLAIMS = `query($f: IdentityClaimFilterInput) { identityClaims(filter: $f, first: 100) { total items {
    id status method seekerId nameMasked idNumberMasked profileSource profilePhoneMasked claimantPhoneMasked profileWasLinked decidedAt decidedByName decisionNote } } }`;

  /** What a stranger sends: someone's ID number with their own details. */
  const strangerInput = (id: string) => ({ idNumber: id, name: '冒名者', regionCode: '150902', education: 'BACHELOR', typingSpeed: 99 });

  async function importGraduate(name: string, phone: string): Promise<{ id: string; seekerId: string }> {
    const id = idNumber('150902', '2004-03-0' + (1 + Math.floor(Math.random() * 9)));
    const done = await importFile(
      api,
      school.token,
      csv([CSV_HEADER, [name, id, '女', phone, '呼叫中心服务与管理', '大专', '2026', '呼叫2301班', '2023010101']]),
      'claim.csv',
    );
    expect(done).toMatchObject({ status: 'DONE', rejected: 0 });
    const [row] = await api.db.query(`SELECT id, source, user_id FROM seekers WHERE id_number_hash = $1`, [api.crypto.hash('id', id)]);
    expect(row).toMatchObject({ source: 'SCHOOL', user_id: null });
    return { id, seekerId: row.id };
  }

  const seekerRow = async (seekerId: string) => (await api.db.query(`SELECT * FROM seekers WHERE id = $1`, [seekerId]))[0];

  beforeAll(async () => {
    api = await createTestApi();
    worker = await startWorker();
    op = await operator(api);
    school = await schoolWithAdmin(api, op);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('the attack from the issue: a stranger with a school-imported person’s ID number gets "pending", sees and changes nothing; the person with the imported phone claims at once', async () => {
    const realPhone = uniquePhone();
    const g = await importGraduate('其其格', realPhone);
    const before = await seekerRow(g.seekerId);

    const stranger = await signInSeeker(api);
    const r = await api.gql(SAVE, { i: strangerInput(g.id) }, stranger.token);
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ saveMyProfile: null });
    const text = JSON.stringify(r);
    for (const secret of ['其其格', school.schoolName, '呼叫中心服务与管理', realPhone, realPhone.slice(7)]) expect(text).not.toContain(secret);

    const claim = (await api.ok(MY_CLAIM, {}, stranger.token)).myIdentityClaim;
    expect(claim).toMatchObject({ status: 'PENDING', decidedAt: null });
    expect(claim.message).toContain('身份核验中');
    expect(claim.message).toContain('人才服务中心');
    expect(claim.messageEn).toMatch(/identity verification pending/i);
    expect((await api.ok(`{ myProfile { id } }`, {}, stranger.token)).myProfile).toBeNull();
    // The pending stranger cannot export, consent or apply as that person: there is no profile for them.
    expect((await api.ok(`{ exportMyData }`, {}, stranger.token)).exportMyData.profile).toBeNull();
    expect((await api.gql(`mutation { grantConsent { id } }`, {}, stranger.token)).errors?.[0].extensions?.code).toBe('NO_PROFILE');

    // Nothing of the profile changed: not the account, not the phone, not the name, not the time stamp.
    const after = await seekerRow(g.seekerId);
    expect(after).toEqual(before);
    expect(api.crypto.decrypt(after.phone_enc)).toBe(realPhone);

    // Saying it again changes nothing and opens no second request; another ID number is refused while one is open,
    // before any look-up (so the answer is the same for an ID that exists and one that does not).
    expect((await api.gql(SAVE, { i: strangerInput(g.id) }, stranger.token)).data).toEqual({ saveMyProfile: null });
    const other = await api.gql(SAVE, { i: strangerInput(idNumber()) }, stranger.token);
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'IDENTITY_CLAIM_PENDING', field: 'idNumber' });
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM identity_claims WHERE seeker_id = $1`, [g.seekerId]);
    expect(n).toBe(1);

    // The real person signs in with the phone the school listed: claimed at once, with their own changes.
    const real = await signInSeeker(api, realPhone);
    const mine = await api.ok(SAVE, { i: { idNumber: g.id, regionCode: '150902', typingSpeed: 70 } }, real.token);
    expect(mine.saveMyProfile).toMatchObject({ id: g.seekerId, name: '其其格', phone: realPhone, schoolName: school.schoolName, source: 'SCHOOL' });
    const rows = await api.db.query(`SELECT status, method, claimant_user_id, decided_at FROM identity_claims WHERE seeker_id = $1 ORDER BY created_at`, [
      g.seekerId,
    ]);
    expect(rows).toEqual([
      expect.objectContaining({ status: 'PENDING', method: null }),
      expect.objectContaining({ status: 'APPROVED', method: 'PHONE_MATCH', decided_at: expect.any(Date) }),
    ]);
    // Still nothing for the stranger.
    expect((await api.ok(`{ myProfile { id } }`, {}, stranger.token)).myProfile).toBeNull();
    expect((await api.ok(MY_CLAIM, {}, stranger.token)).myIdentityClaim.status).toBe('PENDING');
  });

  it('a profile owned by another account gives the identical answer; ID_NUMBER_TAKEN is gone', async () => {
    const g = await importGraduate('娜仁花', uniquePhone());
    const owner = await seekerWithProfile(api, { profile: { name: '张丽' } });
    const ownerBefore = await seekerRow(owner.seekerId);

    const a = await signInSeeker(api);
    const b = await signInSeeker(api);
    const imported = await api.gql(SAVE, { i: strangerInput(g.id) }, a.token);
    const owned = await api.gql(SAVE, { i: strangerInput(owner.idNumber) }, b.token);
    expect(owned).toEqual(imported);
    expect(owned).toEqual({ data: { saveMyProfile: null } });
    expect(JSON.stringify(owned)).not.toContain('TAKEN');

    const strip = ({ createdAt: _c, ...rest }: any) => rest;
    const ca = (await api.ok(MY_CLAIM, {}, a.token)).myIdentityClaim;
    const cb = (await api.ok(MY_CLAIM, {}, b.token)).myIdentityClaim;
    expect(strip(cb)).toEqual(strip(ca));
    expect(cb.status).toBe('PENDING');

    // The owner keeps their profile untouched and still signs in to it.
    expect(await seekerRow(owner.seekerId)).toEqual(ownerBefore);
    expect((await api.ok(`{ myProfile { id name } }`, {}, owner.token)).myProfile).toEqual({ id: owner.seekerId, name: '张丽' });
  });

  it('the service centre lists pending claims (masked), rejects and approves with a note; approval moves the profile to the claimant and is recorded', async () => {
    const owner = await seekerWithProfile(api, { profile: { name: '王建国' } });
    const claimant = await signInSeeker(api);
    const impostor = await signInSeeker(api);
    expect((await api.ok(SAVE, { i: strangerInput(owner.idNumber) }, claimant.token)).saveMyProfile).toBeNull();
    expect((await api.ok(SAVE, { i: strangerInput(owner.idNumber) }, impostor.token)).saveMyProfile).toBeNull();

    // Who may see the queue: the operator and (reading) the bureau; not HR, schools' admins or seekers.
    const list = await api.gql(CLAIMS, { f: { status: 'PENDING' } }, op);
    const mine = list.data!.identityClaims.items.filter((c: any) => c.seekerId === owner.seekerId);
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({ status: 'PENDING', nameMasked: '王*国', profileSource: 'SELF', profileWasLinked: true, decidedAt: null });
    expect(mine[0].idNumberMasked).toMatch(/\*{6,}/);
    const text = JSON.stringify(list);
    for (const secret of [owner.idNumber, owner.phone, claimant.phone, impostor.phone, '王建国']) expect(text).not.toContain(secret);
    expect(mine.map((c: any) => c.claimantPhoneMasked).sort()).toEqual([claimant.phone, impostor.phone].map((p) => `${p.slice(0, 3)}****${p.slice(7)}`).sort());
    const claimOf = (phone: string) => mine.find((c: any) => c.claimantPhoneMasked === `${phone.slice(0, 3)}****${phone.slice(7)}`).id;

    const { hrToken } = await tenantWithHr(api, op);
    const auditorUser = await insertStaff(api, Role.AUDITOR);
    const auditor = await signInStaff(api, auditorUser.username, auditorUser.password);
    expect((await api.gql(CLAIMS, {}, hrToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(CLAIMS, {}, claimant.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.ok(CLAIMS, { f: { status: 'PENDING' } }, auditor)).identityClaims.total).toBeGreaterThanOrEqual(2);
    const DECIDE = (what: string) => `mutation($i: DecideIdentityClaimInput!) { ${what}(input: $i) { id status method decidedByName decisionNote decidedAt } }`;
    for (const token of [auditor, hrToken, claimant.token]) {
      const r = await api.gql(DECIDE('approveIdentityClaim'), { i: { claimId: claimOf(claimant.phone), note: '自己批准自己' } }, token);
      expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }

    // The impostor could not show an ID card: rejected, with the reason kept (the claimant sees only the outcome).
    const rejected = await api.ok(DECIDE('rejectIdentityClaim'), { i: { claimId: claimOf(impostor.phone), note: '未能出示本人身份证' } }, op);
    expect(rejected.rejectIdentityClaim).toMatchObject({ status: 'REJECTED', decisionNote: '未能出示本人身份证', decidedByName: 'OPERATOR 测试' });
    const impostorView = (await api.ok(MY_CLAIM, {}, impostor.token)).myIdentityClaim;
    expect(impostorView.status).toBe('REJECTED');
    expect(JSON.stringify(impostorView)).not.toContain('身份证号');
    expect(JSON.stringify(impostorView)).not.toContain('未能出示');

    // The real person came with their ID card: approved; the profile moves to their account and phone.
    const approved = await api.ok(DECIDE('approveIdentityClaim'), { i: { claimId: claimOf(claimant.phone), note: '本人持身份证到人才服务中心核验' } }, op);
    expect(approved.approveIdentityClaim).toMatchObject({ status: 'APPROVED', method: 'SERVICE_CENTRE', decisionNote: '本人持身份证到人才服务中心核验' });
    const row = await seekerRow(owner.seekerId);
    const [claimantUser] = await api.db.query(`SELECT id FROM users WHERE phone_hash = $1`, [api.crypto.hash('phone', claimant.phone)]);
    const [ownerUser] = await api.db.query(`SELECT id FROM users WHERE phone_hash = $1`, [api.crypto.hash('phone', owner.phone)]);
    expect(row.user_id).toBe(claimantUser.id);
    expect(api.crypto.decrypt(row.phone_enc)).toBe(claimant.phone);
    expect(row.name).toBe('王建国'); // the claim's own input was never applied
    const [rec] = await api.db.query(`SELECT * FROM identity_claims WHERE id = $1`, [claimOf(claimant.phone)]);
    expect(rec).toMatchObject({
      status: 'APPROVED',
      previous_user_id: ownerUser.id,
      decided_by_role: 'OPERATOR',
      decision_note: '本人持身份证到人才服务中心核验',
    });
    expect(rec.decided_by).not.toBeNull();

    expect((await api.ok(`{ myProfile { id name } }`, {}, claimant.token)).myProfile).toEqual({ id: owner.seekerId, name: '王建国' });
    expect((await api.ok(`{ myProfile { id } }`, {}, owner.token)).myProfile).toBeNull();
    expect((await api.ok(MY_CLAIM, {}, claimant.token)).myIdentityClaim.status).toBe('APPROVED');
    const views = (await api.ok(`{ myProfileViews { viewer action } }`, {}, claimant.token)).myProfileViews;
    expect(views).toContainEqual({ viewer: '人才服务中心', action: 'IDENTITY_VERIFIED' });

    // A decision is final.
    const again = await api.gql(DECIDE('rejectIdentityClaim'), { i: { claimId: claimOf(claimant.phone), note: '再来一次' } }, op);
    expect(again.errors?.[0].extensions?.code).toBe('CLAIM_ALREADY_DECIDED');
    const bad = await api.gql(DECIDE('approveIdentityClaim'), { i: { claimId: claimOf(impostor.phone), note: 'x' } }, op);
    expect(bad.errors?.[0].extensions?.field).toBe('note');
  });

  it('a claimant who mistyped cancels the request and can then create their own profile; the number of requests is capped', async () => {
    const owner = await seekerWithProfile(api);
    const s = await signInSeeker(api);
    expect((await api.ok(SAVE, { i: strangerInput(owner.idNumber) }, s.token)).saveMyProfile).toBeNull();
    expect((await api.ok(`mutation { cancelMyIdentityClaim { status } }`, {}, s.token)).cancelMyIdentityClaim.status).toBe('CANCELLED');
    const own = idNumber();
    const created = await api.ok(SAVE, { i: { idNumber: own, name: '刘敏' } }, s.token);
    expect(created.saveMyProfile).toMatchObject({ name: '刘敏', source: 'SELF' });

    // Three requests per account, then the service centre in person — for every ID number alike.
    const p = await signInSeeker(api);
    const owners = [await seekerWithProfile(api), await seekerWithProfile(api), await seekerWithProfile(api)];
    for (const o of owners) {
      expect((await api.ok(SAVE, { i: strangerInput(o.idNumber) }, p.token)).saveMyProfile).toBeNull();
      await api.ok(`mutation { cancelMyIdentityClaim { status } }`, {}, p.token);
    }
    for (const id of [idNumber(), (await seekerWithProfile(api)).idNumber]) {
      const r = await api.gql(SAVE, { i: strangerInput(id) }, p.token);
      expect(r.errors?.[0].extensions?.code).toBe('IDENTITY_CLAIM_LIMIT');
    }
  });
});
