import { MigrationInterface, QueryRunner } from 'typeorm';

/** The spine: accounts, talent pool with consent and access log, employers' hiring pipeline, outbox, notifications. */
export class Spine1795420800000 implements MigrationInterface {
  name = 'Spine1795420800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`CREATE TYPE user_role AS ENUM ('SEEKER','HR','SCHOOL_ADMIN','AUDITOR','OPERATOR')`);
    await q.query(`
      CREATE TABLE schools (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        kind text NOT NULL DEFAULT 'VOCATIONAL',
        region_code char(6),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        credit_code char(18) NOT NULL UNIQUE,
        seats integer NOT NULL CHECK (seats >= 0),
        contact_name text,
        contact_phone_enc text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        role user_role NOT NULL,
        username text UNIQUE,
        password_hash text,
        phone_enc text,
        phone_hash char(64),
        display_name text NOT NULL,
        tenant_id uuid REFERENCES tenants(id),
        school_id uuid REFERENCES schools(id),
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_hr_has_tenant CHECK (role <> 'HR' OR tenant_id IS NOT NULL),
        CONSTRAINT users_school_admin_has_school CHECK (role <> 'SCHOOL_ADMIN' OR school_id IS NOT NULL),
        CONSTRAINT users_staff_has_password CHECK (role = 'SEEKER' OR (username IS NOT NULL AND password_hash IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX users_seeker_phone ON users (phone_hash) WHERE role = 'SEEKER'`);
    await q.query(`CREATE INDEX users_tenant ON users (tenant_id)`);
    await q.query(`
      CREATE TABLE sms_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        phone_hash char(64) NOT NULL,
        code_hash char(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        consumed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sms_codes_phone ON sms_codes (phone_hash, created_at DESC)`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)`);

    await q.query(`
      CREATE TABLE seekers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid UNIQUE REFERENCES users(id) ON DELETE SET NULL,
        id_number_enc text,
        id_number_hash char(64) UNIQUE,
        name text NOT NULL,
        gender text CHECK (gender IN ('MALE','FEMALE')),
        birth_date date,
        phone_enc text,
        phone_hash char(64),
        region_code char(6),
        lat double precision,
        lng double precision,
        distance_km numeric(7,1),
        education text CHECK (education IN ('PRIMARY','JUNIOR_HIGH','SECONDARY','HIGH_SCHOOL','JUNIOR_COLLEGE','BACHELOR','MASTER','DOCTOR')),
        school_name text,
        major text,
        graduation_year smallint,
        mandarin_level text CHECK (mandarin_level IN ('3B','3A','2B','2A','1B','1A')),
        typing_speed smallint CHECK (typing_speed BETWEEN 0 AND 400),
        call_center_months smallint CHECK (call_center_months >= 0),
        languages text[] NOT NULL DEFAULT '{}',
        shifts text[] NOT NULL DEFAULT '{}',
        categories text[] NOT NULL DEFAULT '{}',
        completeness smallint NOT NULL DEFAULT 0,
        source text NOT NULL DEFAULT 'SELF',
        shared_with_tenants boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz
      )`);
    await q.query(`CREATE INDEX seekers_phone_hash ON seekers (phone_hash)`);
    await q.query(`CREATE INDEX seekers_shared ON seekers (updated_at DESC) WHERE shared_with_tenants AND erased_at IS NULL`);
    await q.query(`
      CREATE TABLE seeker_schools (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seeker_id uuid NOT NULL REFERENCES seekers(id) ON DELETE CASCADE,
        school_id uuid NOT NULL REFERENCES schools(id),
        major text, education text, graduation_year smallint, class_name text, student_no text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (seeker_id, school_id)
      )`);
    await q.query(`
      CREATE TABLE consents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seeker_id uuid NOT NULL REFERENCES seekers(id) ON DELETE CASCADE,
        scope text NOT NULL,
        policy_version text NOT NULL,
        granted_at timestamptz NOT NULL,
        withdrawn_at timestamptz,
        channel text NOT NULL DEFAULT 'WEB'
      )`);
    await q.query(`CREATE INDEX consents_seeker ON consents (seeker_id, granted_at DESC)`);
    await q.query(`CREATE UNIQUE INDEX consents_one_active ON consents (seeker_id, scope) WHERE withdrawn_at IS NULL`);
    await q.query(`
      CREATE TABLE profile_access_logs (
        id bigserial PRIMARY KEY,
        seeker_id uuid NOT NULL REFERENCES seekers(id) ON DELETE CASCADE,
        viewer_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        viewer_role user_role NOT NULL,
        tenant_id uuid REFERENCES tenants(id),
        action text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX profile_access_logs_seeker ON profile_access_logs (seeker_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE job_postings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        headcount integer NOT NULL CHECK (headcount > 0),
        openings_left integer NOT NULL CHECK (openings_left >= 0),
        salary_min_fen integer NOT NULL CHECK (salary_min_fen >= 0),
        salary_max_fen integer NOT NULL,
        shifts text[] NOT NULL DEFAULT '{}',
        min_mandarin_level text,
        min_typing_speed smallint,
        min_education text,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','OPEN','FILLED','CLOSED')),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT job_postings_salary_range CHECK (salary_max_fen >= salary_min_fen),
        CONSTRAINT job_postings_openings CHECK (openings_left <= headcount)
      )`);
    await q.query(`CREATE INDEX job_postings_tenant ON job_postings (tenant_id, created_at DESC)`);
    await q.query(`CREATE INDEX job_postings_open ON job_postings (created_at DESC) WHERE status = 'OPEN'`);
    await q.query(`
      CREATE TABLE applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        posting_id uuid NOT NULL REFERENCES job_postings(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        seeker_id uuid NOT NULL REFERENCES seekers(id),
        stage text NOT NULL CHECK (stage IN ('APPLIED','SCREENING','INTERVIEW','OFFER','HIRED','REJECTED','WITHDRAWN')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (posting_id, seeker_id)
      )`);
    await q.query(`CREATE INDEX applications_tenant ON applications (tenant_id, posting_id, stage)`);
    await q.query(`CREATE INDEX applications_seeker ON applications (seeker_id)`);
    await q.query(`
      CREATE TABLE application_events (
        id bigserial PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        from_stage text,
        to_stage text NOT NULL,
        actor_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        actor_role user_role NOT NULL,
        reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX application_events_app ON application_events (application_id, id)`);
    await q.query(`
      CREATE TABLE application_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        author_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX application_notes_app ON application_notes (application_id, created_at)`);
    await q.query(`
      CREATE TABLE hires (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL UNIQUE REFERENCES applications(id),
        posting_id uuid NOT NULL REFERENCES job_postings(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        seeker_id uuid NOT NULL REFERENCES seekers(id),
        hired_by uuid REFERENCES users(id) ON DELETE SET NULL,
        contract_start date NOT NULL,
        contract_months smallint NOT NULL CHECK (contract_months BETWEEN 1 AND 120),
        social_insurance_start date,
        terminated_on date,
        termination_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT hires_termination_after_start CHECK (terminated_on IS NULL OR terminated_on >= contract_start)
      )`);
    await q.query(`CREATE INDEX hires_tenant ON hires (tenant_id, created_at DESC)`);
    await q.query(`CREATE INDEX hires_seeker ON hires (seeker_id)`);

    await q.query(`
      CREATE TABLE outbox_events (
        id bigserial PRIMARY KEY,
        topic text NOT NULL,
        aggregate_id uuid NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending ON outbox_events (id) WHERE relayed_at IS NULL`);
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        event_id bigint NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        sms_sent_at timestamptz,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (event_id, user_id)
      )`);
    await q.query(`CREATE INDEX notifications_user ON notifications (user_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'notifications',
      'outbox_events',
      'hires',
      'application_notes',
      'application_events',
      'applications',
      'job_postings',
      'profile_access_logs',
      'consents',
      'seeker_schools',
      'seekers',
      'refresh_tokens',
      'sms_codes',
      'users',
      'tenants',
      'schools',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP TYPE IF EXISTS user_role`);
  }
}
