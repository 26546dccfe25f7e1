import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live part of a job fair (issue 11 §4, §6): schools' graduate notices on the info wall 信息墙, seekers' wall
 * subscriptions (what fits them; one notification per subscriber per fair, enforced by fair_wall_deliveries), and the
 * booth queue's history (served / skipped / no-show per entry) — the queue itself lives in Redis.
 */
export class FairsLive1795431100000 implements MigrationInterface {
  name = 'FairsLive1795431100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fair_school_notices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        school_id uuid NOT NULL REFERENCES schools(id),
        majors jsonb NOT NULL,
        graduates integer NOT NULL CHECK (graduates > 0),
        note text,
        posted_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        withdrawn_at timestamptz,
        CONSTRAINT fair_school_notices_majors CHECK (jsonb_typeof(majors) = 'array')
      )`);
    await q.query(`CREATE INDEX fair_school_notices_fair ON fair_school_notices (fair_id, created_at) WHERE withdrawn_at IS NULL`);

    await q.query(`
      CREATE TABLE fair_wall_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seeker_id uuid NOT NULL UNIQUE REFERENCES seekers(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        region_prefixes text[] NOT NULL DEFAULT '{}',
        max_distance_km integer CHECK (max_distance_km IS NULL OR max_distance_km BETWEEN 1 AND 1000),
        home_lat double precision,
        home_lng double precision,
        fair_kinds text[] NOT NULL DEFAULT '{}',
        shifts text[] NOT NULL DEFAULT '{}',
        pay_floor_fen integer CHECK (pay_floor_fen IS NULL OR pay_floor_fen >= 0),
        mandarin_rank smallint,
        typing_speed smallint,
        sms boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT fair_wall_subscriptions_home CHECK (max_distance_km IS NULL OR (home_lat IS NOT NULL AND home_lng IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX fair_wall_subscriptions_active ON fair_wall_subscriptions (id) WHERE active`);

    await q.query(`
      CREATE TABLE fair_wall_deliveries (
        subscription_id uuid NOT NULL REFERENCES fair_wall_subscriptions(id) ON DELETE CASCADE,
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        postings integer NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (fair_id, subscription_id)
      )`);
    // Which fairs' fan-out is finished (the scheduler's sweep skips them).
    await q.query(`
      CREATE TABLE fair_wall_fanouts (
        fair_id uuid PRIMARY KEY REFERENCES fairs(id) ON DELETE CASCADE,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        notified integer NOT NULL DEFAULT 0
      )`);

    await q.query(`
      CREATE TABLE fair_booth_queue_log (
        id bigserial PRIMARY KEY,
        booth_id uuid NOT NULL REFERENCES fair_booths(id) ON DELETE CASCADE,
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        number integer NOT NULL,
        mode text NOT NULL CHECK (mode IN ('ONLINE','ONSITE')),
        outcome text NOT NULL CHECK (outcome IN ('SERVED','SKIPPED','NO_SHOW','LEFT','HANDED_OVER')),
        hr_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        service_ms integer,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX fair_booth_queue_log_booth ON fair_booth_queue_log (booth_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['fair_booth_queue_log', 'fair_wall_fanouts', 'fair_wall_deliveries', 'fair_wall_subscriptions', 'fair_school_notices']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
