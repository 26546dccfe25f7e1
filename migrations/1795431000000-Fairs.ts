import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Job fairs 招聘会 (issue 11): series with a weekly recurrence (Asia/Shanghai), fairs (weekly, special 专场, campus,
 * graduate 双选会), the booth map, booth applications by companies, postings at a fair with their opaque QR code,
 * scans, seeker tickets (opaque random token, no personal data), check-ins (one per person per fair, enforced here),
 * two-way selection marks, per-posting results and carry-over of unfilled places to the next fair of the series.
 */
export class Fairs1795431000000 implements MigrationInterface {
  name = 'Fairs1795431000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fair_series (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        start_local time NOT NULL,
        end_local time NOT NULL,
        weeks_ahead smallint NOT NULL DEFAULT 8 CHECK (weeks_ahead BETWEEN 1 AND 26),
        kind text NOT NULL DEFAULT 'WEEKLY' CHECK (kind IN ('WEEKLY','SPECIAL','CAMPUS','GRADUATE_DOUBLE_SELECTION')),
        level text NOT NULL CHECK (level IN ('PROVINCE','CITY','COUNTY','TOWNSHIP')),
        region_code text NOT NULL,
        mode text NOT NULL DEFAULT 'ONSITE' CHECK (mode IN ('ONSITE','ONLINE','HYBRID')),
        venue text,
        admission_cap integer CHECK (admission_cap IS NULL OR admission_cap > 0),
        booth_count integer NOT NULL DEFAULT 0 CHECK (booth_count BETWEEN 0 AND 500),
        auto_publish boolean NOT NULL DEFAULT true,
        active boolean NOT NULL DEFAULT true,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT fair_series_time CHECK (end_local > start_local)
      )`);

    await q.query(`
      CREATE TABLE fairs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        series_id uuid REFERENCES fair_series(id),
        title text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('WEEKLY','SPECIAL','CAMPUS','GRADUATE_DOUBLE_SELECTION')),
        level text NOT NULL CHECK (level IN ('PROVINCE','CITY','COUNTY','TOWNSHIP')),
        region_code text NOT NULL,
        school_id uuid REFERENCES schools(id),
        mode text NOT NULL CHECK (mode IN ('ONSITE','ONLINE','HYBRID')),
        venue text,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('DRAFT','PUBLISHED','BOOKING_CLOSED','LIVE','CLOSED','REPORTED','CANCELLED')),
        cancel_reason text,
        admission_cap integer CHECK (admission_cap IS NULL OR admission_cap > 0),
        carry_from_fair_id uuid REFERENCES fairs(id),
        published_at timestamptz,
        closed_at timestamptz,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT fairs_time CHECK (ends_at > starts_at),
        CONSTRAINT fairs_cancel_reason CHECK (status <> 'CANCELLED' OR cancel_reason IS NOT NULL),
        CONSTRAINT fairs_series_occurrence UNIQUE (series_id, starts_at)
      )`);
    await q.query(`CREATE INDEX fairs_starts ON fairs (starts_at)`);
    await q.query(`CREATE INDEX fairs_region ON fairs (region_code, starts_at)`);

    await q.query(`
      CREATE TABLE fair_booths (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        number text NOT NULL,
        zone text,
        tenant_id uuid REFERENCES tenants(id),
        assigned_at timestamptz,
        CONSTRAINT fair_booths_number UNIQUE (fair_id, number)
      )`);
    // A company holds at most one booth per fair.
    await q.query(`CREATE UNIQUE INDEX fair_booths_one_per_tenant ON fair_booths (fair_id, tenant_id) WHERE tenant_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE fair_booth_applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        status text NOT NULL CHECK (status IN ('PENDING','APPROVED','REJECTED','CANCELLED','WITHDRAWN')),
        reason text,
        booth_id uuid REFERENCES fair_booths(id) ON DELETE SET NULL,
        late_cancel boolean NOT NULL DEFAULT false,
        no_show boolean NOT NULL DEFAULT false,
        applied_by uuid REFERENCES users(id) ON DELETE SET NULL,
        decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
        decided_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX fair_booth_applications_live ON fair_booth_applications (fair_id, tenant_id) WHERE status IN ('PENDING','APPROVED')`);
    await q.query(`CREATE INDEX fair_booth_applications_tenant ON fair_booth_applications (tenant_id, created_at)`);

    await q.query(`
      CREATE TABLE fair_postings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        booth_application_id uuid NOT NULL REFERENCES fair_booth_applications(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        booth_id uuid REFERENCES fair_booths(id) ON DELETE SET NULL,
        posting_id uuid NOT NULL REFERENCES job_postings(id),
        headcount integer NOT NULL CHECK (headcount > 0),
        code text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE','WITHDRAWN','CARRY_PENDING')),
        carried_from_id uuid REFERENCES fair_postings(id),
        carry_generation smallint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        CONSTRAINT fair_postings_once UNIQUE (fair_id, posting_id)
      )`);
    await q.query(`CREATE INDEX fair_postings_posting ON fair_postings (posting_id)`);

    await q.query(`
      CREATE TABLE fair_posting_scans (
        id bigserial PRIMARY KEY,
        fair_posting_id uuid NOT NULL REFERENCES fair_postings(id) ON DELETE CASCADE,
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        seeker_id uuid REFERENCES seekers(id) ON DELETE SET NULL,
        scanned_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX fair_posting_scans_seeker ON fair_posting_scans (seeker_id, scanned_at) WHERE seeker_id IS NOT NULL`);
    await q.query(`CREATE INDEX fair_posting_scans_fair ON fair_posting_scans (fair_id)`);

    await q.query(`
      CREATE TABLE fair_tickets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        seeker_id uuid NOT NULL REFERENCES seekers(id) ON DELETE CASCADE,
        token text NOT NULL UNIQUE,
        walk_in boolean NOT NULL DEFAULT false,
        registered_by uuid REFERENCES users(id) ON DELETE SET NULL,
        cancelled_at timestamptz,
        created_at timestamptz NOT NULL,
        CONSTRAINT fair_tickets_one_per_seeker UNIQUE (fair_id, seeker_id)
      )`);
    await q.query(`CREATE INDEX fair_tickets_seeker ON fair_tickets (seeker_id)`);

    await q.query(`
      CREATE TABLE fair_checkins (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        seeker_id uuid NOT NULL REFERENCES seekers(id) ON DELETE CASCADE,
        ticket_id uuid REFERENCES fair_tickets(id) ON DELETE SET NULL,
        method text NOT NULL CHECK (method IN ('SCAN','ID_NUMBER','ONLINE','MANUAL')),
        checked_in_by uuid REFERENCES users(id) ON DELETE SET NULL,
        idempotency_key text,
        checked_in_at timestamptz NOT NULL,
        CONSTRAINT fair_checkins_once UNIQUE (fair_id, seeker_id)
      )`);
    await q.query(`CREATE INDEX fair_checkins_seeker ON fair_checkins (seeker_id, checked_in_at)`);

    await q.query(`
      CREATE TABLE fair_selections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        fair_posting_id uuid NOT NULL REFERENCES fair_postings(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        seeker_id uuid NOT NULL REFERENCES seekers(id) ON DELETE CASCADE,
        side text NOT NULL CHECK (side IN ('SEEKER','HR')),
        kind text NOT NULL CHECK (kind IN ('INTEREST','CONVERSATION','INTENT','INTERVIEW','HIRED')),
        ref_id uuid,
        note text,
        by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT fair_selections_once UNIQUE (fair_posting_id, seeker_id, side, kind)
      )`);
    await q.query(`CREATE INDEX fair_selections_fair ON fair_selections (fair_id, kind)`);
    await q.query(`CREATE INDEX fair_selections_seeker ON fair_selections (seeker_id)`);

    // Results 招聘结果登记: attributed applications and hires per fair posting, kept when the fair closes.
    await q.query(`
      CREATE TABLE fair_results (
        fair_posting_id uuid PRIMARY KEY REFERENCES fair_postings(id) ON DELETE CASCADE,
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        applications integer NOT NULL DEFAULT 0,
        intents integer NOT NULL DEFAULT 0,
        interviews integer NOT NULL DEFAULT 0,
        hired integer NOT NULL DEFAULT 0,
        openings_left_at_close integer,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE fair_attributions (
        application_id uuid PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,
        fair_posting_id uuid NOT NULL REFERENCES fair_postings(id) ON DELETE CASCADE,
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        seeker_id uuid NOT NULL REFERENCES seekers(id) ON DELETE CASCADE,
        source text NOT NULL CHECK (source IN ('SCAN','BOOTH','ONLINE')),
        hired_at timestamptz,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX fair_attributions_fair ON fair_attributions (fair_id)`);

    await q.query(`
      CREATE TABLE fair_carry_overs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        from_fair_posting_id uuid NOT NULL REFERENCES fair_postings(id) ON DELETE CASCADE,
        to_fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        to_fair_posting_id uuid REFERENCES fair_postings(id) ON DELETE SET NULL,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        headcount integer NOT NULL CHECK (headcount > 0),
        status text NOT NULL CHECK (status IN ('PENDING','CONFIRMED','WITHDRAWN','FILLED','EXPIRED')),
        deadline timestamptz NOT NULL,
        decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
        decided_at timestamptz,
        created_at timestamptz NOT NULL,
        CONSTRAINT fair_carry_overs_once UNIQUE (from_fair_posting_id)
      )`);
    await q.query(`CREATE INDEX fair_carry_overs_to ON fair_carry_overs (to_fair_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'fair_carry_overs',
      'fair_attributions',
      'fair_results',
      'fair_selections',
      'fair_checkins',
      'fair_tickets',
      'fair_posting_scans',
      'fair_postings',
      'fair_booth_applications',
      'fair_booths',
      'fairs',
      'fair_series',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
