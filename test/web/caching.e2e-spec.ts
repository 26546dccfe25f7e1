import { creditCode, insertStaff, openPosting, operator, signInStaff, TestApi } from '@app/testing';
import { Role } from '@app/core';
import { request } from 'http';
import { brotliDecompressSync, gunzipSync } from 'zlib';
import { Browser } from 'playwright-core';
import { browserContext, openWebHarness, PHONE, webBase } from './serve-web';

/**
 * What the API itself does at the edge when it runs without the reverse proxy (the demo): brotli/gzip
 * compression (apps/api/src/bootstrap.ts responseCompression) and Cache-Control on the pages it serves
 * (webCacheHeaders): content-hashed scripts immutable for a year, HTML and the interview pages no-cache.
 * Checked on the wire (raw HTTP, no client-side decoding) and in Chromium's own cache.
 */
jest.setTimeout(60_000);

let api: TestApi;
let browser: Browser;
let web: Awaited<ReturnType<typeof webBase>>;
let base: string;
const errors: string[] = [];

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}
/** One request with exactly these headers; the body as it came over the wire (still compressed). */
function raw(path: string, headers: Record<string, string> = {}, method = 'GET', payload?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
const decode = (r: Raw) =>
  r.headers['content-encoding'] === 'br' ? brotliDecompressSync(r.body) : r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body;

let script: string;

beforeAll(async () => {
  ({ api, browser, web, base } = await openWebHarness());
  const op = await operator(api);
  const t = await api.ok(
    `mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }`,
    { i: { name: `集宁缓存测试公司${Date.now() % 100000}`, creditCode: creditCode(), seats: 50 } },
    op,
  );
  const u = await insertStaff(api, Role.HR, { tenantId: t.createTenant.id });
  const token = await signInStaff(api, u.username, u.password);
  for (let i = 0; i < 8; i++) await openPosting(api, token, 3);
  const page = (await raw('/')).body.toString('utf8');
  script = page.match(/src="\/?(assets\/seeker-[0-9a-f]{10}\.js)"/)![1];
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await api?.close();
});

afterEach(() => {
  expect(errors.splice(0)).toEqual([]);
});

describe('the API at the edge (no proxy)', () => {
  it('serves the pages itself (ServeStaticModule), not through the test stand-in', () => {
    expect(web.viaApi).toBe(true);
  });

  it('sends the seeker bundle brotli-compressed to a browser that accepts br, gzip to one that accepts only gzip, as is otherwise', async () => {
    const plain = await raw(`/${script}`);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await raw(`/${script}`, { 'accept-encoding': 'gzip, deflate, br' });
    const gz = await raw(`/${script}`, { 'accept-encoding': 'gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    for (const r of [br, gz]) {
      expect(String(r.headers.vary)).toMatch(/accept-encoding/i);
      expect(decode(r).equals(plain.body)).toBe(true);
      // Minified JS compresses to well under half; the 56 KB seeker bundle is what a phone on 3G waits for.
      expect(r.body.length).toBeLessThan(plain.body.length * 0.45);
    }
    expect(br.body.length).toBeLessThan(gz.body.length);
  });

  it('marks the content-hashed scripts immutable for a year, compressed or not', async () => {
    for (const path of [`/${script}`, ...(await hashedScriptsOf(['/hr/', '/staff/', '/interview/seeker.html', '/interview/hr.html']))]) {
      for (const enc of [{}, { 'accept-encoding': 'br' }] as Record<string, string>[]) {
        const r = await raw(path, enc);
        expect([path, r.status, r.headers['cache-control']]).toEqual([path, 200, 'public, max-age=31536000, immutable']);
      }
    }
  });

  it('marks every HTML page, the interview pages and unhashed files no-cache, and revalidates them with a 304', async () => {
    for (const path of ['/', '/index.html', '/hr/', '/staff/', '/interview/seeker.html', '/interview/hr.html', '/icons/icon.svg']) {
      const r = await raw(path, { 'accept-encoding': 'gzip, br' });
      expect([path, r.status, r.headers['cache-control']]).toEqual([path, 200, 'no-cache']);
      if (path.endsWith('/') || path.endsWith('.html')) {
        expect(r.headers['content-type']).toMatch(/^text\/html/);
        // Compressed from the middleware's 1 KB threshold up (the Vue apps' HTML is a small shell; some are under it).
        expect([path, r.headers['content-encoding']]).toEqual([path, decode(r).length >= 1024 ? 'br' : undefined]);
      }
      const etag = r.headers.etag as string;
      expect(etag).toBeTruthy();
      const again = await raw(path, { 'accept-encoding': 'gzip, br', 'if-none-match': etag });
      expect([path, again.status]).toEqual([path, 304]);
    }
  });

  it('compresses GraphQL JSON too, and leaves small responses alone', async () => {
    const query = JSON.stringify({
      query:
        '{ openPostings(first: 20) { total items { id tenantId title description headcount openingsLeft salaryMinFen salaryMaxFen shifts status createdAt updatedAt } } }',
    });
    const r = await raw('/graphql', { 'content-type': 'application/json', 'accept-encoding': 'gzip' }, 'POST', query);
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('gzip');
    const data = JSON.parse(decode(r).toString('utf8'));
    expect(data.errors).toBeUndefined();
    expect(data.data.openPostings.items.length).toBeGreaterThanOrEqual(8);
    expect(decode(r).length).toBeGreaterThan(1024);
    const health = await raw('/health', { 'accept-encoding': 'gzip' });
    expect(health.status).toBe(200);
    expect(health.body.length).toBeLessThan(1024);
    expect(health.headers['content-encoding']).toBeUndefined();
  });

  it('lets Chromium take the hashed script from its cache on the next visit and revalidate only the page', async () => {
    const ctx = await browserContext(browser, PHONE, errors);
    try {
      const visit = async () => {
        const page = await ctx.newPage();
        const cdp = await ctx.newCDPSession(page);
        await cdp.send('Network.enable');
        const seen: { url: string; status: number; cached: boolean; encoding?: string }[] = [];
        const fromMemory = new Set<string>();
        cdp.on('Network.requestServedFromCache', (e) => fromMemory.add(e.requestId));
        cdp.on('Network.responseReceived', (e) =>
          seen.push({
            url: new URL(e.response.url).pathname,
            status: e.response.status,
            cached: !!e.response.fromDiskCache || fromMemory.has(e.requestId),
            encoding: lower(e.response.headers)['content-encoding'],
          }),
        );
        await page.goto(`${base}/`);
        await page.locator('.card.job').first().waitFor();
        await page.close();
        return seen;
      };
      const first = await visit();
      expect(first.find((r) => r.url === '/')).toMatchObject({ status: 200, cached: false, encoding: 'br' });
      expect(first.find((r) => r.url === `/${script}`)).toMatchObject({ status: 200, cached: false, encoding: 'br' });
      const second = await visit();
      // The page went to the server (no-cache) and came back 304 or fresh, never from the cache unasked.
      const html = second.find((r) => r.url === '/')!;
      expect(html.cached && html.status !== 304).toBe(false);
      expect(second.find((r) => r.url === `/${script}`)).toMatchObject({ status: 200, cached: true });
    } finally {
      await ctx.close();
    }
  });
});

function lower(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

async function hashedScriptsOf(pages: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of pages) {
    const html = (await raw(p)).body.toString('utf8');
    const m = html.match(/src="([^"]*assets\/[a-z-]+-[0-9a-f]{10}\.js)"/);
    expect(m).toBeTruthy();
    out.push(new URL(m![1], `${base}${p}`).pathname);
  }
  return out;
}
