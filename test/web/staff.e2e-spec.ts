import { axeViolations } from './axe';
import { Role } from '@app/core';
import { creditCode, insertStaff, operator, TestApi } from '@app/testing';
import { INestApplicationContext } from '@nestjs/common';
import * as ExcelJS from 'exceljs';
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { gzipSync } from 'zlib';
import { join } from 'path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { expectation, FIXTURES, startWorker, upload } from '../schools/schools-helpers';
import { CHECKIN_STEP_MS } from '../../libs/training/src/attendance/checkin-code';
import { CHECK_IN, checkInCode, enrol, seeker, sessions, trainingClass } from '../training/training.helpers';
import { timeSpan } from '../../apps/web/src/shared/format';
import { browserContext, openWebHarness, PC, webBase } from './serve-web';

/**
 * The staff pages (/staff/): a school admin imports a graduate list and reads
 * the report; a training operator shows the rotating check-in QR. Built with
 * apps/web/build.mjs, served by the API, driven in Debian's headless chromium
 * against the real API, PostgreSQL, Redis and the worker's import processor.
 */
jest.setTimeout(60_000);

const SHOTS = process.env.WEB_SHOTS_DIR ?? '/tmp';
const MIN = 60_000;

let api: TestApi;
let browser: Browser;
let base: string;
let web: Awaited<ReturnType<typeof webBase>>;
let worker: INestApplicationContext | undefined;
let op: string;
let school: { username: string; password: string; schoolName: string };
const errors: string[] = [];

async function pc(): Promise<BrowserContext> {
  const ctx = await browserContext(browser, { ...PC(), acceptDownloads: true }, errors);
  return ctx;
}
const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: join(SHOTS, `staff-${name}.png`), fullPage });

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${base}/staff/`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

beforeAll(async () => {
  ({ api, browser, web, base } = await openWebHarness());
  op = await operator(api);
  const schoolName = `乌兰察布测试职业学院${Date.now() % 100000}`;
  const d = await api.ok(`mutation($i: CreateSchoolInput!) { createSchool(input: $i) { id } }`, { i: { name: schoolName, kind: 'VOCATIONAL' } }, op);
  school = { ...(await insertStaff(api, Role.SCHOOL_ADMIN, { schoolId: d.createSchool.id })), schoolName };
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await worker?.close();
  await api?.close();
});

afterEach(() => {
  expect(errors.splice(0)).toEqual([]);
});

it('is served by the API at /staff/, within the PC budget (first load ≤ 350 KB gzipped), with no third-party requests', async () => {
  // The upload and downloads are REST calls on the API's origin: the page must be served by the API itself.
  expect(web.viaApi).toBe(true);
  const page = await (await fetch(`${base}/staff/`)).text();
  expect(page).toContain('<body class="hr staff">');
  expect(page).toMatch(/src="\/assets\/staff-[0-9a-f]{10}\.js"/);
  // The build's own measure of the first load (apps/web/build.mjs firstLoad: the page, its entry script, the modules
  // it preloads and its stylesheets, gzipped) is what the API serves, and within the PC budget of issue 9 §3.
  const measured = firstLoad('staff');
  expect(measured.gzip).toBeLessThanOrEqual(350 * 1024);
  let served = gzipSync(page).length;
  for (const f of measured.files) {
    expect(f).toMatch(/^\/assets\/[\w-]+-[0-9a-f]{10}\.(?:js|css)$/);
    const r = await fetch(`${base}${f}`);
    expect(r.status).toBe(200);
    served += gzipSync(Buffer.from(await r.arrayBuffer())).length;
  }
  expect(served).toBe(measured.gzip);
  expect(page).not.toMatch(/(?:src|href)="https?:|url\(["']?https?:/);
});

it('refuses accounts of other roles at sign-in, pointing HR to /hr/', async () => {
  const t = await api.ok(
    `mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }`,
    { i: { name: `集宁客服测试${Date.now() % 100000}`, creditCode: creditCode(), seats: 100 } },
    op,
  );
  const hr = await insertStaff(api, Role.HR, { tenantId: t.createTenant.id });
  const ctx = await pc();
  const page = await ctx.newPage();
  await signIn(page, hr.username, hr.password);
  const err = page.locator('#login .form-err');
  await err.waitFor();
  expect(await err.innerText()).toContain('/hr/');
  expect(await page.evaluate(() => localStorage.getItem('tc.staff'))).toBeNull();
  await signIn(page, school.username, 'wrong-password-123');
  await page.locator('#login .form-err').waitFor();
  expect(await page.evaluate(() => localStorage.getItem('tc.staff'))).toBeNull();
  await ctx.close();
});

describe('school admin: 毕业生名单导入', () => {
  let ctx: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ctx = await pc();
    page = await ctx.newPage();
  });
  afterAll(() => ctx?.close());

  it('signs in, downloads the template, and a refused file shows the API message and nothing else happens', async () => {
    await signIn(page, school.username, school.password);
    await page.getByRole('heading', { name: '毕业生名单导入' }).waitFor();
    await page.getByText('还没有导入记录').waitFor();

    const [tpl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载导入模板' }).click()]);
    expect(tpl.suggestedFilename()).toBe('毕业生名单导入模板.xlsx');
    expect(
      readFileSync((await tpl.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    // What the API says about this file (refused uploads store nothing, so asking first changes nothing).
    const file = 'ods-renamed.xlsx';
    const direct = await upload(api, await tokenOf(page), readFileSync(join(FIXTURES, file)), file);
    expect(direct.status).toBe(422);
    expect(direct.body.details.fileError).toBe(expectation(file).fileError);

    await page.locator('input[type=file]').setInputFiles(join(FIXTURES, file));
    await page.getByRole('button', { name: '上传并导入' }).click();
    const err = page.locator('#uperr');
    await err.waitFor();
    expect(await err.innerText()).toContain(direct.body.message);
    expect(await page.locator('input[type=file]').getAttribute('aria-invalid')).toBe('true');
    await shot(page, '01-refused');
    expect(new URL(page.url()).hash).toBe('#/imports');
    expect(await page.getByText('还没有导入记录').isVisible()).toBe(true);
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM graduate_imports i JOIN users u ON u.school_id = i.school_id WHERE u.username = $1`, [
      school.username,
    ]);
    expect(n).toBe(0);
  });

  it('uploads a list with bad rows, watches the progress, reads the report (row + column) and downloads the rejected rows', async () => {
    const file = 'bad-check-digits.csv';
    const e = expectation(file);
    const badRows = [...new Set<number>(e.errors.map((x: { row: number }) => x.row))].sort((a, b) => a - b);

    await page.locator('input[type=file]').setInputFiles(join(FIXTURES, file));
    await page.getByRole('button', { name: '上传并导入' }).click();
    // The worker is not running yet here, so the import waits in the queue and the page shows its progress.
    // (In the whole suite another file's worker shares the queue and may finish it first: then the report comes straight away.)
    await page.locator('#progress, #report').first().waitFor();
    if (await page.locator('#progress').isVisible()) {
      expect(await page.locator('#progress').innerText()).toMatch(new RegExp(`已处理 \\d+ / ${e.dataRows} 行`));
      await shot(page, '02-progress');
    }
    worker = await startWorker();
    const report = page.locator('#report');
    await report.waitFor({ timeout: 20_000 });
    expect(await page.locator('#imp').getAttribute('data-status')).toBe('DONE');
    const tile = async (k: string) => Number(await page.locator(`.tile[data-k=${k}] b`).innerText());
    // Counts match the manifest: one "accepted" figure, never split into new vs existing profiles (issue 8 §3).
    expect(await tile('rejected')).toBe(badRows.length);
    expect(await tile('accepted')).toBe(e.validRows);
    expect(await page.locator('.tile[data-k=created], .tile[data-k=updated], .tile[data-k=unchanged]').count()).toBe(0);
    expect(await report.innerText()).toContain(`共处理 ${e.dataRows} 行`);

    // Every rejected row with its row number, column letter, header and a Chinese reason (English below).
    const rows = page.locator('#rejected tbody tr.first');
    await rows.first().waitFor();
    expect(await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-row'))))).toEqual(badRows);
    for (const x of e.errors as Array<{ row: number; column: string }>) {
      const cells = page.locator(`#rejected tr[data-row="${x.row}"]`).first().locator('td');
      expect(await cells.nth(0).innerText()).toBe(`第 ${x.row} 行`);
      expect(await cells.nth(1).innerText()).toBe(x.column);
      expect(await cells.nth(2).innerText()).toBe('身份证号');
      const reason = await cells.nth(3).innerText();
      expect(reason).toMatch(/[\u4e00-\u9fff]/);
      expect(reason).toMatch(/[A-Za-z]{3}/);
      expect(reason).not.toMatch(/\d{17}[\dXx]/); // ID numbers masked
    }
    await shot(page, '03-report');
    expect(await axeViolations(page)).toEqual([]); // the report with its single "accepted" figure

    // The rejected-rows spreadsheet: a real xlsx with the same rows.
    const [res, dl] = await Promise.all([
      page.waitForResponse((r) => /\/schools\/graduate-imports\/[0-9a-f-]{36}\/rejected\.xlsx$/.test(r.url())),
      page.waitForEvent('download'),
      page.getByRole('button', { name: /下载问题行表格/ }).click(),
    ]);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('spreadsheetml');
    expect(dl.suggestedFilename()).toBe('问题行-bad-check-digits.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await dl.path())!) as any);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe('行号');
    const inFile: number[] = [];
    ws.eachRow((row, n) => n > 1 && inFile.push(Number(row.getCell(1).value)));
    expect(inFile).toEqual(badRows);

    // The school's past imports: this one, done, with its counts.
    await page.getByRole('link', { name: /返回导入记录/ }).click();
    const row = page.locator('#imports tbody tr', { hasText: file });
    await row.waitFor();
    expect(await row.innerText()).toContain('已完成');
    expect(await row.locator('td').nth(4).innerText()).toBe(String(e.validRows)); // 已接收 (one figure: issue 8 §3)
    expect(await row.locator('td').nth(5).innerText()).toBe(String(badRows.length));
    await shot(page, '04-history');
  });
});

describe('training operator: 课堂签到二维码', () => {
  it('shows the running session’s QR full screen in Beijing time; the code rotates by itself and the count follows check-ins', async () => {
    const classId = await trainingClass(api, op);
    const [sessionId] = await sessions(api, op, classId, [[-10 * MIN, 120 * MIN]]);
    const trainee = await seeker(api);
    expect((await enrol(api, trainee.token, classId)).errors).toBeUndefined();
    const cls = await api.ok(`query($id: ID!) { trainingClass(id: $id) { name sessions { id startsAtLocal endsAtLocal } } }`, { id: classId }, op);
    const s = cls.trainingClass.sessions[0];
    const u = await insertStaff(api, Role.OPERATOR);

    const ctx = await pc();
    const page = await ctx.newPage();
    // The page's timers run on a controllable clock, so the 30-second rotation need not be waited for.
    await page.clock.install({ time: api.clock.now() });
    await signIn(page, u.username, u.password);
    await page.locator('#pick').waitFor();
    await page.locator('select[name=classId]').selectOption(classId);
    expect(await page.locator('select[name=sessionId]').inputValue()).toBe(sessionId); // today's running session
    await shot(page, '05-pick', false);
    // Codes rotate on fixed 30-second steps of the API's clock: start just after a step boundary, so the page and
    // this test see the same step until the test moves the API's clock on by one whole step.
    const now = api.clock.now().getTime();
    api.clock.advance(CHECKIN_STEP_MS - (now % CHECKIN_STEP_MS) + 200);
    await page.getByRole('button', { name: '显示签到二维码' }).click();

    const qr = page.locator('#qr');
    await qr.waitFor();
    const first = (await qr.getAttribute('src'))!;
    expect(first).toMatch(/^data:image\/png;base64,/);
    expect(await page.locator('#qrs .when').innerText()).toContain(`${timeSpan(s.startsAtLocal, s.endsAtLocal)}（北京时间）`);
    expect(await page.locator('#qrs h1').innerText()).toBe('第 1 次课'); // no title or course on this session
    expect(await page.locator('#qrs .cls').innerText()).toContain(cls.trainingClass.name);
    await page.locator('#count', { hasText: '0' }).waitFor();
    const secs = Number(await page.locator('#secs').innerText());
    expect(secs).toBeGreaterThanOrEqual(1);
    expect(secs).toBeLessThanOrEqual(30);
    await shot(page, '06-qr', false);

    // The page draws the QR itself (the qrcode library): it encodes the check-in link of the API's current code.
    // A trainee scans the code on the screen (the same step's code), then the rotation step passes on both clocks.
    const shown = await checkInCode(api, op, sessionId);
    expect(qrText(first)).toBe(shown.url);
    expect((await api.gql(CHECK_IN, { i: { sessionId, code: shown.code } }, trainee.token)).errors).toBeUndefined();
    api.clock.advance(CHECKIN_STEP_MS);
    await page.clock.fastForward(CHECKIN_STEP_MS + 1000); // the page's own timer asks for the next code (refreshAfterSeconds ≤ 30)
    await page.waitForFunction((old) => (document.getElementById('qr') as HTMLImageElement | null)?.src !== old, first);
    const second = (await qr.getAttribute('src'))!;
    expect(second).toMatch(/^data:image\/png;base64,/);
    // What is shown now is the API's current code, i.e. one that is valid.
    const now2 = await checkInCode(api, op, sessionId);
    expect(now2.code).not.toBe(shown.code);
    expect(qrText(second)).toBe(now2.url);
    await page.locator('#count', { hasText: '1' }).waitFor();
    await shot(page, '07-qr-rotated', false);
    await ctx.close();
  });
});

/** The text of the QR code in a PNG data URL (what a phone's camera reads). */
function qrText(dataUrl: string): string | null {
  const png = PNG.sync.read(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

/** apps/web/build.mjs firstLoad() of an app (an ES module: asked through node). */
function firstLoad(app: string): { raw: number; gzip: number; files: string[] } {
  const script = `import { firstLoad } from './apps/web/build.mjs'; import { WEB_APPS } from './apps/web/apps.mjs';
process.stdout.write(JSON.stringify(firstLoad(WEB_APPS.find((a) => a.name === ${JSON.stringify(app)}))));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: join(__dirname, '..', '..') }).toString());
}

async function tokenOf(page: Page): Promise<string> {
  return JSON.parse((await page.evaluate(() => localStorage.getItem('tc.staff')))!).accessToken;
}
