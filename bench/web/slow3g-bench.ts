/**
 * The seeker's job board on a cheap phone on a slow network (not part of jest):
 *   npm run bench:web [-- --runs 3] [--verbose]
 *
 * A fresh test database (the jest globalSetup), the real API (createTestApi, which serves apps/web/dist
 * like production does without the proxy) with 12 open postings, and Debian's chromium emulating a phone
 * on "Slow 3G" (Chrome DevTools' preset: 2,000 ms round trip, 50,000 bytes/s each way) with the CPU
 * slowed 4× (CDP Network.emulateNetworkConditions + Emulation.setCPUThrottlingRate).
 * Figures per visit:
 *  - bytes on the wire (CDP encodedDataLength: headers + body as transferred, after compression);
 *  - first contentful paint and time to the first job card visible, from navigation start;
 *  - cold (a new browser profile, empty cache) and repeat visits (same profile: the hashed script
 *    should come from the cache without a request, the HTML revalidated).
 * Run it with HTTP_COMPRESSION=false to see the board without the API's own compression.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = arg('runs', 3);
/** --verbose: every request of every visit, with its start time. */
const VERBOSE = args.includes('--verbose');
const ROOT = join(__dirname, '..', '..');
/** Chrome DevTools' "Slow 3G" (called "3G" in newer DevTools): 400 ms × 5 latency, 500 kbit/s × 0.8. */
const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: ((500 * 1000) / 8) * 0.8, uploadThroughput: ((500 * 1000) / 8) * 0.8 };
const CPU_SLOWDOWN = 4;
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

interface Visit {
  bytes: number;
  requests: number;
  fromCache: number;
  fcpMs: number;
  jobsMs: number;
  encodings: string[];
}

async function visit(ctx: BrowserContext, url: string): Promise<Visit> {
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  let bytes = 0;
  let requests = 0;
  let fromCache = 0;
  const encodings = new Set<string>();
  const t0 = Date.now();
  cdp.on('Network.requestWillBeSent', (e) => {
    requests++;
    if (VERBOSE) console.log(`  +${Date.now() - t0} ms ${e.request.method} ${e.request.url.replace(url, '/')} ${e.request.postData?.slice(0, 60) ?? ''}`);
  });
  cdp.on('Network.requestServedFromCache', () => fromCache++);
  cdp.on('Network.responseReceived', (e) => {
    const h = Object.fromEntries(Object.entries(e.response.headers as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    if (h['content-encoding']) encodings.add(h['content-encoding']);
  });
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  await page.locator('.card.job').first().waitFor({ state: 'visible', timeout: 120_000 });
  const t = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return { now: performance.now() - nav.startTime, fcp: fcp ? fcp.startTime - nav.startTime : NaN };
  });
  // The GraphQL request that filled the board has finished by now; give stragglers (icon) a moment.
  await page.waitForLoadState('networkidle', { timeout: 120_000 }).catch(() => undefined);
  await page.close();
  return { bytes, requests, fromCache, fcpMs: Math.round(t.fcp), jobsMs: Math.round(t.now), encodings: [...encodings] };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function report(label: string, visits: Visit[]) {
  console.log(
    `${label.padEnd(8)} bytes ${median(visits.map((v) => v.bytes))
      .toString()
      .padStart(7)}  requests ${median(visits.map((v) => v.requests))}` +
      ` (from cache ${median(visits.map((v) => v.fromCache))})  FCP ${median(visits.map((v) => v.fcpMs))} ms  jobs visible ${median(visits.map((v) => v.jobsMs))} ms` +
      `  encodings [${[...new Set(visits.flatMap((v) => v.encodings))].join(',')}]  (median of ${visits.length})`,
  );
}

async function main() {
  const setup = (await import('../../libs/testing/src/global-setup')).default;
  const teardown = (await import('../../libs/testing/src/global-teardown')).default;
  await setup();
  execFileSync(process.execPath, [join(ROOT, 'apps/web/build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  const { createTestApi, operator, insertStaff, signInStaff, openPosting, creditCode } = await import('@app/testing');
  const { Role } = await import('@app/core');
  const api = await createTestApi();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const op = await operator(api);
    const t = await api.ok(
      `mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }`,
      { i: { name: '乌兰察布智联呼叫中心', creditCode: creditCode(), seats: 800 } },
      op,
    );
    const hr = await insertStaff(api, Role.HR, { tenantId: t.createTenant.id });
    const token = await signInStaff(api, hr.username, hr.password);
    for (let i = 0; i < 12; i++) await openPosting(api, token, 5);
    console.log(
      `seeker board at ${api.url}/ under Slow 3G (2,000 ms RTT, 50 KB/s) and ${CPU_SLOWDOWN}x CPU slowdown; HTTP_COMPRESSION=${process.env.HTTP_COMPRESSION ?? '(default)'}`,
    );
    const cold: Visit[] = [];
    const repeat: Visit[] = [];
    for (let i = 0; i < RUNS; i++) {
      const ctx = await browser.newContext(PHONE);
      cold.push(await visit(ctx, `${api.url}/`));
      repeat.push(await visit(ctx, `${api.url}/`));
      await ctx.close();
    }
    report('cold', cold);
    report('repeat', repeat);
  } finally {
    await browser.close();
    await api.close();
    await teardown();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
