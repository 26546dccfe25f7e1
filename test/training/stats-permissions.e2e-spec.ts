import { Role } from '@app/core';
import { createTestApi, insertStaff, operator, signInStaff, tenantWithHr, TestApi } from '@app/testing';
import { ASSESS, codeOf, day, enrol, institution, MARK, seeker, sessions, trainingClass } from './training.helpers';

describe('training statistics and permissions (real PostgreSQL)', () => {
  let api: TestApi;
  let op: string;
  let auditor: string;
  beforeAll(async () => {
    api = await createTestApi();
    op = await operator(api);
    const a = await insertStaff(api, Role.AUDITOR);
    auditor = await signInStaff(api, a.username, a.password);
  });
  afterAll(() => api.close());

  const STATS = `query($f: TrainingStatsFilterInput) { trainingStats(filter: $f) {
    total { enrolled completed withdrawn trainees }
    byClass { classId className type capacity institutionName enrolled completed withdrawn trainees }
    byInstitution { institutionId classes enrolled completed withdrawn trainees }
    bySchool { schoolId schoolName enrolled completed withdrawn trainees }
  } }`;

  it('enrolment and completion figures per class, institution and school', async () => {
    const inst = await institution(api, op);
    const newHire = await trainingClass(api, op, { institutionId: inst, capacity: 10 });
    const grad = await trainingClass(api, op, { institutionId: inst, type: 'GRADUATE_SHORT', courses: ['《客户心理分析》'] });
    const [session] = await sessions(api, op, newHire, [[-2 * 3600_000, 3600_000]]);
    const [s1, s2, s3] = await Promise.all([seeker(api), seeker(api), seeker(api)]);
    const schoolName = (n: string) => `${n}${process.pid}${Math.floor(Math.random() * 1e6)}`;
    const mk = (name: string) => api.ok(`mutation($i: CreateSchoolInput!) { createSchool(input: $i) { id } }`, { i: { name, kind: 'VOCATIONAL' } }, op);
    const nameA = schoolName('乌兰察布职业学院');
    const nameB = schoolName('集宁师范学院');
    const schoolA = (await mk(nameA)).createSchool.id;
    const schoolB = (await mk(nameB)).createSchool.id;
    await api.db.query(
      `INSERT INTO seeker_schools (seeker_id, school_id, status, decided_at, decided_via) VALUES ($1, $3, 'CONFIRMED', now(), 'SEEKER'), ($2, $3, 'CONFIRMED', now(), 'SEEKER'), ($4, $5, 'CONFIRMED', now(), 'SEEKER')`,
      [s1.seekerId, s2.seekerId, schoolA, s3.seekerId, schoolB],
    );

    const e1 = (await enrol(api, s1.token, newHire)).data.enrolInTrainingClass.id;
    await enrol(api, s2.token, newHire);
    await enrol(api, s3.token, newHire);
    await enrol(api, s1.token, grad);
    await api.ok(`mutation($c: ID!) { withdrawFromTrainingClass(classId: $c) { id } }`, { c: newHire }, s3.token);
    await api.ok(MARK, { i: { sessionId: session, seekerId: s1.seekerId } }, op);
    await api.ok(ASSESS, { i: { enrolmentId: e1, score: 88, assessedOn: day(api, 0) } }, op);

    for (const token of [op, auditor]) {
      const d = (await api.ok(STATS, { f: { institutionId: inst } }, token)).trainingStats;
      expect(d.total).toEqual({ enrolled: 3, completed: 1, withdrawn: 1, trainees: 2 });
      const byClass = Object.fromEntries(d.byClass.map((c: { classId: string }) => [c.classId, c]));
      expect(byClass[newHire]).toMatchObject({ type: 'NEW_HIRE', capacity: 10, enrolled: 2, completed: 1, withdrawn: 1, trainees: 2 });
      expect(byClass[grad]).toMatchObject({ type: 'GRADUATE_SHORT', enrolled: 1, completed: 0, withdrawn: 0, trainees: 1 });
      expect(d.byInstitution).toEqual([{ institutionId: inst, classes: 2, enrolled: 3, completed: 1, withdrawn: 1, trainees: 2 }]);
      expect(d.bySchool).toEqual([
        { schoolId: schoolA, schoolName: nameA, enrolled: 3, completed: 1, withdrawn: 0, trainees: 2 },
        { schoolId: schoolB, schoolName: nameB, enrolled: 0, completed: 0, withdrawn: 1, trainees: 0 },
      ]);
    }
    const byType = (await api.ok(STATS, { f: { institutionId: inst, type: 'GRADUATE_SHORT' } }, op)).trainingStats;
    expect(byType.total).toEqual({ enrolled: 1, completed: 0, withdrawn: 0, trainees: 1 });
    const none = (await api.ok(STATS, { f: { institutionId: inst, startsFrom: day(api, 400) } }, op)).trainingStats;
    expect(none.byClass).toEqual([]);
  });

  it('statistics are for the operator and the bureau only', async () => {
    const { hrToken } = await tenantWithHr(api, op);
    const p = await seeker(api);
    expect(codeOf(await api.gql(STATS, {}, hrToken))).toBe('FORBIDDEN');
    expect(codeOf(await api.gql(STATS, {}, p.token))).toBe('FORBIDDEN');
  });

  it('a sponsoring tenant’s HR sees its class’s trainees masked; another tenant’s HR sees nothing', async () => {
    const sponsor = await tenantWithHr(api, op);
    const other = await tenantWithHr(api, op);
    const classId = await trainingClass(api, op, { type: 'NEW_HIRE', sponsorTenantId: sponsor.tenantId });
    const p = await seeker(api, { name: '赵丽娜' });
    await enrol(api, p.token, classId);
    const TRAINEES = `query($c: ID!) { trainingClassTrainees(classId: $c) { total items { status attendedSessions totalSessions seeker { id name idNumberMasked phoneMasked phone } } } }`;

    const seen = (await api.ok(TRAINEES, { c: classId }, sponsor.hrToken)).trainingClassTrainees;
    expect(seen.total).toBe(1);
    const s = seen.items[0].seeker;
    expect(s).toMatchObject({ id: p.seekerId, name: '赵丽娜', phone: null });
    expect(s.idNumberMasked).toMatch(/^\d{6}\*+\w{4}$|\*/);
    expect(s.phoneMasked).toBe(`${p.phone.slice(0, 3)}****${p.phone.slice(7)}`);
    expect(JSON.stringify(seen)).not.toContain(p.phone);

    const refused = await api.gql(TRAINEES, { c: classId }, other.hrToken);
    expect(codeOf(refused)).toBe('NOT_FOUND');
    expect(refused.data).toBeNull();
    expect(codeOf(await api.gql(`query($id: ID!) { trainingClass(id: $id) { id } }`, { id: classId }, other.hrToken))).toBe('NOT_FOUND');
    expect(codeOf(await api.gql(TRAINEES, { c: classId }, p.token))).toBe('FORBIDDEN');

    const staff = (await api.ok(TRAINEES, { c: classId }, op)).trainingClassTrainees;
    expect(staff.items[0].seeker.id).toBe(p.seekerId);
    // The bureau sees training figures (trainingStats), not a list of named trainees (PIPL minimum necessary).
    expect(codeOf(await api.gql(TRAINEES, { c: classId }, auditor))).toBe('FORBIDDEN');

    // A trainee who did not consent to share (and never applied to the sponsor) is not even a row for HR (issue 8: no attendance figures).
    const shy = await seeker(api);
    await api.ok(`mutation { withdrawConsent { id } }`, {}, shy.token);
    await enrol(api, shy.token, classId);
    const after = (await api.ok(TRAINEES, { c: classId }, sponsor.hrToken)).trainingClassTrainees;
    expect(after.total).toBe(1);
    expect(after.items.map((t: { seeker: { id: string } | null }) => t.seeker?.id ?? null)).toEqual([p.seekerId]);
    const forStaff = (await api.ok(TRAINEES, { c: classId }, op)).trainingClassTrainees;
    expect(forStaff.items.map((t: { seeker: { id: string } }) => t.seeker.id)).toEqual([p.seekerId, shy.seekerId]);
  });

  it('the auditor reads but does not run training', async () => {
    const inst = await institution(api, op);
    const r = await api.gql(
      `mutation($i: CreateInstitutionInput!) { createTrainingInstitution(input: $i) { id } }`,
      { i: { name: `审计不可建${Math.random()}` } },
      auditor,
    );
    expect(codeOf(r)).toBe('FORBIDDEN');
    const c = await api.gql(
      `mutation($i: CreateClassInput!) { createTrainingClass(input: $i) { id } }`,
      { i: { institutionId: inst, type: 'NEW_HIRE', name: 'x', courseIds: [], capacity: 1, startsOn: day(api, 0), endsOn: day(api, 1) } },
      auditor,
    );
    expect(codeOf(c)).toBe('FORBIDDEN');
  });
});
