import { createTestApi, idNumber, operator, seekerWithProfile, signInSeeker, tenantWithHr, TestApi, useIsolatedDatabase } from '@app/testing';
import { INestApplicationContext } from '@nestjs/common';
import { csv, CSV_HEADER, freshId, importFile, schoolWithAdmin, startWorker } from './schools-helpers';

/**
 * Issue 8 §3 "a school list must not annex people": a one-row graduate list with
 * the ID number of someone already in the pool gives the school nothing — no
 * name, no count that differs from a brand-new ID, no field filled, no
 * placement — until the person confirms on their phone.
 */
describe('a school list must not annex people (issue 8 §3)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let op: string;
  let school: Awaited<ReturnType<typeof schoolWithAdmin>>;
  let otherSchool: Awaited<ReturnType<typeof schoolWithAdmin>>;
  let host: Awaited<ReturnType<typeof tenantWithHr>>;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    // The attack's proof counts every profile in the database: no other file's seekers may appear meanwhile.
    dropDatabase = await useIsolatedDatabase();
    api = await createTestApi();
    worker = await startWorker();
    op = await operator(api);
    school = await schoolWithAdmin(api, op);
    otherSchool = await schoolWithAdmin(api, op);
    host = await tenantWithHr(api, op);
  }, 60000);
  afterAll(async () => {
    await worker.close();
    await api.close();
    await dropDatabase();
  });

  /** The report as the school sees it, without what naturally differs between two uploads. */
  const reportOf = (imp: any) => {
    const { id: _id, fileName: _f, ...rest } = imp;
    return rest;
  };
  const oneRow = (name: string, id: string, phone = '', major = '现代物流管理') =>
    csv([CSV_HEADER, [name, id, '', phone, major, '大专', '2026', '物流2301班', '2023010101']]);
  const students = async (token: string, text?: string) =>
    (
      await api.ok(
        `query($f: SchoolStudentFilterInput) { schoolStudents(filter: $f, first: 100) { total items { seekerId name } } }`,
        { f: text ? { text } : null },
        token,
      )
    ).schoolStudents as { total: number; items: Array<{ seekerId: string; name: string }> };
  const place = (seekerId: string, token = school.token) =>
    api.gql(
      `mutation($i: CreateInternshipInput!) { createInternship(input: $i) { id studentName } }`,
      { i: { seekerId, tenantId: host.tenantId, position: '呼入客服', startDate: '2026-03-01', endDate: '2026-08-31' } },
      token,
    );
  const links = async (token: string) =>
    (await api.ok(`{ mySchoolLinks { id schoolName status major className studentNo requestedAt decidedAt } }`, {}, token)).mySchoolLinks as any[];
  const answer = (token: string, id: string, accept: boolean) =>
    api.gql(`mutation($id: ID!, $a: Boolean!) { answerSchoolLink(id: $id, accept: $a) { id status decidedAt } }`, { id, a: accept }, token);

  it('the attack: a signed-in person’s ID → a pending link only; report, list, profile and placement reveal and change nothing; after they confirm on their phone they appear', async () => {
    const victim = await seekerWithProfile(api, { consent: true, profile: { name: '郝思嘉', education: 'BACHELOR' } });
    // an empty phone on the profile, for the school's list to (not) fill
    await api.db.query(`UPDATE seekers SET phone_enc = NULL, phone_hash = NULL WHERE id = $1`, [victim.seekerId]);
    const [before] = await api.db.query(`SELECT * FROM seekers WHERE id = $1`, [victim.seekerId]);
    const seekersBefore = (await api.db.query(`SELECT count(*)::int AS n FROM seekers`))[0].n;

    const attack = await importFile(api, school.token, oneRow('张冒名', victim.idNumber, '13900000001'), 'one.csv');
    const control = await importFile(api, school.token, oneRow('李新生', freshId(), '13900000002'), 'one.csv');
    // the report is the same for someone in the pool and a brand-new ID: one accepted row, nothing else to tell them apart
    expect(attack).toMatchObject({ status: 'DONE', accepted: 1, rejected: 0, rowsProcessed: 1 });
    expect(reportOf(attack)).toEqual(reportOf(control));
    for (const split of ['created', 'updated', 'unchanged']) {
      const r = await api.gql(`query($id: ID!) { graduateImport(id: $id) { ${split} } }`, { id: attack.id }, school.token);
      expect(r.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED'); // no created-vs-matched split to ask for
    }
    expect((await api.db.query(`SELECT count(*)::int AS n FROM seekers`))[0].n).toBe(seekersBefore + 1); // only the control is new

    // no field of the owned profile is filled or changed (phone stays empty, name stays theirs)
    const [after] = await api.db.query(`SELECT * FROM seekers WHERE id = $1`, [victim.seekerId]);
    expect(after).toEqual(before);
    expect(after.phone_enc).toBeNull();

    // the school does not see them: not by the listed name, not by their own name, not in the total
    const all = await students(school.token);
    expect(all.items.map((s) => s.seekerId)).not.toContain(victim.seekerId);
    expect(all.total).toBe(1); // the control only
    expect((await students(school.token, '张冒名')).total).toBe(0);
    expect((await students(school.token, '郝思嘉')).total).toBe(0);

    // cannot be placed in an internship or an order class — refused exactly like an unknown person
    const refused = await place(victim.seekerId);
    const unknown = await place('3f1a6f7e-0000-4000-8000-000000000000');
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_A_STUDENT');
    expect(refused.errors?.[0].message).toBe(unknown.errors?.[0].message);
    const oc = await api.ok(
      `mutation($i: CreateOrderClassInput!) { createOrderClass(input: $i) { id } }`,
      {
        i: {
          tenantId: host.tenantId,
          kind: 'ORDER',
          name: `订单班${Date.now()}`,
          major: '现代物流管理',
          quota: 10,
          promisedHires: 1,
          startDate: '2025-09-01',
          endDate: '2026-06-30',
        },
      },
      school.token,
    );
    const addToClass = (ids: string[]) =>
      api.gql(
        `mutation($i: OrderClassStudentsInput!) { addOrderClassStudents(input: $i) { enrolled } }`,
        { i: { orderClassId: oc.createOrderClass.id, seekerIds: ids } },
        school.token,
      );
    expect((await addToClass([victim.seekerId])).errors?.[0].extensions?.code).toBe('NOT_A_STUDENT');
    // so the host company's HR sees no internship for them
    expect((await api.ok(`{ internships { seekerId } }`, {}, host.hrToken)).internships.map((i: any) => i.seekerId)).not.toContain(victim.seekerId);

    // the person is told (outbox → notifications: in-app + SMS) and sees the pending link on their phone
    const [note] = await api.db.query(`SELECT payload FROM outbox_events WHERE topic = 'notify.school_link_requested' AND aggregate_id = $1`, [
      victim.seekerId,
    ]);
    expect(note.payload).toMatchObject({ userId: expect.any(String), kind: 'SCHOOL_LINK_REQUESTED', sms: true });
    expect(note.payload.body).toContain(school.schoolName);
    expect(JSON.stringify(note.payload)).not.toContain(victim.idNumber);
    const mine = await links(victim.token);
    expect(mine).toEqual([
      expect.objectContaining({
        schoolName: school.schoolName,
        status: 'PENDING',
        major: '现代物流管理',
        className: '物流2301班',
        studentNo: '2023010101',
        decidedAt: null,
      }),
    ]);

    // nobody else can answer it (a stranger gets NOT_FOUND, as for a link that does not exist)
    const stranger = await signInSeeker(api);
    expect((await answer(stranger.token, mine[0].id, true)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await answer(school.token, mine[0].id, true)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // they confirm: now the school sees them (under their own name) and may place them; HR sees the internship
    const ok = await answer(victim.token, mine[0].id, true);
    expect(ok.data?.answerSchoolLink).toMatchObject({ status: 'CONFIRMED', decidedAt: expect.any(String) });
    const [row] = await api.db.query(`SELECT status, decided_by, decided_via, decided_at FROM seeker_schools WHERE id = $1`, [mine[0].id]);
    expect(row).toMatchObject({ status: 'CONFIRMED', decided_via: 'SEEKER', decided_by: expect.any(String) });
    expect((await answer(victim.token, mine[0].id, false)).errors?.[0].extensions?.code).toBe('LINK_ALREADY_ANSWERED');
    const now = await students(school.token, '郝思嘉');
    expect(now.items).toEqual([expect.objectContaining({ seekerId: victim.seekerId, name: '郝思嘉' })]);
    const placed = await place(victim.seekerId);
    expect(placed.errors).toBeUndefined();
    expect((await api.ok(`{ internships { seekerId } }`, {}, host.hrToken)).internships.map((i: any) => i.seekerId)).toContain(victim.seekerId);
    // confirming filled nothing either
    const [confirmed] = await api.db.query(`SELECT phone_enc, name, major FROM seekers WHERE id = $1`, [victim.seekerId]);
    expect(confirmed).toMatchObject({ phone_enc: null, name: '郝思嘉', major: before.major });
  });

  it('a person another school listed (nobody’s profile yet): pending at the second school, nothing filled, counts as for a new ID', async () => {
    const id = freshId('2003-05-06');
    const first = await importFile(api, otherSchool.token, oneRow('那仁花', id, '', '软件技术'), 'b.csv'); // no phone
    expect(first).toMatchObject({ accepted: 1, rejected: 0 });
    const [p] = await api.db.query(`SELECT * FROM seekers WHERE id_number_hash = $1`, [api.crypto.hash('id', id)]);
    expect(p.user_id).toBeNull();
    const attack = await importFile(api, school.token, oneRow('那仁花', id, '13900000003', '电子商务'), 'a.csv');
    const control = await importFile(api, school.token, oneRow('孟和', freshId('2003-05-07'), '13900000004', '电子商务'), 'a.csv');
    expect(reportOf(attack)).toEqual(reportOf(control));
    const [after] = await api.db.query(`SELECT * FROM seekers WHERE id = $1`, [p.id]);
    expect(after).toEqual(p); // the other school's profile gains no phone and keeps its major
    expect(after).toMatchObject({ phone_enc: null, major: '软件技术' });
    const ss = await api.db.query(`SELECT school_id, status FROM seeker_schools WHERE seeker_id = $1 ORDER BY status`, [p.id]);
    expect(ss).toEqual([
      { school_id: otherSchool.schoolId, status: 'CONFIRMED' },
      { school_id: school.schoolId, status: 'PENDING' },
    ]);
    expect((await students(school.token, '那仁花')).total).toBe(0);
    expect((await place(p.id)).errors?.[0].extensions?.code).toBe('NOT_A_STUDENT');
    expect((await students(otherSchool.token, '那仁花')).total).toBe(1); // still the first school's student
    // no account: nobody to notify yet; the link waits until the person signs in and answers
    expect((await api.db.query(`SELECT 1 FROM outbox_events WHERE topic = 'notify.school_link_requested' AND aggregate_id = $1`, [p.id])).length).toBe(0);
  });

  it('an unowned profile from another source (e.g. a fair check-in) is not annexed either', async () => {
    const id = idNumber();
    const [p] = await api.db.query(
      `INSERT INTO seekers (id_number_enc, id_number_hash, name, source, shared_with_tenants, created_at, updated_at)
       VALUES ($1, $2, '巴雅尔', 'FAIR', false, now(), now()) RETURNING *`,
      [api.crypto.encrypt(id), api.crypto.hash('id', id)],
    );
    await importFile(api, school.token, oneRow('巴雅尔', id, '13900000005'), 'fair.csv');
    const [after] = await api.db.query(`SELECT * FROM seekers WHERE id = $1`, [p.id]);
    expect(after).toEqual(p);
    expect(await api.db.query(`SELECT status FROM seeker_schools WHERE seeker_id = $1`, [p.id])).toEqual([{ status: 'PENDING' }]);
    expect((await students(school.token, '巴雅尔')).total).toBe(0);
  });

  it('a declined link stays declined: the school never sees the person, and a re-upload does not ask again', async () => {
    const s = await seekerWithProfile(api, { profile: { name: '图雅' } });
    await importFile(api, school.token, oneRow('图雅', s.idNumber), 'd.csv');
    const [l] = await links(s.token);
    expect((await answer(s.token, l.id, false)).data?.answerSchoolLink.status).toBe('DECLINED');
    const again = await importFile(api, school.token, oneRow('图雅', s.idNumber, '', '软件技术'), 'd.csv');
    expect(again).toMatchObject({ accepted: 1, rejected: 0 });
    const [row] = await api.db.query(`SELECT status, major FROM seeker_schools WHERE id = $1`, [l.id]);
    expect(row).toEqual({ status: 'DECLINED', major: '现代物流管理' });
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE topic = 'notify.school_link_requested' AND aggregate_id = $1`, [
      s.seekerId,
    ]);
    expect(n).toBe(1);
    expect((await students(school.token, '图雅')).total).toBe(0);
    expect((await place(s.seekerId)).errors?.[0].extensions?.code).toBe('NOT_A_STUDENT');
    expect((await links(s.token))[0].status).toBe('DECLINED');
  });
});
