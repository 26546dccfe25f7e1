import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 8 §3 "a school list must not annex people": a person's record at a
 * school (seeker_schools) gets a status. A graduate list confirms the link by
 * itself only for a profile the list itself brings into the pool; for anyone
 * already in the pool the link is PENDING until the person confirms it on
 * their phone (or DECLINED). Schools see and place only CONFIRMED students.
 *
 * Existing links: kept CONFIRMED ('LEGACY') where the profile is nobody's
 * (no account) and linked to that one school only — what a list could create
 * under the new rule too; every other existing link (the profile has an
 * account, or several schools listed the same person) becomes PENDING, so the
 * person decides. New rows default to PENDING: a writer that forgets the status
 * cannot confirm anybody.
 */
export class SchoolLinkConsent1795421700000 implements MigrationInterface {
  name = 'SchoolLinkConsent1795421700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE seeker_schools
        ADD COLUMN status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','CONFIRMED','DECLINED')),
        ADD COLUMN requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
        ADD COLUMN import_id uuid REFERENCES graduate_imports(id) ON DELETE SET NULL,
        ADD COLUMN decided_at timestamptz,
        ADD COLUMN decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
        ADD COLUMN decided_via text CHECK (decided_via IN ('NEW_PROFILE','SEEKER','LEGACY'))`);
    await q.query(`
      UPDATE seeker_schools ss SET status = 'CONFIRMED', decided_at = ss.created_at, decided_via = 'LEGACY'
        FROM seekers s
       WHERE s.id = ss.seeker_id AND s.user_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM seeker_schools o WHERE o.seeker_id = ss.seeker_id AND o.school_id <> ss.school_id)`);
    await q.query(`
      ALTER TABLE seeker_schools ADD CONSTRAINT seeker_schools_decided
        CHECK ((status = 'PENDING') = (decided_at IS NULL) AND (status = 'PENDING') = (decided_via IS NULL))`);
    await q.query(`CREATE INDEX seeker_schools_confirmed ON seeker_schools (school_id, graduation_year) WHERE status = 'CONFIRMED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS seeker_schools_confirmed`);
    await q.query(`ALTER TABLE seeker_schools DROP CONSTRAINT IF EXISTS seeker_schools_decided`);
    await q.query(`
      ALTER TABLE seeker_schools DROP COLUMN decided_via, DROP COLUMN decided_by, DROP COLUMN decided_at,
        DROP COLUMN import_id, DROP COLUMN requested_by, DROP COLUMN status`);
  }
}
