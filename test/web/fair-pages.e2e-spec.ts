import { Role } from '@app/core';
import { FairWallService } from '@app/fairs';
import { insertStaff, operator, seekerWithProfile, tenantWithHr, TestApi } from '@app/testing';
import { writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { hireOne, insertBooth, insertFair, insertFairPosting, postingWith, schoolAdmin } from '../fairs/live-fixtures';
import { axeViolations } from './axe';
import { browserContext, openWebHarness, PC, PHONE, webBase } from './serve-web';

/**
 * The fair pages (/fair/, issue 11 §3–§4) in Debian's headless chromium against the real API: the hall's info wall
 * (1920×1080) updating live when a place is filled, and the entrance's check-in page on a phone (by ticket code typed
 * in, and by a picture of the ticket's QR read with qr-scanner). Every screen: 0 axe-core WCAG 2 A/AA violations.
 */
jest.setTimeout(120_000);

let api: TestApi;
let browser: Browser;
let base: string;
let web: Awaited<ReturnType<typeof webBase>>;
const errors: string[] = [];

beforeAll(async () => {
  ({ api, browser, web, base } = await openWebHarness());
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
  await api?.close();
});
afterEach(() => expect(errors).toEqual([]));

async function clean(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(process.env.WEB_SHOTS_DIR ?? '/tmp', `fair-${name}.png`) });
  expect({ screen: name, violations: await axeViolations(page) }).toEqual({ screen: name, violations: [] });
}

describe('the info wall', () => {
  let ctx: BrowserContext;
  afterEach(() => ctx?.close());

  it('shows the booths and places left, and updates by itself when a place is filled (just hired → 已招满)', async () => {
    const { tenantId, hrToken } = await tenantWithHr(api);
    const fairId = await insertFair(api, { title: '周六常态招聘会（测试）' });
    const booth = await insertBooth(api, fairId, tenantId, 'A07');
    const postingId = await postingWith(api, hrToken, { title: '呼入客服专员', headcount: 2, salaryMinFen: 380000, salaryMaxFen: 520000 });
    const fp = await insertFairPosting(api, fairId, tenantId, booth, postingId, 2);
    const op = await operator(api);
    const school = await schoolAdmin(api, op);
    await api.ok(
      `mutation($i: PostSchoolNoticeInput!) { postFairSchoolNotice(input: $i) { id } }`,
      { i: { fairId, majors: [{ major: '软件技术', graduates: 40 }] } },
      school.token,
    );
    const wall = api.app.get(FairWallService);
    await wall.refresh(fairId);

    ctx = await browserContext(browser, PC(1920, 1080), errors, api.clock.now());
    const page = await ctx.newPage();
    await page.goto(`${base}/fair/#/wall/${fairId}`);
    await page.getByRole('heading', { name: '周六常态招聘会（测试）' }).waitFor();
    const row = page.locator(`[data-posting="${fp}"]`);
    await row.getByText('余 2 人').waitFor();
    await row.getByText('3800–5200 元/月').waitFor();
    await page.getByText('A07号展位').waitFor();
    await page.getByText(school.name).waitFor();
    await page.getByText('软件技术 40').waitFor();
    await clean(page, 'wall');

    // A hire at the booth: the worker's refresh pushes the wall; the page changes without a reload.
    await page.waitForTimeout(300); // the page's subscription is registered
    await hireOne(api, hrToken, (await seekerWithProfile(api)).token, postingId);
    await wall.refresh(fairId);
    await row.getByText('余 1 人').waitFor();
    await page.getByTestId('ticker').filter({ hasText: '刚刚录用 1 人' }).waitFor();
    await hireOne(api, hrToken, (await seekerWithProfile(api)).token, postingId);
    await wall.refresh(fairId);
    await row.getByText('已招满').waitFor();
    await page.getByTestId('ticker').filter({ hasText: '已招满' }).waitFor();
    await clean(page, 'wall-filled');
  });

  it('a fair that is not published shows "not found" on the wall', async () => {
    const fairId = await insertFair(api, { status: 'DRAFT' });
    ctx = await browserContext(browser, PC(1920, 1080), errors, api.clock.now());
    const page = await ctx.newPage();
    await page.goto(`${base}/fair/#/wall/${fairId}`);
    await page.getByRole('alert').getByText('招聘会不存在').waitFor();
  });
});

describe('the check-in page (an operator’s phone at the entrance)', () => {
  let ctx: BrowserContext;
  afterEach(() => ctx?.close());

  it('checks a ticket in by its code, once (a second scan says so), and by a picture of its QR', async () => {
    const fairId = await insertFair(api, { title: '入场签到测试' });
    const s1 = await seekerWithProfile(api);
    const s2 = await seekerWithProfile(api);
    const REGISTER = `mutation($f: ID!) { registerForFair(fairId: $f) { token qrUrl } }`;
    const t1 = (await api.ok(REGISTER, { f: fairId }, s1.token)).registerForFair;
    const t2 = (await api.ok(REGISTER, { f: fairId }, s2.token)).registerForFair;
    const png = Buffer.from(await (await fetch(`${api.url}/fairs/tickets/${encodeURIComponent(t2.token)}.png`)).arrayBuffer());
    const file = join(tmpdir(), `fair-ticket-${process.pid}.png`);
    writeFileSync(file, png);

    const staff = await insertStaff(api, Role.OPERATOR);

    ctx = await browserContext(browser, PHONE, errors, api.clock.now());
    const page = await ctx.newPage();
    await page.goto(`${base}/fair/#/checkin/${fairId}`);
    await page.getByRole('heading', { name: '工作人员登录' }).waitFor();
    await clean(page, 'login');
    await page.getByLabel('用户名').fill(staff.username);
    await page.getByLabel('密码', { exact: true }).fill(staff.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '入场签到' }).waitFor();
    await clean(page, 'checkin');

    await page.getByLabel('入场券编码', { exact: true }).fill(t1.token);
    await page.getByRole('button', { name: '签到', exact: true }).click();
    await page.getByTestId('result').filter({ hasText: '签到成功' }).waitFor();
    await page.getByLabel('入场券编码', { exact: true }).fill(t1.token);
    // The same ticket again (after the page's 3 s guard against a camera reading one code many times).
    await page.clock.fastForward(4000);
    await page.getByRole('button', { name: '签到', exact: true }).click();
    await page.getByTestId('result').filter({ hasText: '已签到过' }).waitFor();
    await clean(page, 'checkin-done');

    await page.getByTestId('image').setInputFiles(file);
    await page.waitForFunction(() => document.querySelectorAll('.card li').length >= 2);
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM fair_checkins WHERE fair_id = $1`, [fairId]);
    expect(n).toBe(2);
  });
});
