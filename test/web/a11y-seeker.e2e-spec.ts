import { Role } from '@app/core';
import { applyTo, creditCode, idNumber, insertStaff, moveTo, openPosting, operator, signInStaff, TestApi, uniquePhone } from '@app/testing';
import { INestApplicationContext } from '@nestjs/common';
import { join } from 'path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { at, SCHEDULE } from '../interviews/interviews.helpers';
import { csv, CSV_HEADER, freshId, importFile, startWorker } from '../schools/schools-helpers';
import { checkInCode, enrol, trainingClass } from '../training/training.helpers';
import { axeViolations } from './axe';
import { browserContext, openWebHarness, PHONE, webBase } from './serve-web';

/**
 * Every screen of the seeker app (Vue 3 + Vant 4, at / on a 360 px phone), with realistic data on it, checked with
 * axe-core (WCAG 2 A/AA, test/web/axe.ts) in headless chromium against the real API, PostgreSQL, Redis and the
 * import worker. Each test collects the violations per screen and expects none, so a failure names every screen.
 * (Moved out of a11y.e2e-spec.ts; the interview join pages stay there.)
 */
jest.setTimeout(90_000);

const MIN = 60_000;

let api: TestApi;
let browser: Browser;
let worker: INestApplicationContext;
let web: Awaited<ReturnType<typeof webBase>>;
let base: string;
const errors: string[] = [];

let op: string;
let hr: { tenantId: string; tenantName: string; username: string; password: string; token: string };
let postings: string[];
let schoolAdmin: { username: string; password: string; token: string };
let seekerId: string;
/** The seeker's interview with a confirmed time 5 minutes from now: its room is open. */
let confirmedIv: { id: string };
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
  if (process.env.A11Y_SHOTS)
    await page.screenshot({
      path: join(process.env.A11Y_SHOTS, `a11y-seeker-${String(checked.length).padStart(2, '0')}-${screen.replace(/[^\p{L}\p{N}]+/gu, '-')}.png`),
      fullPage: true,
    });
  if (v.length) found[screen] = v;
}

beforeAll(async () => {
  ({ api, browser, web, base } = await openWebHarness());
  worker = await startWorker();
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
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await worker?.close();
  await api?.close();
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
  afterAll(() => ctx?.close());
  let token: string;
  let checkinUrl: string;
  let runningSession: string;

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
});
