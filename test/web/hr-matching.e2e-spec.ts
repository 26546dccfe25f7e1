import { Role } from '@app/core';
import { CandidateIndexer } from '@app/matching';
import { applyTo, creditCode, insertStaff, operator, seekerWithProfile, signInStaff, TestApi } from '@app/testing';
import { join } from 'path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { browserContext, openWebHarness, PC, webBase } from './serve-web';

/**
 * 推荐人选 in the HR app (PC): an HR manager opens the ranked candidates for a
 * posting (matchCandidates), pages through them, and opens a profile
 * (talentProfile, logged as a tenant view). Other test files share the
 * database, so only relative order and presence are asserted.
 */
jest.setTimeout(60_000);

const SHOTS = process.env.WEB_SHOTS_DIR ?? '/tmp';

let api: TestApi;
let browser: Browser;
let base: string;
let web: Awaited<ReturnType<typeof webBase>>;
let ctx: BrowserContext;
let h: Page;
let hr: { id: string; username: string; password: string; token: string; tenantId: string; tenantName: string };
let postingId: string;
let emptyPostingId: string;
type Person = Awaited<ReturnType<typeof seekerWithProfile>> & { name: string };
const people: Record<string, Person> = {};
const errors: string[] = [];
const tag = String(Date.now() % 100000);

const posting = async (input: Record<string, unknown>) => {
  const p = await api.ok(
    `mutation($i: PostingInput!) { createPosting(input: $i) { id } }`,
    { i: { description: '', headcount: 20, salaryMinFen: 400000, salaryMaxFen: 600000, ...input } },
    hr.token,
  );
  await api.ok(`mutation($id: ID!) { setPostingStatus(id: $id, status: OPEN) { id } }`, { id: p.createPosting.id }, hr.token);
  return p.createPosting.id as string;
};

beforeAll(async () => {
  ({ api, browser, web, base } = await openWebHarness());
  const op = await operator(api);
  const tenantName = `集宁智选呼叫中心${tag}`;
  const t = await api.ok(
    `mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }`,
    { i: { name: tenantName, creditCode: creditCode(), seats: 600 } },
    op,
  );
  const u = await insertStaff(api, Role.HR, { tenantId: t.createTenant.id });
  hr = { ...u, token: await signInStaff(api, u.username, u.password), tenantId: t.createTenant.id, tenantName };
  // Strict requirements, so that few of the other files' seekers qualify.
  postingId = await posting({ title: `高级客服专员${tag}`, shifts: ['TWO_SHIFT'], minMandarinLevel: 'L1B', minTypingSpeed: 100, minEducation: 'BACHELOR' });
  emptyPostingId = await posting({ title: `博士客服${tag}`, shifts: ['NIGHT'], minMandarinLevel: 'L1A', minTypingSpeed: 400, minEducation: 'DOCTOR' });

  const indexer = api.app.get(CandidateIndexer);
  const make = async (key: string, profile: Record<string, unknown>, consent = true) => {
    const name = `推荐${key}${tag}`;
    people[key] = { ...(await seekerWithProfile(api, { consent, profile: { name, education: 'BACHELOR', ...profile } })), name };
    await indexer.syncSeeker(people[key].seekerId);
  };
  await Promise.all([
    // Near the base (察哈尔右翼前旗), 一甲, fast, experienced, can work the posting's shift.
    make('优', { regionCode: '150926', mandarinLevel: 'L1A', typingSpeed: 110, callCenterMonths: 12, shifts: ['TWO_SHIFT'] }),
    // Further (丰镇市), just meets the minimums, no experience, day shifts only.
    make('中', { regionCode: '150981', mandarinLevel: 'L1B', typingSpeed: 100, callCenterMonths: 0, shifts: ['DAY'] }),
    // Fails the Mandarin requirement.
    make('差', { regionCode: '150902', mandarinLevel: 'L2A', typingSpeed: 120, callCenterMonths: 24, shifts: ['TWO_SHIFT'] }),
    // Would rank first, but has not consented to share.
    make('未授权', { regionCode: '150902', mandarinLevel: 'L1A', typingSpeed: 120, callCenterMonths: 24, shifts: ['TWO_SHIFT'] }, false),
    // Would rank first, but already applied.
    make('已投递', { regionCode: '150902', mandarinLevel: 'L1A', typingSpeed: 120, callCenterMonths: 24, shifts: ['TWO_SHIFT'] }),
  ]);
  await applyTo(api, people['已投递'].token, postingId);

  ctx = await browserContext(browser, PC(), errors);
  h = await ctx.newPage();
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

const shot = (name: string) => h.screenshot({ path: join(SHOTS, `web-hr-match-${name}.png`), fullPage: true });

/** Every listed candidate, following 下一页 to the end: seeker id → { rank, row text }. */
async function allRows(): Promise<Map<string, { rank: number; text: string }>> {
  const out = new Map<string, { rank: number; text: string }>();
  for (;;) {
    await h.locator('table.match, .match-empty').first().waitFor();
    for (const r of await h.locator('tr[data-seeker]').all()) {
      out.set((await r.getAttribute('data-seeker'))!, { rank: Number(await r.getAttribute('data-rank')), text: await r.innerText() });
    }
    const next = h.locator('.pager a[rel=next]');
    if (!(await next.count())) return out;
    const first = await h.locator('tr[data-seeker]').first().getAttribute('data-rank');
    await next.click();
    await h.locator(`tr[data-seeker][data-rank="${Number(first) + 20}"]`).waitFor();
  }
}

describe('推荐人选 (recommended candidates) in the HR app', () => {
  it('HR signs in, opens 推荐人选 from the posting: requirements on top, best fit above the weaker one, no one failing a requirement, masked', async () => {
    await h.goto(`${base}/hr/`);
    await h.locator('input[name=username]').fill(hr.username);
    await h.locator('input[name=password]').fill(hr.password);
    await h.getByRole('button', { name: '登录' }).click();
    await h.getByText(hr.tenantName).waitFor();
    const row = h.locator(`tr[data-id="${postingId}"]`);
    await row.getByRole('link', { name: '推荐人选' }).click();

    const head = h.locator('.match-head');
    await head.getByText(`高级客服专员${tag}`).waitFor();
    const req = await head.locator('.reqs').innerText();
    expect(req).toContain('一乙及以上');
    expect(req).toContain('≥ 100 字/分');
    expect(req).toContain('本科及以上');
    expect(req).toContain('两班倒');
    expect(await head.innerText()).toContain('已投递或已录用本岗位的人不在此列');
    await h.locator('.match-count', { hasText: /共 \d+ 名人选符合硬性要求/ }).waitFor();
    await shot('01-list');

    const rows = await allRows();
    const best = rows.get(people['优'].seekerId)!;
    const weaker = rows.get(people['中'].seekerId)!;
    expect(best).toBeDefined();
    expect(weaker).toBeDefined();
    expect(best.rank).toBeLessThan(weaker.rank);
    for (const k of ['差', '未授权', '已投递']) expect(rows.has(people[k].seekerId)).toBe(false);

    // Back on the first page (the best fit's): chips with the distance and the Mandarin level, the shift marker.
    await h.goto(`${base}/hr/#/postings/${postingId}/match`);
    const bestRow = h.locator(`tr[data-seeker="${people['优'].seekerId}"]`);
    if (best.rank <= 20) {
      await bestRow.waitFor();
      expect(await bestRow.locator('.name').innerText()).toBe(people['优'].name);
    }
    const me = await api.ok(`{ myProfile { distanceKm } }`, {}, people['优'].token);
    const km = Math.round(me.myProfile.distanceKm);
    expect(km).toBeGreaterThan(5);
    expect(best.text).toContain(`${km} km`);
    expect(best.text).toContain('普通话一甲');
    expect(best.text).toContain('打字 110 字/分');
    expect(best.text).toContain('12个月呼叫中心经验');
    expect(best.text).toContain('可上班次');
    expect(weaker.text).toContain('普通话一乙');
    expect(weaker.text).toContain('班次不符');
    expect(best.text).toMatch(/男|女/); // gender from the ID number
    expect(best.text).toMatch(/\d+岁/);
    if (best.rank <= 20) {
      const chips = await bestRow.locator('.chips .tag').allInnerTexts();
      expect(chips).toContain(`${km} km`);
      expect(chips).toContain('普通话一甲');
    }

    // Masking: no full phone or ID number anywhere in the page.
    const text = await h.locator('body').innerText();
    for (const p of Object.values(people)) {
      expect(text).not.toContain(p.phone);
      expect(text).not.toContain(p.idNumber);
    }
    expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    expect(text).not.toMatch(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/);
  });

  it('opening a candidate’s profile reuses the talent profile view and logs one tenant view; back returns to the list', async () => {
    const count = async () =>
      (await api.db.query(`SELECT count(*)::int AS n FROM profile_access_logs WHERE seeker_id = $1`, [people['优'].seekerId]))[0].n as number;
    expect(await count()).toBe(0); // the list itself is not a view
    // Wherever the best fit is listed (page 1 unless other files filled the pool), open from there.
    const bestRow = h.locator(`tr[data-seeker="${people['优'].seekerId}"]`);
    if (!(await bestRow.count())) {
      const rank = (await allRows()).get(people['优'].seekerId)!.rank;
      await h.goto(`${base}/hr/#/postings/${postingId}/match?o=${Math.floor((rank - 1) / 20) * 20}`);
    }
    await bestRow.getByRole('link', { name: '查看档案' }).click();
    const profile = h.locator('.profile');
    await profile.getByText(people['优'].name).waitFor();
    const text = await profile.innerText();
    expect(text).toMatch(/\d{3}\*{4}\d{4}/); // masked phone
    expect(text).not.toContain(people['优'].phone);
    expect(text).not.toContain(people['优'].idNumber);
    expect(text).toContain('察哈尔右翼前旗');
    await shot('02-profile');

    const logs = await api.db.query(`SELECT viewer_user_id, viewer_role, tenant_id, action FROM profile_access_logs WHERE seeker_id = $1`, [
      people['优'].seekerId,
    ]);
    expect(logs).toEqual([{ viewer_user_id: hr.id, viewer_role: 'HR', tenant_id: hr.tenantId, action: 'VIEW' }]);

    await h.getByRole('link', { name: '返回推荐人选' }).click();
    await h.locator('.match-head').waitFor();
    await bestRow.waitFor();
    expect(await count()).toBe(1);
  });

  it('shows “前 1000 名” when the total is capped, and WINDOW_EXCEEDED clearly (zh first) past the window', async () => {
    // Capped totals need > 1000 qualifying seekers: the API's answer is adjusted in flight.
    await h.route('**/graphql', async (route) => {
      if (!(route.request().postData() ?? '').includes('matchCandidates')) return route.continue();
      const res = await route.fetch();
      const json = await res.json();
      if (json.data) Object.assign(json.data.matchCandidates, { total: 1000, totalCapped: true, hasMore: true });
      await route.fulfill({ response: res, json });
    });
    // ?o=0: a hash other than the one the previous test left, so the page redraws.
    await h.goto(`${base}/hr/#/postings/${postingId}/match?o=0`);
    await h.locator('.match-count', { hasText: '符合硬性要求的人选超过 1000 名，仅列出前 1000 名' }).waitFor();
    expect(await h.locator('.pager').innerText()).toMatch(/第 1 \/ 50 页（前 1000 名）/);
    expect(await h.locator('.pager a[rel=next]').getAttribute('href')).toBe(`#/postings/${postingId}/match?o=20`);
    await h.unroute('**/graphql');

    await h.goto(`${base}/hr/#/postings/${postingId}/match?o=1000`);
    const box = h.locator('.error-box.window');
    await box.getByText('匹配结果最多浏览前 1000 条，请增加筛选条件').waitFor();
    await h.locator('.match-head').getByText(`高级客服专员${tag}`).waitFor();
    await shot('03-window');
    await box.getByRole('link', { name: '回到第一页' }).click();
    await h.locator('table.match').waitFor();
  });

  it('empty state when nobody meets the hard requirements', async () => {
    await h.goto(`${base}/hr/#/postings/${emptyPostingId}/edit`);
    await h.getByRole('link', { name: '推荐人选' }).click();
    await h.locator('.match-empty', { hasText: '暂无符合硬性要求的人选，可放宽要求' }).waitFor();
    expect(await h.locator('.match-head .reqs').innerText()).toContain('博士及以上');
    await shot('04-empty');
  });
});
