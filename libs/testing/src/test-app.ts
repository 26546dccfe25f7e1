import 'reflect-metadata';
import { Clock, CryptoService, Role, SmsSender } from '@app/core';
import { INestApplication, Injectable, LoggerService } from '@nestjs/common';
import { AbstractLoader, ExpressLoader } from '@nestjs/serve-static';
import { Test } from '@nestjs/testing';
import * as argon2 from 'argon2';
import { randomInt } from 'crypto';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../../apps/api/src/api.module';
import { configureApi } from '../../../apps/api/src/bootstrap';

/** The SMS gateway is outside the platform: tests capture what would be sent. */
@Injectable()
export class CapturingSmsSender extends SmsSender {
  readonly sent: Array<{ phone: string; text: string }> = [];
  async send(phone: string, text: string): Promise<void> {
    this.sent.push({ phone, text });
  }
  lastCode(phone: string): string {
    const m = [...this.sent]
      .reverse()
      .find((s) => s.phone === phone)
      ?.text.match(/验证码 (\d{6})/);
    if (!m) throw new Error(`no code sent to ${phone}`);
    return m[1];
  }
}

export interface GqlResult<T = any> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string; messageEn?: string } }>;
}

export class TestApi {
  constructor(
    readonly app: INestApplication,
    readonly url: string,
    readonly sms: CapturingSmsSender,
  ) {}

  get db(): DataSource {
    return this.app.get(DataSource);
  }
  get clock(): Clock {
    return this.app.get(Clock);
  }
  get crypto(): CryptoService {
    return this.app.get(CryptoService);
  }

  async gql<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string, headers: Record<string, string> = {}): Promise<GqlResult<T>> {
    const res = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlResult<T>;
  }

  /** Like gql, but fails the test on any error. */
  async ok<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const r = await this.gql<T>(query, variables, token);
    if (r.errors?.length) throw new Error(`GraphQL error: ${JSON.stringify(r.errors)}`);
    return r.data as T;
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}

/** Keeps every log line the app writes, at every level, for assertions. */
export class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  private add(level: string, message: unknown, rest: unknown[]) {
    this.lines.push(
      `${level} ${typeof message === 'string' ? message : JSON.stringify(message)} ${rest.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join(' ')}`,
    );
  }
  log(m: unknown, ...r: unknown[]) {
    this.add('log', m, r);
  }
  error(m: unknown, ...r: unknown[]) {
    this.add('error', m, r);
  }
  warn(m: unknown, ...r: unknown[]) {
    this.add('warn', m, r);
  }
  debug(m: unknown, ...r: unknown[]) {
    this.add('debug', m, r);
  }
  verbose(m: unknown, ...r: unknown[]) {
    this.add('verbose', m, r);
  }
}

export async function createTestApi(opts: { logger?: LoggerService } = {}): Promise<TestApi> {
  const sms = new CapturingSmsSender();
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule] })
    .overrideProvider(SmsSender)
    .useValue(sms)
    // The testing module builds providers before the HTTP adapter exists, so serve-static would pick its no-op loader.
    .overrideProvider(AbstractLoader)
    .useValue(new ExpressLoader())
    .compile();
  const app = configureApi(moduleRef.createNestApplication({ logger: opts.logger ?? ['error', 'warn'] }));
  // Responses are dated by the app's Clock (TEST_NOW, advance()): the seeker's interview page checks its own clock
  // against the Date header, and the page tests run the browser on the same clock (test/web/serve-web.ts).
  const clock = app.get(Clock);
  app.use((_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    res.setHeader('Date', clock.now().toUTCString());
    next();
  });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  return new TestApi(app, `http://127.0.0.1:${address.port}`, sms);
}

let counter = 0;
const phonesUsed = new Set<string>();
/** A mainland mobile number not used before in this process (random, so parallel test files do not collide). */
export function uniquePhone(): string {
  for (;;) {
    const phone = `1${randomInt(3, 10)}${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
    if (!phonesUsed.has(phone)) {
      phonesUsed.add(phone);
      return phone;
    }
  }
}
export function uniqueName(prefix: string): string {
  counter++;
  return `${prefix}_${process.pid}_${counter}_${Math.floor(Math.random() * 1e6)}`;
}

/** Staff user straight into the database (the first operator has nobody to create it). */
export async function insertStaff(
  api: TestApi,
  role: Role,
  opts: { tenantId?: string; schoolId?: string } = {},
): Promise<{ id: string; username: string; password: string }> {
  const username = uniqueName(role.toLowerCase());
  const password = 'Passw0rd-long-enough';
  const [row] = await api.db.query(
    `INSERT INTO users (role, username, password_hash, display_name, tenant_id, school_id) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
    [role, username, await argon2.hash(password), `${role} 测试`, opts.tenantId ?? null, opts.schoolId ?? null],
  );
  return { id: row.id, username, password };
}
