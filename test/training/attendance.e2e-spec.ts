import { createTestApi, operator, tenantWithHr, TestApi } from '@app/testing';
import { CHECK_IN, checkInCode, codeOf, enrol, MARK, seeker, sessions, trainingClass } from './training.helpers';

const MIN = 60_000;

describe('attendance: rotating QR check-in and manual marking (real PostgreSQL)', () => {
  let api: TestApi;
  let op: string;
  beforeAll(async () => {
    api = await createTestApi();
    op = await operator(api);
  });
  afterAll(() => api.close());

  /** A class with one session running now (started 10 minutes ago, 2 hours long). */
  async function runningSession(extra: Array<[number, number]> = []) {
    const classId = await trainingClass(api, op);
    const [sessionId, ...others] = await sessions(api, op, classId, [[-10 * MIN, 120 * MIN], ...extra]);
    return { classId, sessionId, others };
  }

  it('an enrolled seeker checks in with the current code; scanning again is harmless', async () => {
    const { classId, sessionId } = await runningSession();
    const p = await seeker(api);
    await enrol(api, p.token, classId);
    const qr = await checkInCode(api, op, sessionId);
    const now = api.clock.now().getTime();
    expect(new Date(qr.expiresAt).getTime() - now).toBeLessThanOrEqual(60_000);
    expect(qr.refreshAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(qr.refreshAfterSeconds).toBeLessThanOrEqual(30);
    expect(qr.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(qr.url).toContain(`s=${sessionId}`);

    const d = await api.ok(CHECK_IN, { i: { sessionId, code: qr.code } }, p.token);
    expect(d.checkIn).toMatchObject({ sessionId, seekerId: p.seekerId, method: 'QR', recordedRole: 'SEEKER', alreadyCheckedIn: false });
    const again = await api.ok(CHECK_IN, { i: { sessionId, code: qr.code } }, p.token);
    expect(again.checkIn).toMatchObject({ id: d.checkIn.id, alreadyCheckedIn: true });
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM training_attendance WHERE session_id = $1`, [sessionId]);
    expect(n).toBe(1);

    // The room's screen can load the QR as a PNG; only a current code for that session renders.
    const png = await fetch(`${api.url}${qr.qrPngPath}`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await png.arrayBuffer()).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const forged = await fetch(`${api.url}/training/sessions/${sessionId}/qr.png?token=abc.${'A'.repeat(22)}`);
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ code: 'CHECKIN_CODE_INVALID' });
  });

  it('an expired code is refused with a clear message: a screenshot stops working after the window', async () => {
    const { classId, sessionId } = await runningSession();
    const [p, friend] = await Promise.all([seeker(api), seeker(api)]);
    await enrol(api, p.token, classId);
    await enrol(api, friend.token, classId);
    const qr = await checkInCode(api, op, sessionId);
    expect((await api.gql(CHECK_IN, { i: { sessionId, code: qr.code } }, p.token)).errors).toBeUndefined();
    api.clock.advance(61_000);
    const late = await api.gql(CHECK_IN, { i: { sessionId, code: qr.code } }, friend.token);
    expect(late.errors?.[0]).toMatchObject({
      message: '签到码已过期，请扫描现场屏幕上的最新二维码',
      extensions: { code: 'CHECKIN_CODE_EXPIRED', messageEn: 'The check-in code has expired; scan the current QR code shown in the room', field: 'code' },
    });
    const png = await fetch(`${api.url}${qr.qrPngPath}`);
    expect(png.status).toBe(400);
    // The code on the screen has moved on; the current one works.
    const fresh = await checkInCode(api, op, sessionId);
    expect(fresh.code).not.toBe(qr.code);
    expect((await api.gql(CHECK_IN, { i: { sessionId, code: fresh.code } }, friend.token)).errors).toBeUndefined();
  });

  it('a code of another session, a tampered code and a malformed code are refused', async () => {
    const { classId, sessionId, others } = await runningSession([[3 * 3600_000, 60 * MIN]]);
    const p = await seeker(api);
    await enrol(api, p.token, classId);
    const qr = await checkInCode(api, op, sessionId);
    const other = await api.gql(CHECK_IN, { i: { sessionId: others[0], code: qr.code } }, p.token);
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'CHECKIN_CODE_INVALID', field: 'code' });
    expect(other.errors?.[0].message).toBe('签到码无效（不属于本课次）');
    const [step, mac] = qr.code.split('.');
    const tampered = `${(parseInt(step, 36) + 1).toString(36)}.${mac}`;
    expect(codeOf(await api.gql(CHECK_IN, { i: { sessionId, code: tampered } }, p.token))).toBe('CHECKIN_CODE_INVALID');
    expect(codeOf(await api.gql(CHECK_IN, { i: { sessionId, code: 'hello' } }, p.token))).toBe('CHECKIN_CODE_INVALID');
    expect(codeOf(await api.gql(CHECK_IN, { i: { sessionId: '00000000-0000-4000-8000-000000000000', code: qr.code } }, p.token))).toBe('NOT_FOUND');
  });

  it('a valid code only checks in the signed-in seeker, and only when enrolled', async () => {
    const { classId, sessionId } = await runningSession();
    const [stranger, leaver] = await Promise.all([seeker(api), seeker(api)]);
    const qr = await checkInCode(api, op, sessionId);
    const r = await api.gql(CHECK_IN, { i: { sessionId, code: qr.code } }, stranger.token);
    expect(r.errors?.[0]).toMatchObject({ message: '您未报名该培训班，不能签到', extensions: { code: 'NOT_ENROLLED' } });
    await enrol(api, leaver.token, classId);
    await api.ok(`mutation($c: ID!) { withdrawFromTrainingClass(classId: $c) { status } }`, { c: classId }, leaver.token);
    expect(codeOf(await api.gql(CHECK_IN, { i: { sessionId, code: qr.code } }, leaver.token))).toBe('NOT_ENROLLED');
    // The mutation takes no seeker id: there is no way to check in someone else.
    const bad = await api.gql(
      `mutation($i: CheckInInput!) { checkIn(input: $i) { id } }`,
      { i: { sessionId, code: qr.code, seekerId: stranger.seekerId } },
      leaver.token,
    );
    expect(bad.errors?.length).toBeGreaterThan(0);
    const rows = await api.db.query(`SELECT 1 FROM training_attendance WHERE session_id = $1`, [sessionId]);
    expect(rows).toHaveLength(0);
  });

  it('one person cannot be present in two overlapping sessions; back-to-back sessions are fine', async () => {
    const a = await runningSession();
    const b = await trainingClass(api, op);
    const [bSession] = await sessions(api, op, b, [[-5 * MIN, 60 * MIN]]);
    const p = await seeker(api);
    await enrol(api, p.token, a.classId);
    await enrol(api, p.token, b);
    const codeA = await checkInCode(api, op, a.sessionId);
    const codeB = await checkInCode(api, op, bSession);
    expect((await api.gql(CHECK_IN, { i: { sessionId: a.sessionId, code: codeA.code } }, p.token)).errors).toBeUndefined();
    const second = await api.gql(CHECK_IN, { i: { sessionId: bSession, code: codeB.code } }, p.token);
    expect(second.errors?.[0]).toMatchObject({
      message: '您已在同一时段的另一课次签到，不能同时出席两场培训',
      extensions: { code: 'ATTENDANCE_OVERLAP', messageEn: 'You are already checked in to another session at an overlapping time' },
    });
    // The instructor cannot mark it either.
    expect(codeOf(await api.gql(MARK, { i: { sessionId: bSession, seekerId: p.seekerId } }, op))).toBe('ATTENDANCE_OVERLAP');

    // Sessions that only touch ([09:00,10:00) and [10:00,11:00)) do not overlap.
    const c1 = await trainingClass(api, op);
    const c2 = await trainingClass(api, op);
    const [s1] = await sessions(api, op, c1, [[-4 * 3600_000, 3600_000]]);
    const [s2] = await sessions(api, op, c2, [[-3 * 3600_000, 3600_000]]);
    await api.ok(`mutation($i: EnrolSeekerInput!) { enrolSeekerInTrainingClass(input: $i) { id } }`, { i: { classId: c1, seekerId: p.seekerId } }, op);
    await api.ok(`mutation($i: EnrolSeekerInput!) { enrolSeekerInTrainingClass(input: $i) { id } }`, { i: { classId: c2, seekerId: p.seekerId } }, op);
    expect((await api.gql(MARK, { i: { sessionId: s1, seekerId: p.seekerId } }, op)).errors).toBeUndefined();
    expect((await api.gql(MARK, { i: { sessionId: s2, seekerId: p.seekerId } }, op)).errors).toBeUndefined();
  });

  it('overlapping check-ins racing each other: exactly one wins per person', async () => {
    const a = await runningSession();
    const b = await trainingClass(api, op);
    const [bSession] = await sessions(api, op, b, [[-5 * MIN, 60 * MIN]]);
    const people = await Promise.all(Array.from({ length: 6 }, () => seeker(api)));
    for (const p of people) {
      await enrol(api, p.token, a.classId);
      await enrol(api, p.token, b);
    }
    const [codeA, codeB] = await Promise.all([checkInCode(api, op, a.sessionId), checkInCode(api, op, bSession)]);
    const results = await Promise.all(
      people.flatMap((p) => [
        api.gql(CHECK_IN, { i: { sessionId: a.sessionId, code: codeA.code } }, p.token),
        api.gql(CHECK_IN, { i: { sessionId: bSession, code: codeB.code } }, p.token),
        api.gql(MARK, { i: { sessionId: bSession, seekerId: p.seekerId } }, op),
      ]),
    );
    for (let i = 0; i < people.length; i++) {
      const mine = results.slice(i * 3, i * 3 + 3);
      const ok = mine.filter((r) => !r.errors);
      // Either A alone, or B (QR and manual may both succeed: same session, one row).
      const codes = mine.filter((r) => r.errors).map(codeOf);
      expect(codes.filter((c) => c !== 'ATTENDANCE_OVERLAP')).toEqual([]); // (names any other refusal when it fails)
      expect(ok.length).toBeGreaterThanOrEqual(1);
    }
    const rows: Array<{ seeker_id: string; n: number }> = await api.db.query(
      `SELECT seeker_id, count(*)::int AS n FROM training_attendance WHERE session_id = ANY($1::uuid[]) GROUP BY seeker_id`,
      [[a.sessionId, bSession]],
    );
    expect(rows).toHaveLength(people.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it('the instructor marks attendance manually, with the actor recorded; the check-in window is enforced', async () => {
    const { classId, sessionId } = await runningSession();
    const p = await seeker(api);
    await enrol(api, p.token, classId);
    const me = await api.ok(`{ me { id } }`, {}, op);
    const d = await api.ok(MARK, { i: { sessionId, seekerId: p.seekerId } }, op);
    expect(d.markAttendance).toMatchObject({ method: 'MANUAL', recordedRole: 'OPERATOR', alreadyCheckedIn: false });
    const [row] = await api.db.query(`SELECT recorded_by, method FROM training_attendance WHERE id = $1`, [d.markAttendance.id]);
    expect(row).toEqual({ recorded_by: me.me.id, method: 'MANUAL' });
    const list = await api.ok(`query($s: ID!) { sessionAttendance(sessionId: $s) { seekerId method } }`, { s: sessionId }, op);
    expect(list.sessionAttendance).toEqual([{ seekerId: p.seekerId, method: 'MANUAL' }]);

    const later = await trainingClass(api, op);
    const [future, past] = await sessions(api, op, later, [
      [2 * 3600_000, 3600_000],
      [-3 * 3600_000, 3600_000],
    ]);
    await enrol(api, p.token, later);
    expect(codeOf(await api.gql(MARK, { i: { sessionId: future, seekerId: p.seekerId } }, op))).toBe('SESSION_NOT_STARTED');
    expect(codeOf(await api.gql(`query($s: ID!) { sessionCheckInCode(sessionId: $s) { code } }`, { s: future }, op))).toBe('CHECKIN_NOT_OPEN');
    expect(codeOf(await api.gql(`query($s: ID!) { sessionCheckInCode(sessionId: $s) { code } }`, { s: past }, op))).toBe('CHECKIN_CLOSED');
    // A missed scan can be recorded by the instructor afterwards.
    expect((await api.gql(MARK, { i: { sessionId: past, seekerId: p.seekerId } }, op)).errors).toBeUndefined();
  });

  it('only staff issue codes and mark attendance; seekers only check in', async () => {
    const { classId, sessionId } = await runningSession();
    const p = await seeker(api);
    await enrol(api, p.token, classId);
    const { hrToken } = await tenantWithHr(api, op);
    expect(codeOf(await api.gql(`query($s: ID!) { sessionCheckInCode(sessionId: $s) { code } }`, { s: sessionId }, p.token))).toBe('FORBIDDEN');
    expect(codeOf(await api.gql(MARK, { i: { sessionId, seekerId: p.seekerId } }, p.token))).toBe('FORBIDDEN');
    expect(codeOf(await api.gql(MARK, { i: { sessionId, seekerId: p.seekerId } }, hrToken))).toBe('FORBIDDEN');
    const qr = await checkInCode(api, op, sessionId);
    expect(codeOf(await api.gql(CHECK_IN, { i: { sessionId, code: qr.code } }, hrToken))).toBe('FORBIDDEN');
  });
});
