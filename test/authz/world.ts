import { Role } from '@app/core';
import { applyTo, insertStaff, moveTo, openPosting, operator, seekerWithProfile, signInStaff, tenantWithHr, TestApi } from '@app/testing';
import { INestApplicationContext } from '@nestjs/common';
import { at, SCHEDULE } from '../interviews/interviews.helpers';
import { csv, CSV_HEADER, freshId, schoolWithAdmin, startWorker, upload } from '../schools/schools-helpers';
import { checkInCode, day, enrol, institution, planCourseIds, sessions, trainingClass } from '../training/training.helpers';

/**
 * The callers of the authorization matrix. "A" owns every object the matrix
 * attacks (tenant A's posting, the seeker's application, school A's import…);
 * the others are strangers to it. schoolA is the control column: without it a
 * school admin's NOT_FOUND could just as well mean a broken fixture.
 */
export const ROLES = ['anon', 'seeker', 'seeker2', 'hrA', 'hrB', 'schoolA', 'schoolB', 'op', 'aud'] as const;
export type RoleKey = (typeof ROLES)[number];

export interface World {
  api: TestApi;
  token: Record<RoleKey, string | undefined>;
  seeker: { token: string; seekerId: string; phone: string; refreshToken: string };
  seeker2: { token: string; seekerId: string };
  a: {
    tenantId: string;
    hrToken: string;
    hrCreds: { username: string; password: string };
    postingId: string;
    applicationId: string; // the seeker's application, at SCREENING, with interviewId on it
    offerApplicationId: string; // another seeker's application at OFFER (for enrolFromOffer / hire refusals)
    hireId: string;
    interviewId: string; // confirmed, starting in 5 minutes (join window open)
    pending: { interviewId: string; slotId: string }; // the seeker must still pick a time
    templateId: string;
    privateSeekerId: string; // applied to A, does not share with tenants
  };
  b: { tenantId: string; hrToken: string };
  schoolA: { schoolId: string; token: string; importId: string; orderClassId: string; internshipId: string; studentIds: string[] };
  schoolB: { schoolId: string; token: string };
  training: { institutionId: string; courseIds: string[]; classId: string; customClassId: string; openClassId: string; sessionId: string; enrolmentId: string };
  fresh: Fresh;
  /** A new session of the same kind of caller (a fresh seeker for the seeker columns). */
  signInAgain(role: RoleKey): Promise<string | undefined>;
  /** A start time no other interview of tenant A's HR uses (40-minute steps from 2 hours ahead). */
  nextSlot(): string;
  today(): string;
  /** 'YYYY-MM' of the app's today plus `days`. */
  month(days: number): string;
  close(): Promise<void>;
}

export interface Fresh {
  /** A new application of the (owner) seeker to a new posting of tenant A, moved to `stage`. */
  application(stage?: 'APPLIED' | 'SCREENING' | 'OFFER', seekerToken?: string): Promise<string>;
  /** A draft posting of tenant A. */
  draftPosting(): Promise<string>;
  /** A confirmed interview of the seeker with tenant A, starting in 5 minutes. */
  interview(): Promise<string>;
  /** An interview that started a minute ago (scheduled by a second HR user of A 5 minutes ahead, then the app's clock moves 6 minutes on). */
  startedInterview(): Promise<string>;
  /** An interview offering two times for the seeker to pick. */
  pendingInterview(): Promise<{ interviewId: string; slotId: string }>;
  hire(): Promise<string>;
  seeker(): Promise<{ token: string; seekerId: string }>;
  /** A new trainee of the class sponsored by A, enrolled by the operator. */
  enrolment(): Promise<string>;
  postingA(): Promise<string>;
}

let n = 0;
export const unique = (p: string) => `${p}${process.pid % 1000}${Date.now() % 1_000_000}${++n}`;

export async function buildWorld(api: TestApi): Promise<World> {
  const op = await operator(api);
  const aud = await (async () => {
    const u = await insertStaff(api, Role.AUDITOR);
    return signInStaff(api, u.username, u.password);
  })();
  const tA = await tenantWithHr(api, op);
  const hrA2 = await insertStaff(api, Role.HR, { tenantId: tA.tenantId });
  const tB = await tenantWithHr(api, op);
  const seeker = await seekerWithProfile(api);
  const seeker2 = await seekerWithProfile(api);
  const postingId = await openPosting(api, tA.hrToken, 50);
  let slots = 0;
  const nextSlot = () => at(api, 120 + 40 * slots++);
  const creds: Partial<Record<RoleKey, { username: string; password: string }>> = {};
  for (const [role, r, extra] of [
    ['hrA', Role.HR, { tenantId: tA.tenantId }],
    ['hrB', Role.HR, { tenantId: tB.tenantId }],
    ['op', Role.OPERATOR, {}],
    ['aud', Role.AUDITOR, {}],
  ] as const) {
    creds[role] = await insertStaff(api, r, extra);
  }

  const fresh: Fresh = {
    postingA: () => openPosting(api, tA.hrToken, 5),
    async draftPosting() {
      const d = await api.ok(
        `mutation($i: PostingInput!) { createPosting(input: $i) { id } }`,
        { i: { title: '外呼客服', description: '电话回访', headcount: 3, salaryMinFen: 300000, salaryMaxFen: 400000, shifts: ['TWO_SHIFT'] } },
        tA.hrToken,
      );
      return d.createPosting.id;
    },
    async application(stage = 'APPLIED', seekerToken = seeker.token) {
      const appId = await applyTo(api, seekerToken, await openPosting(api, tA.hrToken, 5));
      if (stage === 'SCREENING' || stage === 'OFFER') await moveTo(api, tA.hrToken, appId, 'SCREENING');
      if (stage === 'OFFER') await moveTo(api, tA.hrToken, appId, 'OFFER');
      return appId;
    },
    async interview() {
      const applicationId = await fresh.application('SCREENING');
      const d = await api.ok(SCHEDULE, { i: { applicationId, slots: [{ startsAt: nextSlot(), durationMinutes: 30 }], confirmed: true } }, tA.hrToken);
      return d.scheduleInterview.id;
    },
    async startedInterview() {
      const applicationId = await fresh.application('SCREENING', (await fresh.seeker()).token);
      const other = await signInStaff(api, creds.hrA!.username, creds.hrA!.password);
      const d = await api.ok(SCHEDULE, { i: { applicationId, slots: [{ startsAt: at(api, 5), durationMinutes: 30 }], confirmed: true } }, other);
      api.clock.advance(6 * 60_000);
      return d.scheduleInterview.id;
    },
    async pendingInterview() {
      const applicationId = await fresh.application('SCREENING');
      const d = await api.ok(
        SCHEDULE,
        {
          i: {
            applicationId,
            slots: [
              { startsAt: nextSlot(), durationMinutes: 30 },
              { startsAt: nextSlot(), durationMinutes: 30 },
            ],
            confirmed: false,
          },
        },
        tA.hrToken,
      );
      return { interviewId: d.scheduleInterview.id, slotId: d.scheduleInterview.slots[0].id };
    },
    async hire() {
      const applicationId = await fresh.application('OFFER');
      const d = await api.ok(
        `mutation($i: HireInput!) { hire(input: $i) { id } }`,
        { i: { applicationId, contractStart: '2026-12-01', contractMonths: 12 } },
        tA.hrToken,
      );
      return d.hire.id;
    },
    async seeker() {
      const s = await seekerWithProfile(api);
      return { token: s.token, seekerId: s.seekerId };
    },
    async enrolment() {
      const s = await seekerWithProfile(api);
      const d = await api.ok(
        `mutation($i: EnrolSeekerInput!) { enrolSeekerInTrainingClass(input: $i) { id } }`,
        { i: { classId: training.classId, seekerId: s.seekerId } },
        op,
      );
      return d.enrolSeekerInTrainingClass.id;
    },
  };

  // Tenant A's hiring: the seeker's application with a confirmed interview, a pending one, a hire, an offer, a private applicant.
  const applicationId = await applyTo(api, seeker.token, postingId);
  await moveTo(api, tA.hrToken, applicationId, 'SCREENING');
  const interviewId = (await api.ok(SCHEDULE, { i: { applicationId, slots: [{ startsAt: at(api, 5), durationMinutes: 30 }], confirmed: true } }, tA.hrToken))
    .scheduleInterview.id;
  const pending = await fresh.pendingInterview();
  const hireId = await fresh.hire();
  const offerer = await seekerWithProfile(api);
  const offerApplicationId = await applyTo(api, offerer.token, postingId);
  await moveTo(api, tA.hrToken, offerApplicationId, 'SCREENING');
  await moveTo(api, tA.hrToken, offerApplicationId, 'OFFER');
  const priv = await seekerWithProfile(api, { consent: false });
  await applyTo(api, priv.token, postingId);
  const templateId = (
    await api.ok(
      `mutation($i: CreateScorecardTemplateInput!) { createScorecardTemplate(input: $i) { id } }`,
      {
        i: {
          name: unique('面试评分表'),
          criteria: [
            { name: '普通话', weight: 60 },
            { name: '打字', weight: 40 },
          ],
        },
      },
      tA.hrToken,
    )
  ).createScorecardTemplate.id;

  // Training: a class sponsored by A with a session running now; the seeker is enrolled.
  const institutionId = await institution(api, op);
  const courseIds = await planCourseIds(api, op, ['《客户沟通技巧与礼仪》']);
  const classId = await trainingClass(api, op, { sponsorTenantId: tA.tenantId, institutionId });
  const customClassId = await trainingClass(api, op, { type: 'CUSTOM_FOR_UNEMPLOYED', sponsorTenantId: tA.tenantId, institutionId });
  const openClassId = await trainingClass(api, op, { institutionId, capacity: 100 });
  const [sessionId] = await sessions(api, op, classId, [[-10 * 60_000, 120 * 60_000]]);
  const e = await enrol(api, seeker.token, classId);
  if (e.errors) throw new Error(JSON.stringify(e.errors));
  const training = { institutionId, courseIds, classId, customClassId, openClassId, sessionId, enrolmentId: e.data.enrolInTrainingClass.id as string };

  // Schools: school A imports three graduates, runs an order class for A and sends one graduate to A as an intern.
  const schoolA = await schoolWithAdmin(api, op);
  const schoolB = await schoolWithAdmin(api, op);
  const worker: INestApplicationContext = await startWorker();
  let schoolPart: World['schoolA'];
  try {
    const people = [freshId(), freshId(), freshId()];
    const done = await importAndWait(
      api,
      schoolA.token,
      csv([CSV_HEADER, ...people.map((id, i) => [['张晓燕', '李明轩', '巴特尔'][i], id, '', '', '现代物流管理', '大专', '2026', '物流2301班', `2023${i}`])]),
      'class.csv',
    );
    const studentIds: string[] = [];
    for (const id of people) studentIds.push((await api.db.query(`SELECT id FROM seekers WHERE id_number_hash = $1`, [api.crypto.hash('id', id)]))[0].id);
    const oc = await api.ok(
      `mutation($i: CreateOrderClassInput!) { createOrderClass(input: $i) { id } }`,
      {
        i: {
          tenantId: tA.tenantId,
          kind: 'ORDER',
          name: unique('订单班'),
          major: '现代物流管理',
          quota: 10,
          promisedHires: 2,
          curriculum: '《客户沟通技巧与礼仪》',
          startDate: '2025-09-01',
          endDate: '2026-06-30',
        },
      },
      schoolA.token,
    );
    await api.ok(
      `mutation($i: OrderClassStudentsInput!) { addOrderClassStudents(input: $i) { id } }`,
      { i: { orderClassId: oc.createOrderClass.id, seekerIds: [studentIds[2]] } },
      schoolA.token,
    );
    const internship = await api.ok(
      `mutation($i: CreateInternshipInput!) { createInternship(input: $i) { id } }`,
      { i: { seekerId: studentIds[0], tenantId: tA.tenantId, position: '客服实习生', startDate: day(api, -60), endDate: day(api, 60) } },
      schoolA.token,
    );
    schoolPart = {
      schoolId: schoolA.schoolId,
      token: schoolA.token,
      importId: done.id,
      orderClassId: oc.createOrderClass.id,
      internshipId: internship.createInternship.id,
      studentIds,
    };
  } catch (err) {
    await worker.close();
    throw err;
  }

  return {
    api,
    token: {
      anon: undefined,
      seeker: seeker.token,
      seeker2: seeker2.token,
      hrA: tA.hrToken,
      hrB: tB.hrToken,
      schoolA: schoolA.token,
      schoolB: schoolB.token,
      op,
      aud,
    },
    seeker,
    seeker2,
    a: {
      tenantId: tA.tenantId,
      hrToken: tA.hrToken,
      hrCreds: { username: hrA2.username, password: hrA2.password },
      postingId,
      applicationId,
      offerApplicationId,
      hireId,
      interviewId,
      pending,
      templateId,
      privateSeekerId: priv.seekerId,
    },
    b: { tenantId: tB.tenantId, hrToken: tB.hrToken },
    schoolA: schoolPart,
    schoolB: { schoolId: schoolB.schoolId, token: schoolB.token },
    training,
    fresh,
    nextSlot,
    today: () => day(api, 0),
    month: (days: number) => day(api, days).slice(0, 7),
    async signInAgain(role: RoleKey) {
      if (role === 'anon') return undefined;
      if (role === 'seeker' || role === 'seeker2') return (await fresh.seeker()).token;
      if (role === 'schoolA' || role === 'schoolB') {
        const u = await insertStaff(api, Role.SCHOOL_ADMIN, { schoolId: role === 'schoolA' ? schoolA.schoolId : schoolB.schoolId });
        return signInStaff(api, u.username, u.password);
      }
      const c = creds[role]!;
      return signInStaff(api, c.username, c.password);
    },
    close: () => worker.close(),
  };
}

/** Uploads a graduate list and waits until the worker is done with it (only id and status: the report's shape is not this file's business). */
async function importAndWait(api: TestApi, token: string, content: string, fileName: string): Promise<{ id: string }> {
  const r = await upload(api, token, content, fileName);
  if (r.status !== 202) throw new Error(`upload refused: ${r.status} ${JSON.stringify(r.body)}`);
  for (const end = Date.now() + 30_000; Date.now() < end; await new Promise((ok) => setTimeout(ok, 100))) {
    const d = await api.ok(`query($id: ID!) { graduateImport(id: $id) { id status } }`, { id: r.body.id }, token);
    if (d.graduateImport.status === 'DONE') return d.graduateImport;
    if (d.graduateImport.status === 'FAILED') throw new Error('graduate import failed');
  }
  throw new Error('graduate import did not finish');
}

/** A current check-in code for the world's running session (codes rotate, so fetch one right before use). */
export async function currentCode(w: World): Promise<string> {
  return (await checkInCode(w.api, w.token.op!, w.training.sessionId)).code;
}
