import { idNumber, tenantWithHr, TestApi, uniquePhone } from '@app/testing';
import { join } from 'path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { browserContext, openWebHarness, PHONE, webBase } from './serve-web';

/**
 * 为你推荐 on the seeker's job board, in Debian's headless chromium against the
 * real API and database: a signed-out visitor sees the full board and an
 * invitation to sign in; signed in without a profile, a prompt to complete it
 * (jobsForMe says NO_PROFILE); with a profile, open postings best fit first,
 * each marked 符合要求 or with what the seeker still lacks, paged with 加载更多,
 * and each opening the job's detail. Other test files share the database (their
 * postings are listed too), so only presence and relative order are checked.
 */
jest.setTimeout(60_000);

const SHOTS = process.env.WEB_SHOTS_DIR ?? '/tmp';

let api: TestApi;
let browser: Browser;
let web: Awaited<ReturnType<typeof webBase>>;
let base: string;
let ctx: BrowserContext;
let s: Page;
let tenantName: string;
let met: string;
let unmet: string;
const tag = Date.now() % 100000;
const phone = uniquePhone();
const errors: string[] = [];

async function posting(hrToken: string, input: Record<string, unknown>): Promise<string> {
  const p = await api.ok(
    `mutation($i: PostingInput!) { createPosting(input: $i) { id } }`,
    { i: { description: '', headcount: 5, salaryMinFen: 350000, salaryMaxFen: 450000, shifts: ['TWO_SHIFT'], ...input } },
    hrToken,
  );
  await api.ok(`mutation($id: ID!) { setPostingStatus(id: $id, status: OPEN) { id } }`, { id: p.createPosting.id }, hrToken);
  return p.createPosting.id;
}

const flat = (text: string) => text.replace(/\s+/g, ' ');
const cardOf = (id: string) => s.locator(`#jobs a.card[href="#/job/${id}"]`);
const shot = (name: string) => s.screenshot({ path: join(SHOTS, `web-jobs-for-me-${name}.png`), fullPage: true });

/** Taps 加载更多 (Load more) until both test postings are listed; returns how many times it was tapped. */
async function loadUntilBoth(more = '加载更多'): Promise<number> {
  await s.locator('#jobs a.card').first().waitFor();
  let taps = 0;
  while (!(await cardOf(met).count()) || !(await cardOf(unmet).count())) {
    const shown = await s.locator('#jobs a.card').count();
    await s.getByRole('button', { name: more }).click();
    await s.locator('#jobs a.card').nth(shown).waitFor();
    taps++;
  }
  return taps;
}

beforeAll(async () => {
  ({ api, browser, web, base } = await openWebHarness());
  const hr = await tenantWithHr(api);
  tenantName = (await api.db.query(`SELECT name FROM tenants WHERE id = $1`, [hr.tenantId]))[0].name;
  // One the seeker meets (普通话二乙, 40 字/分, 两班倒), one they do not (一乙, 80 字/分, 夜班), and ten without
  // requirements: the unmet one (two gaps) ranks after at least eleven, past the first page of ten.
  [met, unmet] = await Promise.all([
    posting(hr.hrToken, { title: `呼入客服 E2E${tag}`, salaryMinFen: 420000, salaryMaxFen: 600000, minMandarinLevel: 'L2B', minTypingSpeed: 40 }),
    posting(hr.hrToken, {
      title: `高级坐席 E2E${tag}`,
      salaryMinFen: 500000,
      salaryMaxFen: 700000,
      shifts: ['NIGHT'],
      minMandarinLevel: 'L1B',
      minTypingSpeed: 80,
    }),
    ...Array.from({ length: 10 }, (_x, k) => posting(hr.hrToken, { title: `外呼专员 E2E${tag}-${k}` })),
  ]);
  ctx = await browserContext(browser, PHONE, errors);
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

describe('为你推荐 on a 360 px phone', () => {
  it('signed out: the full board with an invitation to sign in, and no recommendations', async () => {
    await s.goto(`${base}/#/?tab=rec`);
    await s.locator('#jobs a.card').first().waitFor();
    expect(await s.locator('.jfm-in').innerText()).toContain('登录后为您推荐合适的岗位');
    expect(await s.locator('#total').innerText()).toMatch(/共 \d+ 个岗位在招/);
    expect(await s.locator('#search').isVisible()).toBe(true);
    expect(await s.locator('.jfm-tabs').count()).toBe(0);
    expect(await s.locator('#jobs .fit').count()).toBe(0);
    await shot('01-signed-out');
  });

  it('signed in without a profile: a prompt to complete it, linking to the profile form', async () => {
    await s.locator('.jfm-in').getByRole('link', { name: '登录' }).click();
    await s.locator('input[name=phone]').fill(phone);
    await s.getByRole('button', { name: '获取验证码' }).click();
    await s.getByRole('button', { name: /秒后重发/ }).waitFor();
    await s.locator('input[name=code]').fill(api.sms.lastCode(phone));
    await s.getByRole('button', { name: '登录', exact: true }).click();
    await s.waitForURL(/#\/profile\?first=1/);

    // Not now: back to the board.
    await s.goto(`${base}/#/`);
    const prompt = s.locator('.jfm-np');
    await prompt.waitFor();
    expect(await prompt.innerText()).toContain('完善求职档案后，按您的条件推荐岗位');
    expect(await s.locator('.jfm-tabs a.on').innerText()).toBe('为你推荐');
    expect(await s.locator('#more').innerText()).toBe('');
    await shot('02-no-profile');
    await prompt.getByRole('link', { name: '完善档案' }).click();
    await s.waitForURL(/#\/profile\?/);
    const hash = new URL(s.url()).hash;
    const q = new URLSearchParams(hash.slice(hash.indexOf('?') + 1));
    expect([q.get('first'), q.get('next')]).toEqual(['1', '/?tab=rec']);
    await s.locator('input[name=idNumber]').waitFor();
  });

  it('with a profile: best fit first — the met posting marked 符合要求 above the unmet one, whose hints name 普通话一乙 and 打字 80 字/分', async () => {
    const token = await s.evaluate(() => JSON.parse(localStorage.getItem('tc.seeker') || '{}').accessToken);
    await api.ok(
      `mutation($i: ProfileInput!) { saveMyProfile(input: $i) { id } }`,
      {
        i: {
          idNumber: idNumber(),
          name: '其其格',
          regionCode: '150902',
          education: 'JUNIOR_COLLEGE',
          mandarinLevel: 'L2A',
          typingSpeed: 60,
          shifts: ['TWO_SHIFT'],
        },
      },
      token,
    );
    await s.goto(`${base}/#/`);
    expect(await s.locator('.jfm-tabs a.on').innerText()).toBe('为你推荐');
    expect(await s.locator('#search').count()).toBe(0);
    // Paged: the unmet posting is past the first ten.
    expect(await loadUntilBoth()).toBeGreaterThan(0);
    expect(await s.locator('#total').innerText()).toMatch(/共 \d+ 个岗位，最合适的在前/);

    const hrefs = await s.locator('#jobs a.card').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.indexOf(`#/job/${met}`)).toBeLessThan(hrefs.indexOf(`#/job/${unmet}`));
    // Every fully met posting comes before any with something missing.
    const fits = await s.locator('#jobs a.card .fit').evaluateAll((fs) => fs.map((f) => !!f.querySelector('.ok')));
    expect(fits).toEqual([...fits].sort((a, b) => Number(b) - Number(a)));

    const a = flat(await cardOf(met).innerText());
    expect(a).toContain(`呼入客服 E2E${tag}`);
    expect(a).toContain(tenantName);
    expect(a).toContain('4,200–6,000 元/月');
    expect(a).toContain('两班倒');
    expect(a).toContain('招 5 人');
    expect(a).toContain('✓ 符合要求');
    expect(a).toContain('班次合适');
    expect(a).not.toContain('还差');

    const b = flat(await cardOf(unmet).innerText());
    expect(b).toContain('5,000–7,000 元/月');
    expect(b).toContain('夜班');
    expect(b).toContain('还差：需要普通话一乙；需要打字 80 字/分');
    expect(b).toContain('班次不符');
    expect(b).not.toContain('符合要求');
    await cardOf(unmet).scrollIntoViewIfNeeded();
    await shot('03-for-you');
  });

  it('tapping an item opens its job detail; back returns to 为你推荐; 全部岗位 keeps the searchable board; English too', async () => {
    await cardOf(unmet).click();
    await s.waitForURL(new RegExp(`#/job/${unmet}$`));
    await s.locator('h2', { hasText: `高级坐席 E2E${tag}` }).waitFor();
    await s.getByRole('button', { name: '投递简历' }).waitFor();
    expect(flat(await s.locator('.detail').innerText())).toContain('普通话：一乙及以上');

    await s.locator('#back').click();
    await s.locator('#jobs .fit').first().waitFor();
    expect(await s.locator('.jfm-tabs a.on').innerText()).toBe('为你推荐');

    await s.locator('.jfm-tabs').getByRole('link', { name: '全部岗位' }).click();
    await s.locator('#search').waitFor();
    await s.locator('#jobs a.card').first().waitFor();
    expect(await s.locator('.jfm-tabs a.on').innerText()).toBe('全部岗位');
    expect(await s.locator('#total').innerText()).toMatch(/个岗位在招/);
    expect(await s.locator('#jobs .fit').count()).toBe(0);
    // The last tab chosen is where the header's back link from a job returns.
    await s.locator('#jobs a.card').first().click();
    await s.getByRole('button', { name: '投递简历' }).waitFor();
    await s.locator('#back').click();
    await s.locator('#search').waitFor();

    await s.evaluate(() => localStorage.setItem('tc.lang', 'en'));
    await s.goto(`${base}/#/?tab=rec`);
    await s.reload();
    await s.locator('.jfm-tabs a.on', { hasText: 'For you' }).waitFor();
    await loadUntilBoth('Load more');
    expect(flat(await cardOf(met).innerText())).toContain('You qualify');
    expect(flat(await cardOf(unmet).innerText())).toContain('Missing: Requires Mandarin level 1-B or above; Requires typing 80 characters/min');
    await s.evaluate(() => localStorage.removeItem('tc.lang'));
  });
});
