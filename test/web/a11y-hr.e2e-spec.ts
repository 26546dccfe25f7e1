import { Role } from '@app/core';
import { CandidateIndexer } from '@app/matching';
import { applyTo, creditCode, insertStaff, moveTo, openPosting, operator, seekerWithProfile, signInStaff, TestApi } from '@app/testing';
import { join } from 'path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { at, SCHEDULE } from '../interviews/interviews.helpers';
import { axeViolations } from './axe';
import { insertCompanyClaim } from './hr-subsidy-fixtures';
import { browserContext, openWebHarness, PC, webBase } from './serve-web';

/**
 * Every screen of the HR console (apps/web/src/hr, Vue 3 + Element Plus) at /hr/ on a PC, with realistic data on it,
 * checked with axe-core (WCAG 2 A/AA, test/web/axe.ts) against the real API, PostgreSQL and Redis: signing in (with
 * an error), postings (list, new with field errors, edit), 推荐人选, applications (list; detail with interviews and
 * notes, with the scheduling form and its error, with the hire form), hires (with the termination form and its
 * confirmation), the talent pool and a profile, 补贴申报, a network error, and the English UI. Each test collects the
 * violations per screen and expects none, so a failure names every screen at once.
 * (The HR interview page with the scorecard is checked in a11y.e2e-spec.ts with the other interview pages.)
 */
jest.setTimeout(90_000);

let api: TestApi;
let browser: Browser;
let web: Awaited<ReturnType<typeof webBase>>;
let base: string;
let ctx: BrowserContext;
let h: Page;
const errors: string[] = [];

let hr: { tenantId: string; tenantName: string; username: string; password: string; token: string };
let postings: string[];
let seekerId: string;
/** 其其格's applications: [0] APPLIED, [1] SCREENING with times offered, [2] SCREENING with a confirmed time soon. */
let apps: string[];
/** Another applicant at SCREENING without an interview (the scheduling form), and one at OFFER (the hire form). */
let screening: string;
let offer: string;

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
      path: join(process.env.A11Y_SHOTS, `a11y-hr-${String(checked.length).padStart(2, '0')}-${screen.replace(/[^\p{L}\p{N}]+/gu, '-')}.png`),
      fullPage: true,
    });
  if (v.length) found[screen] = v;
}

beforeAll(async () => {
  ({ api, browser, web, base } = await openWebHarness());
  const op = await operator(api);
  const tenantName = `乌兰察布无障碍测试HR呼叫中心${Date.now() % 100000}`;
  const t = await api.ok(
    `mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }`,
    { i: { name: tenantName, creditCode: creditCode(), seats: 300 } },
    op,
  );
  const u = await insertStaff(api, Role.HR, { tenantId: t.createTenant.id });
  hr = { tenantId: t.createTenant.id, tenantName, ...u, token: await signInStaff(api, u.username, u.password) };
  postings = await Promise.all([1, 2, 3].map(() => openPosting(api, hr.token, 5)));

  const indexer = api.app.get(CandidateIndexer);
  const qqg = await seekerWithProfile(api, { profile: { name: '其其格', mandarinLevel: 'L2A', typingSpeed: 60, shifts: ['TWO_SHIFT'] } });
  seekerId = qqg.seekerId;
  await indexer.syncSeeker(seekerId);
  apps = await Promise.all(postings.map((p) => applyTo(api, qqg.token, p)));
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
  await api.ok(SCHEDULE, { i: { applicationId: apps[2], confirmed: true, slots: [{ startsAt: at(api, 5), durationMinutes: 30 }] } }, hr.token);
  await api.ok(
    `mutation($i: AddNoteInput!) { addApplicationNote(input: $i) { id } }`,
    { i: { applicationId: apps[2], body: '电话沟通：普通话标准，可上夜班' } },
    hr.token,
  );

  // A hire: another applicant (a candidate for the other postings meanwhile) at OFFER, hired on a 12-month contract.
  const other = await seekerWithProfile(api, { profile: { name: '乌云', mandarinLevel: 'L1B', typingSpeed: 80, callCenterMonths: 6 } });
  await indexer.syncSeeker(other.seekerId);
  const hired = await applyTo(api, other.token, postings[1]);
  await moveTo(api, hr.token, hired, 'SCREENING');
  await moveTo(api, hr.token, hired, 'OFFER');
  await api.ok(
    `mutation($i: HireInput!) { hire(input: $i) { id } }`,
    { i: { applicationId: hired, contractStart: '2026-12-01', contractMonths: 12 } },
    hr.token,
  );
  const s2 = await seekerWithProfile(api, { profile: { name: '巴特尔' } });
  screening = await applyTo(api, s2.token, postings[0]);
  await moveTo(api, hr.token, screening, 'SCREENING');
  const s3 = await seekerWithProfile(api, { profile: { name: '张晓燕' } });
  offer = await applyTo(api, s3.token, postings[0]);
  await moveTo(api, hr.token, offer, 'SCREENING');
  await moveTo(api, hr.token, offer, 'OFFER');

  // 补贴申报: a claim returned for correction (its reason and deadline) and an approved one.
  await insertCompanyClaim(api, {
    tenantId: hr.tenantId,
    item: 'ITEM_16',
    status: 'RETURNED',
    claimedFen: 600000,
    returnedReason: 'EVIDENCE_MISSING',
    returnDeadline: '2027-01-15',
  });
  await insertCompanyClaim(api, { tenantId: hr.tenantId, item: 'ITEM_11', status: 'APPROVED', claimedFen: 1200000, approvedFen: 1000000, origin: 'PROPOSAL' });

  ctx = await browserContext(browser, PC(), errors, api.clock.now());
  h = await ctx.newPage();
}, 90_000);

afterAll(async () => {
  await ctx?.close();
  await browser?.close();
  await web?.close();
  await api?.close();
});

afterEach(() => {
  expect(errors.splice(0)).toEqual([]);
});

describe('the HR app on a PC', () => {
  it('every screen has no WCAG 2 A/AA violations', async () => {
    const found: Found = {};
    await h.goto(`${base}/hr/`);
    await h.locator('input[name=username]').fill(hr.username);
    await h.locator('input[name=password]').fill('wrong-password-123');
    await h.getByRole('button', { name: '登录' }).click();
    await check(found, h, 'hr 登录 (wrong password)', '.form-err, .el-form-item__error');
    await h.locator('input[name=password]').fill(hr.password);
    await h.getByRole('button', { name: '登录' }).click();
    await check(found, h, 'hr 岗位管理', `tr[data-id="${postings[0]}"]`);

    await h.goto(`${base}/hr/#/postings/new`);
    await h.locator('input[name=title]').waitFor();
    await h.getByRole('button', { name: '保存' }).click();
    await check(found, h, 'hr 新建岗位 (field error)', '.el-form-item__error, .form-err');
    await h.goto(`${base}/hr/#/postings/${postings[0]}/edit`);
    await check(found, h, 'hr 编辑岗位', 'input[name=title]');
    await h.goto(`${base}/hr/#/postings/${postings[0]}/match`);
    await check(found, h, 'hr 推荐人选', '.table.match tbody tr');

    await h.goto(`${base}/hr/#/applications`);
    await check(found, h, 'hr 投递管理', `#view tr >> text=其其格`);
    await h.goto(`${base}/hr/#/application/${apps[2]}`);
    await check(found, h, 'hr 投递详情 (interview, notes)', '.join-iv');
    await h.goto(`${base}/hr/#/application/${apps[1]}`);
    await check(found, h, 'hr 投递详情 (times offered)', '[data-interview]');
    await h.goto(`${base}/hr/#/application/${screening}`);
    await h.getByRole('button', { name: '安排面试' }).click();
    await check(found, h, 'hr 投递详情 (scheduling form, field error)', '#schedule .el-form-item__error');
    await h.goto(`${base}/hr/#/application/${offer}`);
    await check(found, h, 'hr 投递详情 (hire form)', '#hire input[name=contractMonths]');

    await h.goto(`${base}/hr/#/hires`);
    await check(found, h, 'hr 录用与合同', '#view tbody tr');
    await h.getByText('登记提前解除').click();
    await h.getByRole('button', { name: '确认解除' }).click();
    await check(found, h, 'hr 录用与合同 (confirm termination)', '.el-message-box');
    await h.getByRole('button', { name: '取消' }).click();
    await h.locator('.el-message-box').waitFor({ state: 'hidden' });

    await h.goto(`${base}/hr/#/talent?km=100&text=${encodeURIComponent('其其格')}`);
    await check(found, h, 'hr 人才库', '#view tbody tr');
    await h.goto(`${base}/hr/#/talent/${seekerId}`);
    await check(found, h, 'hr 人才档案', '.profile');
    await h.goto(`${base}/hr/#/subsidies`);
    await check(found, h, 'hr 补贴申报', 'table.claims tbody tr');

    await h.route('**/graphql', (r) => r.abort('internetdisconnected'));
    await h.goto(`${base}/hr/#/hires?o=0`);
    await check(found, h, 'hr 网络错误 (retry)', '.error-box');
    await h.unroute('**/graphql');

    await h.getByRole('button', { name: 'English' }).click();
    await h.locator('#nav', { hasText: 'Postings' }).waitFor();
    await h.locator('#nav').getByRole('link', { name: 'Postings' }).click();
    await check(found, h, 'hr Postings (English)', `tr[data-id="${postings[0]}"]`);
    expect(await h.evaluate(() => document.documentElement.lang)).toBe('en');
    await h.getByRole('button', { name: '中文' }).click();
    await h.locator('#nav', { hasText: '岗位管理' }).waitFor();
    expect(found).toEqual({});
  });
});
