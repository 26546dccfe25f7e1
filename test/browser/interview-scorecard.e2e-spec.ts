import { Role } from '@app/core';
import { createTestApi, insertStaff, tenantWithHr, TestApi } from '@app/testing';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { candidate, scheduled } from '../interviews/interviews.helpers';
import { eventually, launchChromium, MediaHarness, startMedia } from './media-harness';

/**
 * The HR interview page as HR uses it: the API serves the HR workbench and
 * /interview/hr.html (same origin, so the workbench's stored session reaches
 * /graphql from the interview page); the media service runs on its own origin
 * (MEDIA_PUBLIC_URL, which the page reads from the API's /interview/config.json,
 * never from its URL; the media service allows the API's origin). Real API, database, media
 * worker and Debian chromium with fake devices.
 */
jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..');
const MEDIA_SECRET = 'browser-test-shared-media-secret-0123456789';
const TEMPLATE = `mutation($i: CreateScorecardTemplateInput!) { createScorecardTemplate(input: $i) { id } }`;
const CRITERIA = [
  { name: '普通话', weight: 40, description: '发音清晰 <b>标准</b>' },
  { name: '应变能力', weight: 30 },
  { name: '打字速度', weight: 30 },
];

let api: TestApi;
let media: MediaHarness;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
const savedEnv = { MEDIA_PUBLIC_URL: process.env.MEDIA_PUBLIC_URL, MEDIA_TOKEN_SECRET: process.env.MEDIA_TOKEN_SECRET };

beforeAll(async () => {
  // The HR app at /hr/ (apps/web/src/hr) and the interview pages (apps/web/src/interview-hr), unless the run built the
  // pages already (tools/test.sh sets WEB_PREBUILT=1).
  if (process.env.WEB_PREBUILT !== '1') execFileSync(process.execPath, [join(ROOT, 'apps/web/build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  media = await startMedia({ MEDIA_TOKEN_SECRET: MEDIA_SECRET });
  // The API signs room tokens the media service accepts, and points join URLs at the media service's origin.
  process.env.MEDIA_TOKEN_SECRET = MEDIA_SECRET;
  process.env.MEDIA_PUBLIC_URL = media.baseUrl;
  [api, browser] = await Promise.all([createTestApi(), launchChromium()]);
  media.config.allowedOrigins.push(api.url); // MEDIA_ALLOWED_ORIGINS: the API's origin serves the pages
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await api?.close();
  await media?.close();
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

async function newContext(): Promise<BrowserContext> {
  const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  ctx.setDefaultTimeout(15_000);
  ctx.on('page', (p) => p.on('pageerror', (e) => pageErrors.push(String(e))));
  contexts.push(ctx);
  return ctx;
}

it('the API serves the interview pages; without an HR session the panel asks HR to sign in', async () => {
  const res = await fetch(`${api.url}/interview/hr.html`);
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('data-page="hr"');
  const page = await (await newContext()).newPage();
  await page.goto(`${api.url}/interview/hr.html?room=00000000-0000-4000-8000-000000000000&token=x`);
  await page.locator('#scorecard .sc-hint').waitFor();
  expect(await page.locator('#scorecard').innerText()).toContain('请在HR工作台登录后填写评分');
  expect(await page.locator('#scorecard a').getAttribute('href')).toBe('/hr/');
});

it('HR joins from the workbench, rates the criteria beside the video and records PASS (→ OFFER)', async () => {
  const t = await tenantWithHr(api);
  await api.ok(TEMPLATE, { i: { name: '客服初试', criteria: CRITERIA } }, t.hrToken);
  const c = await candidate(api, t);
  const iv = await scheduled(api, c, 5, 30); // the room is open already (10 minutes before the start)

  // HR's workbench session, stored the way apps/web/src/hr stores it (Client 'tc.hr').
  const u = await insertStaff(api, Role.HR, { tenantId: t.tenantId });
  const signIn = (
    await api.ok(`mutation($i: SignInWithPasswordInput!) { signInWithPassword(input: $i) { accessToken user { role displayName } } }`, {
      i: { username: u.username, password: u.password },
    })
  ).signInWithPassword;
  const ctx = await newContext();
  // The session is in storage before the console's first script runs (as after a sign-in), so the first load goes
  // straight to the application (no sign-in redirect racing the navigation).
  await ctx.addInitScript((s) => {
    if (location.pathname.startsWith('/hr/'))
      localStorage.setItem('tc.hr', JSON.stringify({ accessToken: s.accessToken, role: s.user.role, name: s.user.displayName }));
  }, signIn);
  const app = await ctx.newPage();
  await app.goto(`${api.url}/hr/#/application/${c.applicationId}`);
  await app.locator(`.join-iv[data-id="${iv.id}"]`).waitFor();

  // 进入面试: asks the API for a join URL and opens it.
  const [hr] = await Promise.all([ctx.waitForEvent('page'), app.click(`.join-iv[data-id="${iv.id}"]`)]);
  await hr.waitForURL(/\/interview\/hr\.html\?/);
  const url = new URL(hr.url());
  expect(url.origin).toBe(api.url);
  expect(url.searchParams.get('room')).toBe(iv.id);
  expect(url.searchParams.has('media')).toBe(false);
  await hr.waitForFunction(() => !(document.getElementById('join') as HTMLButtonElement).disabled);
  await hr.click('#join');
  await eventually(() => hr.evaluate(() => window.__media.joined), 15_000, 'HR to join the media room');
  expect(await hr.evaluate(() => window.__media.signallingOrigin)).toBe(media.baseUrl.replace(/^http/, 'ws'));
  expect(media.rooms.snapshot().find((r) => r.id === iv.id)?.peers).toEqual([u.id]);

  // The panel: the tenant template's criteria, escaped.
  const form = hr.locator('#sc-form');
  await form.waitFor();
  expect(await form.locator('legend').allInnerTexts()).toEqual(['普通话 ×40', '应变能力 ×30', '打字速度 ×30']);
  expect(await form.locator('.sc-desc').first().innerText()).toBe('发音清晰 <b>标准</b>');

  // A criterion left unrated: a Chinese message next to it, nothing sent.
  await form.locator('input[name="score-0"][value="4"]').check();
  await form.locator('#sc-save').click();
  await eventually(() => form.locator('[data-err="score-1"]').isVisible(), 5_000, 'error next to the criterion');
  expect(await form.locator('[data-err="score-1"]').innerText()).toBe('请为「应变能力」评分（1–5分）');

  // Recording PASS before any scorecard is saved: the API refuses, shown next to the outcome.
  api.clock.advance(6 * 60_000); // the interview has started: an outcome may be recorded
  const outcome = hr.locator('#sc-outcome');
  await outcome.locator('input[name="outcome"][value="PASS"]').check();
  await outcome.locator('#sc-record').click();
  await outcome.locator('#sc-confirm-yes').click();
  await eventually(() => outcome.locator('[data-err="outcome"]').isVisible(), 5_000, 'outcome error');
  expect(await outcome.locator('[data-err="outcome"]').innerText()).toBe('请先填写评分表再给出通过/不通过结论');

  await form.locator('input[name="score-1"][value="3"]').check();
  await form.locator('input[name="score-2"][value="5"]').check();
  await form.locator('input[name="note-0"]').fill('口音轻，<script>x</script>');
  await form.locator('textarea[name="notes"]').fill('适合夜班');
  await form.locator('#sc-save').click();
  await form.locator('.sc-saved').waitFor();
  expect(await form.locator('.sc-saved').innerText()).toContain('4.00'); // (4×40 + 3×30 + 5×30) / 100

  const saved = await api.ok(
    `query($id: ID!) { interviewScorecard(interviewId: $id) { templateName notes weightedScore finalizedAt ratings { criterion score note } } }`,
    { id: iv.id },
    t.hrToken,
  );
  expect(saved.interviewScorecard).toEqual({
    templateName: '客服初试',
    notes: '适合夜班',
    weightedScore: 4,
    finalizedAt: null,
    ratings: [
      { criterion: '普通话', score: 4, note: '口音轻，<script>x</script>' },
      { criterion: '应变能力', score: 3, note: null },
      { criterion: '打字速度', score: 5, note: null },
    ],
  });

  // PASS, confirmed: the application moves to OFFER; the panel turns read-only.
  await outcome.locator('input[name="outcome"][value="PASS"]').check();
  await outcome.locator('#sc-record').click();
  expect(await outcome.locator('.sc-confirm p').innerText()).toContain('录用意向');
  await outcome.locator('#sc-confirm-yes').click();
  await hr.locator('.sc-final[data-outcome="PASS"]').waitFor();
  expect(await hr.locator('.sc-final').innerText()).toContain('口音轻，<script>x</script>');

  const after = await api.ok(
    `query($a: ID!, $i: ID!) { application(id: $a) { stage } interview(id: $i) { status outcome } interviewScorecard(interviewId: $i) { finalizedAt } }`,
    { a: c.applicationId, i: iv.id },
    t.hrToken,
  );
  expect(after.application.stage).toBe('OFFER');
  expect(after.interview).toEqual({ status: 'COMPLETED', outcome: 'PASS' });
  expect(after.interviewScorecard.finalizedAt).not.toBeNull();
  expect(pageErrors).toEqual([]);
});
