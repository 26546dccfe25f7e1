import type { Browser, Page } from 'playwright-core';
import { CloseCode } from '../../apps/media/src/protocol';
import { eventually, joinPage, launchChromium, MediaHarness, Participant, roomToken, startMedia, stats, waitForMedia } from './media-harness';

/**
 * Real headless chromium (Debian's, fake camera and microphone) against the
 * media service running in-process with the locally built mediasoup worker.
 */
jest.setTimeout(60_000);

let media: MediaHarness;
let browser: Browser;
/** Pages closed after each test; `kept` ones live until the end of their describe block. */
const opened: Participant[] = [];
const kept: Participant[] = [];

beforeAll(async () => {
  media = await startMedia();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await media?.close();
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((p) => p.context.close()));
});

async function open(...args: Parameters<typeof joinPage>): Promise<Page> {
  const participant = await joinPage(...args);
  opened.push(participant);
  return participant.page;
}

async function openKept(...args: Parameters<typeof joinPage>): Promise<Page> {
  const participant = await joinPage(...args);
  kept.push(participant);
  return participant.page;
}

const roomOf = (id: string) => media.rooms.snapshot().find((r) => r.id === id);
const lastError = (page: Page) => page.evaluate(() => window.__media.lastError);
const statusText = (page: Page) => page.locator('#status').innerText();

describe('two-party interview', () => {
  const room = 'iv-1001';
  let seeker: Page;
  let hr: Page;
  afterAll(() => Promise.all(kept.splice(0).map((p) => p.context.close())));

  it("seeker and HR each receive the other side's audio and video", async () => {
    const base = media.baseUrl;
    seeker = await openKept(browser, base, {
      page: 'seeker',
      room,
      token: roomToken({ sub: 'seeker-1', room, role: 'SEEKER', name: '张三' }),
    });
    hr = await openKept(browser, base, {
      page: 'hr',
      room,
      token: roomToken({ sub: 'hr-1', room, role: 'HR', name: '李经理' }),
    });
    const [seekerStats, hrStats] = await Promise.all([waitForMedia(seeker), waitForMedia(hr)]);
    expect(seekerStats.audio.bytesReceived).toBeGreaterThan(0);
    expect(seekerStats.video.framesDecoded).toBeGreaterThan(0);
    expect(hrStats.audio.bytesReceived).toBeGreaterThan(0);
    expect(hrStats.video.framesDecoded).toBeGreaterThan(0);

    expect(await seeker.evaluate(() => window.__media.peers.map((p) => p.name))).toEqual(['李经理']);
    expect(await hr.locator('#scorecard').count()).toBe(1);
    // The scorecard hook: the API side renders into the panel once joined.
    await hr.evaluate(() =>
      window.__interview.mountScorecard((panel, ctx) => {
        panel.dataset.filled = ctx.peers.map((p) => p.name).join(',');
      }),
    );
    expect(await hr.locator('#scorecard').getAttribute('data-filled')).toBe('张三');

    const server = roomOf(room)!;
    expect(server.peers.sort()).toEqual(['hr-1', 'seeker-1']);
    expect(server.transports).toBe(4);
    expect(server.producers).toBe(4);
    expect(server.consumers).toBe(4);
  });

  it('recovers when the worker hosting the room is killed: clients move to a live worker', async () => {
    const before = roomOf(room)!;
    process.kill(before.workerPid, 'SIGKILL');

    // Both pages are told (migrated), set their media up again, and media flow again.
    await eventually(
      async () => (await seeker.evaluate(() => window.__media.recoveries)) >= 1 && (await hr.evaluate(() => window.__media.recoveries)) >= 1,
      15_000,
      'both pages to recover',
    );
    await Promise.all([waitForMedia(seeker), waitForMedia(hr)]);
    const after = roomOf(room)!;
    expect(after.workerPid).not.toBe(before.workerPid);
    expect(after.transports).toBe(4);
    expect(after.consumers).toBe(4);
    // The pool replaced the dead worker.
    expect(media.pool.live()).toHaveLength(2);
    expect(media.pool.live().map((w) => w.worker.pid)).not.toContain(before.workerPid);
  });

  it("leaving closes the peer's transports on the server; the empty room is closed", async () => {
    await hr.click('#leave');
    await eventually(() => roomOf(room)?.peers.length === 1, 10_000, 'HR to be gone');
    // The seeker's consumers of HR close when the worker reports HR's producers gone (asynchronously).
    await eventually(() => roomOf(room)?.consumers === 0, 10_000, 'consumers of HR to close');
    expect(roomOf(room)).toMatchObject({ peers: ['seeker-1'], transports: 2, producers: 2, consumers: 0 });
    await eventually(() => seeker.evaluate(() => window.__media.peers.length === 0), 10_000, 'seeker to see HR leave');

    await seeker.click('#leave');
    await eventually(() => roomOf(room)?.transports === 0, 10_000, 'seeker transports closed');
    // MEDIA_ROOM_IDLE_SECONDS=2 in the tests.
    await eventually(() => roomOf(room) === undefined, 6_000, 'idle room to close');
  });
});

describe('refused joins', () => {
  const room = 'iv-2002';
  const cases: [string, () => string, CloseCode, RegExp][] = [
    ['a token for another room', () => roomToken({ sub: 's', room: 'iv-other', role: 'SEEKER' }), CloseCode.WrongRoom, /凭证不属于此房间/],
    [
      'a token with a bad signature',
      () => roomToken({ sub: 's', room, role: 'SEEKER' }, { secret: 'not-the-media-secret!' }),
      CloseCode.TokenInvalid,
      /入会凭证无效/,
    ],
    [
      'an API access token (typ access, aud talent-cloud-api), even under the media key',
      () => roomToken({ sub: 's', room, role: 'SEEKER', typ: 'access', aud: 'talent-cloud-api' }),
      CloseCode.TokenInvalid,
      /入会凭证无效/,
    ],
    ['an expired token', () => roomToken({ sub: 's', room, role: 'SEEKER' }, { expiresInSeconds: -5 }), CloseCode.TokenExpired, /已过期/],
    [
      'a room that has ended',
      () => roomToken({ sub: 's', room, role: 'SEEKER', roomEndsAt: Math.floor(Date.now() / 1000) - 1 }),
      CloseCode.RoomEnded,
      /面试已结束/,
    ],
  ];

  it.each(cases)('refuses %s and the page says so', async (_what, token, code, message) => {
    const page = await open(browser, media.baseUrl, { page: 'seeker', room, token: token() });
    await eventually(() => page.evaluate(() => window.__media.state === 'closed'), 10_000, 'refusal');
    expect(await lastError(page)).toMatchObject({ code });
    expect(await statusText(page)).toMatch(message);
    expect(roomOf(room)).toBeUndefined();
  });
});

describe('one connection per user', () => {
  it('the seeker joins again on a second device: the first is closed with the reason, the HR page shows a notice; media= is ignored', async () => {
    const room = 'iv-6006';
    const seekerToken = roomToken({ sub: 'seeker-6', room, role: 'SEEKER', name: '求职者' });
    const hr = await open(browser, media.baseUrl, { page: 'hr', room, token: roomToken({ sub: 'hr-6', room, role: 'HR', name: '面试官' }) });
    // A crafted link pointing the page at another media server: the page signals on its own origin regardless.
    const first = await open(browser, media.baseUrl, { page: 'seeker', room, token: seekerToken, query: { media: 'http://127.0.0.1:9' } });
    await Promise.all([waitForMedia(first), waitForMedia(hr)]);
    expect(await first.evaluate(() => window.__media.signallingOrigin)).toBe(media.baseUrl.replace(/^http/, 'ws'));
    expect(await hr.locator('#replaced').count()).toBe(0);

    const second = await open(browser, media.baseUrl, { page: 'seeker', room, token: seekerToken });
    await eventually(() => first.evaluate(() => window.__media.state === 'closed'), 10_000, 'first device closed');
    expect(await lastError(first)).toMatchObject({ code: CloseCode.Replaced });
    expect(await statusText(first)).toMatch(/已在其他设备加入/);
    await Promise.all([waitForMedia(second), waitForMedia(hr)]);
    await hr.locator('#replaced li').waitFor({ timeout: 10_000 });
    expect(await hr.locator('#replaced').innerText()).toMatch(/求职者重新连接（可能换了设备、窗口或网络），原连接已断开（\d\d:\d\d:\d\d）/);
    expect(await hr.evaluate(() => window.__media.replacements.map((r) => [r.peerId, r.role]))).toEqual([['seeker-6', 'SEEKER']]);
    // The first page does not come back on its own (Replaced is final): one seeker in the room.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(roomOf(room)?.peers.sort()).toEqual(['hr-6', 'seeker-6']);
    expect(await first.evaluate(() => window.__media.state)).toBe('closed');
  });
});

describe('network trouble', () => {
  it('ICE restart on request keeps media flowing; a dropped socket reconnects with the resume token', async () => {
    const room = 'iv-4004';
    // The original token expires before the drop: only the resume token can get the seeker back in. It lives long
    // enough for a loaded machine to open the page and join (exp is in whole seconds: 2 s left as little as 1 s).
    const token = roomToken({ sub: 'seeker-4', room, role: 'SEEKER' }, { expiresInSeconds: 4 });
    const expiresAt = (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number }).exp * 1000;
    const seeker = await open(browser, media.baseUrl, { page: 'seeker', room, trackSockets: true, token });
    const hr = await open(browser, media.baseUrl, { page: 'hr', room, token: roomToken({ sub: 'hr-4', room, role: 'HR' }) });
    await Promise.all([waitForMedia(seeker), waitForMedia(hr)]);

    await seeker.evaluate(() => window.__media.restartIce());
    const before = await stats(seeker);
    await eventually(async () => (await stats(seeker)).video.framesDecoded > before.video.framesDecoded + 10, 10_000, 'frames after ICE restart');

    await new Promise((r) => setTimeout(r, Math.max(0, expiresAt - Date.now()) + 500));
    expect(Date.now()).toBeGreaterThan(expiresAt);
    // A network change: the socket goes away without the page leaving.
    await seeker.evaluate(() => (window as unknown as { __sockets: WebSocket[] }).__sockets.at(-1)!.close(3000, 'network changed'));
    await eventually(() => seeker.evaluate(() => window.__media.recoveries >= 1 && window.__media.joined), 10_000, 'reconnect');
    await Promise.all([waitForMedia(seeker), waitForMedia(hr)]);
    expect(roomOf(room)?.peers.sort()).toEqual(['hr-4', 'seeker-4']);
  });

  it('closes the room at roomEndsAt and tells both sides', async () => {
    const room = 'iv-5005';
    const roomEndsAt = Math.floor(Date.now() / 1000) + 6;
    const seeker = await open(browser, media.baseUrl, {
      page: 'seeker',
      room,
      token: roomToken({ sub: 'seeker-5', room, role: 'SEEKER', roomEndsAt }),
    });
    const hr = await open(browser, media.baseUrl, { page: 'hr', room, token: roomToken({ sub: 'hr-5', room, role: 'HR', roomEndsAt }) });
    for (const page of [seeker, hr]) {
      await eventually(() => page.evaluate(() => window.__media.joined), 10_000, 'joined before the end');
    }
    for (const page of [seeker, hr]) {
      await eventually(() => page.evaluate(() => window.__media.state === 'closed'), 10_000, 'room end');
      expect(await lastError(page)).toMatchObject({ code: CloseCode.RoomEnded });
      expect(await statusText(page)).toMatch(/面试已结束/);
    }
    expect(roomOf(room)).toBeUndefined();
  });
});

describe('audio-only fallback', () => {
  it('a seeker without camera joins with the microphone only', async () => {
    const room = 'iv-3003';
    const seeker = await open(browser, media.baseUrl, {
      page: 'seeker',
      room,
      video: false,
      token: roomToken({ sub: 'seeker-3', room, role: 'SEEKER' }),
    });
    const hr = await open(browser, media.baseUrl, {
      page: 'hr',
      room,
      token: roomToken({ sub: 'hr-3', room, role: 'HR' }),
    });
    expect(await seeker.evaluate(() => window.__media.localMedia)).toBe('audio');
    const hrStats = await waitForMedia(hr, { audio: true });
    expect(hrStats.consumers).toBe(1);
    await waitForMedia(seeker); // the seeker still sees and hears HR
    expect(roomOf(room)?.producers).toBe(3);
  });
});

describe('job-fair booth', () => {
  it('one HR, two seekers: the second waits; HR admits them in turn', async () => {
    const room = 'booth-77';
    const token = (sub: string, role: 'HR' | 'SEEKER', name: string) => roomToken({ sub, room, role, kind: 'BOOTH', name });
    const hr = await open(browser, media.baseUrl, { page: 'hr', room, token: token('hr-7', 'HR', '王HR') });
    const first = await open(browser, media.baseUrl, { page: 'seeker', room, token: token('s-1', 'SEEKER', '甲') });
    await eventually(() => first.evaluate(() => window.__media.booth?.position === 1), 10_000, 'first in queue');
    const second = await open(browser, media.baseUrl, { page: 'seeker', room, token: token('s-2', 'SEEKER', '乙') });
    await eventually(() => second.evaluate(() => window.__media.booth?.position === 2), 10_000, 'second in queue');
    await eventually(
      () =>
        hr
          .locator('#queue li')
          .count()
          .then((n) => n === 2),
      10_000,
      'HR sees the queue',
    );
    expect(await first.evaluate(() => window.__media.canPublish)).toBe(false);
    expect(roomOf(room)?.producers).toBe(2); // only HR sends media while everyone waits
    const names = (page: Page) => page.evaluate(() => window.__media.peers.map((p) => p.name));
    expect(await names(second)).toEqual([]); // seekers never learn about each other
    expect(await names(hr)).toEqual([]);

    await hr.click('#admit-next');
    await Promise.all([waitForMedia(first), waitForMedia(hr)]);
    await eventually(() => second.evaluate(() => window.__media.booth?.position === 1), 10_000, 'second moves up');
    expect(await statusText(second)).toMatch(/前面还有 0 人/);
    expect((await stats(second)).consumers).toBe(0); // the waiting seeker gets no media
    expect(await names(hr)).toEqual(['甲']);
    expect(await names(first)).toEqual(['王HR']);
    expect(await names(second)).toEqual([]);

    await hr.click('#admit-next');
    await eventually(() => first.evaluate(() => window.__media.state === 'closed'), 10_000, 'first turn over');
    expect(await lastError(first)).toMatchObject({ code: CloseCode.BoothTurnOver });
    await waitForMedia(second);
    const server = roomOf(room)!;
    expect(server.booth).toEqual({ admitted: 's-2', waiting: [] });
    expect(server.peers.sort()).toEqual(['hr-7', 's-2']);
  });
});
