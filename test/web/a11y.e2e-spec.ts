import { Role } from '@app/core';
import { applyTo, createTestApi, creditCode, insertStaff, moveTo, openPosting, operator, seekerWithProfile, signInStaff, TestApi } from '@app/testing';
import { INestApplicationContext } from '@nestjs/common';
import { execFileSync } from 'child_process';
import { join } from 'path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { at, JOIN, SCHEDULE } from '../interviews/interviews.helpers';
import { startWorker } from '../schools/schools-helpers';
import { launchChromium, MediaHarness, startMedia } from '../browser/media-harness';
import { axeViolations } from './axe';
import { browserContext, PC, PHONE, webBase } from './serve-web';

/**
 * Every screen of the pages, with realistic data on it, checked with axe-core (WCAG 2 A/AA, test/web/axe.ts):
 * the interview join pages on a PC (the seeker's on the phone; the seeker app: a11y-seeker.e2e-spec.ts, the HR app:
 * a11y-hr.e2e-spec.ts, the staff app: a11y-staff.e2e-spec.ts), in one headless
 * chromium (fake camera and microphone) against the real API, PostgreSQL, Redis, the import worker and the
 * media service. The brief's promise: "today's pages have 0 axe-core WCAG 2 A/AA violations — keep it so".
 * Each test collects the violations per screen and expects none, so a failure names every screen at once.
 */
jest.setTimeout(90_000);

const ROOT = join(__dirname, '..', '..');
const MEDIA_SECRET = 'a11y-test-shared-media-secret-0123456789abcdef';

let api: TestApi;
let media: MediaHarness;
let browser: Browser;
let worker: INestApplicationContext;
let web: Awaited<ReturnType<typeof webBase>>;
let base: string;
const errors: string[] = [];
const savedEnv = { MEDIA_PUBLIC_URL: process.env.MEDIA_PUBLIC_URL, MEDIA_TOKEN_SECRET: process.env.MEDIA_TOKEN_SECRET };

/** The world on screen: one company with postings and applicants, one school with graduates, one training class. */
let op: string;
let hr: { tenantId: string; tenantName: string; username: string; password: string; token: string };
let postings: string[];
/** The seeker's interview with a confirmed time 5 minutes from now: its room is open. */
let confirmedIv: { id: string };
/** The seeker's phone page, left in the interview room for HR to join (closed with the browser). */
let seekerInRoom: () => Page;

/** Screen name → its violations (only screens with some). */
type Found = Record<string, string[]>;
const checked: string[] = [];

async function check(found: Found, page: Page, screen: string, ready?: string): Promise<void> {
  if (ready) await page.locator(ready).first().waitFor();
  // Nothing still loading (a screen's data, or a part of it drawn later).
  await page.waitForFunction(() => !document.querySelector('.loading'));
  const v = await axeViolations(page);
  checked.push(screen);
  // A11Y_SHOTS=<dir>: a screenshot of every screen as axe saw it (to look at what was checked).
  if (process.env.A11Y_SHOTS)
    await page.screenshot({
      path: join(process.env.A11Y_SHOTS, `a11y-${String(checked.length).padStart(2, '0')}-${screen.replace(/[^\p{L}\p{N}]+/gu, '-')}.png`),
      fullPage: true,
    });
  if (v.length) found[screen] = v;
}

beforeAll(async () => {
  // Every page, the interview pages too (apps/web/apps.mjs).
  if (process.env.WEB_PREBUILT !== '1') execFileSync(process.execPath, [join(ROOT, 'apps/web/build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  media = await startMedia({ MEDIA_TOKEN_SECRET: MEDIA_SECRET });
  process.env.MEDIA_TOKEN_SECRET = MEDIA_SECRET;
  process.env.MEDIA_PUBLIC_URL = media.baseUrl;
  [api, browser, worker] = await Promise.all([createTestApi(), launchChromium(), startWorker()]);
  media.config.allowedOrigins.push(api.url);
  web = await webBase(api.url, () => api.clock.now());
  base = web.url;

  op = await operator(api);
  const tenantName = `乌兰察布无障碍测试呼叫中心${Date.now() % 100000}`;
  const t = await api.ok(
    `mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }`,
    { i: { name: tenantName, creditCode: creditCode(), seats: 300 } },
    op,
  );
  const u = await insertStaff(api, Role.HR, { tenantId: t.createTenant.id });
  hr = { tenantId: t.createTenant.id, tenantName, ...u, token: await signInStaff(api, u.username, u.password) };
  postings = await Promise.all([1, 2, 3].map(() => openPosting(api, hr.token, 5)));
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await worker?.close();
  await api?.close();
  await media?.close();
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

afterEach(() => {
  expect(errors.splice(0)).toEqual([]);
});

/** A URL the API built for its PUBLIC_URL, opened on the server under test. */
function onTestServer(url: string): string {
  const u = new URL(url, base);
  return `${base}${u.pathname}${u.search}${u.hash}`;
}

describe('the seeker on a 360 px phone, at the interview (the seeker app itself: a11y-seeker.e2e-spec.ts)', () => {
  let ctx: BrowserContext;
  let s: Page;
  let token: string;
  seekerInRoom = () => s;

  beforeAll(async () => {
    ctx = await browserContext(browser, PHONE, errors, api.clock.now());
    s = await ctx.newPage();
    // An applicant at SCREENING with a confirmed interview 5 minutes from now: its room is open.
    const me = await seekerWithProfile(api, { profile: { name: '其其格' } });
    token = me.token;
    const app = await applyTo(api, token, postings[2]);
    await moveTo(api, hr.token, app, 'SCREENING');
    confirmedIv = (await api.ok(SCHEDULE, { i: { applicationId: app, confirmed: true, slots: [{ startsAt: at(api, 5), durationMinutes: 30 }] } }, hr.token))
      .scheduleInterview;
  });

  it('the interview join page on the phone, before joining and joined (alone in the room), has no violations', async () => {
    const found: Found = {};
    const j = await api.ok(JOIN, { id: confirmedIv.id }, token);
    await s.goto(onTestServer(j.interviewJoinToken.joinUrl));
    await s.waitForFunction(() => !(document.getElementById('join') as HTMLButtonElement).disabled);
    await check(found, s, 'interview seeker.html (before joining)');
    await s.click('#join');
    await s.waitForFunction(() => (window as any).__media?.joined);
    await check(found, s, 'interview seeker.html (joined, waiting for HR)', '#leave:not([hidden])');
    expect(found).toEqual({}); // the seeker stays in the room for HR (below)
  });
});

describe('the HR interview page on a PC', () => {
  let ctx: BrowserContext;
  let h: Page;
  afterAll(() => ctx?.close());

  // The HR console's own screens are checked in a11y-hr.e2e-spec.ts. Here HR only needs its stored session (the way
  // apps/web/src/hr keeps it, Client 'tc.hr'), which the interview page's scorecard panel reads.
  beforeAll(async () => {
    ctx = await browserContext(browser, PC(), errors, api.clock.now());
    h = await ctx.newPage();
    await h.goto(`${base}/hr/`);
    await h.evaluate((token) => localStorage.setItem('tc.hr', JSON.stringify({ accessToken: token, role: 'HR' })), hr.token);
  });

  it('the HR interview page with the scorecard, and both sides in the room with video, have no violations', async () => {
    const found: Found = {};
    await api.ok(
      `mutation($i: CreateScorecardTemplateInput!) { createScorecardTemplate(input: $i) { id } }`,
      {
        i: {
          name: '客服初试',
          criteria: [
            { name: '普通话', weight: 40, description: '发音清晰、语速适中' },
            { name: '应变能力', weight: 30 },
            { name: '打字速度', weight: 30 },
          ],
        },
      },
      hr.token,
    );
    const j = await api.ok(JOIN, { id: confirmedIv.id }, hr.token);
    await h.goto(onTestServer(j.interviewJoinToken.joinUrl));
    await h.waitForFunction(() => !(document.getElementById('join') as HTMLButtonElement).disabled);
    await check(found, h, 'interview hr.html (before joining)');
    await h.click('#join');
    await h.waitForFunction(() => (window as any).__media?.joined);
    // The scorecard with an unrated criterion's error, beside the seeker's video.
    await h.locator('#sc-form').waitFor();
    await h.locator('#sc-form input[name="score-0"][value="4"]').check();
    await h.locator('#sc-save').click();
    await h.locator('#sc-form [data-err="score-1"]:not([hidden])').waitFor();
    await h.waitForFunction(() => (window as any).__media.peers.length === 1);
    await check(found, h, 'interview hr.html (joined, scorecard with an error)', '#remotes video');
    const s = seekerInRoom();
    await s.waitForFunction(() => (window as any).__media.peers.length === 1);
    await check(found, s, 'interview seeker.html (joined, with HR)', '#remotes video');
    await Promise.all([h.click('#leave'), s.click('#leave')]);
    expect(found).toEqual({});
  });
});
