/**
 * The hire use case against the real PostgreSQL of the test run, without HTTP
 * (immich "medium" style): a Nest testing module with the real TypeORM
 * connection, Redis-backed outbox and the employers context; rows made by SQL.
 */
import 'reflect-metadata';
import { Actor, AppException, CoreModule, Role } from '@app/core';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes, randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { EmployersModule } from '../../employers.module';
import { toHireModel } from '../../hires/hire.service';
import { HireCommand } from './hire.command';
import { HireUseCase } from './hire.usecase';

let app: INestApplicationContext;
let db: DataSource;
let hire: HireUseCase;

beforeAll(async () => {
  const ref = await Test.createTestingModule({ imports: [CoreModule, EmployersModule] }).compile();
  app = await ref.init();
  db = app.get(DataSource);
  hire = app.get(HireUseCase);
});
afterAll(() => app?.close());

const uniq = () => randomBytes(6).toString('hex');

async function tenantWithHr(): Promise<{ tenantId: string; hr: Actor }> {
  const [t] = await db.query(`INSERT INTO tenants (name, credit_code, seats) VALUES ($1, $2, 5) RETURNING id`, [
    `公司${uniq()}`,
    `91${uniq()}${uniq()}`.slice(0, 18).toUpperCase(),
  ]);
  const [u] = await db.query(`INSERT INTO users (role, display_name, tenant_id, username, password_hash) VALUES ('HR', 'HR', $1, $2, 'x') RETURNING id`, [
    t.id,
    `hr_${uniq()}`,
  ]);
  return { tenantId: t.id, hr: { userId: u.id, role: Role.HR, tenantId: t.id, schoolId: null } };
}

async function posting(tenantId: string, openings: number): Promise<string> {
  const [p] = await db.query(
    `INSERT INTO job_postings (tenant_id, title, headcount, openings_left, salary_min_fen, salary_max_fen, status)
     VALUES ($1, '呼叫中心客服', $2, $2, 350000, 500000, 'OPEN') RETURNING id`,
    [tenantId, openings],
  );
  return p.id;
}

/** A seeker with an account (so stage changes notify them) and an application at `stage`. */
async function application(tenantId: string, postingId: string, stage = 'OFFER'): Promise<string> {
  const [u] = await db.query(`INSERT INTO users (role, display_name) VALUES ('SEEKER', '求职者') RETURNING id`);
  const [s] = await db.query(`INSERT INTO seekers (name, user_id) VALUES ('王晓燕', $1) RETURNING id`, [u.id]);
  const [a] = await db.query(`INSERT INTO applications (posting_id, tenant_id, seeker_id, stage) VALUES ($1, $2, $3, $4) RETURNING id`, [
    postingId,
    tenantId,
    s.id,
    stage,
  ]);
  return a.id;
}

const terms = { contractStart: '2026-12-01', contractMonths: 12, socialInsuranceStart: '2026-12-01' };
const cmd = (actor: Actor, applicationId: string, t: Partial<typeof terms> = terms) => HireCommand.create({ actor, applicationId, ...terms, ...t });

async function state(postingId: string, applicationId: string) {
  const [row] = await db.query(
    `SELECT p.openings_left, p.status, a.stage,
            (SELECT count(*)::int FROM hires h WHERE h.application_id = a.id) AS hires,
            (SELECT count(*)::int FROM application_events e WHERE e.application_id = a.id AND e.to_stage = 'HIRED') AS hired_events,
            (SELECT count(*)::int FROM outbox_events o WHERE o.aggregate_id = a.id AND o.topic = 'notify.application_stage') AS notices
       FROM applications a JOIN job_postings p ON p.id = a.posting_id WHERE a.id = $1 AND p.id = $2`,
    [applicationId, postingId],
  );
  return row;
}

async function failure(p: Promise<unknown>): Promise<AppException> {
  const e = await p.then(
    () => null,
    (err) => err,
  );
  if (!(e instanceof AppException)) throw new Error(`expected an AppException, got ${e}`);
  return e;
}

describe('HireUseCase (real database, no HTTP)', () => {
  it('hires an application at OFFER: contract recorded, stage HIRED with its event, one opening taken, the seeker notified', async () => {
    const { tenantId, hr } = await tenantWithHr();
    const postingId = await posting(tenantId, 2);
    const appId = await application(tenantId, postingId);
    const h = await hire.execute(cmd(hr, appId));
    expect(h).toMatchObject({ applicationId: appId, postingId, tenantId, hiredBy: hr.userId, ...terms, terminatedOn: null });
    expect(toHireModel(h).contractEnd).toBe('2027-11-30');
    expect(await state(postingId, appId)).toEqual({ openings_left: 1, status: 'OPEN', stage: 'HIRED', hires: 1, hired_events: 1, notices: 1 });
    const [ev] = await db.query(`SELECT from_stage, actor_role, actor_user_id FROM application_events WHERE application_id = $1 AND to_stage = 'HIRED'`, [
      appId,
    ]);
    expect(ev).toEqual({ from_stage: 'OFFER', actor_role: 'HR', actor_user_id: hr.userId });
  });

  it('stage rules: only an application at OFFER can be hired; nothing changes otherwise', async () => {
    const { tenantId, hr } = await tenantWithHr();
    const postingId = await posting(tenantId, 3);
    for (const stage of ['APPLIED', 'SCREENING', 'INTERVIEW', 'REJECTED', 'WITHDRAWN']) {
      const appId = await application(tenantId, postingId, stage);
      const e = await failure(hire.execute(cmd(hr, appId)));
      expect({ stage, code: e.code, field: e.field }).toEqual({ stage, code: 'INVALID_TRANSITION', field: 'applicationId' });
      expect(await state(postingId, appId)).toEqual({ openings_left: 3, status: 'OPEN', stage, hires: 0, hired_events: 0, notices: 0 });
    }
  });

  it("another tenant's HR gets the same NOT_FOUND as for an application that does not exist", async () => {
    const a = await tenantWithHr();
    const b = await tenantWithHr();
    const postingId = await posting(a.tenantId, 1);
    const appId = await application(a.tenantId, postingId);
    const foreign = await failure(hire.execute(cmd(b.hr, appId)));
    const missing = await failure(hire.execute(cmd(b.hr, randomUUID())));
    expect([foreign.code, foreign.messageZh, foreign.field]).toEqual([missing.code, missing.messageZh, missing.field]);
    expect(foreign.code).toBe('NOT_FOUND');
    expect(await state(postingId, appId)).toMatchObject({ openings_left: 1, stage: 'OFFER', hires: 0 });
  });

  it('headcount: the last opening fills the posting; the next hire is POSTING_FULL and leaves the applicant at OFFER', async () => {
    const { tenantId, hr } = await tenantWithHr();
    const postingId = await posting(tenantId, 1);
    const first = await application(tenantId, postingId);
    const second = await application(tenantId, postingId);
    await hire.execute(cmd(hr, first));
    expect(await state(postingId, first)).toMatchObject({ openings_left: 0, status: 'FILLED', stage: 'HIRED' });
    const e = await failure(hire.execute(cmd(hr, second)));
    expect(e.code).toBe('POSTING_FULL');
    expect(await state(postingId, second)).toEqual({ openings_left: 0, status: 'FILLED', stage: 'OFFER', hires: 0, hired_events: 0, notices: 0 });
  });

  it('headcount under concurrency: 6 hires at once on 2 openings hire exactly 2', async () => {
    const { tenantId, hr } = await tenantWithHr();
    const postingId = await posting(tenantId, 2);
    const apps = await Promise.all(Array.from({ length: 6 }, () => application(tenantId, postingId)));
    const results = await Promise.allSettled(apps.map((id) => hire.execute(cmd(hr, id))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(results.filter((r) => r.status === 'rejected').map((r) => ((r as PromiseRejectedResult).reason as AppException).code)).toEqual(
      Array(4).fill('POSTING_FULL'),
    );
    const [row] = await db.query(
      `SELECT openings_left, status, (SELECT count(*)::int FROM hires WHERE posting_id = $1) AS hires FROM job_postings WHERE id = $1`,
      [postingId],
    );
    expect(row).toEqual({ openings_left: 0, status: 'FILLED', hires: 2 });
  });

  it('contract dates: invalid dates and terms are refused by the command, insurance before the contract by the use case', async () => {
    const { tenantId, hr } = await tenantWithHr();
    const postingId = await posting(tenantId, 1);
    const appId = await application(tenantId, postingId);
    const invalid = (t: Partial<typeof terms>) => {
      try {
        cmd(hr, appId, t);
      } catch (e) {
        return { code: (e as AppException).code, field: (e as AppException).field };
      }
      return null;
    };
    expect(invalid({ contractStart: '2026-02-30' })).toEqual({ code: 'BAD_USER_INPUT', field: 'contractStart' });
    expect(invalid({ contractStart: '2026/12/01' })).toEqual({ code: 'BAD_USER_INPUT', field: 'contractStart' });
    expect(invalid({ contractMonths: 0 })).toEqual({ code: 'BAD_USER_INPUT', field: 'contractMonths' });
    expect(invalid({ contractMonths: 121 })).toEqual({ code: 'BAD_USER_INPUT', field: 'contractMonths' });
    expect(invalid({ contractMonths: 1.5 })).toEqual({ code: 'BAD_USER_INPUT', field: 'contractMonths' });
    expect(invalid({ socialInsuranceStart: '2026-13-01' })).toEqual({ code: 'BAD_USER_INPUT', field: 'socialInsuranceStart' });
    expect(() => HireCommand.create({ actor: hr, applicationId: 'not-a-uuid', ...terms })).toThrow(AppException);

    const early = await failure(hire.execute(cmd(hr, appId, { socialInsuranceStart: '2026-11-30' })));
    expect(early.messageZh).toBe('社保开始日期不能早于合同开始日期');
    expect(await state(postingId, appId)).toMatchObject({ openings_left: 1, stage: 'OFFER', hires: 0 });

    // no social insurance date at all is allowed; the contract ends the day before the same date N months on
    const h = await hire.execute(HireCommand.create({ actor: hr, applicationId: appId, contractStart: '2026-03-15', contractMonths: 6 }));
    expect(h.socialInsuranceStart).toBeNull();
    expect(toHireModel(h).contractEnd).toBe('2026-09-14');
  });

  it('idempotent: the same hire sent again returns the first one and takes no second opening; other terms are refused', async () => {
    const { tenantId, hr } = await tenantWithHr();
    const postingId = await posting(tenantId, 3);
    const appId = await application(tenantId, postingId);
    const [a, b] = await Promise.all([hire.execute(cmd(hr, appId)), hire.execute(cmd(hr, appId))]);
    const c = await hire.execute(cmd(hr, appId));
    expect(new Set([a.id, b.id, c.id]).size).toBe(1);
    expect(await state(postingId, appId)).toEqual({ openings_left: 2, status: 'OPEN', stage: 'HIRED', hires: 1, hired_events: 1, notices: 1 });
    const other = await failure(hire.execute(cmd(hr, appId, { contractMonths: 24 })));
    expect(other.code).toBe('INVALID_TRANSITION');
    expect(await state(postingId, appId)).toMatchObject({ openings_left: 2, hires: 1 });
  });
});
