import { Role } from '@app/core';
import {
  applyTo,
  createTestApi,
  creditCode,
  idNumber,
  insertStaff,
  moveTo,
  openPosting,
  operator,
  seekerWithProfile,
  signInStaff,
  tenantWithHr,
  TestApi,
  uniquePhone,
} from '@app/testing';
import { CandidateIndexer } from '@app/matching';
import { INestApplicationContext } from '@nestjs/common';
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { at, JOIN, SCHEDULE } from '../interviews/interviews.helpers';
import { csv, CSV_HEADER, FIXTURES, freshId, importFile, startWorker } from '../schools/schools-helpers';
import { checkInCode, enrol, trainingClass } from '../training/training.helpers';
import { launchChromium, MediaHarness, startMedia } from '../browser/media-harness';
import { axeViolations } from './axe';
import { browserContext, PC, PHONE, webBase } from './serve-web';

/**
 * Every screen of the pages, with realistic data on it, checked with axe-core (WCAG 2 A/AA, test/web/axe.ts):
 * the seeker app at / on a 360 px phone, the HR app at /hr/, the staff app at /staff/ (a school admin and a
 * training operator) and the interview join pages on a PC (the seeker's on the phone), in one headless
 * chromium (fake camera and microphone) against the real API, PostgreSQL, Redis, the import worker and the
 * media service. The brief's promise: "today's pages have 0 axe-core WCAG 2 A/AA violations — keep it so".
 * Each test collects the violations per screen and expects none, so a failure names every screen at once.
 */
jest.setTimeout(90_000);

const ROOT = join(__dirname, '..', '..');
const MIN = 60_000;
const MEDIA_SECRET = 'a11y-test-shared-media-secret-0123456789abcdef';

let api: TestApi;
let media: MediaHarness;
let browser: Browser;
let worker: INestApplicationContext;
let web: Awaited<ReturnType<typeof webBase>>;
let base: string;
const errors: string[] = [];
const savedEnv = { MEDIA_PUBLIC_URL: process.env.MEDIA_PUBLIC_URL, MEDIA_TOKEN_SECRET: process.env.MEDIA_TOKEN_SECRET };

/** The world on screen: one company with postings and applicants, one school with graduates, one training class. */
let op: string;
let hr: { tenantId: string; tenantName: string; username: string; password: string; token: string };
let postings: string[];
let schoolAdmin: { username: string; password: string; token: string };
let operatorUser: { username: string; password: string };
let seekerId: string;
let trainingClassId: string;
/** The seeker's interview with a confirmed time 5 minutes from now: its room is open. */
let confirmedIv: { id: string };
/** The seeker's phone page, left in the interview room for HR to join (closed with the browser). */
let seekerInRoom: () => Page;
const seekerPhone = uniquePhone();
const seekerIdNumber = idNumber('150902', '2003-05-16');

/** Screen name → its violations (only screens with some). */
type Found = Record<string, string[]>;
const checked: string[] = [];

async function check(found: Found, page: Page, screen: string, ready?: string): Promise<void> {
  if (ready) await page.locator(ready).first().waitFor();
  // Nothing still loading (a screen's data, or a part of it drawn later).
  await page.waitForFunction(() => !document.querySelector('.loading'));
  const v = await axeViolations(page);
  checked.push(screen);
  // A11Y_SHOTS=<dir>: a screenshot of every screen as axe saw it (to look at what was checked).
  if (process.env.A11Y_SHOTS)
    await page.screenshot({
      path: join(process.env.A11Y_SHOTS, `a11y-${String(checked.length).padStart(2, '0')}-${screen.replace(/[^\p{L}\p{N}]+/gu, '-')}.png`),
      fullPage: true,
    });
  if (v.length) found[screen] = v;
}

beforeAll(async () => {
  if (process.env.WEB_PREBUILT !== '1') {
    execFileSync(process.execPath, [join(ROOT, 'apps/web/build.mjs')], { cwd: ROOT, stdio: 'pipe' });
    execFileSync(process.execPath, [join(ROOT, 'apps/media/build-web.mjs')], { cwd: ROOT, stdio: 'pipe' });
  }
  media = await startMedia({ MEDIA_TOKEN_SECRET: MEDIA_SECRET });
  process.env.MEDIA_TOKEN_SECRET = MEDIA_SECRET;
  process.env.MEDIA_PUBLIC_URL = media.baseUrl;
  [api, browser, worker] = await Promise.all([createTestApi(), launchChromium(), startWorker()]);
  media.config.allowedOrigins.push(api.url);
  web = await webBase(api.url, () => api.clock.now());
  base = web.url;

  op = await operator(api);
  const tenantName = `乌兰察布无障碍测试呼叫中心${Date.now() % 100000}`;
  const t = await api.ok(
    `mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }`,
    { i: { name: tenantName, creditCode: creditCode(), seats: 300 } },
    op,
  );
  const u = await insertStaff(api, Role.HR, { tenantId: t.createTenant.id });
  hr = { tenantId: t.createTenant.id, tenantName, ...u, token: await signInStaff(api, u.username, u.password) };
  postings = await Promise.all([1, 2, 3].map(() => openPosting(api, hr.token, 5)));

  const d = await api.ok(
    `mutation($i: CreateSchoolInput!) { createSchool(input: $i) { id } }`,
    { i: { name: `集宁无障碍测试职业学院${Date.now() % 100000}`, kind: 'VOCATIONAL' } },
    op,
  );
  const sa = await insertStaff(api, Role.SCHOOL_ADMIN, { schoolId: d.createSchool.id });
  schoolAdmin = { ...sa, token: await signInStaff(api, sa.username, sa.password) };
  operatorUser = await insertStaff(api, Role.OPERATOR);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await worker?.close();
  await api?.close();
  await media?.close();
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

afterEach(() => {
  expect(errors.splice(0)).toEqual([]);
});

/** A URL the API built for its PUBLIC_URL, opened on the server under test. */
function onTestServer(url: string): string {
  const u = new URL(url, base);
  return `${base}${u.pathname}${u.search}${u.hash}`;
}

describe('the seeker app on a 360 px phone', () => {
  let ctx: BrowserContext;
  let s: Page;
  let token: string;
  let checkinUrl: string;
  let runningSession: string;
  seekerInRoom = () => s;

  it('signed out, signing in and the first profile have no WCAG 2 A/AA violations', async () => {
    const found: Found = {};
    ctx = await browserContext(browser, PHONE, errors, api.clock.now());
    s = await ctx.newPage();
    await s.goto(`${base}/`);
    await check(found, s, 'seeker 招聘岗位 (signed out)', '.card.job');
    await s.goto(`${base}/#/job/${postings[0]}`);
    await check(found, s, 'seeker 岗位详情 (signed out)', 'text=投递简历');

    await s.goto(`${base}/#/login?next=%2Fme`);
    await s.locator('input[name=phone]').fill('1380000');
    await s.getByRole('button', { name: '获取验证码' }).click();
    await check(found, s, 'seeker 登录 (bad phone)', '[data-err=phone]:not([hidden]), .form-err:not([hidden])');
    await s.locator('input[name=phone]').fill(seekerPhone);
    await s.getByRole('button', { name: '获取验证码' }).click();
    await s.getByRole('button', { name: /秒后重发/ }).waitFor();
    await s.locator('input[name=code]').fill(api.sms.lastCode(seekerPhone));
    await check(found, s, 'seeker 登录 (code sent)');
    await s.getByRole('button', { name: '登录', exact: true }).click();

    // First sign-in: the profile form, with a wrong check digit first.
    const bad = seekerIdNumber.slice(0, 17) + (seekerIdNumber[17] === '1' ? '2' : '1');
    await s.locator('input[name=idNumber]').fill(bad);
    await s.locator('input[name=name]').fill('其其格');
    await s.locator('select[name=regionCode]').selectOption('150902');
    await s.getByRole('button', { name: '保存' }).click();
    await check(found, s, 'seeker 求职档案 (first, field error)', '[data-err=idNumber]:not([hidden])');
    await s.locator('input[name=idNumber]').fill(seekerIdNumber);
    await s.locator('select[name=education]').selectOption('JUNIOR_COLLEGE');
    await s.locator('select[name=mandarinLevel]').selectOption('L2A');
    await s.locator('input[name=typingSpeed]').fill('60');
    await s.getByText('两班倒').click();
    await s.getByRole('button', { name: '保存' }).click();
    await check(found, s, 'seeker 授权共享 (first)', 'text=同意授权');
    await s.getByRole('button', { name: '同意授权' }).click();
    await s.waitForURL(/#\/me/);
    token = await s.evaluate(() => JSON.parse(localStorage.getItem('tc.seeker')!).accessToken);
    seekerId = (await api.ok(`{ myProfile { id } }`, {}, token)).myProfile.id;
    expect(found).toEqual({});
  });

  it('every signed-in screen, with applications, interviews, training, a school record and views on it, has no violations', async () => {
    const found: Found = {};
    // Applications: one each at APPLIED, SCREENING with times to choose, and SCREENING with a confirmed time soon.
    const apps = await Promise.all(postings.map((p) => applyTo(api, token, p)));
    await moveTo(api, hr.token, apps[1], 'SCREENING');
    await moveTo(api, hr.token, apps[2], 'SCREENING');
    await api.ok(
      SCHEDULE,
      {
        i: {
          applicationId: apps[1],
          confirmed: false,
          slots: [
            { startsAt: at(api, 26 * 60), durationMinutes: 30 },
            { startsAt: at(api, 50 * 60), durationMinutes: 30 },
          ],
        },
      },
      hr.token,
    );
    confirmedIv = (await api.ok(SCHEDULE, { i: { applicationId: apps[2], confirmed: true, slots: [{ startsAt: at(api, 5), durationMinutes: 30 }] } }, hr.token))
      .scheduleInterview;
    // A company opened the profile (谁看过我).
    await api.ok(`query($id: ID!) { talentProfile(id: $id) { id } }`, { id: seekerId }, hr.token);
    // A school listed this person (我的院校, pending), with two new graduates and a row with a bad ID number.
    const rows = [
      ['其其格', seekerIdNumber, '女', '', '呼叫中心服务与管理', '大专', '2026', '呼叫2301班', '2023080101'],
      ['张晓燕', freshId(), '女', uniquePhone(), '呼叫中心服务与管理', '大专', '2026', '呼叫2301班', '2023080102'],
      ['巴特尔', freshId(), '男', uniquePhone(), '呼叫中心服务与管理', '大专', '2026', '呼叫2301班', '2023080103'],
      [
        '王子涵',
        seekerIdNumber.slice(0, 17) + (seekerIdNumber[17] === '3' ? '4' : '3'),
        '男',
        '',
        '呼叫中心服务与管理',
        '大专',
        '2026',
        '呼叫2301班',
        '2023080104',
      ],
    ];
    await importFile(api, schoolAdmin.token, csv([CSV_HEADER, ...rows]), '2026届呼叫2301班.csv');
    // A training class running now, the seeker enrolled; the room's QR link.
    const classId = await trainingClass(api, op);
    const now = api.clock.now().getTime();
    const ss = await api.ok(
      `mutation($i: AddSessionsInput!) { addTrainingSessions(input: $i) { id } }`,
      {
        i: {
          classId,
          sessions: [
            [-2 * 24 * 60, 150],
            [-10, 120],
            [3 * 24 * 60, 150],
          ].map(([off, len], k) => ({
            startsAt: new Date(now + off * MIN).toISOString(),
            endsAt: new Date(now + (off + len) * MIN).toISOString(),
            room: `B${201 + k}`,
          })),
        },
      },
      op,
    );
    runningSession = ss.addTrainingSessions[1].id;
    expect((await enrol(api, token, classId)).errors).toBeUndefined();
    checkinUrl = onTestServer((await checkInCode(api, op, runningSession)).url);
    trainingClassId = classId;

    await s.goto(`${base}/#/?tab=rec`);
    await check(found, s, 'seeker 为你推荐', '.card.job, .empty');
    await s.goto(`${base}/#/?tab=all`);
    await check(found, s, 'seeker 全部岗位', '.card.job');
    await s.goto(`${base}/#/?q=${encodeURIComponent('不存在的岗位名称')}`);
    await check(found, s, 'seeker 岗位搜索 (no results)', '#view .empty');
    await s.goto(`${base}/#/job/${postings[0]}`);
    await check(found, s, 'seeker 岗位详情 (applied)', '.done');
    await s.goto(`${base}/#/applications`);
    await check(found, s, 'seeker 我的投递', '.card.app');
    await s.goto(`${base}/#/interviews`);
    await check(found, s, 'seeker 我的面试', `.iv[data-id="${confirmedIv.id}"]`);
    await s.goto(`${base}/#/messages`);
    await check(found, s, 'seeker 我的消息', '#view ul, #view .empty');
    await s.goto(`${base}/#/views`);
    await check(found, s, 'seeker 谁看过我', '#view .card');
    await s.goto(`${base}/#/school-links`);
    await check(found, s, 'seeker 我的院校 (pending)', '#links .card.link');
    await s.goto(`${base}/#/training`);
    await check(found, s, 'seeker 我的培训', '.card.tc');
    await s.goto(checkinUrl);
    await check(found, s, 'seeker 培训签到 (checked in)', '.card.checkin.ok');
    await s.goto(`${base}/#/check-in?s=${runningSession}`);
    await check(found, s, 'seeker 培训签到 (incomplete code)', '.card.checkin.bad');
    await s.goto(`${base}/#/me`);
    await check(found, s, 'seeker 我的', '.card.me');
    await s.goto(`${base}/#/profile`);
    await check(found, s, 'seeker 编辑资料', 'input[name=name]');
    await s.goto(`${base}/#/consent`);
    await check(found, s, 'seeker 授权管理', '#view button');
    await s.goto(`${base}/#/delete`);
    await check(found, s, 'seeker 注销账号', '#view form');
    await s.route('**/graphql', (r) => r.abort('internetdisconnected'));
    await s.goto(`${base}/#/applications`);
    await check(found, s, 'seeker 网络错误 (retry)', '.error-box');
    await s.unroute('**/graphql');
    expect(found).toEqual({});
  });

  it('the interview join page on the phone, before joining and joined (alone in the room), has no violations', async () => {
    const found: Found = {};
    const j = await api.ok(JOIN, { id: confirmedIv.id }, token);
    await s.goto(onTestServer(j.interviewJoinToken.joinUrl));
    await s.waitForFunction(() => !(document.getElementById('join') as HTMLButtonElement).disabled);
    await check(found, s, 'interview seeker.html (before joining)');
    await s.click('#join');
    await s.waitForFunction(() => (window as any).__media?.joined);
    await check(found, s, 'interview seeker.html (joined, waiting for HR)', '#leave:not([hidden])');
    expect(found).toEqual({}); // the seeker stays in the room for HR (below)
  });
});

describe('the HR app on a PC', () => {
  let ctx: BrowserContext;
  let h: Page;
  afterAll(() => ctx?.close());

  it('every screen has no WCAG 2 A/AA violations', async () => {
    const found: Found = {};
    ctx = await browserContext(browser, PC(), errors, api.clock.now());
    h = await ctx.newPage();
    await h.goto(`${base}/hr/`);
    await h.locator('input[name=username]').fill(hr.username);
    await h.locator('input[name=password]').fill('wrong-password-123');
    await h.getByRole('button', { name: '登录' }).click();
    await check(found, h, 'hr 登录 (wrong password)', '.form-err:not([hidden]), [data-err]:not([hidden])');
    await h.locator('input[name=password]').fill(hr.password);
    await h.getByRole('button', { name: '登录' }).click();
    await check(found, h, 'hr 岗位管理', `tr[data-id="${postings[0]}"]`);

    await h.goto(`${base}/hr/#/postings/new`);
    await h.locator('input[name=title]').waitFor();
    await h.getByRole('button', { name: '保存' }).click();
    await check(found, h, 'hr 新建岗位 (field error)', '.ferr:not([hidden]), .form-err:not([hidden])');
    await h.goto(`${base}/hr/#/postings/${postings[0]}/edit`);
    await check(found, h, 'hr 编辑岗位', 'input[name=title]');
    // A hire: another applicant (a candidate for the other postings meanwhile) at OFFER, hired on a 12-month contract.
    const other = await seekerWithProfile(api, { profile: { name: '乌云', mandarinLevel: 'L1B', typingSpeed: 80, callCenterMonths: 6 } });
    await api.app.get(CandidateIndexer).syncSeeker(other.seekerId);
    const offer = await applyTo(api, other.token, postings[1]);
    await moveTo(api, hr.token, offer, 'SCREENING');
    await moveTo(api, hr.token, offer, 'OFFER');
    await api.ok(
      `mutation($i: HireInput!) { hire(input: $i) { id } }`,
      { i: { applicationId: offer, contractStart: '2026-12-01', contractMonths: 12 } },
      hr.token,
    );
    await h.goto(`${base}/hr/#/postings/${postings[0]}/match`);
    await check(found, h, 'hr 推荐人选', '.table.match tbody tr');

    await h.goto(`${base}/hr/#/applications`);
    await check(found, h, 'hr 投递管理', `#view tr >> text=其其格`);
    const [row] = await api.db.query(`SELECT a.id FROM applications a WHERE a.posting_id = $1 AND a.seeker_id = $2`, [postings[2], seekerId]);
    await h.goto(`${base}/hr/#/application/${row.id}`);
    await check(found, h, 'hr 投递详情 (interview, notes)', '#stage');

    await h.goto(`${base}/hr/#/hires`);
    await check(found, h, 'hr 录用与合同', '#view tbody tr');

    await h.goto(`${base}/hr/#/talent?km=100&text=${encodeURIComponent('其其格')}`);
    await check(found, h, 'hr 人才库', '#view tbody tr');
    await h.goto(`${base}/hr/#/talent/${seekerId}`);
    await check(found, h, 'hr 人才档案', '.profile');
    expect(found).toEqual({});
  });

  it('the HR interview page with the scorecard, and both sides in the room with video, have no violations', async () => {
    const found: Found = {};
    await api.ok(
      `mutation($i: CreateScorecardTemplateInput!) { createScorecardTemplate(input: $i) { id } }`,
      {
        i: {
          name: '客服初试',
          criteria: [
            { name: '普通话', weight: 40, description: '发音清晰、语速适中' },
            { name: '应变能力', weight: 30 },
            { name: '打字速度', weight: 30 },
          ],
        },
      },
      hr.token,
    );
    const j = await api.ok(JOIN, { id: confirmedIv.id }, hr.token);
    await h.goto(onTestServer(j.interviewJoinToken.joinUrl));
    await h.waitForFunction(() => !(document.getElementById('join') as HTMLButtonElement).disabled);
    await check(found, h, 'interview hr.html (before joining)');
    await h.click('#join');
    await h.waitForFunction(() => (window as any).__media?.joined);
    // The scorecard with an unrated criterion's error, beside the seeker's video.
    await h.locator('#sc-form').waitFor();
    await h.locator('#sc-form input[name="score-0"][value="4"]').check();
    await h.locator('#sc-save').click();
    await h.locator('#sc-form [data-err="score-1"]:not([hidden])').waitFor();
    await h.waitForFunction(() => (window as any).__media.peers.length === 1);
    await check(found, h, 'interview hr.html (joined, scorecard with an error)', '#remotes video');
    const s = seekerInRoom();
    await s.waitForFunction(() => (window as any).__media.peers.length === 1);
    await check(found, s, 'interview seeker.html (joined, with HR)', '#remotes video');
    await Promise.all([h.click('#leave'), s.click('#leave')]);
    expect(found).toEqual({});
  });
});

describe('the staff app on a PC', () => {
  let ctx: BrowserContext;
  let page: Page;
  afterAll(() => ctx?.close());

  async function signIn(username: string, password: string): Promise<void> {
    await page.goto(`${base}/staff/#/login`);
    await page.locator('input[name=username]').fill(username);
    await page.locator('input[name=password]').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
  }

  it('a school admin’s screens have no WCAG 2 A/AA violations', async () => {
    const found: Found = {};
    ctx = await browserContext(browser, PC(), errors, api.clock.now());
    page = await ctx.newPage();
    await signIn(hr.username, hr.password);
    await check(found, page, 'staff 登录 (HR account refused)', '#login .form-err:not([hidden])');
    await signIn(schoolAdmin.username, schoolAdmin.password);
    await check(found, page, 'staff 毕业生名单导入', '#imports tbody tr');

    // A refused file: the API's message next to the file field.
    await page.locator('input[type=file]').setInputFiles(join(FIXTURES, 'ods-renamed.xlsx'));
    await page.getByRole('button', { name: '上传并导入' }).click();
    await check(found, page, 'staff 毕业生名单导入 (file refused)', '#uperr:not([hidden])');
    const bad = await importFile(api, schoolAdmin.token, readFileSync(join(FIXTURES, 'bad-check-digits.csv')), 'bad-check-digits.csv');
    await page.goto(`${base}/staff/#/imports/${bad.id}`);
    await check(found, page, 'staff 导入报告 (rejected rows)', '#rejected tbody tr');

    // An order class with two of the school's graduates, and an internship with a month recorded.
    const sponsor = await tenantWithHr(api, op);
    await openPosting(api, sponsor.hrToken, 5);
    const students = await api.ok(`{ schoolStudents(first: 10) { items { seekerId name } } }`, {}, schoolAdmin.token);
    const ids: string[] = students.schoolStudents.items.map((x: { seekerId: string }) => x.seekerId);
    const oc = await api.ok(
      `mutation($i: CreateOrderClassInput!) { createOrderClass(input: $i) { id } }`,
      {
        i: {
          tenantId: sponsor.tenantId,
          kind: 'ORDER',
          name: '2026级呼叫中心订单班',
          major: '呼叫中心服务与管理',
          quota: 10,
          promisedHires: 5,
          startDate: '2025-09-01',
          endDate: '2026-06-30',
          curriculum: '《客户沟通技巧与礼仪》',
        },
      },
      schoolAdmin.token,
    );
    await api.ok(
      `mutation($i: OrderClassStudentsInput!) { addOrderClassStudents(input: $i) { id } }`,
      { i: { orderClassId: oc.createOrderClass.id, seekerIds: ids.slice(0, 2) } },
      schoolAdmin.token,
    );
    const it = await api.ok(
      `mutation($i: CreateInternshipInput!) { createInternship(input: $i) { id } }`,
      { i: { seekerId: ids[0], tenantId: sponsor.tenantId, position: '呼入客服', startDate: '2026-03-01', endDate: '2026-06-30' } },
      schoolAdmin.token,
    );
    await api.ok(
      `mutation($i: InternshipMonthInput!) { recordInternshipMonth(input: $i) { id } }`,
      { i: { internshipId: it.createInternship.id, month: '2026-04', attendanceDays: 22, evaluation: 'EXCELLENT', comment: '接听量稳定' } },
      schoolAdmin.token,
    );

    await page.goto(`${base}/staff/#/order-classes`);
    await check(found, page, 'staff 订单班', '#ocs tbody tr');
    await page.goto(`${base}/staff/#/order-classes/new`);
    await page.locator('#newoc').waitFor();
    await page.locator('#newoc').getByRole('button', { name: '创建订单班' }).click();
    await check(found, page, 'staff 新建订单班 (field error)', '#newoc .ferr:not([hidden]), #newoc .form-err:not([hidden])');
    await page.goto(`${base}/staff/#/order-classes/${oc.createOrderClass.id}`);
    await check(found, page, 'staff 订单班详情 (students, picker)', '#students tbody tr');
    await page.goto(`${base}/staff/#/internships`);
    await check(found, page, 'staff 实习实训', '#its tbody tr');
    await page.goto(`${base}/staff/#/internships/new`);
    await check(found, page, 'staff 安排实习', '#newit');
    await page.goto(`${base}/staff/#/internships/${it.createInternship.id}`);
    await check(found, page, 'staff 实习记录 (a month)', '#months tr[data-month="2026-04"]');
    await page.goto(`${base}/staff/#/internships/stats?y=2026`);
    await check(found, page, 'staff 实习统计', '#itstats');
    expect(found).toEqual({});
  });

  it('a training operator’s screens, incl. the check-in QR, have no WCAG 2 A/AA violations', async () => {
    const found: Found = {};
    await page.evaluate(() => localStorage.removeItem('tc.staff'));
    await signIn(operatorUser.username, operatorUser.password);
    await check(found, page, 'staff 课堂签到二维码 (pick)', '#pick');
    await page.locator('select[name=classId]').selectOption(trainingClassId);
    await check(found, page, 'staff 课堂签到二维码 (class picked)');
    await page.getByRole('button', { name: '显示签到二维码' }).click();
    await check(found, page, 'staff 签到二维码 (full screen)', '#qr');
    await page.goto(`${base}/staff/#/training`);
    await check(found, page, 'staff 培训管理', '#classes tbody tr');
    await page.goto(`${base}/staff/#/training/new`);
    await page.locator('#newclass').waitFor();
    await page.locator('#newclass').getByRole('button', { name: '创建培训班' }).click();
    await check(found, page, 'staff 新建培训班 (field error)', '#newclass .ferr:not([hidden]), #newclass .form-err:not([hidden])');
    await page.goto(`${base}/staff/#/training/${trainingClassId}`);
    await check(found, page, 'staff 培训班 (sessions, attendance)', '#sessions tbody tr');
    await page.goto(`${base}/staff/#/training/stats`);
    await check(found, page, 'staff 培训统计', '#stats, .tile');
    expect(found).toEqual({});
    expect(checked.length).toBeGreaterThanOrEqual(40);
  });
});
