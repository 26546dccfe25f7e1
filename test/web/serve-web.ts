import { Clock } from '@app/core';
import { createTestApi, TestApi } from '@app/testing';
import { execFileSync } from 'child_process';
import { createReadStream, existsSync, statSync } from 'fs';
import { createServer, request, Server } from 'http';
import { AddressInfo } from 'net';
import { extname, join, normalize } from 'path';
import { Browser, BrowserContext, BrowserContextOptions, chromium } from 'playwright-core';

export const WEB_DIST = join(__dirname, '..', '..', 'apps', 'web', 'dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.css': 'text/css',
  '.map': 'application/json',
};

/**
 * Where the pages are: the API's own server when its ServeStaticModule
 * serves apps/web/dist, otherwise a small stand-in that serves the files and
 * passes /graphql through to the API (so the pages still talk to the real API).
 */
export async function webBase(apiUrl: string, now: () => Date = () => new Clock().now()): Promise<{ url: string; viaApi: boolean; close(): Promise<void> }> {
  const probe = await fetch(`${apiUrl}/`)
    .then((r) => r.text())
    .catch(() => '');
  if (probe.includes('<body class="seeker">')) return { url: apiUrl, viaApi: true, close: async () => undefined };
  const api = new URL(apiUrl);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    if (path === '/graphql') {
      const up = request({ host: api.hostname, port: api.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.destroy());
      req.pipe(up);
      return;
    }
    res.setHeader('Date', now().toUTCString()); // the API's clock, as the API's own responses (libs/testing test-app.ts)
    let file = normalize(join(WEB_DIST, path));
    if (!file.startsWith(WEB_DIST)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    viaApi: false,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..');

/**
 * What every page test starts with: the built pages, the real API (createTestApi) and Debian's chromium.
 * The pages are built here unless the run built them already (tools/test.sh sets WEB_PREBUILT=1): test
 * files run in parallel, and one rebuilding apps/web/dist while another's browser loads it is a race.
 */
export async function openWebHarness(): Promise<{ api: TestApi; browser: Browser; web: Awaited<ReturnType<typeof webBase>>; base: string }> {
  if (process.env.WEB_PREBUILT !== '1') execFileSync(process.execPath, [join(ROOT, 'apps/web/build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: apt-get install -y chromium`);
  const [api, browser] = await Promise.all([
    createTestApi(),
    chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] }),
  ]);
  const web = await webBase(api.url, () => api.clock.now());
  return { api, browser, web, base: web.url };
}

/** A cheap Android phone's screen, and an office PC's. */
export const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const PC = (width = 1280, height = 800) => ({ viewport: { width, height } });

/**
 * A zh-CN, Beijing-time browser context whose page errors are collected into `errors` (the tests assert none).
 * Its clock starts where the API's does (`at`, by default the Clock's time: TEST_NOW when tools/test.sh runs the
 * date-sensitive files at fixed instants) and runs on from there; tests may move it with `ctx.clock`.
 */
export async function browserContext(browser: Browser, device: BrowserContextOptions, errors: string[], at: Date = new Clock().now()): Promise<BrowserContext> {
  const ctx = await browser.newContext({ ...device, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await ctx.clock.install({ time: at });
  ctx.setDefaultTimeout(10_000);
  ctx.on('page', (p) => p.on('pageerror', (e) => errors.push(String(e))));
  return ctx;
}
