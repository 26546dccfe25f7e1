import { Role } from '@app/core';
import { applyTo, creditCode, insertStaff, moveTo, openPosting, operator, seekerWithProfile, signInStaff, TestApi } from '@app/testing';
import { randomUUID } from 'crypto';
import { join } from 'path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { date, dateTime, salary } from '../../apps/web/src/shared/format';
import { insertCompanyClaim } from './hr-subsidy-fixtures';
import { browserContext, openWebHarness, PC, webBase } from './serve-web';

/**
 * The HR console (apps/web/src/hr, Vue 3 + Element Plus) beyond what web.e2e-spec and hr-matching cover: the posting
 * form's field errors and editing, status buttons, scheduling a video interview (an error from the API next to the
 * form, then a time in Beijing time), hiring with a contract, recording an early termination (confirmed in a dialog),
 * 补贴申报 (the company's own subsidy claims and their status), the English UI and signing out — in Debian's chromium against the real API, PostgreSQL and Redis.
 * Times are built from the API's clock with the formatters the pages use (apps/web/src/shared/format.ts).
 */
jest.setTimeout(90_000);

const SHOTS = process.env.WEB_SHOTS_DIR ?? '/tmp';
const DAY = 86_400_000;

let api: TestApi;
let browser: Browser;
let base: string;
let web: Awaited<ReturnType<typeof webBase>>;
let ctx: BrowserContext;
let h: Page;
let hr: { username: string; password: string; token: string; tenantName: string; tenantId: string };
let postingId: string;
let applicationId: string;
const errors: string[] = [];
const tag = String(Date.now() % 100000);
const shot = (name: string) => h.screenshot({ path: join(SHOTS, `web-hr-console-${name}.png`), fullPage: true });

beforeAll(async () => {
  ({ api, browser, web, base } = await openWebHarness());
  const op = await operator(api);
  const tenantName = `察右前旗云客服中心${tag}`;
  const t = await api.ok(
    `mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }`,
    { i: { name: tenantName, creditCode: creditCode(), seats: 200 } },
    op,
  );
  const u = await insertStaff(api, Role.HR, { tenantId: t.createTenant.id });
  hr = { ...u, token: await signInStaff(api, u.username, u.password), tenantName, tenantId: t.createTenant.id };
  postingId = await openPosting(api, hr.token, 5);
  const s = await seekerWithProfile(api, { profile: { name: `萨仁${tag}` } });
  applicationId = await applyTo(api, s.token, postingId);
  await moveTo(api, hr.token, applicationId, 'SCREENING');

  ctx = await browserContext(browser, PC(), errors, api.clock.now());
  h = await ctx.newPage();
  await h.goto(`${base}/hr/`);
  await h.locator('input[name=username]').fill(hr.username);
  await h.locator('input[name=password]').fill(hr.password);
  await h.getByRole('button', { name: '登录' }).click();
  await h.getByText(hr.tenantName).waitFor();
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

describe('the HR console', () => {
  it('posting form: field errors next to the field, then a draft saved, edited with its values loaded, and opened', async () => {
    await h.goto(`${base}/hr/#/postings/new`);
    await h.locator('input[name=title]').fill(`夜班质检员${tag}`);
    await h.locator('input[name=headcount]').fill('3');
    await h.locator('input[name=salaryMin]').fill('三千');
    await h.locator('input[name=salaryMax]').fill('5000');
    await h.getByRole('button', { name: '保存' }).click();
    const salaryItem = h.locator('.el-form-item', { hasText: '月薪下限（元）' });
    await salaryItem.getByText('请填写金额（元），如 3500').waitFor();
    await shot('01-form-error');
    // Nothing was sent.
    expect((await api.ok(`{ postings(filter: { text: "夜班质检员${tag}" }) { total } }`, {}, hr.token)).postings.total).toBe(0);

    await h.locator('input[name=salaryMin]').fill('3800');
    await h.locator('input[name=minTypingSpeed]').fill('45');
    await h.getByText('三班倒').click();
    await h.getByRole('button', { name: '保存' }).click();
    const row = h.locator('tr', { hasText: `夜班质检员${tag}` });
    await row.waitFor();
    expect(await row.innerText()).toContain(salary(380000, 500000));
    expect(await row.locator('.badge').innerText()).toBe('草稿');
    const id = await row.getAttribute('data-id');

    await row.getByRole('link', { name: '编辑' }).click();
    await h.locator('input[name=title]').waitFor();
    expect(await h.locator('input[name=salaryMin]').inputValue()).toBe('3800');
    expect(await h.locator('input[name=minTypingSpeed]').inputValue()).toBe('45');
    expect(await h.getByRole('checkbox', { name: '三班倒' }).isChecked()).toBe(true);
    await h.locator('input[name=headcount]').fill('4');
    await h.getByRole('button', { name: '保存' }).click();
    await h.locator(`tr[data-id="${id}"]`).getByRole('button', { name: '发布' }).click();
    await h.locator(`tr[data-id="${id}"] .badge`, { hasText: '招聘中' }).waitFor();
    const d = await api.ok(`query($id: ID!) { posting(id: $id) { headcount status shifts minTypingSpeed salaryMinFen } }`, { id }, hr.token);
    expect(d.posting).toEqual({ headcount: 4, status: 'OPEN', shifts: ['THREE_SHIFT'], minTypingSpeed: 45, salaryMinFen: 380000 });
  });

  it('schedules a video interview: the API’s error in the form, then a Beijing time the interview keeps', async () => {
    await h.goto(`${base}/hr/#/application/${applicationId}`);
    const form = h.locator('#schedule');
    await form.waitFor();
    const now = api.clock.now().getTime();
    // Yesterday, 10:00 Beijing time: in the past.
    await form.locator('input[name=startsAt]').fill(`${date(new Date(now - DAY))}T10:00`);
    await form.getByRole('button', { name: '安排面试' }).click();
    await form.getByText(/已经过去/).waitFor();
    await shot('02-schedule-error');

    const day = date(new Date(now + 2 * DAY));
    await form.locator('input[name=startsAt]').fill(`${day}T10:00`);
    await form.locator('input[name=durationMinutes]').fill('45');
    await form.getByRole('button', { name: '安排面试' }).click();
    const iv = h.locator('[data-interview]');
    await iv.waitFor();
    expect(await iv.innerText()).toContain(`${day} 10:00（45分钟） · 已安排`);
    await iv.getByRole('button', { name: '进入面试' }).waitFor();
    const r = await api.ok(
      `query($a: ID!) { interviews(filter: { applicationId: $a }) { items { startsAt durationMinutes status } } }`,
      { a: applicationId },
      hr.token,
    );
    expect(r.interviews.items).toHaveLength(1);
    expect(dateTime(r.interviews.items[0].startsAt)).toBe(`${day} 10:00`);
    expect(r.interviews.items[0]).toMatchObject({ durationMinutes: 45, status: 'SCHEDULED' });
  });

  it('hires on a contract, then records an early termination after confirming it', async () => {
    await h.getByRole('button', { name: '改为「录用意向」' }).click();
    await h.locator('#stage', { hasText: '录用意向' }).waitFor();
    const hire = h.locator('#hire');
    await hire.locator('input[name=contractMonths]').fill('');
    await hire.getByRole('button', { name: '确认录用' }).click();
    await hire.getByText('请填写合同期限（月）').waitFor();
    const start = date(api.clock.now());
    expect(await hire.locator('input[name=contractStart]').inputValue()).toBe(start);
    await hire.locator('input[name=contractMonths]').fill('24');
    await hire.getByRole('button', { name: '确认录用' }).click();
    await h.waitForURL(/#\/hires$/);
    const row = h.locator('tr', { hasText: `萨仁${tag}` });
    await row.waitFor();
    expect(await row.innerText()).toContain('24 个月');
    expect(await row.innerText()).toContain(`${start} ~ `);
    expect(await row.locator('.badge').innerText()).toBe('在职');

    await row.getByText('登记提前解除').click();
    await row.locator('input[name=reason]').fill('个人原因离职');
    await row.getByRole('button', { name: '确认解除' }).click();
    const dialog = h.locator('.el-message-box');
    await dialog.getByText('确认登记该劳动合同提前解除？').waitFor();
    await shot('03-terminate-confirm');
    await dialog.getByRole('button', { name: '确认解除' }).click();
    await row.locator('.badge', { hasText: `已解除 ${start}` }).waitFor();
    expect(await row.innerText()).toContain('个人原因离职');
    const d = await api.ok(`{ hires { items { contractMonths terminatedOn terminationReason } } }`, {}, hr.token);
    expect(d.hires.items).toEqual([{ contractMonths: 24, terminatedOn: start, terminationReason: '个人原因离职' }]);
  });

  it('补贴申报 lists the company’s own claims with their status, amounts and what to do; not another company’s', async () => {
    const deadline = date(new Date(api.clock.now().getTime() + 10 * DAY));
    const returned = await insertCompanyClaim(api, {
      tenantId: hr.tenantId,
      item: 'ITEM_16',
      status: 'RETURNED',
      claimedFen: 600000,
      returnedReason: 'EVIDENCE_MISSING',
      returnDeadline: deadline,
    });
    const approved = await insertCompanyClaim(api, {
      tenantId: hr.tenantId,
      item: 'ITEM_11',
      status: 'APPROVED',
      claimedFen: 1200000,
      approvedFen: 1000000,
      origin: 'PROPOSAL',
    });
    const foreign = await insertCompanyClaim(api, { tenantId: randomUUID(), item: 'ITEM_16', status: 'SUBMITTED', claimedFen: 300000 });

    await h.locator('#nav').getByRole('link', { name: '补贴申报' }).click();
    const r = h.locator(`tr[data-id="${returned}"]`);
    await r.waitFor();
    const text = await r.innerText();
    expect(text).toContain('第16条 吸纳就业一次性奖励');
    expect(text).toContain('6,000 元');
    expect(text).toContain('退回补正');
    expect(text).toContain(`退回原因：材料不全，请于 ${deadline} 前补正`);
    const a = await h.locator(`tr[data-id="${approved}"]`).innerText();
    expect(a).toContain('第11条 委托培养奖励');
    expect(a).toContain('系统预填');
    expect(a).toContain('12,000 元');
    expect(a).toContain('10,000 元');
    expect(a).toContain('已批准');
    expect(await h.locator(`tr[data-id="${foreign}"]`).count()).toBe(0);
    expect(await h.locator('table.claims tbody tr').count()).toBe(2);
    await shot('05-subsidies');

    // The status filter.
    await h.locator('.el-select', { has: h.getByRole('combobox', { name: '办理状态' }) }).click();
    await h.getByRole('option', { name: '退回补正' }).click();
    await h.getByRole('button', { name: '筛选' }).click();
    await h.waitForURL(/#\/subsidies\?status=RETURNED$/);
    await h.locator('table.claims tbody tr').first().waitFor();
    expect(await h.locator('table.claims tbody tr').count()).toBe(1);
    await h.locator(`tr[data-id="${returned}"]`).waitFor();
  });

  it('a sign-in link opened while signed in goes where it meant to go (never to another origin)', async () => {
    await h.goto(`${base}/hr/#/login?next=/hires`);
    await h.waitForURL(/#\/hires$/);
    await h.getByRole('heading', { name: '录用与合同' }).waitFor();
    await h.goto(`${base}/hr/#/login?next=//evil.example/x`);
    await h.waitForURL(/#\/postings$/);
    expect(new URL(h.url()).origin).toBe(new URL(base).origin);
  });

  it('switches to English (labels, formatters and Element Plus alike) and back; signing out forgets the session', async () => {
    await h.goto(`${base}/hr/#/postings`);
    await h.getByRole('button', { name: 'English' }).click();
    await h.locator('#nav').getByRole('link', { name: 'Applications' }).click();
    await h.getByRole('heading', { name: 'Applications' }).waitFor();
    expect(
      await h
        .locator('tr', { hasText: `萨仁${tag}` })
        .locator('.badge')
        .innerText(),
    ).toBe('Hired');
    expect(await h.getByRole('combobox', { name: 'Stage' }).count()).toBe(1);
    await shot('04-english');
    await h.getByRole('button', { name: '中文' }).click();
    await h.getByRole('heading', { name: '投递管理' }).waitFor();

    await h.getByRole('button', { name: '退出' }).click();
    await h.locator('input[name=username]').waitFor();
    expect(await h.evaluate(() => localStorage.getItem('tc.hr'))).toBeNull();
    await h.goto(`${base}/hr/#/hires`);
    await h.waitForURL(/#\/login\?next=/);
  });
});
