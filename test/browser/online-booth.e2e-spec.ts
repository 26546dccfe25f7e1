import { createTestApi, seekerWithProfile, tenantWithHr, TestApi, useIsolatedDatabase } from '@app/testing';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type {} from '../../apps/web/src/shared/booth-globals';
import type { InboundStats } from '../../apps/web/src/interview/session';
import { insertBooth, insertFair } from '../fairs/live-fixtures';
import { axeViolations } from '../web/axe';
import { eventually, launchChromium, MediaHarness, startMedia } from './media-harness';

/**
 * An online fair booth as it is used (issue 11 §6): the company's HR on the HR console's booth page (#/booth/:id) and
 * two seekers on their phones (#/queue/:id in the seeker app), against the real API (queue in Redis, live updates over
 * graphql-ws), the real media server in-process with the mediasoup worker, and Debian's chromium with fake camera and
 * microphone. HR calls the next seeker; the first answers and both sides get video; the second does not answer, is
 * skipped after the answer time (the API's Clock moved on), recalled, answers, and the video flows again.
 */
jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..');
const MEDIA_SECRET = 'browser-test-booth-media-secret-0123456789';

let api: TestApi;
let media: MediaHarness;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
let dropDatabase: () => Promise<void>;
const savedEnv = { MEDIA_PUBLIC_URL: process.env.MEDIA_PUBLIC_URL, MEDIA_TOKEN_SECRET: process.env.MEDIA_TOKEN_SECRET };

beforeAll(async () => {
  if (process.env.WEB_PREBUILT !== '1') execFileSync(process.execPath, [join(ROOT, 'apps/web/build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  // 本周六招聘会 is the first weekly fair of the database: no other file's fairs in this one.
  dropDatabase = await useIsolatedDatabase();
  media = await startMedia({ MEDIA_TOKEN_SECRET: MEDIA_SECRET });
  // The API signs booth room tokens the media service accepts and names its origin (boothJoinToken.mediaUrl).
  process.env.MEDIA_TOKEN_SECRET = MEDIA_SECRET;
  process.env.MEDIA_PUBLIC_URL = media.baseUrl;
  [api, browser] = await Promise.all([createTestApi(), launchChromium()]);
  media.config.allowedOrigins.push(api.url); // the pages come from the API's origin
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await api?.close();
  await media?.close();
  await dropDatabase?.();
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** A browser context (one device) with the app's session stored before the app's first script runs. */
async function device(app: 'hr' | 'seeker', accessToken: string, phone: boolean): Promise<Page> {
  const ctx = await browser.newContext({
    locale: 'zh-CN',
    viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    isMobile: phone,
    hasTouch: phone,
  });
  ctx.setDefaultTimeout(20_000);
  contexts.push(ctx);
  await ctx.addInitScript(
    ({ key, accessToken, role }) => localStorage.setItem(key, JSON.stringify({ accessToken, role })),
    app === 'hr' ? { key: 'tc.hr', accessToken, role: 'HR' } : { key: 'tc.seeker', accessToken, role: 'SEEKER' },
  );
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${app}: ${String(e)}`));
  return page;
}

const boothStats = (page: Page) => page.evaluate(() => window.__booth!.stats()) as Promise<InboundStats>;

/** Waits until the page decodes the other side's video and receives its audio (inbound-rtp). */
async function videoFlows(page: Page, what: string): Promise<InboundStats> {
  const stats = await eventually(
    async () => {
      const s = await boothStats(page);
      return s.video.framesDecoded > 0 && s.video.bytesReceived > 0 && s.audio.bytesReceived > 0 ? s : null;
    },
    30_000,
    `${what}: video decoded`,
  );
  return stats!;
}

const queueState = (page: Page) => page.locator('#queue-state').getAttribute('data-state');
async function stateIs(page: Page, state: string, what: string): Promise<void> {
  await eventually(async () => (await queueState(page)) === state, 20_000, `${what} ${state}`);
}
async function clean(page: Page, what: string): Promise<void> {
  expect({ what, violations: await axeViolations(page) }).toEqual({ what, violations: [] });
}

it('HR calls, seeker 1 answers (video both ways); seeker 2 misses the call, is recalled, answers (video again)', async () => {
  const t = await tenantWithHr(api);
  const fairId = await insertFair(api, { title: '乌兰察布线上招聘会' });
  const { boothId } = await insertBooth(api, fairId, t.tenantId, 'A08');
  const [s1, s2] = [await seekerWithProfile(api), await seekerWithProfile(api)];
  const userIdOf = async (token: string) => (await api.ok(`{ me { id } }`, {}, token)).me.id as string;
  const [s1User, s2User] = [await userIdOf(s1.token), await userIdOf(s2.token)];

  // HR: from 招聘会展位 to the booth page; the video desk on.
  const hr = await device('hr', t.hrToken, false);
  await hr.goto(`${api.url}/hr/#/fairs`);
  await hr.locator(`[data-booth="${boothId}"] .open-booth`).waitFor();
  expect(await hr.locator(`[data-booth="${boothId}"]`).innerText()).toContain('乌兰察布线上招聘会');
  await clean(hr, 'HR fair booths');
  await hr.locator(`[data-booth="${boothId}"] .open-booth`).click();
  await hr.waitForURL(new RegExp(`#/booth/${boothId}$`));
  await hr.locator('#queue-h').waitFor();
  expect(await hr.locator('h1').innerText()).toContain('A08');
  await hr.locator('[data-live="1"]').waitFor({ state: 'attached' }); // the live channel is up before the queue moves
  await hr.click('#desk-open');
  await eventually(() => hr.evaluate(() => window.__booth?.joined === true), 20_000, 'HR desk joined');
  expect(media.rooms.snapshot().find((r) => r.id === `booth-${boothId}-${t.hrUserId}`)?.peers).toEqual([t.hrUserId]);
  await clean(hr, 'HR booth, empty queue, desk on');

  // Two seekers join the queue from their phones.
  const p1 = await device('seeker', s1.token, true);
  const p2 = await device('seeker', s2.token, true);
  // Seeker 1 from 本周六招聘会 (the live fair's booth links to its queue), seeker 2 straight from a link.
  await p1.goto(`${api.url}/#/fair`);
  const link = p1.locator(`a.queue-link[href$="/queue/${boothId}"]`);
  await link.waitFor();
  expect(await link.innerText()).toBe('线上排队视频面谈');
  await clean(p1, 'seeker 本周六招聘会 with the queue link');
  await link.click();
  await p1.waitForURL((u) => u.hash === `#/queue/${boothId}`);
  await p2.goto(`${api.url}/#/queue/${boothId}`);
  for (const p of [p1, p2]) {
    await p.locator('[data-live="1"]').waitFor({ state: 'attached' });
    await clean(p, 'seeker, not in the queue yet');
    await p.locator('#join-queue').click();
    await stateIs(p, 'WAITING', 'seeker');
  }
  expect(await p1.locator('#position').innerText()).toBe('下一位就是您');
  expect(await p2.locator('#position').innerText()).toBe('前面还有 1 人');
  expect(await p2.locator('#estimate').innerText()).toContain('预计等待 3–8 分钟');
  expect(await p2.locator('.card h2').first().innerText()).toContain('A08 号展位');
  await clean(p2, 'seeker waiting');

  // HR sees both (numbers only, pushed live).
  await eventually(async () => (await hr.locator('#waiting li').count()) === 2, 20_000, 'HR sees two waiting');
  expect(await hr.locator('#waiting li').allInnerTexts()).toEqual([expect.stringContaining('1 号'), expect.stringContaining('2 号')]);
  expect(await hr.locator('#waiting').innerText()).not.toContain('王晓燕');
  await clean(hr, 'HR booth, two waiting');

  // Call next → seeker 1: 轮到您了; answering starts the video; HR's desk admits them.
  await hr.click('#call-next');
  await stateIs(p1, 'CALLED', 'seeker 1');
  expect(await p1.locator('.turn').innerText()).toBe('轮到您了');
  await eventually(async () => (await p2.locator('#position').innerText()) === '下一位就是您', 20_000, 'seeker 2 moves up');
  await clean(p1, 'seeker called');
  await p1.click('#answer');
  const [hrSees1, s1Sees] = await Promise.all([videoFlows(hr, 'HR ← seeker 1'), videoFlows(p1, 'seeker 1 ← HR')]);
  expect(hrSees1.video.framesDecoded).toBeGreaterThan(0);
  expect(s1Sees.video.framesDecoded).toBeGreaterThan(0);
  await eventually(async () => (await hr.locator('#desk-state').innerText()) === '正在与 1 号视频面谈', 20_000, 'HR desk talking to No. 1');
  await stateIs(p1, 'IN_CALL', 'seeker 1');
  expect(await hr.evaluate(() => window.__booth!.admitted)).toBe(s1User);
  // The seeker being served could be handed to a colleague; this company has no other HR user, and the page says so.
  expect(await hr.locator('#hand-over').innerText()).toBe('本企业没有其他HR账号可转交');
  await clean(hr, 'HR booth, in a video call');
  await clean(p1, 'seeker in the video call');

  // Call next → seeker 1's turn is over (video closed), seeker 2 is called but does not answer.
  await hr.click('#call-next');
  await stateIs(p2, 'CALLED', 'seeker 2');
  await stateIs(p1, 'done', 'seeker 1');
  await eventually(() => p1.evaluate(() => window.__booth?.state === 'closed'), 20_000, "seeker 1's video closed");
  expect(await hr.locator('#call-result').innerText()).toContain('上一位已面谈完毕');
  await clean(p1, 'seeker, talk over');

  // Within the answer time HR cannot skip; after it, next skips seeker 2 and (nobody else waiting) recalls them.
  await hr.click('#call-next');
  await eventually(
    async () =>
      /还有\d+秒应答时间/.test(
        (await hr
          .locator('#call-error')
          .innerText()
          .catch(() => '')) || '',
      ),
    20_000,
    'call pending',
  );
  await clean(hr, 'HR booth, call still pending');
  api.clock.advance(61_000);
  await hr.click('#call-next');
  await eventually(
    async () =>
      (
        await hr
          .locator('#call-result')
          .innerText()
          .catch(() => '')
      ).includes('已过号'),
    20_000,
    'skipped',
  );
  expect(await hr.locator('#call-result').innerText()).toContain('过号重叫');
  await hr.locator('#current .recall').waitFor();
  await eventually(async () => (await p2.locator('#queue-state').getAttribute('data-recalled')) === '1', 20_000, 'seeker 2 recalled');
  await stateIs(p2, 'CALLED', 'seeker 2');
  expect(await p2.locator('#recalled-note').innerText()).toContain('过号重叫');
  await clean(p2, 'seeker recalled');
  await clean(hr, 'HR booth, recall pending');

  // Seeker 2 answers the recall: video both ways again.
  await p2.click('#answer');
  const [hrSees2, s2Sees] = await Promise.all([videoFlows(hr, 'HR ← seeker 2'), videoFlows(p2, 'seeker 2 ← HR')]);
  expect(hrSees2.video.framesDecoded).toBeGreaterThan(0);
  expect(s2Sees.video.framesDecoded).toBeGreaterThan(0);
  await eventually(async () => (await hr.locator('#desk-state').innerText()) === '正在与 2 号视频面谈', 20_000, 'HR desk talking to No. 2');
  expect(await hr.evaluate(() => window.__booth!.admitted)).toBe(s2User);
  const room = media.rooms.snapshot().find((r) => r.id === `booth-${boothId}-${t.hrUserId}`)!;
  expect(room.peers.sort()).toEqual([t.hrUserId, s2User].sort());

  const log = await api.db.query(`SELECT number, outcome FROM fair_booth_queue_log WHERE booth_id = $1 ORDER BY at`, [boothId]);
  expect(log.map((r: { number: number; outcome: string }) => `${r.number}:${r.outcome}`)).toEqual(['1:SERVED', '2:SKIPPED']);
  expect(pageErrors).toEqual([]);
});

it('HR sees a skipped seeker flagged in the queue; the seeker sees they are called once more, then leaves', async () => {
  const t = await tenantWithHr(api);
  const fairId = await insertFair(api);
  const { boothId } = await insertBooth(api, fairId, t.tenantId, 'B12');
  const [s1, s2, s3] = [await seekerWithProfile(api), await seekerWithProfile(api), await seekerWithProfile(api)];
  const JOIN = `mutation($b: ID!) { joinBoothQueue(boothId: $b) { number } }`;
  await api.ok(JOIN, { b: boothId }, s1.token);

  const p2 = await device('seeker', s2.token, true);
  await p2.goto(`${api.url}/#/queue/${boothId}`);
  await p2.locator('[data-live="1"]').waitFor({ state: 'attached' });
  await p2.locator('#join-queue').click();
  await stateIs(p2, 'WAITING', 'seeker 2');
  await api.ok(JOIN, { b: boothId }, s3.token);

  const hr = await device('hr', t.hrToken, false);
  await hr.goto(`${api.url}/hr/#/booth/${boothId}`);
  await hr.locator('[data-live="1"]').waitFor({ state: 'attached' });
  await eventually(async () => (await hr.locator('#waiting li').count()) === 3, 20_000, 'HR sees three waiting');

  await hr.click('#call-next'); // No. 1, who answers (takes the room token) without video here
  await eventually(async () => (await hr.locator('#current [data-number]').getAttribute('data-number')) === '1', 20_000, 'No. 1 called');
  await api.ok(`mutation($b: ID!) { boothJoinToken(boothId: $b) { room } }`, { b: boothId }, s1.token);
  await hr.locator('#current [data-state="IN_CALL"]').waitFor();
  await hr.click('#call-next'); // No. 2 called, does not answer
  await stateIs(p2, 'CALLED', 'seeker 2');
  api.clock.advance(61_000);
  await hr.click('#call-next'); // No. 2 skipped: No. 3 called, No. 2 waits to be recalled right after
  await eventually(async () => (await hr.locator('#current [data-number]').getAttribute('data-number')) === '3', 20_000, 'No. 3 called');
  const skipped = hr.locator('#waiting li[data-skipped="1"]');
  await skipped.waitFor();
  expect(await skipped.getAttribute('data-number')).toBe('2');
  expect(await skipped.innerText()).toContain('过号，重叫一次');
  await clean(hr, 'HR booth, a skipped seeker waiting');

  await stateIs(p2, 'WAITING', 'seeker 2');
  expect(await p2.locator('#queue-state').getAttribute('data-recalled')).toBe('1');
  expect(await p2.locator('#recalled-note').innerText()).toContain('您刚才过号了');
  expect(await p2.locator('#position').innerText()).toBe('下一位就是您');
  await clean(p2, 'seeker skipped, waiting for the recall');

  await p2.click('#leave-queue');
  await stateIs(p2, 'left', 'seeker 2');
  await eventually(async () => (await hr.locator('#waiting li').count()) === 0, 20_000, 'HR sees the queue empty');
  await clean(p2, 'seeker left the queue');
  const log = await api.db.query(`SELECT number, outcome FROM fair_booth_queue_log WHERE booth_id = $1 ORDER BY at`, [boothId]);
  expect(log.map((r: { number: number; outcome: string }) => `${r.number}:${r.outcome}`)).toEqual(['1:SERVED', '2:SKIPPED', '2:LEFT']);
  expect(pageErrors).toEqual([]);
});
