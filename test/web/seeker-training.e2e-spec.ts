import { AppConfig } from '@app/core';
import { operator, TestApi } from '@app/testing';
import { join } from 'path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { ASSESS, checkInCode, day, enrol, institution, MARK, planCourseIds, seeker } from '../training/training.helpers';
import { timeSpan } from '../../apps/web/src/shared/format';
import { browserContext, openWebHarness, PHONE, webBase } from './serve-web';

/**
 * Training in the seeker app, in Debian's headless chromium against the real
 * API and database: the room's rotating QR opens the app's check-in screen
 * (signing in by SMS on the way if needed), and 我的培训 shows classes,
 * attendance, assessments and certificates.
 */
jest.setTimeout(90_000);

const SHOTS = process.env.WEB_SHOTS_DIR ?? '/tmp';
const MIN = 60_000;
const HOUR = 60 * MIN;

let api: TestApi;
let browser: Browser;
let web: Awaited<ReturnType<typeof webBase>>;
let base: string;
let op: string;
let inst: string;
let courses: string[];
let trainee: { token: string; phone: string; seekerId: string };
const errors: string[] = [];

interface Sess {
  id: string;
  startsAtLocal: string;
  endsAtLocal: string;
}

/** A class (named, so the page can be checked) with sessions given as [start offset, length] from the app's now. */
async function classWith(name: string, spans: Array<[number, number]>, opts: { startsOn?: string; endsOn?: string; minAttendancePercent?: number } = {}) {
  const c = await api.ok(
    `mutation($i: CreateClassInput!) { createTrainingClass(input: $i) { id } }`,
    {
      i: {
        institutionId: inst,
        type: 'NEW_HIRE',
        name,
        courseIds: courses,
        capacity: 30,
        startsOn: opts.startsOn ?? day(api, -10),
        endsOn: opts.endsOn ?? day(api, 30),
        minAttendancePercent: opts.minAttendancePercent ?? 80,
      },
    },
    op,
  );
  const id: string = c.createTrainingClass.id;
  if (!spans.length) return { id, sessions: [] as Sess[] };
  const now = api.clock.now().getTime();
  const s = await api.ok(
    `mutation($i: AddSessionsInput!) { addTrainingSessions(input: $i) { id startsAtLocal endsAtLocal } }`,
    // The first session teaches the second course and has no title: the page names it after the course.
    {
      i: {
        classId: id,
        sessions: spans.map(([off, len], k) => ({
          startsAt: new Date(now + off).toISOString(),
          endsAt: new Date(now + off + len).toISOString(),
          room: `B${201 + k}`,
          courseId: k === 0 ? courses[1] : undefined,
        })),
      },
    },
    op,
  );
  return { id, sessions: s.addTrainingSessions as Sess[] };
}

/** The QR's URL, opened on the server under test (its PUBLIC_URL origin is not where the test API listens). */
function onTestServer(url: string): string {
  const u = new URL(url);
  return `${base}${u.pathname}${u.search}${u.hash}`;
}

async function attendanceRows(sessionId: string): Promise<Array<{ seeker_id: string; method: string; recorded_role: string }>> {
  return api.db.query(`SELECT seeker_id, method, recorded_role FROM training_attendance WHERE session_id = $1`, [sessionId]);
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `web-training-${name}.png`), fullPage: true });

beforeAll(async () => {
  ({ api, browser, web, base } = await openWebHarness());
  op = await operator(api);
  inst = await institution(api, op, `集宁区人才服务中心${Date.now() % 100000}`);
  courses = await planCourseIds(api, op, ['《客户沟通技巧与礼仪》', '《呼入电话服务技巧》']);
  // A trainee with a profile; the phone got its first SMS code from the API just now.
  trainee = await seeker(api, { name: '张丽娜' });
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await api?.close();
});

afterEach(() => {
  expect(errors.splice(0)).toEqual([]);
});

describe('a trainee on a 360 px phone', () => {
  let ctx: BrowserContext;
  let s: Page;
  let a: Awaited<ReturnType<typeof classWith>>;
  const nameA = `新员工入职培训 E2E${Date.now() % 100000}期`;

  beforeAll(async () => {
    ctx = await browserContext(browser, PHONE, errors);
    s = await ctx.newPage();
    // Running now (started 10 minutes ago), and one tomorrow.
    a = await classWith(nameA, [
      [-10 * MIN, 2 * HOUR],
      [24 * HOUR, 2 * HOUR],
    ]);
    await enrol(api, trainee.token, a.id);
  });
  afterAll(() => ctx?.close());

  it('scans the room QR while signed out, signs in by SMS, comes back and is checked in (row stored)', async () => {
    const qr = await checkInCode(api, op, a.sessions[0].id);
    const publicUrl = api.app.get(AppConfig).app.publicUrl.replace(/\/$/, '');
    expect(qr.url).toBe(`${publicUrl}/#/check-in?s=${a.sessions[0].id}&c=${encodeURIComponent(qr.code)}`);
    // The PNG the room's screen shows encodes the same URL (rendered from the same code).
    expect((await fetch(`${api.url}${qr.qrPngPath}`)).status).toBe(200);

    // The phone got a code from the API (the factory) a moment ago; a minute later it may ask again.
    api.clock.advance(61_000);
    const fresh = await checkInCode(api, op, a.sessions[0].id);
    await s.goto(onTestServer(fresh.url));
    await s.getByText('登录后自动完成培训签到').waitFor();
    await s.locator('input[name=phone]').fill(trainee.phone);
    await s.getByRole('button', { name: '获取验证码' }).click();
    await s.getByRole('button', { name: /秒后重发/ }).waitFor();
    await s.locator('input[name=code]').fill(api.sms.lastCode(trainee.phone));
    await s.getByRole('button', { name: '登录', exact: true }).click();

    const result = s.locator('#checkin-result');
    await result.locator('h2', { hasText: '签到成功' }).waitFor();
    // Drawn at once, then completed with the session's title and time from myTraining.
    await result.getByText('本班已出勤 1/2 节').waitFor();
    const text = await result.innerText();
    expect(text).toContain('《呼入电话服务技巧》');
    expect(text).toContain(timeSpan(a.sessions[0].startsAtLocal, a.sessions[0].endsAtLocal));
    expect(text).toContain('B201');
    expect(text).toContain(nameA);
    expect(text).toContain('本班已出勤 1/2 节');
    expect(text).not.toContain('之前已签到');
    expect(await s.evaluate(() => location.hash)).toContain('#/check-in?');
    await shot(s, '01-checked-in');

    expect(await attendanceRows(a.sessions[0].id)).toEqual([{ seeker_id: trainee.seekerId, method: 'QR', recorded_role: 'SEEKER' }]);

    // Reloading after the code expired (or scanning an old screenshot) says "already checked in", not "expired".
    api.clock.advance(61_000);
    await s.reload();
    await result.locator('h2', { hasText: '签到成功' }).waitFor();
    await result.getByText('您之前已签到，本次不重复记录').waitFor();
    expect(await attendanceRows(a.sessions[0].id)).toHaveLength(1);
  });

  it('a stale, tampered or foreign code, another class and an overlapping session are refused with the API’s message; nothing is stored', async () => {
    const b = await classWith(`晋升储备班 E2E${Date.now() % 100000}期`, [[-5 * MIN, HOUR]]);
    const c = await classWith(`毕业生短训 E2E${Date.now() % 100000}期`, [[-5 * MIN, HOUR]]);
    await enrol(api, trainee.token, b.id);
    const bs = b.sessions[0].id;
    const result = s.locator('#checkin-result');
    const refused = async (url: string, code: string, message: string, hint?: string) => {
      await s.goto('about:blank');
      await s.goto(url);
      await result.locator('h2', { hasText: '签到未成功' }).waitFor();
      expect(await result.getAttribute('data-code')).toBe(code);
      await result.getByText(message).waitFor();
      if (hint) await result.getByText(hint).waitFor();
    };

    // A code past its 60 s.
    const old = await checkInCode(api, op, bs);
    api.clock.advance(61_000);
    await refused(onTestServer(old.url), 'CHECKIN_CODE_EXPIRED', '签到码已过期，请扫描现场屏幕上的最新二维码', '现场屏幕上的二维码每30秒更新一次');
    await shot(s, '02-expired');

    // A tampered code: moved to the next time step.
    const cur = await checkInCode(api, op, bs);
    const [step, mac] = cur.code.split('.');
    const tampered = `${(parseInt(step, 36) + 1).toString(36)}.${mac}`;
    await refused(`${base}/#/check-in?s=${bs}&c=${encodeURIComponent(tampered)}`, 'CHECKIN_CODE_INVALID', '签到码无效（不属于本课次）');

    // Incomplete link: said on the page, no request needed.
    await refused(`${base}/#/check-in?s=${bs}`, 'CHECKIN_CODE_INVALID', '二维码内容不完整');

    // A class the trainee is not enrolled in.
    const cc = await checkInCode(api, op, c.sessions[0].id);
    await refused(onTestServer(cc.url), 'NOT_ENROLLED', '您未报名该培训班，不能签到');

    // Valid code, but the trainee is already present in class A's session at the same time.
    await refused(onTestServer(cur.url), 'ATTENDANCE_OVERLAP', '您已在同一时段的另一课次签到，不能同时出席两场培训');
    await shot(s, '03-overlap');

    expect(await attendanceRows(bs)).toEqual([]);
    expect(await attendanceRows(c.sessions[0].id)).toEqual([]);
  });

  it('我的培训 (from 我的) shows each class with attendance vs the minimum, assessment, completion and certificate; an open class can be joined', async () => {
    // A finished class: present once (marked by the instructor), passed, certified 高级工.
    const nameD = `基层管理者 E2E${Date.now() % 100000}期`;
    const d = await classWith(nameD, [[-4 * HOUR, HOUR]]);
    const enrolmentId = (await enrol(api, trainee.token, d.id)).data.enrolInTrainingClass.id;
    await api.ok(MARK, { i: { sessionId: d.sessions[0].id, seekerId: trainee.seekerId } }, op);
    const cert = (await api.ok(ASSESS, { i: { enrolmentId, score: 90, assessedOn: day(api, 0), skillLevel: 'ADVANCED_WORKER' } }, op)).recordAssessment
      .certificate;
    expect(cert.certificateNo).toBeTruthy();
    // Open for enrolment, far ahead (listed first: newest start date first).
    const nameE = `客服代表储备 E2E${Date.now() % 100000}期`;
    const e = await classWith(nameE, [], { startsOn: day(api, 3650), endsOn: day(api, 3660) });

    await s.goto(`${base}/#/me`);
    const done = s.locator('.done-tr');
    await done.getByText(nameD).waitFor();
    expect(await done.innerText()).toContain('高级工');
    await shot(s, '04-me');
    await s.getByRole('link', { name: '我的培训' }).click();

    const cardA = s.locator('#mine .card', { hasText: nameA });
    await cardA.waitFor();
    const ta = await cardA.innerText();
    expect(ta).toContain('新员工入职课程');
    expect(ta).toContain('在读');
    expect(ta).toContain('出勤 1/2 节 · 50%');
    expect(ta).toContain('结业要求 ≥80%');
    expect(ta).toContain('待考核');

    const td = await s.locator('#mine .card', { hasText: nameD }).innerText();
    expect(td).toContain('已结业');
    expect(td).toContain('出勤 1/1 节 · 100%');
    expect(td).toContain('90 分');
    expect(td).toContain('通过');
    expect(td).toContain(cert.certificateNo);
    expect(td).toContain('技能等级 高级工');

    // Sessions of class A: today's present, tomorrow's upcoming.
    await cardA.locator('summary').click();
    expect(await cardA.locator('details').innerText()).toMatch(/《呼入电话服务技巧》[\s\S]*✓ 已签到[\s\S]*未开始/);
    await shot(s, '05-my-training');

    const open = s.locator('#open .card', { hasText: nameE });
    await open.getByRole('button', { name: '报名' }).click();
    await s.locator('.van-toast', { hasText: '报名成功' }).waitFor();
    await s.locator('#mine .card', { hasText: nameE }).waitFor();
    expect(await s.locator('#open .card', { hasText: nameE }).count()).toBe(0);
    const [row] = await api.db.query(`SELECT status, source FROM training_enrolments WHERE class_id = $1 AND seeker_id = $2`, [e.id, trainee.seekerId]);
    expect(row).toEqual({ status: 'ENROLLED', source: 'SELF' });
  });
});
