import { LOG_DESTINATION, Role, SmsSender } from '@app/core';
import { applyTo, CapturingSmsSender, insertStaff, openPosting, seekerWithProfile, signInStaff, tenantWithHr, TestApi, uniquePhone } from '@app/testing';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { AbstractLoader, ExpressLoader } from '@nestjs/serve-static';
import { Test } from '@nestjs/testing';
import { Logger as PinoLogger } from 'nestjs-pino';
import { Writable } from 'stream';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApi } from '../../apps/api/src/bootstrap';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { csv, CSV_HEADER, freshId, importFile, rejections, schoolWithAdmin } from '../schools/schools-helpers';

/**
 * Issue 12 §4: the structured logs of a whole scenario (SMS sign-in, a profile with an ID number, apply, HR views,
 * a graduate list upload processed by the worker, sign out) are captured from pino itself (LOG_DESTINATION) at
 * debug level, API and worker alike, and grepped: no ID number, phone, token, password or SMS code is in them;
 * the request ids (ours and generated ones) and the GraphQL operations are.
 */
class Capture extends Writable {
  readonly chunks: string[] = [];
  _write(chunk: Buffer, _enc: string, done: () => void) {
    this.chunks.push(chunk.toString('utf8'));
    done();
  }
  get lines(): Array<Record<string, any>> {
    return this.chunks
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  }
}

/** Every string value in a parsed log line (keys too), however deep. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (typeof v === 'number') out.push(String(v));
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      strings(x, out);
    }
  return out;
}

describe('structured logs of a full scenario (issue 12 §4)', () => {
  const capture = new Capture();
  let app: INestApplication;
  let worker: INestApplicationContext;
  let api: TestApi;
  const previousLevel = process.env.LOG_LEVEL;
  const secrets: Record<string, string> = {};
  let smsCode = '';
  const ourRequestId = `trace-${Date.now()}-abcdef`;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'debug';
    const sms = new CapturingSmsSender();
    const ref = await Test.createTestingModule({ imports: [ApiModule] })
      .overrideProvider(SmsSender)
      .useValue(sms)
      .overrideProvider(AbstractLoader)
      .useValue(new ExpressLoader())
      .overrideProvider(LOG_DESTINATION)
      .useValue(capture)
      .compile();
    app = ref.createNestApplication({ bufferLogs: true });
    app.useLogger(app.get(PinoLogger));
    configureApi(app);
    await app.listen(0, '127.0.0.1');
    api = new TestApi(app, `http://127.0.0.1:${app.getHttpServer().address().port}`, sms);
    // The worker (graduate imports, outbox, notifications): its Nest Logger calls go to the static logger, pino's.
    const wref = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(SmsSender)
      .useValue(new CapturingSmsSender())
      .overrideProvider(LOG_DESTINATION)
      .useValue(capture)
      .compile();
    worker = await wref.init();
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    if (previousLevel === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = previousLevel;
  });

  it('runs the scenario, and the log has request ids and operations but no personal data or secret', async () => {
    // Staff: the operator creates a tenant (HR) and a school.
    const opUser = await insertStaff(api, Role.OPERATOR);
    secrets.operatorPassword = opUser.password;
    const op = await signInStaff(api, opUser.username, opUser.password);
    secrets.operatorToken = op;
    const hr = await tenantWithHr(api, op);
    secrets.hrToken = hr.hrToken;

    // A seeker signs in by SMS (code captured from the SMS port), saves a profile with an ID number, applies.
    const seeker = await seekerWithProfile(api);
    secrets.seekerPhone = seeker.phone;
    secrets.seekerIdNumber = seeker.idNumber;
    secrets.seekerToken = seeker.token;
    secrets.seekerRefreshToken = seeker.refreshToken;
    smsCode = api.sms.lastCode(seeker.phone);
    const postingId = await openPosting(api, hr.hrToken);
    await applyTo(api, seeker.token, postingId);

    // HR views the applicant (with our own request id and operation name).
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hr.hrToken}`, 'x-request-id': ourRequestId },
      body: JSON.stringify({
        operationName: 'HrViewsApplicant',
        query: `query HrViewsApplicant($id: ID!) { talentProfile(id: $id) { id name idNumberMasked phoneMasked } }`,
        variables: { id: seeker.seekerId },
      }),
    });
    expect(res.headers.get('x-request-id')).toBe(ourRequestId);
    const viewed = (await res.json()) as any;
    expect(viewed.errors).toBeUndefined();
    expect(viewed.data.talentProfile.idNumberMasked).not.toContain(seeker.idNumber.slice(6, 14));

    // A school uploads a graduate list (ID numbers and phones in the file); the worker imports it.
    const school = await schoolWithAdmin(api, op);
    secrets.schoolToken = school.token;
    const grads = [0, 1].map(() => ({ id: freshId('2004-05-06'), phone: uniquePhone() }));
    grads.forEach((g, i) => Object.assign(secrets, { [`gradId${i}`]: g.id, [`gradPhone${i}`]: g.phone }));
    const file = csv([CSV_HEADER, ...grads.map((g, i) => [['张晓梅', '李海燕'][i], g.id, '', g.phone, '软件技术', '大专', '2026', '1班', `2026${i}`])]);
    const imp = await importFile(api, school.token, file, '2026届毕业生.csv');
    expect({ imp, rejected: imp.rejected ? await rejections(api, school.token, imp.id) : [] }).toMatchObject({
      imp: { status: 'DONE', accepted: 2 },
      rejected: [],
    });

    // An interview page link carries a room token in its query string; the log keeps the path only.
    secrets.pageToken = 'eyJhbGciOiJIUzI1NiJ9.page-token-secret-value.sig';
    await fetch(`${api.url}/interview/seeker.html?room=r1&token=${secrets.pageToken}`).then((r) => r.text());

    // The seeker signs out (refresh cookie) and HR's wrong password attempt is logged without the password.
    const out = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tc-app': 'seeker', cookie: `tc_rt_seeker=${encodeURIComponent(seeker.refreshToken)}` },
      body: JSON.stringify({ query: `mutation { signOut }` }),
    });
    expect(((await out.json()) as any).data.signOut).toBe(true);
    secrets.wrongPassword = 'Wrong-Password-9876543';
    await api.gql(`mutation($i: SignInWithPasswordInput!) { signInWithPassword(input: $i) { accessToken } }`, {
      i: { username: opUser.username, password: secrets.wrongPassword },
    });

    // ---- the captured log ----
    const lines = capture.lines;
    expect(lines.length).toBeGreaterThan(20);
    const leaks: string[] = [];
    for (const line of lines) {
      const values = strings(line);
      for (const [name, secret] of Object.entries(secrets)) {
        if (values.some((v) => v.includes(secret))) leaks.push(`${name} in ${JSON.stringify(line).slice(0, 300)}`);
      }
      // The 6-digit code, as a value of its own or in the SMS text (not as part of a longer number or id).
      if (values.some((v) => v === smsCode || new RegExp(`(^|[^0-9a-f])${smsCode}([^0-9a-f]|$)`).test(v)))
        leaks.push(`SMS code in ${JSON.stringify(line).slice(0, 300)}`);
    }
    expect(leaks).toEqual([]);

    // What the log must carry: one line per request with id, caller, operation and duration.
    const requests = lines.filter((l) => l.requestId && typeof l.durationMs === 'number');
    expect(requests.length).toBeGreaterThan(10);
    const ours = requests.find((l) => l.requestId === ourRequestId);
    expect(ours).toMatchObject({
      service: 'api',
      userId: hr.hrUserId,
      role: 'HR',
      tenantId: hr.tenantId,
      gql: { operationName: 'HrViewsApplicant', type: 'query', fields: 'talentProfile' },
      res: { statusCode: 200 },
    });
    const fields = new Set(requests.map((l) => l.gql?.fields));
    for (const op of ['requestSmsCode', 'signInWithSms', 'saveMyProfile', 'apply', 'talentProfile', 'graduateImport', 'signOut', 'signInWithPassword']) {
      expect({ op, logged: fields.has(op) }).toEqual({ op, logged: true });
    }
    // Generated ids are UUIDs, echoed to the client; variables are logged with the sensitive ones redacted.
    expect(requests.filter((l) => l.requestId !== ourRequestId).every((l) => /^[0-9a-f-]{36}$/.test(l.requestId))).toBe(true);
    const profileLine = requests.find((l) => l.gql?.fields === 'saveMyProfile');
    expect(profileLine?.gql.variables.input).toMatchObject({ idNumber: '[Redacted]', name: '[Redacted]', typingSpeed: 60 });
    const smsLine = requests.find((l) => l.gql?.fields === 'signInWithSms');
    expect(smsLine?.gql.variables.input).toEqual({ phone: '[Redacted]', code: '[Redacted]' });
    expect(requests.find((l) => String(l.req?.url).startsWith('/interview/seeker.html'))?.req.url).toBe('/interview/seeker.html?room=r1&token=[Redacted]');
  }, 120_000);
});
