import { Role } from '@app/core';
import { creditCode, insertStaff, openPosting, operator, signInStaff, tenantWithHr, TestApi, uniquePhone } from '@app/testing';
import { INestApplicationContext } from '@nestjs/common';
import { readFileSync } from 'fs';
import { join } from 'path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { csv, CSV_HEADER, FIXTURES, freshId, importFile, startWorker } from '../schools/schools-helpers';
import { enrol, seeker, trainingClass } from '../training/training.helpers';
import { axeViolations } from './axe';
import { browserContext, openWebHarness, PC, webBase } from './serve-web';

/**
 * Every screen of the staff app (/staff/, Vue 3 + Element Plus) with realistic data on it, checked with axe-core
 * (WCAG 2 A/AA, test/web/axe.ts) on a PC: a school admin's (graduate imports and their report, order classes,
 * internships) and a training operator's (the check-in QR picker and the room's screen, classes, the attendance
 * matrix and assessments, figures), against the real API, PostgreSQL, Redis and the import worker.
 * Each test collects the violations per screen and expects none, so a failure names every screen at once.
 */
jest.setTimeout(90_000);

const MIN = 60_000;

let api: TestApi;
let browser: Browser;
let web: Awaited<ReturnType<typeof webBase>>;
let base: string;
let worker: INestApplicationContext;
const errors: string[] = [];

let op: string;
let hr: { username: string; password: string };
let schoolAdmin: { username: string; password: string; token: string };
let operatorUser: { username: string; password: string };
let trainingClassId: string;

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
      path: join(process.env.A11Y_SHOTS, `a11y-staff-${String(checked.length).padStart(2, '0')}-${screen.replace(/[^\p{L}\p{N}]+/gu, '-')}.png`),
      fullPage: true,
    });
  if (v.length) found[screen] = v;
}

beforeAll(async () => {
  ({ api, browser, web, base } = await openWebHarness());
  worker = await startWorker();
  op = await operator(api);
  const t = await api.ok(
    `mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }`,
    { i: { name: `乌兰察布无障碍测试呼叫中心${Date.now() % 100000}`, creditCode: creditCode(), seats: 300 } },
    op,
  );
  hr = await insertStaff(api, Role.HR, { tenantId: t.createTenant.id });

  const d = await api.ok(
    `mutation($i: CreateSchoolInput!) { createSchool(input: $i) { id } }`,
    { i: { name: `集宁无障碍测试职业学院${Date.now() % 100000}`, kind: 'VOCATIONAL' } },
    op,
  );
  const sa = await insertStaff(api, Role.SCHOOL_ADMIN, { schoolId: d.createSchool.id });
  schoolAdmin = { ...sa, token: await signInStaff(api, sa.username, sa.password) };
  const rows = ['张晓燕', '巴特尔', '王子涵'].map((name, i) => [
    name,
    freshId(),
    i % 2 ? '男' : '女',
    uniquePhone(),
    '呼叫中心服务与管理',
    '大专',
    '2026',
    '呼叫2301班',
    `202308010${i}`,
  ]);
  await importFile(api, schoolAdmin.token, csv([CSV_HEADER, ...rows]), '2026届呼叫2301班.csv');

  // A training class with a session two days ago, one running now and one in three days; one trainee enrolled.
  operatorUser = await insertStaff(api, Role.OPERATOR);
  trainingClassId = await trainingClass(api, op);
  const now = api.clock.now().getTime();
  await api.ok(
    `mutation($i: AddSessionsInput!) { addTrainingSessions(input: $i) { id } }`,
    {
      i: {
        classId: trainingClassId,
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
  const trainee = await seeker(api, { name: '李雅琴' });
  expect((await enrol(api, trainee.token, trainingClassId)).errors).toBeUndefined();
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
    await page.locator('#candidates').waitFor();
    await check(found, page, 'staff 订单班详情 (candidates)', '#candidates tbody tr');
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
    // An assessment refused at its field (a skill level with a fail), then the figures.
    const form = page.locator('form.af').first();
    await form.locator('input[name=score]').fill('45');
    await form.locator('select[name=skillLevel]').selectOption({ label: '技师' });
    await form.getByRole('button', { name: '登记' }).click();
    await check(found, page, 'staff 培训班 (assessment refused)', 'form.af [data-err="skillLevel"]:visible');
    await page.goto(`${base}/staff/#/training/stats`);
    await check(found, page, 'staff 培训统计', '#stats, .tile');
    expect(found).toEqual({});
    expect(checked.length).toBeGreaterThanOrEqual(18);
  });
});
