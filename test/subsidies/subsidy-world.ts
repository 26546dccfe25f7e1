import { Clock, CryptoService, Role } from '@app/core';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { World } from '../architecture/world';

/**
 * The facts subsidy rules read, written straight into the real test database the way the owning contexts record them
 * (training sessions, attendance, assessments, certificates; hires with contracts, social insurance and terminations;
 * verified categories), plus bureau users. Service-level specs only.
 */
export class SubsidyWorld extends World {
  constructor(db: DataSource, crypto: CryptoService, clock: Clock) {
    super(db, crypto, clock);
  }

  private async id(sql: string, params: unknown[]): Promise<string> {
    const [row] = await this.db.query(sql, params);
    return row.id;
  }

  /** Move the Clock to a fixed instant (e.g. '2026-06-15T10:00:00+08:00'). */
  setNow(iso: string): void {
    this.clock.advance(Date.parse(iso) - this.clock.now().getTime());
  }

  staff(role: Role, extra: { tenantId?: string } = {}): Promise<string> {
    return this.id(`INSERT INTO users (role, username, password_hash, display_name, tenant_id) VALUES ($1, $2, 'x', $3, $4) RETURNING id`, [
      role,
      `${role.toLowerCase()}_${randomUUID()}`,
      role,
      extra.tenantId ?? null,
    ]);
  }

  /** A hire on given dates (contract start, months, social insurance, termination). */
  async hireOn(
    tenantId: string,
    seekerId: string,
    o: { start: string; months: number; insurance?: string | null; terminatedOn?: string | null; reason?: string },
  ): Promise<string> {
    const { hireId } = await this.hire(tenantId, seekerId);
    await this.db.query(
      `UPDATE hires SET contract_start = $2, contract_months = $3, social_insurance_start = $4, terminated_on = $5, termination_reason = $6 WHERE id = $1`,
      [hireId, o.start, o.months, o.insurance === undefined ? o.start : o.insurance, o.terminatedOn ?? null, o.terminatedOn ? (o.reason ?? 'RESIGNED') : null],
    );
    return hireId;
  }

  async verifyCategory(
    seekerId: string,
    category: 'POOR_HOUSEHOLD' | 'GRADUATE' | 'UNEMPLOYED' | 'DISABLED',
    source: 'SCHOOL' | 'BUREAU_LIST' | 'SERVICE_CENTRE',
  ): Promise<void> {
    await this.db.query(`UPDATE seekers SET categories = array_append(categories, $2) WHERE id = $1 AND NOT ($2 = ANY(categories))`, [seekerId, category]);
    await this.db.query(`INSERT INTO seeker_category_verifications (seeker_id, category, source, verified_at) VALUES ($1, $2, $3, $4)`, [
      seekerId,
      category,
      source,
      this.clock.now(),
    ]);
  }

  /** Only declared by the person: never counts. */
  async declareCategory(seekerId: string, category: string): Promise<void> {
    await this.db.query(`UPDATE seekers SET categories = array_append(categories, $2) WHERE id = $1`, [seekerId, category]);
  }

  /**
   * A finished class of `sessions` sessions ending on `endsOn`, one person enrolled who attended `attended` of them,
   * was assessed on `assessedOn` (score, pass, level) and — when passed — completed with a certificate.
   */
  async trainedPerson(o: {
    seekerId: string;
    endsOn: string;
    sessions: number;
    attended: number;
    score?: number;
    passed?: boolean;
    level?: 'ADVANCED_WORKER' | 'TECHNICIAN' | 'SENIOR_TECHNICIAN' | null;
    sponsorTenantId?: string | null;
    institutionId?: string;
  }): Promise<{ classId: string; enrolmentId: string; institutionId: string; assessmentId: string | null; sessionIds: string[] }> {
    const institutionId =
      o.institutionId ??
      (await this.id(`INSERT INTO training_institutions (name, kind) VALUES ($1, 'EXTERNAL') RETURNING id`, [`培训机构${randomUUID().slice(0, 8)}`]));
    const start = new Date(Date.parse(`${o.endsOn}T09:00:00+08:00`) - o.sessions * 86_400_000);
    const classId = await this.id(
      `INSERT INTO training_classes (institution_id, type, name, capacity, enrolled_count, starts_on, ends_on, sponsor_tenant_id)
       VALUES ($1, 'NEW_HIRE', $2, 30, 1, $3, $4, $5) RETURNING id`,
      [institutionId, `技能提升班${randomUUID().slice(0, 6)}`, start.toISOString().slice(0, 10), o.endsOn, o.sponsorTenantId ?? null],
    );
    const enrolmentId = await this.id(
      `INSERT INTO training_enrolments (class_id, seeker_id, status, source, enrolled_at) VALUES ($1, $2, 'ENROLLED', 'OPERATOR', $3) RETURNING id`,
      [classId, o.seekerId, start],
    );
    const sessionIds: string[] = [];
    for (let i = 0; i < o.sessions; i++) {
      const s = new Date(start.getTime() + i * 86_400_000);
      const e = new Date(s.getTime() + 2 * 3600_000);
      const sid = await this.id(`INSERT INTO training_sessions (class_id, title, starts_at, ends_at) VALUES ($1, $2, $3, $4) RETURNING id`, [
        classId,
        `第${i + 1}节`,
        s,
        e,
      ]);
      sessionIds.push(sid);
      if (i < o.attended)
        await this.db.query(
          `INSERT INTO training_attendance (session_id, class_id, enrolment_id, seeker_id, session_starts_at, session_ends_at, method, recorded_role, checked_in_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'QR', 'OPERATOR', $5)`,
          [sid, classId, enrolmentId, o.seekerId, s, e],
        );
    }
    let assessmentId: string | null = null;
    if (o.score !== undefined) {
      const assessor = await this.staff(Role.OPERATOR);
      const passed = o.passed ?? o.score >= 60;
      assessmentId = await this.id(
        `INSERT INTO training_assessments (enrolment_id, class_id, seeker_id, score, passed, skill_level, assessed_on, assessor_user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [enrolmentId, classId, o.seekerId, o.score, passed, passed ? (o.level ?? null) : null, o.endsOn, assessor],
      );
      if (passed) {
        const done = new Date(`${o.endsOn}T18:00:00+08:00`);
        await this.db.query(`UPDATE training_enrolments SET status = 'COMPLETED', completed_at = $2 WHERE id = $1`, [enrolmentId, done]);
        await this.db.query(
          `INSERT INTO training_certificates (certificate_no, enrolment_id, class_id, seeker_id, institution_id, assessment_id, skill_level, attended_sessions, total_sessions, issued_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            `WLCB-PX-T-${randomUUID().slice(0, 8)}`,
            enrolmentId,
            classId,
            o.seekerId,
            institutionId,
            assessmentId,
            o.level ?? null,
            o.attended,
            o.sessions,
            done,
          ],
        );
      }
    }
    return { classId, enrolmentId, institutionId, assessmentId, sessionIds };
  }
}
