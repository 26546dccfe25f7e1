import { idNumber, seekerWithProfile, TestApi, uniquePhone } from '@app/testing';
import { join } from 'path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { browserContext, openWebHarness, PHONE, webBase } from '../web/serve-web';

/**
 * The seeker's profile page (issue 8 §2) in Debian's chromium against the real
 * API: someone else's ID number shows only "身份核验中" and what to do (nothing of
 * that profile), survives a reload, can be cancelled; the separate consent for
 * sensitive categories is a switch of its own on the form.
 */
jest.setTimeout(60_000);

const SHOTS = process.env.WEB_SHOTS_DIR ?? '/tmp';
let api: TestApi;
let browser: Browser;
let web: Awaited<ReturnType<typeof webBase>>;
let base: string;
let ctx: BrowserContext;
let s: Page;
const errors: string[] = [];
const phone = uniquePhone();

beforeAll(async () => {
  ({ api, browser, web, base } = await openWebHarness());
  ctx = await browserContext(browser, PHONE, errors);
  s = await ctx.newPage();
});
afterAll(async () => {
  await ctx?.close();
  await browser?.close();
  await web?.close();
  await api?.close();
});
afterEach(() => expect(errors.splice(0)).toEqual([]));

const token = () => s.evaluate(() => JSON.parse(localStorage.getItem('tc.seeker') || '{}').accessToken as string);

it('someone else’s ID number: only "identity verification pending" and what to do; cancel; then the sensitive-category switch', async () => {
  const owner = await seekerWithProfile(api, { profile: { name: '图雅', schoolName: '集宁师范学院' } });

  await s.goto(`${base}/#/profile?first=1`);
  await s.locator('input[name=phone]').fill(phone);
  await s.getByRole('button', { name: '获取验证码' }).click();
  await s.getByRole('button', { name: /秒后重发/ }).waitFor();
  await s.locator('input[name=code]').fill(api.sms.lastCode(phone));
  await s.getByRole('button', { name: '登录', exact: true }).click();
  await s.locator('input[name=idNumber]').waitFor();

  await s.locator('input[name=idNumber]').fill(owner.idNumber);
  await s.locator('input[name=name]').fill('冒名者');
  await s.getByRole('button', { name: '保存' }).click();
  await s.getByRole('heading', { name: '身份核验中' }).waitFor();
  const text = await s.locator('main, body').first().innerText();
  expect(text).toContain('人才服务中心');
  for (const secret of ['图雅', '集宁师范学院', owner.idNumber, owner.phone.slice(7)]) expect(text).not.toContain(secret);
  await s.screenshot({ path: join(SHOTS, 'talent-profile-01-pending.png'), fullPage: true });

  // Still pending after a reload; the owner's profile is untouched.
  await s.reload();
  await s.getByRole('heading', { name: '身份核验中' }).waitFor();
  expect(await s.getByRole('status').innerText()).toContain('身份核验中');
  expect((await api.ok(`{ myProfile { name } }`, {}, owner.token)).myProfile.name).toBe('图雅');

  // Typed the wrong number: cancel, then create their own profile with the sensitive-category consent.
  await s.getByRole('button', { name: /撤销申请/ }).click();
  await s.locator('input[name=idNumber]').waitFor();
  await s.locator('input[name=idNumber]').fill(idNumber());
  await s.locator('input[name=name]').fill('萨仁');
  await s.getByRole('checkbox', { name: '残疾人', exact: true }).check();
  const sw = s.getByRole('checkbox', { name: /允许基地企业看到我的“贫困家庭”“残疾人”类别/ });
  expect(await sw.isChecked()).toBe(false);
  await sw.check();
  await s.screenshot({ path: join(SHOTS, 'talent-profile-02-sensitive.png'), fullPage: true });
  await s.getByRole('button', { name: '保存' }).click();
  await s.waitForURL(/#\/consent/);
  const me = await api.ok(`{ myProfile { name categories sensitiveConsent } myConsents { scope } }`, {}, await token());
  expect(me.myProfile).toEqual({ name: '萨仁', categories: ['DISABLED'], sensitiveConsent: true });
  expect(me.myConsents.map((c: any) => c.scope)).toContain('SENSITIVE_CATEGORIES');

  // Switched off again from the profile page.
  await s.goto(`${base}/#/profile`);
  const sw2 = s.getByRole('checkbox', { name: /允许基地企业看到我的“贫困家庭”“残疾人”类别/ });
  await sw2.waitFor();
  expect(await sw2.isChecked()).toBe(true);
  await sw2.uncheck();
  await s.getByRole('button', { name: '保存' }).click();
  await s.waitForURL(/#\/me/);
  expect((await api.ok(`{ myProfile { sensitiveConsent } }`, {}, await token())).myProfile.sensitiveConsent).toBe(false);
});
