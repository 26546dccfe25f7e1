import { Role } from '@app/core';
import { insertStaff, operator, TestApi } from '@app/testing';
import { join } from 'path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { CHECK_IN, checkInCode, day, enrol, institution, MARK, seeker, trainingClass } from '../training/training.helpers';
import { browserContext, openWebHarness, PC, webBase } from './serve-web';

/**
 * 培训管理 in the staff app (/staff/#/training), driven in Debian's headless chromium against
 * the real API and PostgreSQL: the operator creates a class through the form, schedules sessions,
 * marks attendance in the matrix (beside a trainee's own QR check-in) and records assessments;
 * the certificate the API issues is on the page and in the database.
 */
jest.setTimeout(60_000);

const SHOTS = process.env.WEB_SHOTS_DIR ?? '/tmp';
const MIN = 60_000;
const UUID = /^[0-9a-f-]{36}$/;

let api: TestApi;
let browser: Browser;
let base: string;
let web: Awaited<ReturnType<typeof webBase>>;
let op: string;
let user: { id: string; username: string; password: string };
let instId: string;
let ctx: BrowserContext;
let page: Page;
const errors: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `staff-training-${name}.png`), fullPage: true });

beforeAll(async () => {
  ({ api, browser, web, base } = await openWebHarness());
  op = await operator(api);
  user = await insertStaff(api, Role.OPERATOR);
  instId = await institution(api, op, `集宁区职业技能培训学校${Date.now() % 100000}`);
  ctx = await browserContext(browser, PC(1366, 900), errors);
  page = await ctx.newPage();
});

afterAll(async () => {
  await ctx?.close();
  await browser?.close();
  await web?.close();
  await api?.close();
});

afterEach(() => {
  expect(errors.splice(0)).toEqual([]);
});

it('operator: create a class, schedule sessions, mark attendance, assess → certificate for one, 未结业 for the other', async () => {
  // ---- sign in; 培训管理 is in the operator's nav beside the check-in QR
  await page.goto(`${base}/staff/`);
  await page.locator('input[name=username]').fill(user.username);
  await page.locator('input[name=password]').fill(user.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '课堂签到二维码' }).waitFor(); // the operator's home is unchanged
  await page.locator('#nav a', { hasText: '培训管理' }).click();
  await page.getByRole('heading', { name: '培训管理' }).waitFor();
  await page.getByRole('link', { name: '新建培训班' }).first().click();

  // ---- 新建培训班: a bad end date comes back from the API next to its field
  const form = page.locator('#newclass');
  await form.waitFor();
  const name = `新员工入职培训班（页面测试）${Date.now() % 1_000_000}期`;
  await form.locator('select[name=institutionId]').selectOption(instId);
  await form.locator('select[name=type]').selectOption('NEW_HIRE');
  await form.locator('input[name=name]').fill(name);
  await form.locator('label.check', { hasText: '《客户沟通技巧与礼仪》' }).locator('input').check();
  await form.locator('label.check', { hasText: '《呼入电话服务技巧》' }).locator('input').check();
  await form.locator('input[name=startsOn]').fill(day(api, -10));
  await form.locator('input[name=endsOn]').fill(day(api, -12));
  await form.locator('input[name=capacity]').fill('30');
  await form.locator('input[name=minAttendancePercent]').fill('60');
  await form.locator('input[name=passScore]').fill('60');
  await form.getByRole('button', { name: '创建培训班' }).click();
  const endErr = form.locator('[data-err="endsOn"]');
  await endErr.waitFor();
  expect(await endErr.innerText()).toBe('结业日期不能早于开班日期');
  expect(await form.locator('input[name=endsOn]').getAttribute('aria-invalid')).toBe('true');
  await shot('01-field-error');
  await form.locator('input[name=endsOn]').fill(day(api, 30));
  await form.getByRole('button', { name: '创建培训班' }).click();
  await page.locator('#cname', { hasText: name }).waitFor();
  const classId = new URL(page.url()).hash.replace('#/training/', '');
  expect(classId).toMatch(UUID);
  const [row] = await api.db.query(
    `SELECT c.type, c.capacity, c.starts_on::text AS s, c.ends_on::text AS e, c.min_attendance_pct AS pct, c.requires_assessment AS ra, c.pass_score AS ps,
            array(SELECT co.name FROM training_class_courses cc JOIN training_courses co ON co.id = cc.course_id WHERE cc.class_id = c.id ORDER BY cc.position) AS courses
       FROM training_classes c WHERE c.id = $1 AND c.institution_id = $2`,
    [classId, instId],
  );
  expect(row).toEqual({
    type: 'NEW_HIRE',
    capacity: 30,
    s: day(api, -10),
    e: day(api, 30),
    pct: 60,
    ra: true,
    ps: 60,
    courses: ['《客户沟通技巧与礼仪》', '《呼入电话服务技巧》'],
  });

  // ---- sessions through the page (Beijing time): two past, one ahead; an overlap is refused with the API's message
  const add = page.locator('#addsession');
  const addSession = async (date: string, from: string, to: string, room: string) => {
    await add.locator('input[name=date]').fill(date);
    await add.locator('input[name="sessions.0.startsAt"]').fill(from);
    await add.locator('input[name="sessions.0.endsAt"]').fill(to);
    await add.locator('input[name=room]').fill(room);
    await add.getByRole('button', { name: '添加' }).click();
  };
  await addSession(day(api, -2), '09:00', '11:30', 'A101');
  await page.locator('#sessions tbody tr').first().waitFor();
  await addSession(day(api, -1), '14:00', '16:30', 'A102');
  await page.locator('#sessions tbody tr').nth(1).waitFor();
  await addSession(day(api, 2), '09:00', '11:30', 'A103');
  await page.locator('#sessions tbody tr').nth(2).waitFor();
  await addSession(day(api, -1), '15:00', '17:00', 'A104');
  await add.getByText('同一培训班的课次时间不能重叠').waitFor();
  expect(await page.locator('#sessions tbody tr').count()).toBe(3);
  const stored = await api.db.query(`SELECT id, room, starts_at FROM training_sessions WHERE class_id = $1 ORDER BY starts_at`, [classId]);
  expect(stored.map((s: { room: string }) => s.room)).toEqual(['A101', 'A102', 'A103']);
  expect((stored[0].starts_at as Date).toISOString()).toBe(new Date(`${day(api, -2)}T09:00:00+08:00`).toISOString());

  // A session running now (set up by GraphQL) where one trainee checks in with the room's QR.
  const now = api.clock.now().getTime();
  const running = await api.ok(
    `mutation($i: AddSessionsInput!) { addTrainingSessions(input: $i) { id } }`,
    { i: { classId, sessions: [{ startsAt: new Date(now - 10 * MIN).toISOString(), endsAt: new Date(now + 60 * MIN).toISOString(), room: 'A105' }] } },
    op,
  );
  const runningId: string = running.addTrainingSessions[0].id;
  const [s1, s2] = stored.map((s: { id: string }) => s.id);

  // ---- two seekers enrol; A scans the QR in the running session
  const a = await seeker(api, { name: '李雅琴' });
  const b = await seeker(api, { name: '赵志远' });
  expect((await enrol(api, a.token, classId)).errors).toBeUndefined();
  expect((await enrol(api, b.token, classId)).errors).toBeUndefined();
  const code = await checkInCode(api, op, runningId);
  expect((await api.gql(CHECK_IN, { i: { sessionId: runningId, code: code.code } }, a.token)).errors).toBeUndefined();
  // B already sat in another class's session at the time of session 1 (so marking B there is refused).
  const other = await trainingClass(api, op);
  const clash = await api.ok(
    `mutation($i: AddSessionsInput!) { addTrainingSessions(input: $i) { id } }`,
    { i: { classId: other, sessions: [{ startsAt: `${day(api, -2)}T09:30:00+08:00`, endsAt: `${day(api, -2)}T10:30:00+08:00` }] } },
    op,
  );
  expect((await enrol(api, b.token, other)).errors).toBeUndefined();
  await api.ok(MARK, { i: { sessionId: clash.addTrainingSessions[0].id, seekerId: b.seekerId } }, op);

  // ---- the attendance matrix
  await page.getByRole('button', { name: '刷新' }).click();
  const rowA = page.locator(`#att tr[data-seeker="${a.seekerId}"]`);
  const rowB = page.locator(`#att tr[data-seeker="${b.seekerId}"]`);
  await rowA.waitFor();
  expect(await page.locator('#att thead th.c').count()).toBe(4);
  const cell = (r: typeof rowA, sessionId: string) => r.locator(`td.c[data-session="${sessionId}"]`);
  const [future] = stored.slice(2).map((s: { id: string }) => s.id);
  expect(await cell(rowA, runningId).innerText()).toBe('✓ 扫码');
  expect(await cell(rowA, future).innerText()).toBe('—'); // not open yet: no button
  expect(await rowA.locator('td').nth(1).innerText()).toBe('在读');
  expect(await rowA.locator('td.pct').innerText()).toContain('25%');

  await cell(rowA, s1).getByRole('button', { name: '登记出勤' }).click();
  await cell(rowA, s1).getByText('✓ 教员登记').waitFor();
  await cell(rowA, s2).getByRole('button', { name: '登记出勤' }).click();
  await cell(rowA, s2).getByText('✓ 教员登记').waitFor();
  await cell(rowB, s1).getByRole('button', { name: '登记出勤' }).click();
  const attErr = page.locator('#att-err');
  await attErr.waitFor();
  expect(await attErr.innerText()).toBe('赵志远：该学员已在同一时段的另一课次出勤');
  expect(await cell(rowB, s1).getByRole('button', { name: '登记出勤' }).isEnabled()).toBe(true);
  await cell(rowB, s2).getByRole('button', { name: '登记出勤' }).click();
  await cell(rowB, s2).getByText('✓ 教员登记').waitFor();
  expect(await rowA.locator('td.pct').innerText()).toMatch(/^75% 3\/4 · 需 ≥60%$/);
  expect(await rowA.locator('td.pct').getAttribute('class')).toContain('ok');
  expect(await rowB.locator('td.pct').innerText()).toContain('25%');
  expect(await rowB.locator('td.pct').getAttribute('class')).toContain('bad');
  await shot('02-matrix');

  // ---- assessments: A passes with 技师 → certificate; B fails (a skill level with a fail is refused at its field) → 未结业
  const enrolments: Array<{ id: string; seeker_id: string }> = await api.db.query(`SELECT id, seeker_id FROM training_enrolments WHERE class_id = $1`, [
    classId,
  ]);
  const eA = enrolments.find((e) => e.seeker_id === a.seekerId)!.id;
  const eB = enrolments.find((e) => e.seeker_id === b.seekerId)!.id;
  const formA = page.locator(`form.af[data-enrolment="${eA}"]`);
  const formB = page.locator(`form.af[data-enrolment="${eB}"]`);
  expect(await formA.locator('input[name=assessedOn]').inputValue()).toBe(day(api, 0));
  await formA.locator('input[name=score]').fill('86');
  await formA.locator('select[name=skillLevel]').selectOption({ label: '技师' });
  await formA.locator('input[name=note]').fill('话务实操优秀');
  await formA.getByRole('button', { name: '登记' }).click();
  const verdictA = page.locator(`#assessments tr[data-enrolment="${eA}"] td.verdict`);
  await verdictA.locator('.cert-no').waitFor();
  const certNo = await verdictA.locator('.cert-no').innerText();
  expect(certNo).toMatch(/^WLCB-PX-\d{4}-\d{6}$/);
  expect(await verdictA.innerText()).toContain('已结业');
  expect(await verdictA.innerText()).toContain('技师');
  expect(await formA.count()).toBe(0); // completed: nothing more to record
  expect(await rowA.locator('td').nth(1).innerText()).toBe('已结业');

  await formB.locator('input[name=score]').fill('45');
  await formB.locator('select[name=skillLevel]').selectOption({ label: '技师' });
  await formB.getByRole('button', { name: '登记' }).click();
  await formB.locator('[data-err="skillLevel"]', { hasText: '考核未合格，不能认定技能等级' }).waitFor();
  await formB.locator('input[name=score]').fill('45');
  await formB.locator('select[name=skillLevel]').selectOption('');
  await formB.getByRole('button', { name: '登记' }).click();
  const verdictB = page.locator(`#assessments tr[data-enrolment="${eB}"] td.verdict`);
  await verdictB.getByText('未结业').waitFor();
  expect(await verdictB.innerText()).toContain('出勤率 25%，未达 60%');
  expect(await verdictB.innerText()).toContain('考核未合格');
  expect(await verdictB.locator('.cert-no').count()).toBe(0);
  await shot('03-assessed');

  // ---- the database agrees
  const att: Array<{ seeker_id: string; session_id: string; method: string; recorded_by: string | null; recorded_role: string }> = await api.db.query(
    `SELECT seeker_id, session_id, method, recorded_by, recorded_role FROM training_attendance WHERE class_id = $1 ORDER BY session_starts_at, seeker_id`,
    [classId],
  );
  const manual = att.filter((r) => r.method === 'MANUAL');
  expect(manual.map((r) => [r.seeker_id, r.session_id]).sort()).toEqual(
    [
      [a.seekerId, s1],
      [a.seekerId, s2],
      [b.seekerId, s2],
    ].sort(),
  );
  for (const r of manual) expect(r).toMatchObject({ recorded_by: user.id, recorded_role: 'OPERATOR' });
  expect(att.filter((r) => r.method === 'QR')).toEqual([expect.objectContaining({ seeker_id: a.seekerId, session_id: runningId })]);
  const certs = await api.db.query(
    `SELECT c.certificate_no, c.enrolment_id, c.skill_level, c.attended_sessions, c.total_sessions, c.issued_by, x.score, x.note
       FROM training_certificates c LEFT JOIN training_assessments x ON x.id = c.assessment_id WHERE c.class_id = $1`,
    [classId],
  );
  expect(certs).toEqual([
    {
      certificate_no: certNo,
      enrolment_id: eA,
      skill_level: 'TECHNICIAN',
      attended_sessions: 3,
      total_sessions: 4,
      issued_by: user.id,
      score: 86,
      note: '话务实操优秀',
    },
  ]);
  const status = await api.db.query(`SELECT id, status FROM training_enrolments WHERE class_id = $1 ORDER BY status`, [classId]);
  expect(status).toEqual([
    { id: eA, status: 'COMPLETED' },
    { id: eB, status: 'ENROLLED' },
  ]);
  const assessed = await api.db.query(`SELECT seeker_id, score, passed, skill_level FROM training_assessments WHERE class_id = $1 ORDER BY score`, [classId]);
  expect(assessed).toEqual([
    { seeker_id: b.seekerId, score: 45, passed: false, skill_level: null },
    { seeker_id: a.seekerId, score: 86, passed: true, skill_level: 'TECHNICIAN' },
  ]);

  // ---- after a reload the certificate still shows (from the trainee's completed training)
  await page.reload();
  await verdictA.locator('.cert-no', { hasText: certNo }).waitFor();
  expect(await rowA.locator('td').nth(1).innerText()).toBe('已结业');
  expect(await rowB.locator('td').nth(1).innerText()).toBe('在读');

  // ---- the class in the list and in the figures; a session's link opens the room's QR display
  await page.getByRole('link', { name: '返回培训班列表' }).click();
  await page.locator('#cf select[name=i]').selectOption(instId); // many classes in a shared database: filter by the institution
  await page.waitForURL((u) => u.hash === `#/training?i=${instId}`);
  await page.locator('.pager', { hasText: '共 1 个培训班' }).waitFor();
  const listRow = page.locator(`#classes tr[data-id="${classId}"]`);
  expect(await listRow.innerText()).toMatch(
    new RegExp(`${name}\\s+新员工入职课程\\s+集宁区职业技能培训学校\\d+\\s+${day(api, -10)} ~ ${day(api, 30)}\\s+2 / 30\\s+4\\s+报名中`),
  );
  await page.locator('.tr-tabs a', { hasText: '培训统计' }).click();
  const statRow = page.locator(`#stats tr[data-id="${classId}"]`);
  await statRow.waitFor();
  expect((await statRow.locator('td').allInnerTexts()).slice(3)).toEqual(['30', '2', '1', '50%', '0']);
  await shot('04-stats');
  await statRow.getByRole('link').click();
  await page.locator(`#sessions tr[data-session="${runningId}"]`).getByRole('link', { name: '签到二维码' }).click();
  await page.locator('#qrs #qr').waitFor();
  expect(new URL(page.url()).hash).toBe(`#/checkin/${classId}/${runningId}`);
});
