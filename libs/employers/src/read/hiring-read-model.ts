import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface ApplicationSummary {
  applicationId: string;
  tenantId: string;
  company: string;
  postingTitle: string;
}

/** An application as other contexts see it. */
export interface ApplicationRef {
  id: string;
  tenantId: string;
  seekerId: string;
  stage: string;
}

export interface PersonApplication {
  id: string;
  company: string;
  title: string;
  stage: string;
  created_at: Date;
}

export interface PersonHire {
  contract_start: string;
  contract_months: number;
  terminated_on: string | null;
  company: string;
}

/** An application to a posting as the fairs context reads it; `hiredAt` is set when it led to a hire. */
export interface PostingApplicationFact {
  applicationId: string;
  postingId: string;
  tenantId: string;
  seekerId: string;
  stage: string;
  createdAt: Date;
  hiredAt: Date | null;
}

/** A hire as the subsidies context reads it (issue 10: contract length, social insurance, termination). Dates are YYYY-MM-DD. */
export interface HireFact {
  hireId: string;
  tenantId: string;
  company: string;
  seekerId: string;
  contractStart: string;
  contractMonths: number;
  socialInsuranceStart: string | null;
  terminatedOn: string | null;
  terminationReason: string | null;
}

/**
 * Read interface of the employers context over applications and hires, for other contexts: talent's masking rule
 * (an active applicant of the tenant), schools' order classes (applicants of the sponsor, promised vs actual hires),
 * interviews' export (company and posting of an application), and the person's own export.
 */
@Injectable()
export class HiringReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private db(m?: EntityManager): EntityManager {
    return m ?? this.dataSource.manager;
  }

  /**
   * One application; `lockForShare` holds it (FOR SHARE) until the caller's transaction ends, so its stage cannot
   * change under a decision taken on it (training's 先面试后培训 enrolment from an offer).
   */
  async application(applicationId: string, m?: EntityManager, lockForShare = false): Promise<ApplicationRef | null> {
    if (!/^[0-9a-f-]{36}$/i.test(applicationId)) return null;
    const [row] = await this.db(m).query(
      `SELECT id, tenant_id AS "tenantId", seeker_id AS "seekerId", stage FROM applications WHERE id = $1${lockForShare ? ' FOR SHARE' : ''}`,
      [applicationId],
    );
    return row ?? null;
  }

  /** The person's most recently moved application at OFFER with this tenant, if any. */
  async latestOffer(seekerId: string, tenantId: string, m?: EntityManager): Promise<ApplicationRef | null> {
    const [row] = await this.db(m).query(
      `SELECT id, tenant_id AS "tenantId", seeker_id AS "seekerId", stage FROM applications
        WHERE seeker_id = $1 AND tenant_id = $2 AND stage = 'OFFER' ORDER BY updated_at DESC LIMIT 1`,
      [seekerId, tenantId],
    );
    return row ?? null;
  }

  /** The stage of one of the tenant's applications (null: no such application of this tenant). */
  async applicationStage(applicationId: string, tenantId: string, m?: EntityManager): Promise<string | null> {
    const [row] = await this.db(m).query(`SELECT stage FROM applications WHERE id = $1 AND tenant_id = $2`, [applicationId, tenantId]);
    return row?.stage ?? null;
  }

  /** Has this seeker an active (not withdrawn) application with this tenant? */
  async hasActiveApplication(seekerId: string, tenantId: string, m?: EntityManager): Promise<boolean> {
    const rows = await this.db(m).query(`SELECT 1 FROM applications WHERE seeker_id = $1 AND tenant_id = $2 AND stage <> 'WITHDRAWN' LIMIT 1`, [
      seekerId,
      tenantId,
    ]);
    return rows.length > 0;
  }

  /** Of these seekers, those who ever applied to this tenant (any stage). */
  async applicantsAt(tenantId: string, seekerIds: readonly string[], m?: EntityManager): Promise<Set<string>> {
    if (!seekerIds.length) return new Set();
    const rows: Array<{ seeker_id: string }> = await this.db(m).query(
      `SELECT DISTINCT seeker_id FROM applications WHERE tenant_id = $1 AND seeker_id = ANY($2::uuid[])`,
      [tenantId, [...new Set(seekerIds)]],
    );
    return new Set(rows.map((r) => r.seeker_id));
  }

  /** Of these seekers, those with a hire at this tenant (terminated or not). */
  async hiredAt(tenantId: string, seekerIds: readonly string[], m?: EntityManager): Promise<Set<string>> {
    if (!seekerIds.length) return new Set();
    const rows: Array<{ seeker_id: string }> = await this.db(m).query(
      `SELECT DISTINCT seeker_id FROM hires WHERE tenant_id = $1 AND seeker_id = ANY($2::uuid[])`,
      [tenantId, [...new Set(seekerIds)]],
    );
    return new Set(rows.map((r) => r.seeker_id));
  }

  /** Company and posting title of applications, by application id. */
  async applicationSummaries(applicationIds: readonly string[], m?: EntityManager): Promise<Map<string, ApplicationSummary>> {
    if (!applicationIds.length) return new Map();
    const rows: ApplicationSummary[] = await this.db(m).query(
      `SELECT a.id AS "applicationId", a.tenant_id AS "tenantId", t.name AS company, p.title AS "postingTitle"
         FROM applications a JOIN job_postings p ON p.id = a.posting_id JOIN tenants t ON t.id = a.tenant_id
        WHERE a.id = ANY($1::uuid[])`,
      [[...new Set(applicationIds)]],
    );
    return new Map(rows.map((r) => [r.applicationId, r]));
  }

  /**
   * Applications to these postings made at or after `since` (the fairs context attributes them to a fair and booth:
   * issue 11 §2), with the hire time when hired; optionally by these seekers only.
   */
  async applicationsToPostings(
    postingIds: readonly string[],
    since: Date,
    seekerIds?: readonly string[],
    m?: EntityManager,
  ): Promise<PostingApplicationFact[]> {
    if (!postingIds.length || (seekerIds && !seekerIds.length)) return [];
    return this.db(m).query(
      `SELECT a.id AS "applicationId", a.posting_id AS "postingId", a.tenant_id AS "tenantId", a.seeker_id AS "seekerId", a.stage,
              a.created_at AS "createdAt", h.created_at AS "hiredAt"
         FROM applications a LEFT JOIN hires h ON h.application_id = a.id
        WHERE a.posting_id = ANY($1::uuid[]) AND a.created_at >= $2 AND ($3::uuid[] IS NULL OR a.seeker_id = ANY($3::uuid[]))
        ORDER BY a.created_at, a.id`,
      [[...new Set(postingIds)], since, seekerIds ? [...new Set(seekerIds)] : null],
    );
  }

  /** Openings left and status of postings (the fairs context's carry-over and info wall). */
  async postingOpenings(postingIds: readonly string[], m?: EntityManager): Promise<Map<string, { openingsLeft: number; status: string }>> {
    if (!postingIds.length) return new Map();
    const rows: Array<{ id: string; openingsLeft: number; status: string }> = await this.db(m).query(
      `SELECT id, openings_left AS "openingsLeft", status FROM job_postings WHERE id = ANY($1::uuid[])`,
      [[...new Set(postingIds)]],
    );
    return new Map(rows.map((r) => [r.id, { openingsLeft: r.openingsLeft, status: r.status }]));
  }

  /** A person's applications, oldest first (their own data export). */
  applicationsOf(seekerId: string, m?: EntityManager): Promise<PersonApplication[]> {
    return this.db(m).query(
      `SELECT a.id, t.name AS company, p.title, a.stage, a.created_at FROM applications a
         JOIN job_postings p ON p.id = a.posting_id JOIN tenants t ON t.id = a.tenant_id WHERE a.seeker_id = $1 ORDER BY a.created_at`,
      [seekerId],
    );
  }

  /** A person's hires (their own data export). */
  hiresOf(seekerId: string, m?: EntityManager): Promise<PersonHire[]> {
    return this.db(m).query(
      `SELECT h.contract_start, h.contract_months, h.terminated_on, t.name AS company FROM hires h JOIN tenants t ON t.id = h.tenant_id
        WHERE h.seeker_id = $1 ORDER BY h.contract_start, h.created_at`,
      [seekerId],
    );
  }

  /**
   * Hires for the subsidies context's rules (issue 10): by id, or every hire whose contract started in
   * [contractStartFrom, contractStartTo] (inclusive, YYYY-MM-DD), optionally of some people only.
   */
  async hireFacts(
    f: { hireIds?: readonly string[]; seekerIds?: readonly string[]; contractStartFrom?: string; contractStartTo?: string },
    m?: EntityManager,
  ): Promise<HireFact[]> {
    return this.db(m).query(
      `SELECT h.id AS "hireId", h.tenant_id AS "tenantId", t.name AS company, h.seeker_id AS "seekerId",
              to_char(h.contract_start, 'YYYY-MM-DD') AS "contractStart", h.contract_months AS "contractMonths",
              to_char(h.social_insurance_start, 'YYYY-MM-DD') AS "socialInsuranceStart",
              to_char(h.terminated_on, 'YYYY-MM-DD') AS "terminatedOn", h.termination_reason AS "terminationReason"
         FROM hires h JOIN tenants t ON t.id = h.tenant_id
        WHERE ($1::uuid[] IS NULL OR h.id = ANY($1::uuid[]))
          AND ($2::uuid[] IS NULL OR h.seeker_id = ANY($2::uuid[]))
          AND ($3::date IS NULL OR h.contract_start >= $3::date)
          AND ($4::date IS NULL OR h.contract_start <= $4::date)
        ORDER BY h.contract_start, h.id`,
      [f.hireIds ? [...f.hireIds] : null, f.seekerIds ? [...f.seekerIds] : null, f.contractStartFrom ?? null, f.contractStartTo ?? null],
    );
  }
}
