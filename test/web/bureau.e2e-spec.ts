import { Role, shanghaiDate } from '@app/core';
import { applyTo, insertStaff, moveTo, openPosting, operator, seekerWithProfile, tenantWithHr, TestApi, useIsolatedDatabase } from '@app/testing';
import { createHash } from 'crypto';
import ExcelJS from 'exceljs';
import { PNG } from 'pngjs';
import { join } from 'path';
import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { dateTime, yuan } from '../../apps/web/src/shared/format';
import { axeViolations } from './axe';
import { browserContext, openWebHarness, PC, webBase } from './serve-web';

/**
 * The HR bureau's desk (/bureau/, issue 10 §4) in Debian's headless chromium against the real API, PostgreSQL and
 * the subsidies context: a company's item-16 claim built from recorded facts (a hire of a verified poor-household
 * seeker with a 12-month contract and social insurance) is reviewed and recommended by one auditor, approved by a
 * second (four eyes), published with the name masked, batched, its bank file downloaded, its receipt recorded, and the
 * dashboard shows the amount. Every screen: 0 axe-core WCAG 2 A/AA violations.
 */
jest.setTimeout(120_000);

const SHOTS = process.env.WEB_SHOTS_DIR ?? '/tmp';

let api: TestApi;
let browser: Browser;
let base: string;
let web: Awaited<ReturnType<typeof webBase>>;
let reviewer: { id: string; username: string; password: string };
let approver: { id: string; username: string; password: string };
let claimId: string;
let claimedFen: number;
let companyName: string;
let png: Buffer;
let returnedId: string;
/** Line 2 of the claim is approved at this amount (reduced, with a coded reason); line 1 in full. */
const REDUCED_FEN = 100_000;
const approvedFen = () => claimedFen / 2 + REDUCED_FEN;
let ctx: BrowserContext;
let page: Page;
const errors: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `bureau-${name}.png`), fullPage: true });

async function clean(name: string): Promise<void> {
  await shot(name);
  expect({ screen: name, violations: await axeViolations(page) }).toEqual({ screen: name, violations: [] });
}

async function signIn(username: string, password: string): Promise<void> {
  await page.goto(`${base}/bureau/#/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

async function signOut(): Promise<void> {
  await page.getByRole('button', { name: '退出' }).click();
  await page.getByRole('heading', { name: '人社局登录' }).waitFor();
}

/**
 * Picks an option of the Element Plus select inside `scope`: its input is hidden behind the wrapper that opens it, and
 * every select's options stay in the page once opened, so the option is looked up in this select's own listbox
 * (the input's aria-controls).
 */
async function pick(scope: Locator, option: string): Promise<void> {
  const list = await scope.locator('input[role=combobox]').first().getAttribute('aria-controls');
  await scope.locator('.el-select__wrapper').first().click();
  await page.locator(`[id="${list}"]`).getByRole('option', { name: option, exact: true }).click();
}

/** Picks an option of the select labelled `field`. */
const choose = (field: string, option: string) => pick(page.locator('.el-form-item').filter({ has: page.locator(`label:text-is("${field}")`) }), option);

const nav = (name: string) => page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true });

/** A 40×30 PNG (a scanned certificate stands in), made here so its bytes and SHA-256 are known. */
function pngBytes(): Buffer {
  const img = new PNG({ width: 40, height: 30 });
  for (let i = 0; i < img.data.length; i += 4) img.data.set([200, 30, 30, 255], i);
  return PNG.sync.write(img);
}

/** The company uploads evidence to its draft claim through the subsidies REST route (multipart `file` + `kind`). */
async function uploadEvidence(token: string, claim: string, kind: string, name: string, bytes: Buffer, type: string): Promise<void> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await fetch(`${api.url}/subsidies/claims/${claim}/evidence`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  if (!res.ok) throw new Error(`evidence upload: ${res.status} ${await res.text()}`);
}

/** A hire of a verified poor-household seeker, 12-month contract and social insurance from today (item 16's facts). */
async function poorHouseholdHire(op: string, company: { hrToken: string }, postingId: string): Promise<string> {
  const today = shanghaiDate(api.clock.now());
  const seeker = await seekerWithProfile(api, { profile: { categories: ['POOR_HOUSEHOLD'] } });
  await api.ok(
    `mutation($i: VerifyCategoryInput!) { verifySeekerCategory(input: $i) { category } }`,
    { i: { seekerId: seeker.seekerId, category: 'POOR_HOUSEHOLD', source: 'BUREAU_LIST', note: '建档立卡名单第1批' } },
    op,
  );
  const appId = await applyTo(api, seeker.token, postingId);
  for (const to of ['SCREENING', 'INTERVIEW', 'OFFER']) await moveTo(api, company.hrToken, appId, to);
  const hire = await api.ok(
    `mutation($i: HireInput!) { hire(input: $i) { id } }`,
    { i: { applicationId: appId, contractStart: today, contractMonths: 12, socialInsuranceStart: today } },
    company.hrToken,
  );
  return hire.hire.id;
}

/** The company's item-16 claim for these hires, submitted; evidence uploaded first when given. */
async function submittedClaim(hrToken: string, hireIds: string[], evidence: Array<[kind: string, name: string, bytes: Buffer, type: string]>) {
  const made = await api.ok(
    `mutation($i: CreateSubsidyClaimInput!) { createSubsidyClaim(input: $i) { id claimedFen status } }`,
    { i: { item: 'ITEM_16', hireIds } },
    hrToken,
  );
  for (const [kind, name, bytes, type] of evidence) await uploadEvidence(hrToken, made.createSubsidyClaim.id, kind, name, bytes, type);
  const submitted = await api.ok(`mutation($id: ID!) { submitSubsidyClaim(id: $id) { id status } }`, { id: made.createSubsidyClaim.id }, hrToken);
  expect(submitted.submitSubsidyClaim.status).toBe('SUBMITTED');
  return { id: made.createSubsidyClaim.id as string, claimedFen: made.createSubsidyClaim.claimedFen as number };
}

/**
 * The facts, all recorded through the API (no rows written by hand): the operator's approval limit for the approver
 * and the item's budget, a company with three hires of verified poor-household seekers, and two submitted claims —
 * one for two hires (with a scanned contract and a PDF), one for the third hire.
 */
async function world(): Promise<void> {
  const op = await operator(api);
  const today = shanghaiDate(api.clock.now());
  await api.ok(`mutation($u: ID!, $m: Int!) { setApprovalLimit(userId: $u, maxFen: $m) }`, { u: approver.id, m: 10_000_000 }, op);
  await api.ok(
    `mutation($y: Int!, $a: Float!) { setSubsidyBudget(item: ITEM_16, year: $y, amountFen: $a) { item } }`,
    { y: Number(today.slice(0, 4)), a: 100_000_000 },
    op,
  );
  const company = await tenantWithHr(api, op);
  [{ name: companyName }] = await api.db.query(`SELECT name FROM tenants WHERE id = $1`, [company.tenantId]);
  const postingId = await openPosting(api, company.hrToken, 5);
  const hires = [];
  for (let i = 0; i < 3; i++) hires.push(await poorHouseholdHire(op, company, postingId));
  png = pngBytes();
  const a = await submittedClaim(company.hrToken, hires.slice(0, 2), [
    ['CONTRACT', '劳动合同扫描件.png', png, 'image/png'],
    ['SOCIAL_INSURANCE', '社保缴费证明.pdf', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'), 'application/pdf'],
  ]);
  ({ id: claimId, claimedFen } = a);
  returnedId = (await submittedClaim(company.hrToken, hires.slice(2), [])).id;
}

let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  // The desk shows the whole base: every claim in the queue, every due payout in a batch, the year's totals. Other
  // test files of the run make claims too, so this file has a database of its own.
  dropDatabase = await useIsolatedDatabase();
  ({ api, browser, web, base } = await openWebHarness());
  reviewer = await insertStaff(api, Role.AUDITOR);
  approver = await insertStaff(api, Role.AUDITOR);
  await world();
  ctx = await browserContext(browser, PC(1366, 900), errors, api.clock.now());
  page = await ctx.newPage();
});

afterAll(async () => {
  await ctx?.close();
  await browser?.close();
  await web?.close();
  await api?.close();
  await dropDatabase?.();
});

afterEach(() => {
  expect(errors.splice(0)).toEqual([]);
});

it('sign-in: another role is refused with a message and keeps no session; an AUDITOR lands on the review queue', async () => {
  await page.goto(`${base}/bureau/`);
  await page.getByRole('heading', { name: '人社局登录' }).waitFor();
  await clean('login');

  const op = await insertStaff(api, Role.OPERATOR);
  await signIn(op.username, op.password);
  await page.getByRole('alert').filter({ hasText: '此页面仅供人社局审核人员使用' }).waitFor();
  await clean('login-refused');
  expect(await page.evaluate(() => localStorage.getItem('tc.bureau'))).toBeNull();

  await signIn(reviewer.username, 'wrong-password-123');
  await page.getByRole('alert').waitFor();
  expect(await page.evaluate(() => localStorage.getItem('tc.bureau'))).toBeNull();

  await signIn(reviewer.username, reviewer.password);
  await page.getByRole('heading', { name: '审核队列', level: 1 }).waitFor();
  await page.getByText('AUDITOR 测试').waitFor();
});

it('reviewer: the queue filtered by item and status, the claim with its trace; start the review and recommend', async () => {
  await choose('补贴项目', '第16条 吸纳就业一次性奖励');
  await choose('状态', '已提交');
  const row = page.locator(`tr[data-claim="${claimId}"]`);
  await row.waitFor();
  await page.locator(`tr[data-claim="${returnedId}"]`).waitFor();
  expect(await page.locator('tr[data-claim]').count()).toBe(2);
  await expect(row.textContent()).resolves.toContain(yuan(claimedFen));
  expect(page.url()).toContain('item=ITEM_16');
  await clean('queue');

  // The same filtered list as a spreadsheet: the two submitted item-16 claims, the company named, amounts in yuan.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^补贴申报清单-已提交-\d{8}\.xlsx$/);
  const sheet = new ExcelJS.Workbook();
  await sheet.xlsx.readFile(await download.path());
  const rows = (sheet.worksheets[0].getSheetValues().slice(2) as unknown[][]).map((r) => [r[1], r[2], r[4], r[5]]);
  expect(rows.sort()).toEqual(
    [claimId, returnedId]
      .sort()
      .map((id) => [id, '第16条 吸纳就业一次性奖励', companyName, '已提交'])
      .sort(),
  );

  // Another status: this claim is not in it.
  await choose('状态', '公示中');
  await page.getByText('没有符合条件的申报').waitFor();

  await page.goto(`${base}/bureau/#/claims/${claimId}`);
  await page.getByRole('heading', { name: `${companyName} · 第16条 吸纳就业一次性奖励` }).waitFor();
  expect(await page.locator('article[data-line]').count()).toBe(2);
  const line = page.locator('article[data-line]').first();
  // The rule's trace, readable: the verified category, the 12-month contract against the dated parameter, social insurance.
  await expect(line.textContent()).resolves.toMatch(/贫困家庭子女/);
  await expect(line.textContent()).resolves.toMatch(/劳动合同 12 个月 ≥ 12 个月/);
  await expect(line.textContent()).resolves.toMatch(/起缴纳社保/);
  await expect(line.locator('[data-trace]').textContent()).resolves.toContain(`→ ${yuan(claimedFen / 2)} 元`);
  await page.getByText('未发现同一人员或同一录用的其他申报').waitFor();
  // The evidence list with each file's SHA-256, and the scanned contract previewed in the page.
  const evidence = page.locator('section[aria-labelledby=c-evidence] tbody tr');
  expect(await evidence.count()).toBe(2);
  await expect(evidence.filter({ hasText: '劳动合同扫描件.png' }).textContent()).resolves.toContain(createHash('sha256').update(png).digest('hex'));
  await clean('claim-submitted');
  await page.getByRole('button', { name: '预览 劳动合同扫描件.png' }).click();
  const img = page.getByRole('dialog', { name: '劳动合同扫描件.png' }).getByRole('img', { name: '劳动合同扫描件.png' });
  await img.waitFor();
  await page.waitForFunction(() => Array.from(document.querySelectorAll('img.evidence-img')).some((i) => (i as HTMLImageElement).naturalWidth === 40));
  await clean('claim-evidence-preview');
  await page.keyboard.press('Escape');
  await img.waitFor({ state: 'hidden' });

  await page.getByRole('button', { name: '开始审核' }).click();
  await page.locator('[data-field=status]', { hasText: '审核中' }).waitFor();
  await page.getByLabel('审核意见').fill('合同、社保与建档立卡名单核对无误');
  await page.getByRole('button', { name: '初审通过，提请审批' }).click();
  await page.locator('[data-field=status]', { hasText: '初审通过' }).waitFor();
  // Four eyes, said on the page: the reviewer may not approve.
  await page.getByText('您是本件的初审人或提交人，须由另一位审核人员审批。').waitFor();
  await page.getByRole('button', { name: '批准（按核定金额）' }).click();
  await page.getByRole('alert').filter({ hasText: '双人复核' }).waitFor(); // the API's refusal, as it says it
  const [c] = await api.db.query(`SELECT status, reviewer_id FROM subsidy_claims WHERE id = $1`, [claimId]);
  expect(c).toEqual({ status: 'RECOMMENDED', reviewer_id: reviewer.id });
  await clean('claim-recommended');
});

it('reviewer: the other claim is returned for correction with a coded reason and a deadline', async () => {
  const deadline = shanghaiDate(new Date(api.clock.now().getTime() + 10 * 86_400_000));
  await page.goto(`${base}/bureau/#/claims/${returnedId}`);
  await page.getByRole('button', { name: '开始审核' }).click();
  await page.locator('[data-field=status]', { hasText: '审核中' }).waitFor();
  await page.getByRole('button', { name: '退回补正' }).click();
  const dialog = page.getByRole('dialog', { name: '退回补正' });
  await dialog.getByRole('button', { name: '确定' }).click();
  await dialog.getByRole('alert').filter({ hasText: '请选择原因' }).waitFor();
  await pick(dialog, '材料不全');
  await dialog.getByLabel('补正期限').fill(deadline);
  await dialog.getByLabel('审核意见').fill('请补充劳动合同扫描件');
  await clean('claim-return-dialog');
  await dialog.getByRole('button', { name: '确定' }).click();
  await page.locator('[data-field=status]', { hasText: '退回补正' }).waitFor();
  await page.getByText(`材料不全，补正期限 ${deadline}`).waitFor();
  const [c] = await api.db.query(`SELECT status, returned_reason, to_char(return_deadline, 'YYYY-MM-DD') AS deadline FROM subsidy_claims WHERE id = $1`, [
    returnedId,
  ]);
  expect(c).toEqual({ status: 'RETURNED', returned_reason: 'EVIDENCE_MISSING', deadline });
  await page.getByRole('listitem').filter({ hasText: '审核中 → 退回补正' }).filter({ hasText: '请补充劳动合同扫描件' }).waitFor();
  await signOut();
});

it('a second auditor approves line 1 in full and line 2 reduced (coded reason) → partially approved, publicity with names masked', async () => {
  await signIn(approver.username, approver.password);
  await page.getByRole('heading', { name: '审核队列', level: 1 }).waitFor();
  await page.goto(`${base}/bureau/#/claims/${claimId}`);
  await page.locator('[data-field=status]', { hasText: '初审通过' }).waitFor();
  const lines = page.locator('article[data-line]');
  await expect(lines.first().getByLabel('核定金额').inputValue()).resolves.toBe(yuan(claimedFen / 2).replace(/,/g, ''));
  await lines.nth(1).getByLabel('核定金额').fill(yuan(REDUCED_FEN).replace(/,/g, ''));
  await page.getByRole('button', { name: '批准（按核定金额）' }).click();
  await page.getByRole('alert').filter({ hasText: '核减的明细须选择原因' }).waitFor();
  await pick(lines.nth(1), '核减金额');
  await clean('claim-deciding');
  await page.getByRole('button', { name: '批准（按核定金额）' }).click();
  await page.locator('[data-field=status]', { hasText: '公示中' }).waitFor();
  await page.locator('[data-field=approved]', { hasText: yuan(approvedFen()) }).waitFor();
  const [c] = await api.db.query(`SELECT status, approver_id, approved_fen FROM subsidy_claims WHERE id = $1`, [claimId]);
  expect(c).toEqual({ status: 'PUBLICITY', approver_id: approver.id, approved_fen: String(approvedFen()) });
  const decided = await api.db.query(
    `SELECT status, approved_amount_fen, reason_code FROM subsidy_claim_lines WHERE claim_id = $1 ORDER BY approved_amount_fen DESC`,
    [claimId],
  );
  expect(decided).toEqual([
    { status: 'APPROVED', approved_amount_fen: claimedFen / 2, reason_code: null },
    { status: 'REDUCED', approved_amount_fen: REDUCED_FEN, reason_code: 'AMOUNT_REDUCED' },
  ]);
  await page.getByRole('listitem').filter({ hasText: '初审通过 → 部分批准' }).waitFor();
  await clean('claim-approved');

  await nav('公示').click();
  await page.getByRole('heading', { name: '公示名单' }).waitFor();
  const rows = page.locator('table[data-list=publicity] tbody tr', { hasText: companyName });
  await rows.first().waitFor();
  expect(await rows.count()).toBe(2);
  const text = (await rows.allTextContents()).join('\n');
  expect(text).toContain(yuan(claimedFen / 2));
  expect(text).toContain(yuan(REDUCED_FEN));
  expect(text).not.toContain('王晓燕'); // the seekers' name, masked by the API
  expect(text).toMatch(/王\*+|王\S*\*/);
  await clean('publicity');

  // The same list as a spreadsheet to post: the two lines with the company and the amounts, names masked.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出公示名单（Excel）' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^补贴公示名单-\d{8}\.xlsx$/);
  const sheet = new ExcelJS.Workbook();
  await sheet.xlsx.readFile(await download.path());
  const xrows = (sheet.worksheets[0].getSheetValues().slice(2) as unknown[][]).filter((r) => r[3] === companyName);
  expect(xrows.map((r) => r[6]).sort()).toEqual([claimedFen / 2, REDUCED_FEN].map((fen) => (fen / 100).toFixed(2)).sort());
  expect(JSON.stringify(xrows)).not.toContain('王晓燕');
});

it('payment batch: made from the due payout, bank file downloaded, receipt recorded → paid', async () => {
  await nav('支付批次').click();
  await page.getByRole('heading', { name: '支付批次', level: 1 }).waitFor();
  await page.getByText('暂无支付批次').waitFor();
  await clean('batches-empty');
  await page.getByRole('button', { name: '生成支付批次' }).click();
  const row = page.locator('table[data-list=batches] tbody tr').first();
  await row.waitFor();
  await expect(row.textContent()).resolves.toContain(yuan(approvedFen()));
  await expect(row.textContent()).resolves.toContain('草稿');
  await clean('batches');

  await row.getByRole('link').click();
  await page.locator('[data-field=net]', { hasText: yuan(approvedFen()) }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载银行文件（xlsx）' }).click()]);
  const [batch] = await api.db.query(`SELECT id, file_name, status FROM subsidy_payment_batches`);
  expect(download.suggestedFilename()).toBe(batch.file_name);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  expect(wb.worksheets[0].rowCount).toBeGreaterThanOrEqual(2); // a header and one payee
  await page.locator('[data-field=status]', { hasText: '已报送银行' }).waitFor();

  // One payout per approved line; the bank's receipt: the first paid, the second not known yet (to reconcile).
  const lines = page.locator('tr[data-instruction]');
  expect(await lines.count()).toBe(2);
  await page.getByRole('button', { name: '登记回单' }).click();
  await page.getByRole('alert').filter({ hasText: '请至少为一笔选择回单结果' }).waitFor();
  const full = lines.filter({ hasText: yuan(claimedFen / 2) });
  const reduced = lines.filter({ hasText: yuan(REDUCED_FEN) });
  await pick(full, '成功');
  await full.getByRole('textbox').fill('ABC2026120300001');
  await pick(reduced, '不明（待对账）');
  await clean('batch-receipt');
  await page.getByRole('button', { name: '登记回单' }).click();
  await page.locator('[data-field=status]', { hasText: '待对账' }).waitFor();
  await expect(full.textContent()).resolves.toContain('已支付');
  await expect(full.textContent()).resolves.toContain('ABC2026120300001');
  await expect(reduced.textContent()).resolves.toContain('结果不明待对账');
  // Reconciled later: the bank confirms the second one.
  await pick(reduced, '成功');
  await reduced.getByRole('textbox').fill('ABC2026120300002');
  await page.getByRole('button', { name: '登记回单' }).click();
  await page.locator('[data-field=status]', { hasText: '已回单' }).waitFor();
  const paid = await api.db.query(`SELECT status, bank_ref, amount_fen FROM subsidy_payout_instructions WHERE claim_id = $1 ORDER BY bank_ref`, [claimId]);
  expect(paid).toEqual([
    { status: 'PAID', bank_ref: 'ABC2026120300001', amount_fen: claimedFen / 2 },
    { status: 'PAID', bank_ref: 'ABC2026120300002', amount_fen: REDUCED_FEN },
  ]);
  await clean('batch-paid');
});

it('dashboard: the approved amount in the figures and the charts (with their text alternatives)', async () => {
  await nav('统计').click();
  await page.getByRole('heading', { name: '补贴统计' }).waitFor();
  await page.locator('[data-field=approved]', { hasText: yuan(approvedFen()) }).waitFor();
  const year = shanghaiDate(api.clock.now()).slice(0, 4);
  const amountChart = page.getByRole('img', { name: new RegExp(`^${year} 年共 \\d+ 件申报，批准 ${yuan(approvedFen())} 元$`) });
  await amountChart.waitFor();
  expect(await amountChart.locator('canvas').count()).toBe(1);
  await page.getByRole('img', { name: new RegExp(`1\\. ${companyName} ${yuan(approvedFen())} 元`) }).waitFor();
  await clean('dashboard');
});

it('the other screens: recoveries, retention checks, double-dipping, figures — drawn, no violations', async () => {
  await nav('追回').click();
  await page.getByRole('heading', { name: '补贴追回' }).waitFor();
  await page.getByText('暂无追回记录').waitFor();
  await clean('recoveries');
  await nav('留任核查').click();
  await page.getByRole('heading', { name: '留任核查' }).waitFor();
  await page.locator('table[data-list=retention], p.hint').first().waitFor();
  await clean('retention');
  // Every list exports: the payment batches as the bureau keeps them, one row per batch, the status in Chinese.
  await nav('支付批次').click();
  await page.locator('table[data-list=batches] tbody tr').first().waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^补贴支付批次-\d{8}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  const rows = (wb.worksheets[0].getSheetValues().slice(1) as unknown[][]).map((r) => r.slice(1));
  const [batch] = await api.db.query(`SELECT id FROM subsidy_payment_batches`);
  expect(rows.map((r) => [r[0], r[1], r[7]])).toEqual([
    ['批次号', '状态', '实付合计（元）'],
    [batch.id, '已回单', (approvedFen() / 100).toFixed(2)],
  ]);
  await clean('batches-exported');
  await nav('重复享受').click();
  await page.getByRole('heading', { name: '交叉重复享受' }).waitFor();
  await page.getByText('未发现交叉重复享受').waitFor();
  await clean('double-dipping');
  await nav('培训与就业数据').click();
  await page.getByText(/人才库共 \d+ 人/).waitFor();
  await clean('figures');
  expect(dateTime(api.clock.now())).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
});

it('in English: the language switch reloads the desk in English (labels, Element Plus texts), no violations', async () => {
  await nav('审核队列').click();
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  await page.locator(`tr[data-claim="${claimId}"]`, { hasText: 'Item 16 one-time hiring reward' }).waitFor();
  await clean('queue-en');
  await page.goto(`${base}/bureau/#/claims/${claimId}`);
  await page.locator('[data-field=status]', { hasText: 'In publicity' }).waitFor();
  await clean('claim-en');
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { name: `${companyName} · 第16条 吸纳就业一次性奖励` }).waitFor();
});
