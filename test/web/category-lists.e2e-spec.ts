import { Role } from '@app/core';
import { CategoryVerificationService } from '@app/talent';
import { idNumber, insertStaff, seekerWithProfile, TestApi, useIsolatedDatabase } from '@app/testing';
import ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { join } from 'path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { dateTime } from '../../apps/web/src/shared/format';
import { axeViolations } from './axe';
import { browserContext, openWebHarness, PC, webBase } from './serve-web';

/**
 * The bureau desk's 人员类别名单 / Category lists (issue 10 §1) in Debian's headless chromium against the real API:
 * an xlsx with bad rows is refused with its rows and columns listed (nothing stored), a GBK CSV is imported as
 * version 1 (the listed person becomes verified), a second version replaces it in the list of versions. Every state:
 * 0 axe-core WCAG 2 A/AA violations.
 */
jest.setTimeout(120_000);

const SHOTS = process.env.WEB_SHOTS_DIR ?? '/tmp';

let api: TestApi;
let browser: Browser;
let base: string;
let web: Awaited<ReturnType<typeof webBase>>;
let ctx: BrowserContext;
let page: Page;
const errors: string[] = [];
let dropDatabase: (() => Promise<void>) | undefined;

async function clean(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `bureau-lists-${name}.png`), fullPage: true });
  expect({ screen: name, violations: await axeViolations(page) }).toEqual({ screen: name, violations: [] });
}

/** Picks an option of the Element Plus select labelled `field` (its own listbox: the input's aria-controls). */
async function choose(field: string, option: string): Promise<void> {
  const scope = page.locator('.el-form-item').filter({ has: page.locator(`label:text-is("${field}")`) });
  const list = await scope.locator('input[role=combobox]').first().getAttribute('aria-controls');
  await scope.locator('.el-select__wrapper').first().click();
  await page.locator(`[id="${list}"]`).getByRole('option', { name: option, exact: true }).click();
}

async function uploadList(category: string, date: string, name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await choose('人员类别', category);
  await page.getByLabel('名单日期').fill(date);
  await page.getByLabel('名单文件').setInputFiles({ name, mimeType, buffer });
  await page.getByRole('button', { name: '上传名单' }).click();
}

beforeAll(async () => {
  // The page lists every version of every list in the base (other test files upload lists too): a database of its own.
  dropDatabase = await useIsolatedDatabase();
  ({ api, browser, web, base } = await openWebHarness());
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

it('upload refused with row/column errors, then a GBK CSV imported and replaced by a new version', async () => {
  const auditor = await insertStaff(api, Role.AUDITOR);
  const person = await seekerWithProfile(api);

  await page.goto(`${base}/bureau/#/login`);
  await page.getByLabel('用户名').fill(auditor.username);
  await page.getByLabel('密码', { exact: true }).fill(auditor.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '审核队列', level: 1 }).waitFor();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '人员类别名单', exact: true }).click();
  await page.getByRole('heading', { name: '人员类别名单', level: 1 }).waitFor();
  await page.getByText('尚未上传名单').waitFor();
  await clean('empty');

  // An xlsx with a wrong check digit (row 3) and a duplicate (row 4): refused, every bad row named, nothing stored.
  const good = idNumber();
  const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(['姓名', '身份证号']);
  ws.addRow(['甲', good]);
  ws.addRow(['乙', wrong]);
  ws.addRow(['丙', good]);
  await uploadList(
    '贫困家庭',
    '2020-03-01',
    '贫困家庭名单.xlsx',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    Buffer.from(await wb.xlsx.writeBuffer()),
  );
  await page.getByRole('alert').filter({ hasText: '名单中有 2 行有误，整个文件未导入' }).waitFor();
  const errorRows = page.locator('table[data-list="row-errors"] tbody tr');
  await errorRows.nth(1).waitFor();
  expect(await errorRows.allInnerTexts()).toEqual(['3\tB（身份证号）\t身份证号校验位错误', '4\tB（身份证号）\t身份证号与第 2 行重复']);
  await page.getByText('尚未上传名单').waitFor();
  await clean('refused');

  // A GBK CSV (as Excel saves it): imported as version 1; the person on it is verified by the bureau list.
  const csv = iconv.encode(`姓名,公民身份号码\r\n王晓燕,${person.idNumber}\r\n李明,${idNumber()}\r\n`, 'gbk');
  await uploadList('贫困家庭', '2020-03-01', '贫困家庭名单.csv', 'text/csv', csv);
  await page.getByRole('status').filter({ hasText: '已导入贫困家庭名单第 1 版，共 2 人' }).waitFor();
  expect(await page.locator('table[data-list="row-errors"]').count()).toBe(0);
  const versions = page.locator('table[data-list="category-lists"] tbody tr');
  await versions.first().waitFor();
  const [v1] = await api.db.query(`SELECT uploaded_at FROM category_lists WHERE version = 1 AND category = 'POOR_HOUSEHOLD'`);
  expect(await versions.allInnerTexts()).toEqual([`贫困家庭\t1\t2020-03-01\t贫困家庭名单.csv\t2\t${dateTime(v1.uploaded_at)} AUDITOR 测试\t有效`]);
  expect(await api.app.get(CategoryVerificationService).verifiedCategories(person.seekerId)).toEqual(['POOR_HOUSEHOLD']);
  await clean('imported');

  // Version 2 without the person: version 1 is shown as replaced, and the person is no longer verified by the list.
  await uploadList('贫困家庭', '2020-04-01', '贫困家庭名单-第2版.csv', 'text/csv', Buffer.from(`身份证号\n${idNumber()}\n`));
  await page.getByRole('status').filter({ hasText: '已导入贫困家庭名单第 2 版，共 1 人' }).waitFor();
  await versions.nth(1).waitFor();
  const [v2] = await api.db.query(`SELECT uploaded_at FROM category_lists WHERE version = 2 AND category = 'POOR_HOUSEHOLD'`);
  const texts = await versions.allInnerTexts();
  expect(texts[0]).toContain('贫困家庭\t2\t2020-04-01\t贫困家庭名单-第2版.csv\t1');
  expect(texts[1]).toContain(`已被新版本替代（${dateTime(v2.uploaded_at)}）`);
  expect(await api.app.get(CategoryVerificationService).verifiedCategories(person.seekerId)).toEqual([]);
  await clean('replaced');
});
