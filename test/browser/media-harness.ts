import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { createMediaApp } from '../../apps/media/src/app';
import { loadMediaConfig, MediaConfig } from '../../apps/media/src/media.config';
import { MEDIA_TOKEN_AUDIENCE, MEDIA_TOKEN_TYPE } from '../../apps/media/src/protocol';
import type { PeerRole, RoomKind } from '../../apps/media/src/protocol';
import { RoomsService } from '../../apps/media/src/rooms/rooms.service';
import type {} from '../../apps/web/src/interview/globals';
import type { InboundStats } from '../../apps/web/src/interview/session';
import { WorkerPool } from '../../apps/media/src/workers/worker-pool.service';

/** Helpers shared by the browser tests and the benchmark: the media service in-process and headless chromium. */

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];
export const SECRET = 'browser-test-media-token-secret';

export interface MediaHarness {
  app: NestExpressApplication;
  config: MediaConfig;
  baseUrl: string;
  rooms: RoomsService;
  pool: WorkerPool;
  close(): Promise<void>;
}

/**
 * Starts the media service on a free HTTP port and a random WebRTC port base.
 * Fails (does not skip) when the worker binary has not been built.
 */
export async function startMedia(env: Record<string, string> = {}): Promise<MediaHarness> {
  // A WebRTC port base below Linux's ephemeral range (32768–60999), so no outgoing connection holds it; another file
  // running in parallel may still have drawn the same base: then draw again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startMediaOnce({ MEDIA_RTC_PORT_BASE: String(20000 + Math.floor(Math.random() * 120) * 100), ...env });
    } catch (e) {
      if (attempt >= 5 || env.MEDIA_RTC_PORT_BASE || !/address already in use/i.test(String(e))) throw e;
    }
  }
}

async function startMediaOnce(env: Record<string, string>): Promise<MediaHarness> {
  const config = loadMediaConfig({
    ...process.env,
    NODE_ENV: 'test',
    MEDIA_PORT: '0',
    MEDIA_WORKERS: '2',
    MEDIA_TOKEN_SECRET: SECRET,
    MEDIA_ROOM_IDLE_SECONDS: '2',
    MEDIA_WORKER_LOG_LEVEL: 'error',
    ...env,
  });
  if (!existsSync(config.workerBin)) {
    throw new Error(
      `mediasoup-worker binary missing at ${config.workerBin}. ` +
        'Run tools/mediasoup/build-worker.sh (or set MEDIASOUP_WORKER_BIN) before the browser tests.',
    );
  }
  const app = await createMediaApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  // The pages this service serves itself may signal (the port is known only now; config is read per connection).
  if (!env.MEDIA_ALLOWED_ORIGINS) config.allowedOrigins.push(baseUrl);
  return {
    app,
    config,
    baseUrl,
    rooms: app.get(RoomsService),
    pool: app.get(WorkerPool),
    close: () => app.close(),
  };
}

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

const jwt = new JwtService({ secret: SECRET });

export function roomToken(
  claims: { sub: string; room: string; role: PeerRole; kind?: RoomKind; name?: string; roomEndsAt?: number; typ?: string; aud?: string },
  options: { expiresInSeconds?: number; secret?: string } = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  return jwt.sign(
    { typ: MEDIA_TOKEN_TYPE, aud: MEDIA_TOKEN_AUDIENCE, kind: 'INTERVIEW', ...claims, exp: now + (options.expiresInSeconds ?? 120) },
    options.secret ? { secret: options.secret } : {},
  );
}

export interface Participant {
  context: BrowserContext;
  page: Page;
}

/** Opens a join page in its own browser context (its own "device") and clicks Join. */
export async function joinPage(
  browser: Browser,
  baseUrl: string,
  opts: {
    page: 'seeker' | 'hr';
    room: string;
    token: string;
    video?: boolean;
    join?: boolean;
    trackSockets?: boolean;
    /** More URL parameters (e.g. a `media=` the page must ignore). */
    query?: Record<string, string>;
  },
): Promise<Participant> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (opts.trackSockets) {
    // Keeps the page's WebSockets reachable (window.__sockets) so a test can cut one like a network change would.
    await page.addInitScript(() => {
      const sockets: WebSocket[] = [];
      const Native = window.WebSocket;
      (window as unknown as { __sockets: WebSocket[] }).__sockets = sockets;
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          sockets.push(this);
        }
      };
    });
  }
  const query = new URLSearchParams({ room: opts.room, token: opts.token });
  if (opts.video === false) query.set('video', '0');
  for (const [k, v] of Object.entries(opts.query ?? {})) query.set(k, v);
  await page.goto(`${baseUrl}/interview/${opts.page}.html?${query}`);
  await page.waitForFunction(() => !(document.getElementById('join') as HTMLButtonElement).disabled);
  if (opts.join !== false) await page.click('#join');
  return { context, page };
}

export function stats(page: Page): Promise<InboundStats> {
  return page.evaluate(() => window.__media.stats());
}

/** Waits until the page decodes the other side's video and receives its audio (as far as `expect` asks). */
export async function waitForMedia(
  page: Page,
  expect: { audio?: boolean; video?: boolean } = { audio: true, video: true },
  timeoutMs = 20_000,
): Promise<InboundStats> {
  const deadline = Date.now() + timeoutMs;
  let last: InboundStats | null = null;
  while (Date.now() < deadline) {
    last = await stats(page).catch(() => null);
    if (last && (!expect.audio || last.audio.bytesReceived > 0) && (!expect.video || (last.video.bytesReceived > 0 && last.video.framesDecoded > 0))) {
      return last;
    }
    await page.waitForTimeout(250);
  }
  const why = await page
    .evaluate(() => ({ state: window.__media?.state, lastError: window.__media?.lastError, status: document.querySelector('#status')?.textContent }))
    .catch(() => null);
  throw new Error(`no media within ${timeoutMs} ms; last stats ${JSON.stringify(last)}; page ${JSON.stringify(why)}`);
}

/** Polls `check` until it returns a truthy value. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${lastError}` : ''}`);
}
