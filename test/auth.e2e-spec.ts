import { Role } from '@app/core';
import { createTestApi, insertStaff, operator, signInSeeker, signInStaff, tenantWithHr, TestApi, uniquePhone } from '@app/testing';

const REQUEST = `mutation($p: String!) { requestSmsCode(phone: $p) { resendAfterSeconds } }`;
const SIGN_IN = `mutation($i: SignInWithSmsInput!) { signInWithSms(input: $i) { accessToken isNew user { role phoneMasked } } }`;
const ME = `{ me { id role tenantId schoolId displayName } }`;

describe('sign-in (real PostgreSQL + Redis)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('a seeker signs in with phone + SMS code; the account is created once', async () => {
    const phone = uniquePhone();
    await api.ok(REQUEST, { p: phone });
    const code = api.sms.lastCode(phone);
    const first = await api.ok(SIGN_IN, { i: { phone, code } });
    expect(first.signInWithSms.isNew).toBe(true);
    expect(first.signInWithSms.user).toEqual({ role: 'SEEKER', phoneMasked: `${phone.slice(0, 3)}****${phone.slice(7)}` });
    const me = await api.ok(ME, {}, first.signInWithSms.accessToken);
    expect(me.me.role).toBe('SEEKER');
    // The code is single-use.
    const again = await api.gql(SIGN_IN, { i: { phone, code } });
    expect(again.errors?.[0].extensions?.code).toBe('SMS_CODE_INVALID');
    // A second sign-in finds the same account.
    api.clock.advance(61_000);
    await api.ok(REQUEST, { p: phone });
    const second = await api.ok(SIGN_IN, { i: { phone, code: api.sms.lastCode(phone) } });
    expect(second.signInWithSms.isNew).toBe(false);
    expect((await api.ok(ME, {}, second.signInWithSms.accessToken)).me.id).toBe(me.me.id);
  });

  it('codes are stored hashed, never in clear', async () => {
    const phone = uniquePhone();
    await api.ok(REQUEST, { p: phone });
    const code = api.sms.lastCode(phone);
    const rows = await api.db.query(`SELECT code_hash, phone_hash FROM sms_codes WHERE phone_hash = $1`, [api.crypto.hash('phone', phone)]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(code);
    expect(JSON.stringify(rows)).not.toContain(phone);
  });

  it('wrong code, expired code, and too many attempts are refused', async () => {
    const phone = uniquePhone();
    await api.ok(REQUEST, { p: phone });
    const code = api.sms.lastCode(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const r1 = await api.gql(SIGN_IN, { i: { phone, code: wrong } });
    expect(r1.errors?.[0].extensions?.code).toBe('SMS_CODE_INVALID');
    expect(r1.errors?.[0].message).toBe('验证码错误或已过期');
    for (let i = 0; i < 4; i++) await api.gql(SIGN_IN, { i: { phone, code: wrong } });
    // Five wrong tries used up the code: even the right one is refused now.
    const locked = await api.gql(SIGN_IN, { i: { phone, code } });
    expect(locked.errors?.[0].extensions?.code).toBe('SMS_CODE_LOCKED');

    const phone2 = uniquePhone();
    await api.ok(REQUEST, { p: phone2 });
    const code2 = api.sms.lastCode(phone2);
    api.clock.advance(301_000);
    const expired = await api.gql(SIGN_IN, { i: { phone: phone2, code: code2 } });
    expect(expired.errors?.[0].extensions?.code).toBe('SMS_CODE_INVALID');
  });

  it('code requests are rate-limited per phone and malformed phones are refused', async () => {
    const phone = uniquePhone();
    await api.ok(REQUEST, { p: phone });
    const tooSoon = await api.gql(REQUEST, { p: phone });
    expect(tooSoon.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    const bad = await api.gql(REQUEST, { p: '12345' });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'phone' });
  });

  it('code requests are rate-limited per client IP', async () => {
    // 30 per hour per IP by default: the 31st from one address is refused.
    const ip = `10.9.${process.pid % 250}.${Math.floor(Math.random() * 250)}`;
    const headers = { 'x-forwarded-for': ip };
    let refused = 0;
    for (let i = 0; i < 31; i++) {
      const r = await api.gql(REQUEST, { p: uniquePhone() }, undefined, headers);
      if (r.errors?.[0].extensions?.code === 'RATE_LIMITED') refused++;
    }
    expect(refused).toBe(1);
  });

  it.each([Role.OPERATOR, Role.AUDITOR, Role.SCHOOL_ADMIN, Role.HR])('%s signs in with a password', async (role) => {
    const op = await operator(api);
    let extra: Record<string, string> = {};
    if (role === Role.HR) extra = { tenantId: (await tenantWithHr(api, op)).tenantId };
    if (role === Role.SCHOOL_ADMIN) {
      const s = await api.ok(
        `mutation($i: CreateSchoolInput!) { createSchool(input: $i) { id } }`,
        { i: { name: `集宁职业学院${Math.random()}`, kind: 'VOCATIONAL' } },
        op,
      );
      extra = { schoolId: s.createSchool.id };
    }
    const username = `u${role.toLowerCase()}${process.pid}${Math.floor(Math.random() * 1e6)}`;
    if (role !== Role.OPERATOR) {
      await api.ok(
        `mutation($i: CreateStaffUserInput!) { createStaffUser(input: $i) { id } }`,
        { i: { role, username, password: 'correct horse battery', displayName: '测试', ...extra } },
        op,
      );
    } else {
      const u = await insertStaff(api, Role.OPERATOR);
      const token = await signInStaff(api, u.username, u.password);
      expect((await api.ok(ME, {}, token)).me.role).toBe('OPERATOR');
      return;
    }
    const token = await signInStaff(api, username, 'correct horse battery');
    const me = (await api.ok(ME, {}, token)).me;
    expect(me.role).toBe(role);
    if (role === Role.HR) expect(me.tenantId).toBe(extra.tenantId);
    if (role === Role.SCHOOL_ADMIN) expect(me.schoolId).toBe(extra.schoolId);
    const wrong = await api.gql(`mutation($i: SignInWithPasswordInput!) { signInWithPassword(input: $i) { accessToken } }`, {
      i: { username, password: 'wrong password!' },
    });
    expect(wrong.errors?.[0].extensions?.code).toBe('BAD_CREDENTIALS');
    // Passwords are argon2 hashes.
    const [row] = await api.db.query(`SELECT password_hash FROM users WHERE username = $1`, [username]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('only an operator creates staff accounts', async () => {
    const { hrToken, tenantId } = await tenantWithHr(api);
    const r = await api.gql(
      `mutation($i: CreateStaffUserInput!) { createStaffUser(input: $i) { id } }`,
      { i: { role: 'HR', username: `x${Date.now()}`, password: 'long enough pw', displayName: 'x', tenantId } },
      hrToken,
    );
    expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anon = await api.gql(ME);
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refresh tokens rotate (from the cookie); re-using an old one revokes the family', async () => {
    const s = await signInSeeker(api);
    const refresh = async (rt: string) => {
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tc-app': 'seeker', cookie: `tc_rt_seeker=${encodeURIComponent(rt)}` },
        body: JSON.stringify({ query: `mutation { refreshSession { accessToken } }` }),
      });
      const body = (await res.json()) as { data?: { refreshSession: { accessToken: string } }; errors?: Array<{ extensions?: { code?: string } }> };
      const next = res.headers.getSetCookie().find((c) => c.startsWith('tc_rt_seeker=') && !c.startsWith('tc_rt_seeker=;'));
      return { body, next: next ? decodeURIComponent(next.split(';')[0].slice('tc_rt_seeker='.length)) : null };
    };
    const r1 = await refresh(s.refreshToken);
    expect(r1.body.data?.refreshSession.accessToken).toBeTruthy();
    expect(r1.next).toBeTruthy();
    expect(r1.next).not.toBe(s.refreshToken);
    const reuse = await refresh(s.refreshToken);
    expect(reuse.body.errors?.[0].extensions?.code).toBe('INVALID_REFRESH_TOKEN');
    // The stolen-token alarm revoked the newer token too.
    const after = await refresh(r1.next!);
    expect(after.body.errors?.[0].extensions?.code).toBe('INVALID_REFRESH_TOKEN');
  });

  it('an expired access token is refused', async () => {
    const s = await signInSeeker(api);
    api.clock.advance(901_000);
    const r = await api.gql(ME, {}, s.token);
    expect(r.errors?.[0].extensions?.code).toBe('INVALID_TOKEN');
  });
});
