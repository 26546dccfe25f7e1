import { Clock, CryptoService, shanghaiDate } from '@app/core';
import { creditCode, idNumber, uniquePhone } from '@app/testing';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';

/** Rows straight into the real test database, one context at a time, for the service-level specs (no HTTP). */
export class World {
  constructor(
    readonly db: DataSource,
    readonly crypto: CryptoService,
    readonly clock: Clock,
  ) {}

  private async one(sql: string, params: unknown[]): Promise<string> {
    const [row] = await this.db.query(sql, params);
    return row.id;
  }

  today(offsetDays = 0): string {
    return shanghaiDate(new Date(this.clock.now().getTime() + offsetDays * 86_400_000));
  }

  async seekerAccount(opts: { name?: string; shared?: boolean; withUser?: boolean } = {}): Promise<{ userId: string | null; seekerId: string; phone: string }> {
    const phone = uniquePhone();
    const phoneEnc = this.crypto.encrypt(phone);
    const phoneHash = this.crypto.hash('phone', phone);
    const userId =
      opts.withUser === false
        ? null
        : await this.one(`INSERT INTO users (role, phone_enc, phone_hash, display_name) VALUES ('SEEKER', $1, $2, '求职者') RETURNING id`, [
            phoneEnc,
            phoneHash,
          ]);
    const id = idNumber();
    const seekerId = await this.one(
      `INSERT INTO seekers (user_id, name, id_number_enc, id_number_hash, phone_enc, phone_hash, region_code, shared_with_tenants, source)
       VALUES ($1, $2, $3, $4, $5, $6, '150902', $7, $8) RETURNING id`,
      [
        userId,
        opts.name ?? '张测试',
        this.crypto.encrypt(id),
        this.crypto.hash('id', id),
        phoneEnc,
        phoneHash,
        opts.shared ?? true,
        userId ? 'SELF' : 'SCHOOL',
      ],
    );
    return { userId, seekerId, phone };
  }

  async tenant(name = `测试企业${randomUUID().slice(0, 6)}`): Promise<{ tenantId: string; hrUserId: string; name: string }> {
    const tenantId = await this.one(`INSERT INTO tenants (name, credit_code, seats) VALUES ($1, $2, 50) RETURNING id`, [name, creditCode()]);
    const hrUserId = await this.one(
      `INSERT INTO users (role, username, password_hash, display_name, tenant_id) VALUES ('HR', $1, 'x', 'HR', $2) RETURNING id`,
      [`hr_${randomUUID()}`, tenantId],
    );
    return { tenantId, hrUserId, name };
  }

  posting(tenantId: string, title = '呼叫中心客服'): Promise<string> {
    return this.one(
      `INSERT INTO job_postings (tenant_id, title, description, headcount, openings_left, salary_min_fen, salary_max_fen, status)
       VALUES ($1, $2, '', 10, 10, 300000, 400000, 'OPEN') RETURNING id`,
      [tenantId, title],
    );
  }

  application(postingId: string, tenantId: string, seekerId: string, stage: string): Promise<string> {
    const now = this.clock.now();
    return this.one(`INSERT INTO applications (posting_id, tenant_id, seeker_id, stage, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`, [
      postingId,
      tenantId,
      seekerId,
      stage,
      now,
    ]);
  }

  async hire(tenantId: string, seekerId: string, title = '班组长'): Promise<{ applicationId: string; hireId: string }> {
    const postingId = await this.posting(tenantId, title);
    const applicationId = await this.application(postingId, tenantId, seekerId, 'HIRED');
    const hireId = await this.one(
      `INSERT INTO hires (application_id, posting_id, tenant_id, seeker_id, contract_start, contract_months) VALUES ($1, $2, $3, $4, $5, 12) RETURNING id`,
      [applicationId, postingId, tenantId, seekerId, this.today()],
    );
    return { applicationId, hireId };
  }

  school(name = `测试学院${randomUUID().slice(0, 6)}`): Promise<string> {
    return this.one(`INSERT INTO schools (name) VALUES ($1) RETURNING id`, [name]);
  }

  schoolLink(seekerId: string, schoolId: string, status: 'PENDING' | 'CONFIRMED' | 'DECLINED'): Promise<string> {
    const decided = status === 'PENDING' ? null : this.clock.now();
    return this.one(
      `INSERT INTO seeker_schools (seeker_id, school_id, status, major, decided_at, decided_via) VALUES ($1, $2, $3, '现代服务', $4, $5) RETURNING id`,
      [seekerId, schoolId, status, decided, decided && 'SEEKER'],
    );
  }

  async trainingClass(endsInDays: number): Promise<string> {
    const institutionId = await this.one(`INSERT INTO training_institutions (name, kind) VALUES ($1, 'EXTERNAL') RETURNING id`, [
      `培训中心${randomUUID().slice(0, 6)}`,
    ]);
    return this.one(
      `INSERT INTO training_classes (institution_id, type, name, capacity, enrolled_count, starts_on, ends_on)
       VALUES ($1, 'NEW_HIRE', $2, 30, 0, $3, $4) RETURNING id`,
      [institutionId, `新员工班${randomUUID().slice(0, 6)}`, this.today(Math.min(endsInDays, 0) - 10), this.today(endsInDays)],
    );
  }

  async enrol(classId: string, seekerId: string): Promise<string> {
    await this.db.query(`UPDATE training_classes SET enrolled_count = enrolled_count + 1 WHERE id = $1`, [classId]);
    return this.one(`INSERT INTO training_enrolments (class_id, seeker_id, status, source, enrolled_at) VALUES ($1, $2, 'ENROLLED', 'SELF', $3) RETURNING id`, [
      classId,
      seekerId,
      this.clock.now(),
    ]);
  }

  async proposedInterview(tenantId: string, hrUserId: string, applicationId: string, seekerId: string): Promise<{ interviewId: string; slotId: string }> {
    const now = this.clock.now();
    const interviewId = await this.one(
      `INSERT INTO interviews (tenant_id, application_id, seeker_id, hr_user_id, status, seeker_note, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'PROPOSED', '下午方便', $5, $5) RETURNING id`,
      [tenantId, applicationId, seekerId, hrUserId, now],
    );
    const start = new Date(now.getTime() + 2 * 86_400_000);
    const slotId = await this.one(
      `INSERT INTO interview_slots (interview_id, tenant_id, hr_user_id, starts_at, ends_at, state, created_at) VALUES ($1, $2, $3, $4, $5, 'OPEN', $6) RETURNING id`,
      [interviewId, tenantId, hrUserId, start, new Date(start.getTime() + 30 * 60_000), now],
    );
    return { interviewId, slotId };
  }

  async sessionAndNotification(userId: string): Promise<void> {
    await this.db.query(`INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)`, [
      userId,
      randomUUID(),
      this.crypto.hash('token', randomUUID()),
      new Date(this.clock.now().getTime() + 86_400_000),
    ]);
    const [ev] = await this.db.query(`INSERT INTO outbox_events (topic, aggregate_id) VALUES ('notify.test', $1) RETURNING id`, [userId]);
    await this.db.query(`INSERT INTO notifications (user_id, event_id, kind, title, body) VALUES ($1, $2, 'TEST', '通知', '内容')`, [userId, ev.id]);
  }

  async consent(seekerId: string): Promise<void> {
    await this.db.query(`INSERT INTO consents (seeker_id, scope, policy_version, granted_at) VALUES ($1, 'SHARE_WITH_TENANTS', '2026-01', $2)`, [
      seekerId,
      this.clock.now(),
    ]);
  }

  async pendingClaim(claimantUserId: string, phone: string, onSeekerId: string): Promise<string> {
    return this.one(
      `INSERT INTO identity_claims (seeker_id, claimant_user_id, claimant_phone_enc, claimant_phone_hash, profile_was_linked, status, created_at)
       VALUES ($1, $2, $3, $4, false, 'PENDING', $5) RETURNING id`,
      [onSeekerId, claimantUserId, this.crypto.encrypt(phone), this.crypto.hash('phone', phone), this.clock.now()],
    );
  }
}
