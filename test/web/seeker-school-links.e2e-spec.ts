import { operator, seekerWithProfile, TestApi } from '@app/testing';
import { join } from 'path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { csv, CSV_HEADER, importFile, schoolWithAdmin, startWorker } from '../schools/schools-helpers';
import { axeViolations } from './axe';
import { browserContext, openWebHarness, PHONE, webBase } from './serve-web';

/**
 * 我的院校 in the seeker app (issue 8 §3), in Debian's headless chromium against
 * the real API: a school listed a signed-in person; the phone shows the pending
 * record from 我的 and the message; "是我，确认" makes them the school's student.
 */
jest.setTimeout(90_000);

const SHOTS = process.env.WEB_SHOTS_DIR ?? '/tmp';
let api: TestApi;
let browser: Browser;
let web: Awaited<ReturnType<typeof webBase>>;
let base: string;
let worker: { close(): Promise<void> };
const errors: string[] = [];

beforeAll(async () => {
  ({ api, browser, web, base } = await openWebHarness());
  worker = await startWorker();
});
afterAll(async () => {
  await worker?.close();
  await browser?.close();
  await web?.close();
  await api?.close();
});
afterEach(() => {
  expect(errors.splice(0)).toEqual([]);
});

describe('a person a school listed, on a 360 px phone', () => {
  let ctx: BrowserContext;
  let s: Page;
  const shot = (name: string) => s.screenshot({ path: join(SHOTS, `web-school-links-${name}.png`), fullPage: true });

  beforeAll(async () => {
    ctx = await browserContext(browser, PHONE, errors);
    s = await ctx.newPage();
  });
  afterAll(() => ctx?.close());

  it('sees the pending record under 我的 › 我的院校, declines one school, confirms the other; the school then sees only the confirmed student', async () => {
    const op = await operator(api);
    const [a, b] = [await schoolWithAdmin(api, op), await schoolWithAdmin(api, op)];
    const me = await seekerWithProfile(api, { profile: { name: '萨仁高娃' } });
    const row = [['萨仁', me.idNumber, '', '', '呼叫中心服务与管理', '大专', '2026', '呼叫2301班', '2023080101']];
    await importFile(api, a.token, csv([CSV_HEADER, ...row]), 'a.csv');
    await importFile(api, b.token, csv([CSV_HEADER, ...row]), 'b.csv');

    await s.goto(`${base}/`);
    await s.evaluate((token) => localStorage.setItem('tc.seeker', JSON.stringify({ accessToken: token, role: 'SEEKER' })), me.token);
    await s.goto(`${base}/#/me`);
    await s.reload(); // a fresh start with the stored session (a hash change alone could race the first load's redirect)
    await s.getByRole('link', { name: '我的院校' }).click();
    const cards = s.locator('#links .card.link');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(2);
    const cardA = s.locator('#links .card.link', { hasText: a.schoolName });
    expect(await cardA.locator('.stage').innerText()).toBe('待确认');
    expect(await cardA.innerText()).toContain('呼叫2301班');
    expect(await cardA.innerText()).toContain('学号 2023080101');
    expect(await s.locator('.hint').first().innerText()).toContain('确认前学校看不到您的任何信息');
    await shot('01-pending');
    expect(await axeViolations(s)).toEqual([]);

    // 不是我 for school B, 是我，确认 for school A
    await s.locator('#links .card.link', { hasText: b.schoolName }).getByRole('button', { name: '不是我' }).click();
    await s.locator('#links .card.link[data-status=DECLINED]').waitFor();
    await cardA.getByRole('button', { name: '是我，确认' }).click();
    await s.locator('#links .card.link[data-status=CONFIRMED]', { hasText: a.schoolName }).waitFor();
    expect(await s.locator('#links button.answer').count()).toBe(0);
    await shot('02-answered');
    expect(await axeViolations(s)).toEqual([]);

    const list = async (token: string) => (await api.ok(`{ schoolStudents(first: 100) { items { seekerId name } } }`, {}, token)).schoolStudents.items;
    expect(await list(a.token)).toEqual([{ seekerId: me.seekerId, name: '萨仁高娃' }]);
    expect(await list(b.token)).toEqual([]);
  });
});
