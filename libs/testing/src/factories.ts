import { makeCreditCode, makeResidentId, Role } from '@app/core';
import { randomInt } from 'crypto';
import { insertStaff, TestApi, uniquePhone } from './test-app';

let seq = 0;
const next = () => ++seq + (process.pid % 1000) * 1000 + Math.floor(Math.random() * 100000) * 10;

const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/**
 * A valid synthetic unified social credit code: 9 random characters from the code's alphabet (31^9 ≈ 2.6e13), so the
 * thousands of tenants a test worker's database collects never collide (the old 7-digit counter with a random part
 * met a duplicate `tenants_credit_code_key` in CI).
 */
export function creditCode(): string {
  let tail = '';
  for (let i = 0; i < 9; i++) tail += CREDIT_CODE_CHARS[randomInt(0, CREDIT_CODE_CHARS.length)];
  return makeCreditCode(`91150900${tail}`);
}

/** A valid synthetic ID number; random birth date and sequence so parallel test files do not collide. */
export function idNumber(regionCode = '150902', birth?: string): string {
  const day = new Date(Date.UTC(1980, 0, 1) + randomInt(0, 25 * 365) * 86_400_000).toISOString().slice(0, 10);
  return makeResidentId(regionCode, birth ?? day, randomInt(0, 1000));
}

export async function signInStaff(api: TestApi, username: string, password: string): Promise<string> {
  const d = await api.ok(`mutation($i: SignInWithPasswordInput!) { signInWithPassword(input: $i) { accessToken } }`, { i: { username, password } });
  return d.signInWithPassword.accessToken;
}

export async function operator(api: TestApi): Promise<string> {
  const u = await insertStaff(api, Role.OPERATOR);
  return signInStaff(api, u.username, u.password);
}

/** A tenant with one signed-in HR user. */
export async function tenantWithHr(api: TestApi, opToken?: string): Promise<{ tenantId: string; hrToken: string; hrUserId: string }> {
  const op = opToken ?? (await operator(api));
  const t = await api.ok(
    `mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }`,
    { i: { name: `测试呼叫中心${next()}`, creditCode: creditCode(), seats: 500 } },
    op,
  );
  const tenantId = t.createTenant.id;
  const hr = await insertStaff(api, Role.HR, { tenantId });
  return { tenantId, hrToken: await signInStaff(api, hr.username, hr.password), hrUserId: hr.id };
}

/** A seeker signed in by SMS: the access token, and the refresh token from the HttpOnly cookie the API set. */
export async function signInSeeker(api: TestApi, phone = uniquePhone()): Promise<{ token: string; phone: string; refreshToken: string }> {
  // Each seeker asks from their own address (a phone on a mobile network), as in real life; the per-IP limit is tested in auth.e2e-spec.
  const ip = `10.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
  const r = await api.gql(`mutation($p: String!) { requestSmsCode(phone: $p) { resendAfterSeconds } }`, { p: phone }, undefined, { 'x-forwarded-for': ip });
  if (r.errors) throw new Error(`requestSmsCode: ${JSON.stringify(r.errors)}`);
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tc-app': 'seeker' },
    body: JSON.stringify({
      query: `mutation($i: SignInWithSmsInput!) { signInWithSms(input: $i) { accessToken } }`,
      variables: { i: { phone, code: api.sms.lastCode(phone) } },
    }),
  });
  const body = (await res.json()) as { data?: { signInWithSms: { accessToken: string } }; errors?: unknown };
  if (!body.data) throw new Error(`signInWithSms: ${JSON.stringify(body.errors)}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tc_rt_seeker='));
  return { token: body.data.signInWithSms.accessToken, refreshToken: decodeURIComponent(cookie?.split(';')[0].split('=')[1] ?? ''), phone };
}

/** A signed-in seeker with a profile, consenting to share by default. */
export async function seekerWithProfile(api: TestApi, opts: { consent?: boolean; profile?: Record<string, unknown> } = {}) {
  const s = await signInSeeker(api);
  const id = idNumber();
  const d = await api.ok(
    `mutation($i: ProfileInput!) { saveMyProfile(input: $i) { id } }`,
    {
      i: {
        idNumber: id,
        name: '王晓燕',
        regionCode: '150902',
        education: 'JUNIOR_COLLEGE',
        mandarinLevel: 'L2A',
        typingSpeed: 60,
        shifts: ['TWO_SHIFT'],
        ...opts.profile,
      },
    },
    s.token,
  );
  if (opts.consent !== false) await api.ok(`mutation { grantConsent { id } }`, {}, s.token);
  return { ...s, seekerId: d.saveMyProfile.id as string, idNumber: id };
}

export async function openPosting(api: TestApi, hrToken: string, headcount = 5): Promise<string> {
  const p = await api.ok(
    `mutation($i: PostingInput!) { createPosting(input: $i) { id } }`,
    { i: { title: '呼入客服专员', description: '负责电话咨询', headcount, salaryMinFen: 350000, salaryMaxFen: 500000, shifts: ['TWO_SHIFT'] } },
    hrToken,
  );
  await api.ok(`mutation($id: ID!) { setPostingStatus(id: $id, status: OPEN) { id } }`, { id: p.createPosting.id }, hrToken);
  return p.createPosting.id;
}

export async function applyTo(api: TestApi, seekerToken: string, postingId: string): Promise<string> {
  const d = await api.ok(`mutation($p: ID!) { apply(postingId: $p) { id } }`, { p: postingId }, seekerToken);
  return d.apply.id;
}

export async function moveTo(api: TestApi, hrToken: string, applicationId: string, to: string) {
  return api.ok(`mutation($i: MoveApplicationInput!) { moveApplication(input: $i) { id stage } }`, { i: { applicationId, to } }, hrToken);
}
