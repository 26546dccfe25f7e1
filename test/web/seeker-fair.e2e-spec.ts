import { seekerWithProfile, TestApi } from '@app/testing';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { companyAtFair, createPublishedFair, decodeQr, operator } from '../fairs/fairs.helpers';
import { browserContext, openWebHarness, PHONE, webBase } from './serve-web';

/**
 * Issue 11 §2 on a 360 px phone: a seeker at the fair scans a booth poster's QR (the PNG the server made, decoded
 * here), lands on the posting in the seeker app with the fair as source, signs in by SMS and applies; the fair's
 * report counts the application for that booth. And the 本周六招聘会 screen is reachable from the board.
 */
jest.setTimeout(120_000);

let api: TestApi;
let browser: Browser;
let web: Awaited<ReturnType<typeof webBase>>;
let base: string;
let ctx: BrowserContext;
let s: Page;
const errors: string[] = [];

beforeAll(async () => {
  ({ api, browser, web, base } = await openWebHarness());
  ctx = await browserContext(browser, PHONE, errors, api.clock.now());
  s = await ctx.newPage();
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

describe('a seeker at a fair, on a 360 px phone', () => {
  it('scans a posting QR, signs in by SMS, applies; the application counts for the fair and booth', async () => {
    const op = await operator(api);
    const fair = await createPublishedFair(api, op);
    const company = await companyAtFair(api, op, fair.id, 3);
    const seeker = await seekerWithProfile(api);
    // The phone got a code from the API (the factory) a moment ago; a minute later it may ask again.
    api.clock.advance(61_000);

    // What the poster's QR holds: the seeker app's job page with the fair posting's code.
    const scanned = new URL(await decodeQr(api, new URL(company.fairPosting.qrUrl, api.url).pathname));
    expect(scanned.hash).toBe(`#/job/${company.postingId}?fair=${company.fairPosting.code}`);

    await s.goto(`${base}/${scanned.hash}`);
    // Signed out: 投递简历 asks to sign in first, then comes back to the same link (the fair's code kept).
    await s.locator('#apply').click();
    await s.waitForURL((u) => u.hash.startsWith('#/login'));
    await s.locator('input[name=phone]').fill(seeker.phone);
    await s.getByRole('button', { name: '获取验证码' }).click();
    await s.getByRole('button', { name: /秒后重发/ }).waitFor();
    await s.locator('input[name=code]').fill(api.sms.lastCode(seeker.phone));
    await s.getByRole('button', { name: '登录', exact: true }).click();
    await s.waitForURL((u) => u.hash.startsWith(`#/job/${company.postingId}`) && u.hash.includes(`fair=${company.fairPosting.code}`));

    await s.locator('#apply').click();
    await s.getByText('投递成功，企业会尽快联系您').waitFor();

    const r = await api.ok(`query($f: ID!) { fairReport(fairId: $f) { applications rows { boothNumber applications } } }`, { f: fair.id }, op);
    expect(r.fairReport.applications).toBe(1);
    expect(r.fairReport.rows).toEqual([expect.objectContaining({ boothNumber: company.booth.number, applications: 1 })]);
  });

  it('本周六招聘会 opens its own screen from the board (not the board again)', async () => {
    await s.goto(`${base}/#/`);
    await s.getByRole('link', { name: /本周六招聘会/ }).click();
    await s.waitForURL((u) => u.hash === '#/fair');
    await s
      .getByText(/本周六暂无招聘会|招聘会/)
      .first()
      .waitFor();
    expect(new URL(s.url()).hash).toBe('#/fair');
  });
});
