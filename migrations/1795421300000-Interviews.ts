import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Remote video interviews 网络远程面试: scheduling with proposed slots,
 * scorecard templates per tenant, scorecards, and the reminder ledger.
 *
 * Time holds: every slot an HR user has proposed (still open) or that has been
 * confirmed is a row of interview_slots with released_at NULL. One exclusion
 * constraint over (hr_user_id, tstzrange) on those rows refuses any overlap for
 * one interviewer, proposed or confirmed, across all their interviews — even
 * when two requests race. The confirmed time is also on the interview row,
 * with its own exclusion constraints per interviewer and per seeker.
 */
export class Interviews1795421300000 implements MigrationInterface {
  name = 'Interviews1795421300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await q.query(`
      CREATE TABLE interviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        seeker_id uuid NOT NULL REFERENCES seekers(id) ON DELETE CASCADE,
        hr_user_id uuid NOT NULL REFERENCES users(id),
        status text NOT NULL CHECK (status IN ('PROPOSED','SCHEDULED','LIVE','COMPLETED','NO_SHOW','CANCELLED')),
        starts_at timestamptz,
        ends_at timestamptz,
        outcome text CHECK (outcome IN ('PASS','FAIL','NO_SHOW')),
        seeker_note text,
        cancel_reason text,
        reschedule_count int NOT NULL DEFAULT 0,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT interviews_time_pair CHECK ((starts_at IS NULL) = (ends_at IS NULL) AND (ends_at IS NULL OR ends_at > starts_at)),
        CONSTRAINT interviews_confirmed_has_time CHECK (status NOT IN ('SCHEDULED','LIVE','COMPLETED','NO_SHOW') OR starts_at IS NOT NULL),
        CONSTRAINT interviews_hr_no_overlap EXCLUDE USING gist (hr_user_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
          WHERE (status IN ('SCHEDULED','LIVE')),
        CONSTRAINT interviews_seeker_no_overlap EXCLUDE USING gist (seeker_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
          WHERE (status IN ('SCHEDULED','LIVE'))
      )`);
    // One open interview per application at a time (a later round may follow a finished one).
    await q.query(`CREATE UNIQUE INDEX interviews_one_open_per_application ON interviews (application_id) WHERE status IN ('PROPOSED','SCHEDULED','LIVE')`);
    await q.query(`CREATE INDEX interviews_tenant_start ON interviews (tenant_id, starts_at)`);
    await q.query(`CREATE INDEX interviews_seeker ON interviews (seeker_id)`);
    await q.query(`CREATE INDEX interviews_scheduled_start ON interviews (starts_at) WHERE status = 'SCHEDULED'`);

    await q.query(`
      CREATE TABLE interview_slots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        interview_id uuid NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        hr_user_id uuid NOT NULL REFERENCES users(id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        state text NOT NULL CHECK (state IN ('OPEN','CHOSEN','SUPERSEDED')),
        released_at timestamptz,
        created_at timestamptz NOT NULL,
        CONSTRAINT interview_slots_range CHECK (ends_at > starts_at),
        CONSTRAINT interview_slots_hr_no_overlap EXCLUDE USING gist (hr_user_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
          WHERE (released_at IS NULL)
      )`);
    await q.query(`CREATE INDEX interview_slots_interview ON interview_slots (interview_id)`);

    await q.query(`
      CREATE TABLE scorecard_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        name text NOT NULL,
        criteria jsonb NOT NULL CHECK (jsonb_typeof(criteria) = 'array' AND jsonb_array_length(criteria) BETWEEN 1 AND 20),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT scorecard_templates_name UNIQUE (tenant_id, name)
      )`);

    await q.query(`
      CREATE TABLE interview_scorecards (
        interview_id uuid PRIMARY KEY REFERENCES interviews(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        template_id uuid REFERENCES scorecard_templates(id) ON DELETE SET NULL,
        template_name text NOT NULL,
        criteria jsonb NOT NULL,
        ratings jsonb NOT NULL,
        notes text,
        weighted_score_x100 int NOT NULL CHECK (weighted_score_x100 BETWEEN 100 AND 500),
        recorded_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        finalized_at timestamptz
      )`);
    await q.query(`CREATE INDEX interview_scorecards_tenant ON interview_scorecards (tenant_id)`);

    // Reminders delivered, one row per (interview, start, kind): a retried or duplicated job sends nothing twice.
    await q.query(`
      CREATE TABLE interview_reminders_sent (
        interview_id uuid NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
        starts_at timestamptz NOT NULL,
        kind text NOT NULL CHECK (kind IN ('H24','M15')),
        sent_at timestamptz NOT NULL,
        PRIMARY KEY (interview_id, starts_at, kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE interview_reminders_sent`);
    await q.query(`DROP TABLE interview_scorecards`);
    await q.query(`DROP TABLE scorecard_templates`);
    await q.query(`DROP TABLE interview_slots`);
    await q.query(`DROP TABLE interviews`);
  }
}
