import { applyTo, createTestApi, moveTo, openPosting, operator, tenantWithHr, TestApi } from '@app/testing';
import { codeOf, day, enrol, institution, planCourseIds, seeker, trainingClass } from './training.helpers';

describe('training classes and enrolment (real PostgreSQL)', () => {
  let api: TestApi;
  let op: string;
  beforeAll(async () => {
    api = await createTestApi();
    op = await operator(api);
  });
  afterAll(() => api.close());

  it('the plan’s courses are seeded and the base centre exists', async () => {
    const d = await api.ok(`{ trainingCourses { name audience module fromPlan } trainingInstitutions { name kind } }`, {}, op);
    const names = d.trainingCourses.filter((c: { fromPlan: boolean }) => c.fromPlan).map((c: { name: string }) => c.name);
    expect(names).toEqual(
      expect.arrayContaining([
        '《拥有积极心态系列》',
        '《客户沟通技巧与礼仪》',
        '《客户服务心态分析与调适》',
        '《呼入电话服务技巧》',
        '《客诉处理技巧》',
        '《点燃营销人员工作的动力》',
        '《从平凡走向卓越系列》',
        '《客户心理分析》',
        '《职业道德与个人修养》',
        '《我是优秀管理者系列》',
      ]),
    );
    expect(d.trainingCourses.find((c: { name: string }) => c.name === '《呼入电话服务技巧》')).toMatchObject({ audience: 'NEW_HIRE', module: '职业技能' });
    expect(d.trainingInstitutions).toEqual(expect.arrayContaining([{ name: '乌兰察布呼叫中心基地人才服务中心', kind: 'BASE_CENTRE' }]));
    const second = await api.gql(`mutation { createTrainingInstitution(input: { name: "另一个中心", kind: BASE_CENTRE }) { id } }`, {}, op);
    expect(codeOf(second)).toBe('CONFLICT');
  });

  it('an operator opens a class with courses and a schedule shown in Shanghai time', async () => {
    const classId = await trainingClass(api, op, { startsOn: '2031-03-02', endsOn: '2031-03-06' });
    const d = await api.ok(
      `mutation($i: AddSessionsInput!) { addTrainingSessions(input: $i) { startsAt startsAtLocal endsAtLocal room } }`,
      { i: { classId, sessions: [{ startsAt: '2031-03-02T09:00:00+08:00', endsAt: '2031-03-02T11:30:00+08:00', room: 'A101' }] } },
      op,
    );
    expect(d.addTrainingSessions[0]).toEqual({
      startsAt: '2031-03-02T01:00:00.000Z',
      startsAtLocal: '2031-03-02 09:00',
      endsAtLocal: '2031-03-02 11:30',
      room: 'A101',
    });
    const c = await api.ok(
      `query($id: ID!) { trainingClass(id: $id) { type typeZh capacity seatsLeft minAttendancePercent institution { name } courses { name } sessions { startsAtLocal } } }`,
      { id: classId },
      op,
    );
    expect(c.trainingClass).toMatchObject({
      type: 'NEW_HIRE',
      typeZh: '新员工入职课程',
      capacity: 30,
      seatsLeft: 30,
      minAttendancePercent: 80,
      courses: [{ name: '《客户沟通技巧与礼仪》' }, { name: '《呼入电话服务技巧》' }, { name: '《客诉处理技巧》' }],
      sessions: [{ startsAtLocal: '2031-03-02 09:00' }],
    });
    // 00:30 on 2 March in Shanghai is still 1 March in UTC: inside the class. 23:30 on 6 March is inside; 7 March is not.
    await api.ok(
      `mutation($i: AddSessionsInput!) { addTrainingSessions(input: $i) { id } }`,
      {
        i: {
          classId,
          sessions: [
            { startsAt: '2031-03-02T00:30:00+08:00', endsAt: '2031-03-02T01:30:00+08:00' },
            { startsAt: '2031-03-06T22:00:00+08:00', endsAt: '2031-03-06T23:59:00+08:00' },
          ],
        },
      },
      op,
    );
    const outside = await api.gql(
      `mutation($i: AddSessionsInput!) { addTrainingSessions(input: $i) { id } }`,
      { i: { classId, sessions: [{ startsAt: '2031-03-07T08:00:00+08:00', endsAt: '2031-03-07T09:00:00+08:00' }] } },
      op,
    );
    expect(codeOf(outside)).toBe('SESSION_OUTSIDE_CLASS');
    const overlap = await api.gql(
      `mutation($i: AddSessionsInput!) { addTrainingSessions(input: $i) { id } }`,
      { i: { classId, sessions: [{ startsAt: '2031-03-02T11:00:00+08:00', endsAt: '2031-03-02T12:00:00+08:00' }] } },
      op,
    );
    expect(codeOf(overlap)).toBe('SESSIONS_OVERLAP');
    const backwards = await api.gql(
      `mutation($i: AddSessionsInput!) { addTrainingSessions(input: $i) { id } }`,
      { i: { classId, sessions: [{ startsAt: '2031-03-03T11:00:00+08:00', endsAt: '2031-03-03T10:00:00+08:00' }] } },
      op,
    );
    expect(codeOf(backwards)).toBe('BAD_SESSION_TIME');
  });

  it('refuses bad class input: custom class without sponsor, unknown course, end before start', async () => {
    const inst = await institution(api, op);
    const [course] = await planCourseIds(api, op, ['《客户心理分析》']);
    const base = { institutionId: inst, type: 'PROMOTION', name: '储备干部班', courseIds: [course], capacity: 10, startsOn: day(api, 1), endsOn: day(api, 5) };
    const create = (i: Record<string, unknown>) => api.gql(`mutation($i: CreateClassInput!) { createTrainingClass(input: $i) { id } }`, { i }, op);
    expect(codeOf(await create({ ...base, type: 'CUSTOM_FOR_UNEMPLOYED' }))).toBe('SPONSOR_REQUIRED');
    expect(codeOf(await create({ ...base, courseIds: ['00000000-0000-4000-8000-000000000000'] }))).toBe('NOT_FOUND');
    expect(codeOf(await create({ ...base, startsOn: day(api, 5), endsOn: day(api, 1) }))).toBe('BAD_DATES');
    expect(codeOf(await create({ ...base, capacity: 0 }))).toBe('BAD_USER_INPUT');
    const ok = await create(base);
    expect(ok.errors).toBeUndefined();
  });

  it('10 concurrent enrolments for 3 seats: exactly 3 get in', async () => {
    const classId = await trainingClass(api, op, { capacity: 3 });
    const people = await Promise.all(Array.from({ length: 10 }, () => seeker(api)));
    const results = await Promise.all(people.map((p) => enrol(api, p.token, classId)));
    const ok = results.filter((r) => !r.errors);
    expect(ok).toHaveLength(3);
    expect(results.filter((r) => codeOf(r) === 'CLASS_FULL')).toHaveLength(7);
    const [row] = await api.db.query(
      `SELECT c.enrolled_count, (SELECT count(*)::int FROM training_enrolments e WHERE e.class_id = c.id AND e.status <> 'WITHDRAWN') AS live FROM training_classes c WHERE c.id = $1`,
      [classId],
    );
    expect(row).toEqual({ enrolled_count: 3, live: 3 });

    // A withdrawal frees a seat for someone else; the same person cannot enrol twice.
    const inside = people[results.findIndex((r) => !r.errors)];
    const again = await enrol(api, inside.token, classId);
    expect(codeOf(again)).toBe('ALREADY_ENROLLED');
    const w = await api.ok(`mutation($c: ID!) { withdrawFromTrainingClass(classId: $c) { status withdrawnAt } }`, { c: classId }, inside.token);
    expect(w.withdrawFromTrainingClass.status).toBe('WITHDRAWN');
    const outside = people[results.findIndex((r) => codeOf(r) === 'CLASS_FULL')];
    expect((await enrol(api, outside.token, classId)).errors).toBeUndefined();
    const c = await api.ok(`query($id: ID!) { trainingClass(id: $id) { enrolledCount seatsLeft } }`, { id: classId }, op);
    expect(c.trainingClass).toEqual({ enrolledCount: 3, seatsLeft: 0 });
  });

  it('the same person enrolling twice at once gets one enrolment', async () => {
    const classId = await trainingClass(api, op, { capacity: 5 });
    const p = await seeker(api);
    const results = await Promise.all(Array.from({ length: 4 }, () => enrol(api, p.token, classId)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => codeOf(r) === 'ALREADY_ENROLLED')).toHaveLength(3);
    const [row] = await api.db.query(`SELECT enrolled_count FROM training_classes WHERE id = $1`, [classId]);
    expect(row.enrolled_count).toBe(1);
  });

  it('an operator enrols a seeker; closed classes and placement eligibility are enforced', async () => {
    const p = await seeker(api);
    const classId = await trainingClass(api, op);
    const d = await api.ok(
      `mutation($i: EnrolSeekerInput!) { enrolSeekerInTrainingClass(input: $i) { status source } }`,
      { i: { classId, seekerId: p.seekerId } },
      op,
    );
    expect(d.enrolSeekerInTrainingClass).toEqual({ status: 'ENROLLED', source: 'OPERATOR' });

    const closed = await trainingClass(api, op);
    await api.ok(`mutation($id: ID!) { setTrainingClassStatus(id: $id, status: CLOSED) { status } }`, { id: closed }, op);
    expect(codeOf(await enrol(api, p.token, closed))).toBe('CLASS_CLOSED');

    const placement = await trainingClass(api, op, { type: 'PLACEMENT' });
    expect(codeOf(await enrol(api, p.token, placement))).toBe('NOT_ELIGIBLE');
    const poor = await seeker(api, { categories: ['POOR_HOUSEHOLD'] });
    expect((await enrol(api, poor.token, placement)).errors).toBeUndefined();
  });

  it('先面试后培训: an application at OFFER puts the person into the tenant’s custom class', async () => {
    const { tenantId, hrToken } = await tenantWithHr(api, op);
    const other = await tenantWithHr(api, op);
    const postingId = await openPosting(api, hrToken);
    const p = await seeker(api, { categories: ['UNEMPLOYED'] });
    const applicationId = await applyTo(api, p.token, postingId);
    const custom = await trainingClass(api, op, { type: 'CUSTOM_FOR_UNEMPLOYED', sponsorTenantId: tenantId });
    const otherCustom = await trainingClass(api, op, { type: 'CUSTOM_FOR_UNEMPLOYED', sponsorTenantId: other.tenantId });
    const normal = await trainingClass(api, op);
    const FROM_OFFER = `mutation($i: EnrolFromOfferInput!) { enrolFromOffer(input: $i) { id status source applicationId seekerId } }`;

    // Not at OFFER yet.
    expect(codeOf(await api.gql(FROM_OFFER, { i: { applicationId, classId: custom } }, hrToken))).toBe('OFFER_REQUIRED');
    // Without an offer the seeker does not even see the custom class.
    expect(codeOf(await enrol(api, p.token, custom))).toBe('NOT_FOUND');

    await moveTo(api, hrToken, applicationId, 'INTERVIEW');
    await moveTo(api, hrToken, applicationId, 'OFFER');
    // Another company's HR cannot use this application; nor put it into another company's class.
    expect(codeOf(await api.gql(FROM_OFFER, { i: { applicationId, classId: custom } }, other.hrToken))).toBe('NOT_FOUND');
    expect(codeOf(await api.gql(FROM_OFFER, { i: { applicationId, classId: otherCustom } }, hrToken))).toBe('NOT_FOUND');
    expect(codeOf(await api.gql(FROM_OFFER, { i: { applicationId, classId: otherCustom } }, op))).toBe('OFFER_TENANT_MISMATCH');
    expect(codeOf(await api.gql(FROM_OFFER, { i: { applicationId, classId: normal } }, op))).toBe('NOT_CUSTOM_CLASS');

    const d = await api.ok(FROM_OFFER, { i: { applicationId, classId: custom } }, hrToken);
    expect(d.enrolFromOffer).toMatchObject({ status: 'ENROLLED', source: 'OFFER', applicationId, seekerId: p.seekerId });
    expect(codeOf(await api.gql(FROM_OFFER, { i: { applicationId, classId: custom } }, hrToken))).toBe('ALREADY_ENROLLED');

    // A second person holding an offer may enrol themselves; the offer is linked.
    const q = await seeker(api);
    const app2 = await applyTo(api, q.token, postingId);
    await moveTo(api, hrToken, app2, 'INTERVIEW');
    await moveTo(api, hrToken, app2, 'OFFER');
    const self = await enrol(api, q.token, custom);
    expect(self.data.enrolInTrainingClass).toMatchObject({ source: 'SELF', applicationId: app2 });
    // An operator cannot put someone without an offer into a custom class.
    const r = await seeker(api);
    expect(
      codeOf(
        await api.gql(`mutation($i: EnrolSeekerInput!) { enrolSeekerInTrainingClass(input: $i) { id } }`, { i: { classId: custom, seekerId: r.seekerId } }, op),
      ),
    ).toBe('OFFER_REQUIRED');
  });

  it('class lists are scoped: HR sees only sponsored classes, seekers no custom classes', async () => {
    const { tenantId, hrToken } = await tenantWithHr(api, op);
    const sponsored = await trainingClass(api, op, { type: 'CUSTOM_FOR_UNEMPLOYED', sponsorTenantId: tenantId });
    const open = await trainingClass(api, op, { type: 'GRADUATE_SHORT' });
    const LIST = `query($f: ClassFilterInput) { trainingClasses(filter: $f, first: 100) { items { id } total } }`;
    const hr = await api.ok(LIST, {}, hrToken);
    expect(hr.trainingClasses.items.map((c: { id: string }) => c.id)).toEqual([sponsored]);
    const p = await seeker(api);
    const mine = await api.ok(LIST, { f: { type: 'CUSTOM_FOR_UNEMPLOYED' } }, p.token);
    expect(mine.trainingClasses.total).toBe(0);
    const grad = await api.ok(LIST, { f: { type: 'GRADUATE_SHORT' } }, p.token);
    expect(grad.trainingClasses.items.map((c: { id: string }) => c.id)).toContain(open);
    expect(codeOf(await api.gql(`query($id: ID!) { trainingClass(id: $id) { id } }`, { id: open }, hrToken))).toBe('NOT_FOUND');
    expect(codeOf(await api.gql(`query($id: ID!) { trainingClass(id: $id) { id } }`, { id: 'not-a-uuid' }, op))).toBe('NOT_FOUND');
  });

  it('only operators open classes and schedule sessions', async () => {
    const { hrToken } = await tenantWithHr(api, op);
    const p = await seeker(api);
    const classId = await trainingClass(api, op);
    for (const token of [hrToken, p.token]) {
      const r = await api.gql(
        `mutation($i: AddSessionsInput!) { addTrainingSessions(input: $i) { id } }`,
        { i: { classId, sessions: [{ startsAt: api.clock.now().toISOString(), endsAt: new Date(api.clock.now().getTime() + 3600_000).toISOString() }] } },
        token,
      );
      expect(codeOf(r)).toBe('FORBIDDEN');
    }
  });
});
