import { Role } from '@app/core';
import { insertStaff, openPosting, operator, signInStaff, tenantWithHr, TestApi, uniquePhone } from '@app/testing';
import { INestApplicationContext } from '@nestjs/common';
import { join } from 'path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { csv, CSV_HEADER, freshId, importFile, startWorker } from '../schools/schools-helpers';
import { browserContext, openWebHarness, PC, webBase } from './serve-web';

/**
 * 订单班 and 实习实训 in the staff app (/staff/), driven in Debian's headless chromium against the
 * real API and PostgreSQL: a school admin creates an order class (the API's field error first),
 * selects two of the school's students through the page (over the quota is refused), places a
 * student on an internship (an overlapping one is refused) and records a month (too many days is
 * refused); the database holds what the page did.
 */
jest.setTimeout(60_000);

const SHOTS = process.env.WEB_SHOTS_DIR ?? '/tmp';
const UUID = /^[0-9a-f-]{36}$/;
const NAMES = ['张晓燕', '李明轩', '巴特尔', '王子涵'];

let api: TestApi;
let browser: Browser;
let base: string;
let web: Awaited<ReturnType<typeof webBase>>;
let worker: INestApplicationContext;
let admin: { username: string; password: string };
let sponsor: Awaited<ReturnType<typeof tenantWithHr>>;
/** The school's graduates, by name. */
const ids: Record<string, string> = {};
let ctx: BrowserContext;
let page: Page;
const errors: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `staff-school-${name}.png`), fullPage: true });

beforeAll(async () => {
  ({ api, browser, web, base } = await openWebHarness());
  worker = await startWorker();
  const op = await operator(api);
  const d = await api.ok(
    `mutation($i: CreateSchoolInput!) { createSchool(input: $i) { id } }`,
    { i: { name: `集宁测试职业学院${Date.now() % 100000}`, kind: 'VOCATIONAL' } },
    op,
  );
  admin = await insertStaff(api, Role.SCHOOL_ADMIN, { schoolId: d.createSchool.id });
  const token = await signInStaff(api, admin.username, admin.password);
  // The sponsor has an open posting: a school admin may not list tenants, so the page offers companies on the job board.
  sponsor = await tenantWithHr(api, op);
  await openPosting(api, sponsor.hrToken, 5);
  const people = NAMES.map((name, i) => ({
    name,
    id: freshId(),
    row: [name, '', '', uniquePhone(), '现代物流管理', '大专', '2026', '物流2301班', `2023010${i}`],
  }));
  for (const p of people) p.row[1] = p.id;
  await importFile(api, token, csv([CSV_HEADER, ...people.map((p) => p.row)]), 'class.csv');
  for (const p of people) {
    const [row] = await api.db.query(`SELECT id FROM seekers WHERE id_number_hash = $1`, [api.crypto.hash('id', p.id)]);
    ids[p.name] = row.id;
  }
  ctx = await browserContext(browser, PC(1366, 900), errors);
  page = await ctx.newPage();
}, 60_000);

afterAll(async () => {
  await ctx?.close();
  await browser?.close();
  await web?.close();
  await worker?.close();
  await api?.close();
});

afterEach(() => {
  expect(errors.splice(0)).toEqual([]);
});

it('school admin: 订单班 — create (field error first), select two students within the quota, the list shows 2 / quota', async () => {
  await page.goto(`${base}/staff/`);
  await page.locator('input[name=username]').fill(admin.username);
  await page.locator('input[name=password]').fill(admin.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '毕业生名单导入' }).waitFor(); // the school admin's home is unchanged
  await page.locator('#nav a', { hasText: '订单班' }).click();
  await page.getByRole('heading', { name: '订单班' }).waitFor();
  await page.getByRole('link', { name: '新建订单班' }).first().click();

  // ---- 新建订单班: promised hires over the quota comes back from the API next to its field
  const form = page.locator('#newoc');
  await form.waitFor();
  const name = `2026级呼叫中心订单班（页面测试）${Date.now() % 1_000_000}`;
  await form.locator('select[name=tenantId]').selectOption(sponsor.tenantId);
  await form.locator('select[name=kind]').selectOption('DIRECTED');
  await form.locator('input[name=name]').fill(name);
  await form.locator('input[name=major]').fill('现代物流管理');
  await form.locator('input[name=quota]').fill('3');
  await form.locator('input[name=promisedHires]').fill('5');
  await form.locator('input[name=startDate]').fill('2025-09-01');
  await form.locator('input[name=endDate]').fill('2026-06-30');
  await form.locator('textarea[name=curriculum]').fill('《客户沟通技巧与礼仪》\n《呼入电话服务技巧》');
  await form.getByRole('button', { name: '创建订单班' }).click();
  const err = form.locator('[data-err="promisedHires"]');
  await err.waitFor();
  expect(await err.innerText()).toBe('承诺录用人数不能超过招生名额');
  expect(await form.locator('input[name=promisedHires]').getAttribute('aria-invalid')).toBe('true');
  await shot('01-field-error');
  await form.locator('input[name=promisedHires]').fill('2');
  await form.getByRole('button', { name: '创建订单班' }).click();
  await page.locator('#ocname', { hasText: name }).waitFor();
  const classId = new URL(page.url()).hash.replace('#/order-classes/', '');
  expect(classId).toMatch(UUID);

  // ---- 选拔学生: the school's students, searched by class; four ticked is over the quota of 3
  const pick = page.locator('#pick');
  await pick.locator('input[name=text]').fill('物流2301');
  await pick.getByRole('button', { name: '搜索' }).click();
  for (const n of NAMES) await pick.locator(`#candidates tr[data-seeker="${ids[n]}"] input`).check();
  await pick.getByRole('button', { name: '加入订单班' }).click();
  const quota = pick.locator('[data-err="seekerIds"]');
  await quota.waitFor();
  expect(await quota.innerText()).toBe('超出名额：名额 3，已选 0 人，本次 4 人');
  for (const n of NAMES.slice(2)) await pick.locator(`#candidates tr[data-seeker="${ids[n]}"] input`).uncheck();
  await pick.getByRole('button', { name: '加入订单班' }).click();
  await page.locator('#students tbody tr').nth(1).waitFor();
  expect(await page.locator('#students tbody tr').count()).toBe(2);
  expect(await page.locator('#enrolled').innerText()).toBe('2 / 3');
  // masked as the API returns them, and marked as selected in the picker
  expect(await page.locator(`#students tr[data-seeker="${ids[NAMES[0]]}"]`).innerText()).toMatch(/\*{4}/);
  await page.locator(`#candidates tr[data-seeker="${ids[NAMES[0]]}"]`, { hasText: '已入选' }).waitFor();
  await shot('02-selected');

  // ---- the list: 2 / 3 selected, 0 of 2 promised hires (未兑现)
  await page.locator('#nav a', { hasText: '订单班' }).click();
  const row = page.locator(`#ocs tr[data-id="${classId}"]`);
  await row.waitFor();
  expect(await row.locator('td.enr').innerText()).toBe('2 / 3');
  expect(await row.locator('td.pm').innerText()).toBe('0 / 2 未兑现');
  expect(await row.innerText()).toContain('定向委培班');

  const stored = await api.db.query(`SELECT seeker_id FROM order_class_students WHERE order_class_id = $1 ORDER BY seeker_id`, [classId]);
  expect(stored.map((r: { seeker_id: string }) => r.seeker_id)).toEqual([ids[NAMES[0]], ids[NAMES[1]]].sort());
  const [oc] = await api.db.query(`SELECT tenant_id, kind, quota, promised_hires, curriculum FROM order_classes WHERE id = $1`, [classId]);
  expect(oc).toEqual({
    tenant_id: sponsor.tenantId,
    kind: 'DIRECTED',
    quota: 3,
    promised_hires: 2,
    curriculum: '《客户沟通技巧与礼仪》\n《呼入电话服务技巧》',
  });
});

it('school admin: 实习实训 — place a student (an overlap is refused), record a month (too many days refused), the figures', async () => {
  const student = NAMES[2];
  const place = async (from: string, to: string) => {
    await page.locator('#nav a', { hasText: '实习实训' }).click();
    await page.getByRole('heading', { name: '实习实训' }).waitFor();
    await page.getByRole('link', { name: '安排实习' }).first().click();
    const form = page.locator('#newit');
    await form.locator('input[name=q]').fill(student);
    await form.getByRole('button', { name: '搜索' }).click();
    await form.locator(`select[name=seekerId] option[value="${ids[student]}"]`).waitFor({ state: 'attached' });
    await form.locator('select[name=seekerId]').selectOption(ids[student]);
    await form.locator('select[name=tenantId]').selectOption(sponsor.tenantId);
    await form.locator('input[name=position]').fill('呼入客服');
    await form.locator('input[name=startDate]').fill(from);
    await form.locator('input[name=endDate]').fill(to);
    await form.getByRole('button', { name: '保存实习安排' }).click();
    return form;
  };
  await place('2026-03-01', '2026-06-30');
  await page.locator('#itname', { hasText: student }).waitFor();
  const itId = new URL(page.url()).hash.replace('#/internships/', '');
  expect(itId).toMatch(UUID);

  const second = await place('2026-05-01', '2026-08-31');
  const overlap = second.locator('[data-err="startDate"]');
  await overlap.waitFor();
  expect(await overlap.innerText()).toBe('该学生在这段时间已有实习安排');
  await shot('03-overlap');

  // ---- the placement's monthly records
  await page.locator('#nav a', { hasText: '实习实训' }).click();
  await page.locator(`#its tr[data-id="${itId}"] a`).click();
  const mf = page.locator('#monthform');
  await mf.waitFor();
  await mf.locator('input[name=month]').fill('2026-04');
  await mf.locator('input[name=attendanceDays]').fill('31');
  await mf.getByRole('button', { name: '保存' }).click();
  const days = mf.locator('[data-err="attendanceDays"]');
  await days.waitFor();
  expect(await days.innerText()).toBe('2026-04 只有 30 天');
  await mf.locator('input[name=month]').fill('2026-08');
  await mf.locator('input[name=attendanceDays]').fill('20');
  await mf.getByRole('button', { name: '保存' }).click();
  await mf.locator('[data-err="month"]', { hasText: '2026-08 不在实习期内' }).waitFor();
  await mf.locator('input[name=month]').fill('2026-04');
  await mf.locator('input[name=attendanceDays]').fill('22');
  await mf.locator('select[name=evaluation]').selectOption('EXCELLENT');
  await mf.locator('textarea[name=comment]').fill('接听量稳定，表现突出');
  await mf.getByRole('button', { name: '保存' }).click();
  const m = page.locator('#months tr[data-month="2026-04"]');
  await m.waitFor();
  expect(await m.locator('td.days').innerText()).toBe('22 / 30');
  expect(await m.locator('td.ev').innerText()).toBe('优秀');
  await shot('04-month');

  const [it] = await api.db.query(`SELECT seeker_id, tenant_id, position, start_date::text AS s, end_date::text AS e FROM internships WHERE id = $1`, [itId]);
  expect(it).toEqual({ seeker_id: ids[student], tenant_id: sponsor.tenantId, position: '呼入客服', s: '2026-03-01', e: '2026-06-30' });
  expect(await api.db.query(`SELECT count(*)::int AS n FROM internships WHERE seeker_id = $1`, [ids[student]])).toEqual([{ n: 1 }]);
  const months = await api.db.query(
    `SELECT month::text AS month, attendance_days, evaluation, comment, recorded_role FROM internship_months WHERE internship_id = $1`,
    [itId],
  );
  expect(months).toEqual([
    { month: '2026-04-01', attendance_days: 22, evaluation: 'EXCELLENT', comment: '接听量稳定，表现突出', recorded_role: 'SCHOOL_ADMIN' },
  ]);

  // ---- 实习统计: the year's interns by company against the base's 5,000
  await page.goto(`${base}/staff/#/internships/stats?y=2026`);
  await page.locator(`#itstats tr[data-id="${sponsor.tenantId}"]`).waitFor();
  expect(await page.locator('.tile[data-k="total"] b').innerText()).toBe('1');
  expect(await page.locator('.tile[data-k="target"] b').innerText()).toBe('5,000');
});
