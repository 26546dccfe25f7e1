import { ACCESS_TOKEN_TYPE, API_AUDIENCE, AppConfig, EventBus, Role, notificationChannel } from '@app/core';
import { createTestApi, insertStaff, signInSeeker, tenantWithHr, TestApi, uniqueName } from '@app/testing';
import { JwtService } from '@nestjs/jwt';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * Issue 8 §5: sessions and tokens. Refresh token only in an HttpOnly cookie,
 * security headers, sign-in limits per account and per IP with a dummy hash,
 * typ/aud on access tokens, and a token of an erased, disabled or signed-out
 * account refused everywhere (HTTP and graphql-ws).
 */
const ME = `{ me { id role } }`;
const SIGN_IN_PW = `mutation($i: SignInWithPasswordInput!) { signInWithPassword(input: $i) { accessToken } }`;

interface Raw {
  status: number;
  body: { data?: any; errors?: Array<{ message: string; extensions?: { code?: string; messageEn?: string } }> };
  cookies: string[];
  headers: Headers;
}

describe('sessions, tokens and account state (real PostgreSQL + Redis)', () => {
  let api: TestApi;
  let jwt: JwtService;
  let config: AppConfig;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    // Small per-IP failure budget so the limit is reached quickly (default 100).
    process.env.LOGIN_FAILURES_PER_IP = '12';
    api = await createTestApi();
    jwt = api.app.get(JwtService);
    config = api.app.get(AppConfig);
  });
  afterAll(async () => {
    process.env = savedEnv;
    await api.close();
  });

  async function post(
    query: string,
    variables: Record<string, unknown> = {},
    opts: { token?: string; cookie?: string; app?: string | null; ip?: string } = {},
  ): Promise<Raw> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (opts.app !== null) headers['x-tc-app'] = opts.app ?? 'seeker';
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.ip) headers['x-forwarded-for'] = opts.ip;
    const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return { status: res.status, body: (await res.json()) as Raw['body'], cookies: res.headers.getSetCookie(), headers: res.headers };
  }
  const code = (r: Raw) => r.body.errors?.[0]?.extensions?.code;
  const cookieValue = (r: Raw, name: string) => {
    const c = r.cookies.find((x) => x.startsWith(`${name}=`));
    return c ? decodeURIComponent(c.split(';')[0].slice(name.length + 1)) : undefined;
  };
  const randomIp = () => `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

  async function staffSession(role = Role.AUDITOR) {
    const u = await insertStaff(api, role);
    const r = await post(SIGN_IN_PW, { i: { username: u.username, password: u.password } }, { app: 'staff' });
    expect(r.body.errors).toBeUndefined();
    return { ...u, token: r.body.data.signInWithPassword.accessToken as string, refresh: cookieValue(r, 'tc_rt_staff')!, raw: r };
  }

  function wsClient(token: string) {
    return createClient({
      url: api.url.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
      connectionParams: { authorization: `Bearer ${token}` },
    });
  }

  describe('refresh token in an HttpOnly cookie', () => {
    it('sign-in sets an HttpOnly, SameSite=Strict cookie on the API path; the payload has no refresh token', async () => {
      const s = await staffSession();
      const set = s.raw.cookies.find((c) => c.startsWith('tc_rt_staff='))!;
      expect(set).toBeDefined();
      expect(set).toMatch(/; HttpOnly/i);
      expect(set).toMatch(/; SameSite=Strict/i);
      expect(set).toMatch(/; Path=\/graphql(;|$)/);
      expect(set).toMatch(/; Max-Age=2592000/);
      // Over plain http in tests; production forces Secure (config spec).
      expect(set).not.toMatch(/; Secure/i);
      expect(JSON.stringify(s.raw.body)).not.toContain(s.refresh);
      const asked = await post(`mutation($i: SignInWithPasswordInput!) { signInWithPassword(input: $i) { refreshToken } }`, {
        i: { username: s.username, password: s.password },
      });
      expect(code(asked)).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('refreshSession reads the cookie, rotates it, and refuses without the X-TC-App header (CSRF)', async () => {
      const s = await staffSession();
      const noHeader = await post(`mutation { refreshSession { accessToken } }`, {}, { cookie: `tc_rt_staff=${s.refresh}`, app: null });
      expect(code(noHeader)).toBe('CSRF_HEADER_REQUIRED');
      // Each app has its own cookie: the seeker app's cookie name does not pick up the staff session.
      const otherApp = await post(`mutation { refreshSession { accessToken } }`, {}, { cookie: `tc_rt_staff=${s.refresh}`, app: 'seeker' });
      expect(code(otherApp)).toBe('INVALID_REFRESH_TOKEN');
      const ok = await post(`mutation { refreshSession { accessToken user { role } } }`, {}, { cookie: `tc_rt_staff=${s.refresh}`, app: 'staff' });
      expect(ok.body.errors).toBeUndefined();
      expect(ok.body.data.refreshSession.user.role).toBe('AUDITOR');
      const next = cookieValue(ok, 'tc_rt_staff')!;
      expect(next).toBeTruthy();
      expect(next).not.toBe(s.refresh);
      expect(code(await post(ME, {}, { token: ok.body.data.refreshSession.accessToken }))).toBeUndefined();
      const none = await post(`mutation { refreshSession { accessToken } }`, {}, { app: 'staff' });
      expect(code(none)).toBe('INVALID_REFRESH_TOKEN');
    });

    it('signOut revokes the cookie’s session: its refresh cookie and its access token stop working, other sessions do not', async () => {
      const s = await staffSession();
      const other = await post(SIGN_IN_PW, { i: { username: s.username, password: s.password } }, { app: 'staff' });
      const otherToken = other.body.data.signInWithPassword.accessToken;
      expect(code(await post(ME, {}, { token: s.token }))).toBeUndefined();
      const out = await post(`mutation { signOut }`, {}, { cookie: `tc_rt_staff=${s.refresh}`, app: 'staff' });
      expect(out.body.data.signOut).toBe(true);
      expect(out.cookies.find((c) => c.startsWith('tc_rt_staff=;'))).toMatch(/Expires=Thu, 01 Jan 1970/);
      const me = await post(ME, {}, { token: s.token });
      expect(code(me)).toBe('UNAUTHENTICATED');
      expect(me.body.errors?.[0].message).toBe('请先登录');
      expect(code(await post(`mutation { refreshSession { accessToken } }`, {}, { cookie: `tc_rt_staff=${s.refresh}`, app: 'staff' }))).toBe(
        'INVALID_REFRESH_TOKEN',
      );
      expect(code(await post(ME, {}, { token: otherToken }))).toBeUndefined();
    });
  });

  describe('a token of an erased, disabled or signed-out account is UNAUTHENTICATED everywhere', () => {
    it('after deleteMyAccount the still-unexpired token gets UNAUTHENTICATED (not INTERNAL_SERVER_ERROR), queries, mutations, public ones and graphql-ws', async () => {
      const s = await signInSeeker(api);
      expect(code(await post(ME, {}, { token: s.token }))).toBeUndefined();
      const del = await post(`mutation { deleteMyAccount }`, {}, { token: s.token });
      expect(del.body.errors).toBeUndefined();
      for (const q of [
        ME,
        `{ myNotifications { id } }`,
        `mutation { grantConsent { id } }`,
        `{ openPostings(first: 1) { total } }`,
        `mutation { deleteMyAccount }`,
      ]) {
        const r = await post(q, {}, { token: s.token });
        expect({ q, code: code(r) }).toEqual({ q, code: 'UNAUTHENTICATED' });
      }
      // graphql-ws: the connection is refused at init (4403).
      const client = wsClient(s.token);
      const err: any = await new Promise((resolve) => {
        client.subscribe({ query: `subscription { notificationAdded { id } }` }, { next: resolve, error: resolve, complete: () => resolve(null) });
      });
      await client.dispose();
      expect(err?.code).toBe(4403);
    });

    it('a disabled account: refused at once over HTTP, and a live subscription is closed on its next event', async () => {
      const s = await signInSeeker(api);
      const [{ user_id: userId }] = await api.db.query(`SELECT r.user_id FROM refresh_tokens r WHERE r.token_hash = $1`, [
        api.crypto.hash('token', s.refreshToken),
      ]);
      const bus = api.app.get(EventBus);
      const client = wsClient(s.token);
      const received: any[] = [];
      let closed: any = null;
      const ended = new Promise<void>((resolve) => {
        client.subscribe(
          { query: `subscription { notificationAdded { kind title } }` },
          {
            next: (v) => received.push(v),
            error: (e) => {
              closed = e;
              resolve();
            },
            complete: () => resolve(),
          },
        );
      });
      const event = (title: string) => ({
        id: '00000000-0000-0000-0000-000000000001',
        kind: 'TEST',
        title,
        body: 'b',
        createdAt: api.clock.now().toISOString(),
        readAt: null,
      });
      // Delivered while the account is fine (wait until the subscription is registered).
      for (let i = 0; i < 50 && received.length === 0; i++) {
        await bus.publish(notificationChannel(userId), event('before'));
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(received[0]?.data?.notificationAdded.title).toBe('before');

      await api.db.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [userId]);
      expect(code(await post(ME, {}, { token: s.token }))).toBe('UNAUTHENTICATED');
      await bus.publish(notificationChannel(userId), event('after'));
      await ended;
      expect(received.some((v) => v.data?.notificationAdded?.title === 'after')).toBe(false);
      expect(received.at(-1)?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(closed?.code).toBe(4401);
      await client.dispose();
      // Its refresh cookie is refused too.
      expect(code(await post(`mutation { refreshSession { accessToken } }`, {}, { cookie: `tc_rt_seeker=${encodeURIComponent(s.refreshToken)}` }))).toBe(
        'INVALID_REFRESH_TOKEN',
      );
    });

    it('signing out everywhere (all refresh families revoked) ends every access token of the account', async () => {
      const s = await staffSession();
      const r2 = await post(SIGN_IN_PW, { i: { username: s.username, password: s.password } }, { app: 'hr' });
      const t2 = r2.body.data.signInWithPassword.accessToken;
      await api.db.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1`, [s.id]);
      expect(code(await post(ME, {}, { token: s.token }))).toBe('UNAUTHENTICATED');
      expect(code(await post(ME, {}, { token: t2 }))).toBe('UNAUTHENTICATED');
    });
  });

  describe('token claims', () => {
    const sign = (claims: Record<string, unknown>, secret = config.auth.accessSecret) => {
      const now = Math.floor(api.clock.now().getTime() / 1000);
      return jwt.sign({ iat: now, exp: now + 600, ...claims }, { secret, algorithm: 'HS256' });
    };

    it('access tokens carry typ "access" and aud "talent-cloud-api"', async () => {
      const s = await staffSession();
      const claims = jwt.decode(s.token) as Record<string, unknown>;
      expect(claims).toMatchObject({ typ: ACCESS_TOKEN_TYPE, aud: API_AUDIENCE, role: 'AUDITOR', sub: s.id });
      expect(ACCESS_TOKEN_TYPE).toBe('access');
      expect(API_AUDIENCE).toBe('talent-cloud-api');
    });

    it('a media-like token (typ media, aud talent-cloud-media) is never an API token, even signed with the API secret', async () => {
      const s = await staffSession();
      const valid = jwt.decode(s.token) as Record<string, unknown>;
      const base = { sub: valid.sub, role: valid.role, ses: valid.ses };
      // Control: the same claims as an access token are accepted, so only typ/aud make the difference below.
      expect(code(await post(ME, {}, { token: sign({ ...base, typ: 'access', aud: 'talent-cloud-api' }) }))).toBeUndefined();
      for (const claims of [
        { ...base, typ: 'media', aud: 'talent-cloud-media' },
        { ...base, typ: 'media', aud: 'talent-cloud-api' },
        { ...base, typ: 'access', aud: 'talent-cloud-media' },
        { ...base, aud: 'talent-cloud-api' },
        { ...base, typ: 'access' },
      ]) {
        expect({ claims, code: code(await post(ME, {}, { token: sign(claims) })) }).toEqual({ claims, code: 'UNAUTHENTICATED' });
      }
      // A media room token as apps/media gets it (its own secret) is refused as well.
      const media = sign({ ...base, typ: 'media', aud: 'talent-cloud-media', room: 'r1', kind: 'HR' }, config.auth.mediaTokenSecret);
      expect(['INVALID_TOKEN', 'UNAUTHENTICATED']).toContain(code(await post(ME, {}, { token: media })));
    });

    it('an HR token without a tenant, or a school admin token without a school, is refused', async () => {
      const { hrUserId, hrToken } = await tenantWithHr(api);
      const hr = jwt.decode(hrToken) as Record<string, unknown>;
      expect(
        code(await post(ME, {}, { token: sign({ typ: 'access', aud: 'talent-cloud-api', sub: hrUserId, role: 'HR', tid: hr.tid, ses: hr.ses }) })),
      ).toBeUndefined();
      expect(code(await post(ME, {}, { token: sign({ typ: 'access', aud: 'talent-cloud-api', sub: hrUserId, role: 'HR', ses: hr.ses }) }))).toBe(
        'UNAUTHENTICATED',
      );
      expect(
        code(await post(ME, {}, { token: sign({ typ: 'access', aud: 'talent-cloud-api', sub: hrUserId, role: 'HR', tid: hr.tid, ses: hr.ses, sid: null }) })),
      ).toBeUndefined();
      expect(code(await post(ME, {}, { token: sign({ typ: 'access', aud: 'talent-cloud-api', sub: hrUserId, role: 'SCHOOL_ADMIN', ses: hr.ses }) }))).toBe(
        'UNAUTHENTICATED',
      );
      // A token claiming another tenant than the account's is refused as well.
      expect(
        code(
          await post(
            ME,
            {},
            { token: sign({ typ: 'access', aud: 'talent-cloud-api', sub: hrUserId, role: 'HR', tid: '00000000-0000-4000-8000-000000000000', ses: hr.ses }) },
          ),
        ),
      ).toBe('UNAUTHENTICATED');
    });
  });

  describe('password sign-in limits', () => {
    it('per account: after 10 failures even the right password is refused for the window', async () => {
      const u = await insertStaff(api, Role.AUDITOR);
      for (let i = 0; i < 10; i++) {
        expect(code(await post(SIGN_IN_PW, { i: { username: u.username, password: `wrong-${i}-password` } }, { ip: randomIp() }))).toBe('BAD_CREDENTIALS');
      }
      expect(code(await post(SIGN_IN_PW, { i: { username: u.username, password: u.password } }, { ip: randomIp() }))).toBe('RATE_LIMITED');
    });

    it('per IP: failures over many usernames from one address lock that address out, not others', async () => {
      const u = await insertStaff(api, Role.AUDITOR);
      const ip = randomIp();
      for (let i = 0; i < 12; i++) {
        expect(code(await post(SIGN_IN_PW, { i: { username: uniqueName('nobody'), password: 'whatever-password' } }, { ip }))).toBe('BAD_CREDENTIALS');
      }
      expect(code(await post(SIGN_IN_PW, { i: { username: u.username, password: u.password } }, { ip }))).toBe('RATE_LIMITED');
      expect(code(await post(SIGN_IN_PW, { i: { username: u.username, password: u.password } }, { ip: randomIp() }))).toBeUndefined();
    });

    it('unknown usernames answer exactly like wrong passwords and still pay for an argon2 verify', async () => {
      const u = await insertStaff(api, Role.AUDITOR);
      const timed = async (username: string) => {
        const t0 = process.hrtime.bigint();
        const r = await post(SIGN_IN_PW, { i: { username, password: 'not-the-password' } }, { ip: randomIp() });
        return { ms: Number(process.hrtime.bigint() - t0) / 1e6, error: r.body.errors?.[0] };
      };
      await timed(uniqueName('warm')); // the dummy hash is made on first use
      const known: number[] = [];
      const unknown: number[] = [];
      let knownErr, unknownErr;
      for (let i = 0; i < 3; i++) {
        const k = await timed(u.username);
        const n = await timed(uniqueName('ghost'));
        known.push(k.ms);
        unknown.push(n.ms);
        knownErr = k.error;
        unknownErr = n.error;
      }
      expect(unknownErr).toEqual(knownErr);
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
      // Without the dummy verify an unknown name answers in ~2 ms against tens of ms for an argon2 verify.
      expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
    });
  });

  describe('security headers (helmet)', () => {
    it('CSP script-src self, frame-ancestors none and nosniff on pages and API answers; camera only on interview, fair, seeker and HR pages', async () => {
      for (const path of ['/', '/hr/', '/staff/', '/bureau/', '/fair/', '/interview/hr.html', '/health']) {
        const res = await fetch(`${api.url}${path}`);
        const csp = res.headers.get('content-security-policy') ?? '';
        expect({ path, scriptSrc: csp.match(/script-src [^;]+/)?.[0] }).toEqual({ path, scriptSrc: "script-src 'self'" });
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("object-src 'none'");
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        const pp = res.headers.get('permissions-policy') ?? '';
        // The seeker app and the HR console too: the online fair booths' video desk (issue 11 §6).
        const camera = ['/', '/hr/', '/fair/', '/interview/hr.html'].includes(path);
        expect({ path, pp }).toEqual({ path, pp: expect.stringContaining(camera ? 'camera=(self)' : 'camera=()') });
        if (path.startsWith('/interview/') && config.app.mediaPublicUrl) {
          const media = new URL(config.app.mediaPublicUrl);
          expect(csp).toMatch(new RegExp(`connect-src [^;]*ws://${media.host.replace(/\./g, '\\.')}`));
        }
      }
      const gql = await post(ME);
      expect(gql.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(gql.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });
});
