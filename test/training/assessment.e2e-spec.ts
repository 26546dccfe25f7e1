import { shanghaiDate } from '@app/core';
import { createTestApi, operator, tenantWithHr, TestApi } from '@app/testing';
import { TrainingRecordService } from '@app/training';
import { ASSESS, codeOf, DAY, day, enrol, MARK, seeker, sessions, trainingClass } from './training.helpers';

describe('assessment, completion and certificates (real PostgreSQL)', () => {
  let api: TestApi;
  let op: string;
  let opUserId: string;
  beforeAll(async () => {
    api = await createTestApi();
    op = await operator(api);
    opUserId = (await api.ok(`{ me { id } }`, {}, op)).me.id;
  });
  afterAll(() => api.close());

  /** A class with five past sessions (one a day, two hours each) and its enrolled trainees. */
  async function classWithFiveSessions(people: number) {
    const classId = await trainingClass(api, op, { courses: ['《客户沟通技巧与礼仪》', '《呼入电话服务技巧》', '《客诉处理技巧》'] });
    const sessionIds = await sessions(
      api,
      op,
      classId,
      [1, 2, 3, 4, 5].map((k) => [-(6 - k) * DAY, 2 * 3600_000] as [number, number]),
    );
    const trainees = await Promise.all(Array.from({ length: people }, () => seeker(api)));
    const enrolments: string[] = [];
    for (const t of trainees) enrolments.push((await enrol(api, t.token, classId)).data.enrolInTrainingClass.id);
    const attend = async (i: number, count: number) => {
      for (const s of sessionIds.slice(0, count)) await api.ok(MARK, { i: { sessionId: s, seekerId: trainees[i].seekerId } }, op);
    };
    return { classId, sessionIds, trainees, enrolments, attend };
  }

  it('≥ 80 % attendance + a passed assessment completes the class and issues a numbered certificate', async () => {
    const c = await classWithFiveSessions(1);
    await c.attend(0, 4);
    const today = day(api, 0);
    const d = await api.ok(ASSESS, { i: { enrolmentId: c.enrolments[0], score: 85, assessedOn: today, skillLevel: 'TECHNICIAN' } }, op);
    const r = d.recordAssessment;
    expect(r.assessment).toMatchObject({ score: 85, passed: true, skillLevel: 'TECHNICIAN', assessedOn: today, assessorUserId: opUserId });
    expect(r.enrolment.status).toBe('COMPLETED');
    expect(r.completion).toEqual({ complete: true, attendanceMet: true, assessmentMet: true, attendedSessions: 4, totalSessions: 5, attendancePercent: 80 });
    expect(r.certificate).toMatchObject({ skillLevel: 'TECHNICIAN', skillLevelZh: '技师', attendedSessions: 4, totalSessions: 5 });
    expect(r.certificate.certificateNo).toMatch(new RegExp(`^WLCB-PX-${shanghaiDate(api.clock.now()).slice(0, 4)}-\\d{6}$`));
    // Matching re-indexes the person: one seeker.changed event, in the same transaction as the completion.
    const events = await api.db.query(
      `SELECT payload FROM outbox_events WHERE topic = 'seeker.changed' AND aggregate_id = $1 AND payload->>'reason' = 'training.completed'`,
      [c.trainees[0].seekerId],
    );
    expect(events).toEqual([{ payload: { reason: 'training.completed', classId: c.classId, certificateNo: r.certificate.certificateNo } }]);

    // Completed training cannot be withdrawn from; a later retake does not issue a second certificate.
    const w = await api.gql(`mutation($c: ID!) { withdrawFromTrainingClass(classId: $c) { status } }`, { c: c.classId }, c.trainees[0].token);
    expect(codeOf(w)).toBe('ALREADY_COMPLETED');
    const retake = await api.ok(ASSESS, { i: { enrolmentId: c.enrolments[0], score: 95, assessedOn: today } }, op);
    expect(retake.recordAssessment.certificate.certificateNo).toBe(r.certificate.certificateNo);
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM training_certificates WHERE enrolment_id = $1`, [c.enrolments[0]]);
    expect(n).toBe(1);

    // The trainee's own data export (PIPL) holds the class, every attendance, both assessments and the certificate.
    const exp = (await api.ok(`{ exportMyData }`, {}, c.trainees[0].token)).exportMyData;
    expect(exp.training.title).toContain('培训');
    const t = exp.training.records;
    expect(t.enrolments).toEqual([
      expect.objectContaining({ enrolmentId: c.enrolments[0], type: 'NEW_HIRE', typeZh: '新员工入职课程', status: 'COMPLETED', statusZh: '已结业' }),
    ]);
    expect(t.attendance).toHaveLength(4);
    expect(t.attendance.every((a: any) => a.enrolmentId === c.enrolments[0] && a.method === 'MANUAL' && a.methodZh === '教员登记')).toBe(true);
    expect(t.assessments.map((a: any) => a.score).sort()).toEqual([85, 95]);
    expect(t.assessments.find((a: any) => a.score === 85)).toMatchObject({ passed: true, skillLevel: 'TECHNICIAN', skillLevelZh: '技师', assessedOn: today });
    expect(t.certificates).toEqual([
      expect.objectContaining({ certificateNo: r.certificate.certificateNo, skillLevelZh: '技师', attendedSessions: 4, totalSessions: 5 }),
    ]);
    // Another trainee's export holds none of it.
    const stranger = await seeker(api);
    const other = (await api.ok(`{ exportMyData }`, {}, stranger.token)).exportMyData;
    expect(other.training.records).toEqual({ enrolments: [], attendance: [], assessments: [], certificates: [] });
  });

  it('3 of 5 sessions is not enough; marking a late attendance and re-evaluating completes it', async () => {
    const c = await classWithFiveSessions(2);
    await c.attend(0, 3);
    await c.attend(1, 5);
    const today = day(api, 0);
    const low = await api.ok(ASSESS, { i: { enrolmentId: c.enrolments[0], score: 90, assessedOn: today } }, op);
    expect(low.recordAssessment.enrolment.status).toBe('ENROLLED');
    expect(low.recordAssessment.completion).toMatchObject({ complete: false, attendanceMet: false, assessmentMet: true, attendancePercent: 60 });
    expect(low.recordAssessment.certificate).toBeNull();

    // A fail: no completion, and no skill level without a pass.
    const fail = await api.ok(ASSESS, { i: { enrolmentId: c.enrolments[1], score: 59, assessedOn: today } }, op);
    expect(fail.recordAssessment.assessment.passed).toBe(false);
    expect(fail.recordAssessment.completion).toMatchObject({ complete: false, attendanceMet: true, assessmentMet: false });
    const levelWithoutPass = await api.gql(ASSESS, { i: { enrolmentId: c.enrolments[1], score: 40, assessedOn: today, skillLevel: 'ADVANCED_WORKER' } }, op);
    expect(codeOf(levelWithoutPass)).toBe('SKILL_LEVEL_NEEDS_PASS');
    const pass = await api.ok(ASSESS, { i: { enrolmentId: c.enrolments[1], score: 60, assessedOn: today } }, op);
    expect(pass.recordAssessment.certificate).toMatchObject({ skillLevel: null });

    await api.ok(MARK, { i: { sessionId: c.sessionIds[3], seekerId: c.trainees[0].seekerId } }, op);
    const run = await api.ok(`mutation($c: ID!) { evaluateTrainingClassCompletion(classId: $c) { evaluated newlyCompleted } }`, { c: c.classId }, op);
    expect(run.evaluateTrainingClassCompletion).toEqual({ evaluated: 1, newlyCompleted: 1 });
    const certs: Array<{ certificate_no: string }> = await api.db.query(`SELECT certificate_no FROM training_certificates WHERE class_id = $1`, [c.classId]);
    expect(new Set(certs.map((x) => x.certificate_no)).size).toBe(2);
  });

  it('bad assessments are refused: future date, withdrawn trainee, out-of-range score', async () => {
    const c = await classWithFiveSessions(2);
    expect(codeOf(await api.gql(ASSESS, { i: { enrolmentId: c.enrolments[0], score: 80, assessedOn: day(api, 2) } }, op))).toBe('BAD_DATE');
    expect(codeOf(await api.gql(ASSESS, { i: { enrolmentId: c.enrolments[0], score: 101, assessedOn: day(api, 0) } }, op))).toBe('BAD_USER_INPUT');
    await api.ok(`mutation($c: ID!) { withdrawFromTrainingClass(classId: $c) { status } }`, { c: c.classId }, c.trainees[1].token);
    expect(codeOf(await api.gql(ASSESS, { i: { enrolmentId: c.enrolments[1], score: 80, assessedOn: day(api, 0) } }, op))).toBe('NOT_ENROLLED');
  });

  it('seekers and HR cannot record assessments', async () => {
    const c = await classWithFiveSessions(1);
    const { hrToken } = await tenantWithHr(api, op);
    for (const token of [c.trainees[0].token, hrToken]) {
      const r = await api.gql(ASSESS, { i: { enrolmentId: c.enrolments[0], score: 100, assessedOn: day(api, 0), skillLevel: 'SENIOR_TECHNICIAN' } }, token);
      expect(codeOf(r)).toBe('FORBIDDEN');
    }
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM training_assessments WHERE enrolment_id = $1`, [c.enrolments[0]]);
    expect(n).toBe(0);
  });

  it('completed training shows in myTraining, on the profile, and through completedTrainingFor', async () => {
    const c = await classWithFiveSessions(2);
    await c.attend(0, 5);
    await c.attend(1, 2);
    await api.ok(ASSESS, { i: { enrolmentId: c.enrolments[0], score: 92, assessedOn: day(api, 0), skillLevel: 'ADVANCED_WORKER' } }, op);

    const mine = await api.ok(
      `{ myTraining { status attendedSessions totalSessions attendancePercent attendedSessionIds assessments { score passed }
                      certificate { certificateNo skillLevel } trainingClass { id type courses { name } sessions { startsAtLocal } } } }`,
      {},
      c.trainees[0].token,
    );
    expect(mine.myTraining).toHaveLength(1);
    expect(mine.myTraining[0]).toMatchObject({
      status: 'COMPLETED',
      attendedSessions: 5,
      totalSessions: 5,
      attendancePercent: 100,
      assessments: [{ score: 92, passed: true }],
      certificate: { skillLevel: 'ADVANCED_WORKER' },
      trainingClass: {
        id: c.classId,
        type: 'NEW_HIRE',
        courses: [{ name: '《客户沟通技巧与礼仪》' }, { name: '《呼入电话服务技巧》' }, { name: '《客诉处理技巧》' }],
      },
    });
    expect(mine.myTraining[0].attendedSessionIds.sort()).toEqual([...c.sessionIds].sort());
    expect(mine.myTraining[0].trainingClass.sessions).toHaveLength(5);
    const other = await api.ok(`{ myTraining { status attendedSessions certificate { certificateNo } } }`, {}, c.trainees[1].token);
    expect(other.myTraining).toEqual([{ status: 'ENROLLED', attendedSessions: 2, certificate: null }]);

    const profile = await api.ok(`{ myProfile { completedTraining { classId classType courseNames skillLevel certificateNo } } }`, {}, c.trainees[0].token);
    expect(profile.myProfile.completedTraining).toEqual([
      {
        classId: c.classId,
        classType: 'NEW_HIRE',
        courseNames: ['《客户沟通技巧与礼仪》', '《呼入电话服务技巧》', '《客诉处理技巧》'],
        skillLevel: 'ADVANCED_WORKER',
        certificateNo: mine.myTraining[0].certificate.certificateNo,
      },
    ]);
    // Tenant HR sees it on the (masked) profile of a consenting seeker.
    const { hrToken } = await tenantWithHr(api, op);
    const seen = await api.ok(
      `query($id: ID!) { talentProfile(id: $id) { idNumberMasked completedTraining { classType skillLevel } } }`,
      { id: c.trainees[0].seekerId },
      hrToken,
    );
    expect(seen.talentProfile.completedTraining).toEqual([{ classType: 'NEW_HIRE', skillLevel: 'ADVANCED_WORKER' }]);

    const map = await api.app.get(TrainingRecordService).completedTrainingFor([c.trainees[0].seekerId, c.trainees[1].seekerId]);
    expect(map.has(c.trainees[1].seekerId)).toBe(false);
    expect(map.get(c.trainees[0].seekerId)).toEqual([
      expect.objectContaining({
        classType: 'NEW_HIRE',
        courseNames: ['《客户沟通技巧与礼仪》', '《呼入电话服务技巧》', '《客诉处理技巧》'],
        completedAt: expect.any(Date),
      }),
    ]);
  });
});
