import { applyTo, createTestApi, moveTo, openPosting, operator, signInSeeker, tenantWithHr, TestApi, uniquePhone } from '@app/testing';
import { INestApplicationContext } from '@nestjs/common';
import { csv, CSV_HEADER, freshId, importFile, schoolWithAdmin, startWorker } from './schools-helpers';

const OC_FIELDS = `id schoolName tenantId tenantName kind name major quota promisedHires curriculum startDate endDate enrolled actualHires promiseMet`;

describe('order classes 订单班 and internships 实习实训', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let op: string;
  let school: Awaited<ReturnType<typeof schoolWithAdmin>>;
  let other: Awaited<ReturnType<typeof schoolWithAdmin>>;
  let sponsor: Awaited<ReturnType<typeof tenantWithHr>>;
  let rival: Awaited<ReturnType<typeof tenantWithHr>>;
  /** Graduates of `school`: seekerId, ID number, phone. */
  const grads: Array<{ seekerId: string; id: string; phone: string }> = [];
  let outsider: string;

  beforeAll(async () => {
    api = await createTestApi();
    worker = await startWorker();
    op = await operator(api);
    school = await schoolWithAdmin(api, op);
    other = await schoolWithAdmin(api, op);
    sponsor = await tenantWithHr(api, op);
    rival = await tenantWithHr(api, op);
    const people = Array.from({ length: 5 }, () => ({ id: freshId(), phone: uniquePhone() }));
    const names = ['张晓燕', '李明轩', '巴特尔', '王子涵', '赵雨欣'];
    await importFile(
      api,
      school.token,
      csv([CSV_HEADER, ...people.map((p, i) => [names[i], p.id, '', p.phone, '现代物流管理', '大专', '2026', '物流2301班', `20230${i}`])]),
      'class.csv',
    );
    for (const p of people) {
      const [row] = await api.db.query(`SELECT id FROM seekers WHERE id_number_hash = $1`, [api.crypto.hash('id', p.id)]);
      grads.push({ seekerId: row.id, ...p });
    }
    const o = freshId();
    await importFile(api, other.token, csv([CSV_HEADER, ['孙其其格', o, '', '', '软件技术', '大专', '2026', '', '']]), 'other.csv');
    outsider = (await api.db.query(`SELECT id FROM seekers WHERE id_number_hash = $1`, [api.crypto.hash('id', o)]))[0].id;
  }, 90000);
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  /** The graduate signs in, claims the imported profile, applies to the tenant's posting and is hired. */
  async function hire(g: { id: string; phone: string }, hr: { hrToken: string }) {
    const s = await signInSeeker(api, g.phone);
    await api.ok(`mutation($i: ProfileInput!) { saveMyProfile(input: $i) { id } }`, { i: { idNumber: g.id } }, s.token);
    const postingId = await openPosting(api, hr.hrToken, 5);
    const appId = await applyTo(api, s.token, postingId);
    for (const stage of ['SCREENING', 'INTERVIEW', 'OFFER']) await moveTo(api, hr.hrToken, appId, stage);
    await api.ok(
      `mutation($i: HireInput!) { hire(input: $i) { id } }`,
      { i: { applicationId: appId, contractStart: '2026-07-01', contractMonths: 12 } },
      hr.hrToken,
    );
    return s.token;
  }

  it('a school runs an order class for a sponsor: its own students within the quota; promised vs actual hires at the sponsor', async () => {
    const created = await api.ok(
      `mutation($i: CreateOrderClassInput!) { createOrderClass(input: $i) { ${OC_FIELDS} } }`,
      {
        i: {
          tenantId: sponsor.tenantId,
          kind: 'ORDER',
          name: '2026届呼叫中心订单班',
          major: '现代物流管理',
          quota: 4,
          promisedHires: 2,
          curriculum: '《客户沟通技巧与礼仪》《呼入电话服务技巧》',
          startDate: '2025-09-01',
          endDate: '2026-06-30',
        },
      },
      school.token,
    );
    const oc = created.createOrderClass;
    expect(oc).toMatchObject({
      schoolName: school.schoolName,
      tenantId: sponsor.tenantId,
      quota: 4,
      promisedHires: 2,
      enrolled: 0,
      actualHires: 0,
      promiseMet: false,
    });

    const add = (ids: string[], token = school.token) =>
      api.gql(
        `mutation($i: OrderClassStudentsInput!) { addOrderClassStudents(input: $i) { enrolled } }`,
        { i: { orderClassId: oc.id, seekerIds: ids } },
        token,
      );
    expect((await add([outsider])).errors?.[0].extensions?.code).toBe('NOT_A_STUDENT'); // another school's graduate
    expect((await add(grads.map((g) => g.seekerId))).errors?.[0].extensions?.code).toBe('QUOTA_FULL'); // 5 > 4
    expect((await add(grads.slice(0, 3).map((g) => g.seekerId))).data?.addOrderClassStudents.enrolled).toBe(3);
    expect((await add(grads.slice(0, 3).map((g) => g.seekerId))).data?.addOrderClassStudents.enrolled).toBe(3); // idempotent
    expect((await add([grads[3].seekerId], other.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND'); // another school's admin
    expect((await add([grads[3].seekerId], sponsor.hrToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // two students hired by the sponsor, one by another company (does not count)
    const studentToken = await hire(grads[0], sponsor);
    const elsewhereToken = await hire(grads[2], rival);
    let d = await api.ok(`query($id: ID!) { orderClass(id: $id) { actualHires promiseMet } }`, { id: oc.id }, school.token);
    expect(d.orderClass).toEqual({ actualHires: 1, promiseMet: false });
    await hire(grads[1], sponsor);
    d = await api.ok(`query($id: ID!) { orderClass(id: $id) { actualHires promiseMet } }`, { id: oc.id }, school.token);
    expect(d.orderClass).toEqual({ actualHires: 2, promiseMet: true });

    // a student's own data export (PIPL) names the order class and its sponsor
    const mine = (await api.ok(`{ exportMyData }`, {}, studentToken)).exportMyData.schools.records;
    expect(mine.orderClasses).toEqual([
      expect.objectContaining({
        name: '2026届呼叫中心订单班',
        kind: 'ORDER',
        kindZh: '订单班',
        school: school.schoolName,
        major: '现代物流管理',
        startDate: '2025-09-01',
        endDate: '2026-06-30',
      }),
    ]);
    expect(mine.orderClasses[0].sponsorCompany).toBeTruthy();

    // the sponsor's HR sees the class and its students, masked; another tenant sees nothing
    const hrView = await api.ok(`{ orderClasses { id actualHires } }`, {}, sponsor.hrToken);
    expect(hrView.orderClasses).toEqual([{ id: oc.id, actualHires: 2 }]);
    const students = await api.ok(
      `query($id: ID!) { orderClassStudents(orderClassId: $id) { id name idNumberMasked phone phoneMasked } }`,
      { id: oc.id },
      sponsor.hrToken,
    );
    // none of them agreed to share with every company: the sponsor sees the two who applied to it, not the one hired elsewhere
    expect(students.orderClassStudents.map((s: any) => s.id).sort()).toEqual([grads[0].seekerId, grads[1].seekerId].sort());
    for (const s of students.orderClassStudents) {
      expect(s.phone).toBeNull();
      expect(s.idNumberMasked).toMatch(/\*{6,}/);
    }
    // a student who never signed in (so never agreed to share) is selected: the school sees them, the sponsor only counts them
    const [{ shared_with_tenants: shared }] = await api.db.query(`SELECT shared_with_tenants FROM seekers WHERE id = $1`, [grads[3].seekerId]);
    expect(shared).toBe(false);
    expect((await add([grads[3].seekerId])).data?.addOrderClassStudents.enrolled).toBe(4);
    const ids = async (token: string) =>
      (await api.ok(`query($id: ID!) { orderClassStudents(orderClassId: $id) { id } }`, { id: oc.id }, token)).orderClassStudents.map((s: any) => s.id);
    expect(await ids(school.token)).toContain(grads[3].seekerId);
    expect(await ids(sponsor.hrToken)).not.toContain(grads[3].seekerId);
    expect(await ids(school.token)).toHaveLength(4);
    expect(await ids(sponsor.hrToken)).toHaveLength(2);
    // once the student hired elsewhere agrees to share with the base's companies, the sponsor sees them too
    await api.ok(`mutation { grantConsent { id } }`, {}, elsewhereToken);
    expect((await ids(sponsor.hrToken)).sort()).toEqual([grads[0].seekerId, grads[1].seekerId, grads[2].seekerId].sort());
    expect((await api.ok(`query($id: ID!) { orderClass(id: $id) { enrolled } }`, { id: oc.id }, sponsor.hrToken)).orderClass.enrolled).toBe(4);
    expect((await api.ok(`{ orderClasses { id } }`, {}, rival.hrToken)).orderClasses).toEqual([]);
    for (const token of [rival.hrToken, other.token]) {
      expect((await api.gql(`query($id: ID!) { orderClass(id: $id) { id } }`, { id: oc.id }, token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect((await api.gql(`query($id: ID!) { orderClassStudents(orderClassId: $id) { id } }`, { id: oc.id }, token)).errors?.[0].extensions?.code).toBe(
        'NOT_FOUND',
      );
    }
    const seeker = await signInSeeker(api);
    expect((await api.gql(`{ orderClasses { id } }`, {}, seeker.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // a school picks sponsors and internship hosts from the base's companies; HR and seekers cannot list them
    const companyIds: string[] = [];
    for (let offset = 0; ; offset += 100) {
      const d = await api.ok(`query($o: Int!) { tenants(first: 100, offset: $o) { hasMore items { id name } } }`, { o: offset }, school.token);
      companyIds.push(...d.tenants.items.map((x: { id: string }) => x.id));
      if (!d.tenants.hasMore) break;
    }
    expect(companyIds).toEqual(expect.arrayContaining([sponsor.tenantId, rival.tenantId]));
    for (const token of [sponsor.hrToken, seeker.token])
      expect((await api.gql(`{ tenants(first: 1) { total } }`, {}, token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // rules: promise within quota, dates in order, a real tenant, unique name per school
    const bad = (i: Record<string, unknown>) =>
      api.gql(
        `mutation($i: CreateOrderClassInput!) { createOrderClass(input: $i) { id } }`,
        {
          i: {
            tenantId: sponsor.tenantId,
            name: '定向委培班',
            major: '软件技术',
            quota: 10,
            promisedHires: 5,
            startDate: '2026-09-01',
            endDate: '2027-06-30',
            ...i,
          },
        },
        school.token,
      );
    expect((await bad({ promisedHires: 11 })).errors?.[0].extensions?.code).toBe('PROMISE_EXCEEDS_QUOTA');
    expect((await bad({ endDate: '2026-08-31' })).errors?.[0].extensions?.code).toBe('INVALID_DATES');
    expect((await bad({ tenantId: '00000000-0000-4000-8000-000000000000' })).errors?.[0].extensions?.code).toBe('TENANT_NOT_FOUND');
    expect((await bad({ name: '2026届呼叫中心订单班' })).errors?.[0].extensions?.code).toBe('ORDER_CLASS_NAME_TAKEN');
    expect((await bad({ kind: 'DIRECTED' })).data?.createOrderClass.id).toBeDefined();
  });

  it('internships: placements with monthly attendance and evaluation, no overlaps, counts per school and tenant per year', async () => {
    const create = (i: Record<string, unknown>, token = school.token) =>
      api.gql(`mutation($i: CreateInternshipInput!) { createInternship(input: $i) { id startDate endDate schoolName tenantName studentName } }`, { i }, token);
    const a = await create({
      seekerId: grads[3].seekerId,
      tenantId: sponsor.tenantId,
      position: '呼入客服实习生',
      startDate: '2026-03-01',
      endDate: '2026-08-31',
    });
    expect(a.data.createInternship).toMatchObject({
      startDate: '2026-03-01',
      endDate: '2026-08-31',
      schoolName: school.schoolName,
      tenantName: expect.any(String),
    });
    const b = await create({ seekerId: grads[4].seekerId, tenantId: rival.tenantId, startDate: '2025-11-01', endDate: '2026-02-28' });
    expect(b.errors).toBeUndefined();
    await create({ seekerId: grads[4].seekerId, tenantId: sponsor.tenantId, startDate: '2026-03-01', endDate: '2026-05-31' });
    expect(
      (await create({ seekerId: grads[3].seekerId, tenantId: rival.tenantId, startDate: '2026-08-01', endDate: '2026-09-30' })).errors?.[0].extensions?.code,
    ).toBe('INTERNSHIP_OVERLAP');
    expect(
      (await create({ seekerId: outsider, tenantId: sponsor.tenantId, startDate: '2026-03-01', endDate: '2026-04-30' })).errors?.[0].extensions?.code,
    ).toBe('NOT_A_STUDENT');
    expect(
      (await create({ seekerId: grads[0].seekerId, tenantId: sponsor.tenantId, startDate: '2026-03-01', endDate: '2026-02-01' })).errors?.[0].extensions?.code,
    ).toBe('INVALID_DATES');
    expect(
      (await create({ seekerId: grads[0].seekerId, tenantId: sponsor.tenantId, startDate: '2026-03-01', endDate: '2026-04-01' }, sponsor.hrToken)).errors?.[0]
        .extensions?.code,
    ).toBe('FORBIDDEN');

    const id = a.data.createInternship.id;
    const record = (i: Record<string, unknown>, token: string) =>
      api.gql(
        `mutation($i: InternshipMonthInput!) { recordInternshipMonth(input: $i) { months { month attendanceDays evaluation comment recordedRole } } }`,
        { i: { internshipId: id, ...i } },
        token,
      );
    expect((await record({ month: '2026-03', attendanceDays: 21, evaluation: 'GOOD', comment: '服务态度好' }, sponsor.hrToken)).errors).toBeUndefined();
    const r = await record({ month: '2026-04', attendanceDays: 20, evaluation: 'EXCELLENT' }, school.token);
    expect(r.data.recordInternshipMonth.months).toEqual([
      { month: '2026-03', attendanceDays: 21, evaluation: 'GOOD', comment: '服务态度好', recordedRole: 'HR' },
      { month: '2026-04', attendanceDays: 20, evaluation: 'EXCELLENT', comment: '', recordedRole: 'SCHOOL_ADMIN' },
    ]);
    // corrected, not duplicated
    const fixed = await record({ month: '2026-03', attendanceDays: 22, evaluation: 'GOOD' }, sponsor.hrToken);
    expect(fixed.data.recordInternshipMonth.months[0]).toMatchObject({ month: '2026-03', attendanceDays: 22 });
    expect((await record({ month: '2026-09', attendanceDays: 5, evaluation: 'PASS' }, sponsor.hrToken)).errors?.[0].extensions?.code).toBe(
      'MONTH_OUTSIDE_INTERNSHIP',
    );
    expect((await record({ month: '2026-04', attendanceDays: 31, evaluation: 'PASS' }, sponsor.hrToken)).errors?.[0].extensions?.code).toBe(
      'TOO_MANY_ATTENDANCE_DAYS',
    );
    expect((await record({ month: '2026-05', attendanceDays: 20, evaluation: 'PASS' }, rival.hrToken)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await record({ month: '2026-05', attendanceDays: 20, evaluation: 'PASS' }, other.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    // The intern's own data export (PIPL) holds the school record and the placement with its months.
    const intern = await signInSeeker(api, grads[3].phone);
    await api.ok(`mutation($i: ProfileInput!) { saveMyProfile(input: $i) { id } }`, { i: { idNumber: grads[3].id } }, intern.token);
    const exp = (await api.ok(`{ exportMyData }`, {}, intern.token)).exportMyData;
    expect(exp.profile.idNumber).toBe(grads[3].id);
    expect(exp.schools.records.schoolRecords).toEqual([
      expect.objectContaining({ school: school.schoolName, major: '现代物流管理', className: '物流2301班', graduationYear: 2026 }),
    ]);
    expect(exp.schools.records.internships).toEqual([
      expect.objectContaining({
        school: school.schoolName,
        position: '呼入客服实习生',
        startDate: '2026-03-01',
        endDate: '2026-08-31',
        months: [
          { month: '2026-03', attendanceDays: 22, evaluation: 'GOOD', evaluationZh: '良好', comment: '' }, // the correction replaced the month
          { month: '2026-04', attendanceDays: 20, evaluation: 'EXCELLENT', evaluationZh: '优秀', comment: '' },
        ],
      }),
    ]);

    const stats = (year: number, token: string) =>
      api
        .ok(`query($y: Int!) { internshipStats(year: $y) { year target total bySchoolAndTenant { schoolId tenantId interns } } }`, { y: year }, token)
        .then((d) => d.internshipStats);
    const s2026 = await stats(2026, school.token);
    expect(s2026).toMatchObject({ year: 2026, target: 5000, total: 2 });
    expect(s2026.bySchoolAndTenant).toEqual(
      expect.arrayContaining([
        { schoolId: school.schoolId, tenantId: sponsor.tenantId, interns: 2 },
        { schoolId: school.schoolId, tenantId: rival.tenantId, interns: 1 },
      ]),
    );
    expect(s2026.bySchoolAndTenant).toHaveLength(2);
    expect(await stats(2025, school.token)).toMatchObject({ total: 1 });
    expect(await stats(2027, school.token)).toMatchObject({ total: 0, bySchoolAndTenant: [] });
    expect((await stats(2026, sponsor.hrToken)).bySchoolAndTenant).toEqual([{ schoolId: school.schoolId, tenantId: sponsor.tenantId, interns: 2 }]);
    expect((await stats(2026, other.token)).total).toBe(0);
    expect((await stats(2026, op)).total).toBeGreaterThanOrEqual(2);
    const list = await api.ok(`query { internships(year: 2026) { id } }`, {}, rival.hrToken);
    expect(list.internships).toHaveLength(1);
  });
});
