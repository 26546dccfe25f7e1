import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 8 §2 "claiming a profile needs the person":
 * - identity_claims: a signed-in phone asking to take over a profile that already exists for an ID number
 *   (imported by a school list, a fair or the bureau, or linked to another account). A phone match with the
 *   imported phone is recorded as APPROVED by PHONE_MATCH at once; anything else waits for the service centre
 *   (or the school), who approve or reject with a note. Every decision is kept (who, when, why, which account
 *   was unlinked).
 * - seekers.sensitive_consent: the separate consent (PIPL art. 28/29) to show the sensitive categories
 *   (poor household, disabled) to the base's companies and put them into search documents.
 * - seeker_category_verifications: a category confirmed by a verified source (school, bureau list,
 *   service centre), so subsidy rules can trust only verified categories.
 */
export class IdentityClaims1795421600000 implements MigrationInterface {
  name = 'IdentityClaims1795421600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE identity_claims (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seeker_id uuid NOT NULL REFERENCES seekers(id) ON DELETE CASCADE,
        claimant_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        claimant_phone_enc text,
        claimant_phone_hash char(64),
        profile_was_linked boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING','APPROVED','REJECTED','CANCELLED')),
        method text CHECK (method IN ('PHONE_MATCH','SERVICE_CENTRE','SCHOOL')),
        previous_user_id uuid,
        decided_by uuid REFERENCES users(id),
        decided_by_role text,
        decided_at timestamptz,
        decision_note text,
        created_at timestamptz NOT NULL,
        CONSTRAINT identity_claims_decided CHECK (status IN ('PENDING','CANCELLED') OR decided_at IS NOT NULL),
        CONSTRAINT identity_claims_approved_how CHECK (status <> 'APPROVED' OR method IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX identity_claims_one_pending ON identity_claims (claimant_user_id) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX identity_claims_status ON identity_claims (status, created_at DESC)`);
    await q.query(`CREATE INDEX identity_claims_seeker ON identity_claims (seeker_id, created_at DESC)`);
    await q.query(`CREATE INDEX identity_claims_claimant ON identity_claims (claimant_user_id, created_at DESC)`);

    await q.query(`ALTER TABLE seekers ADD COLUMN sensitive_consent boolean NOT NULL DEFAULT false`);
    // Nobody has given the sensitive-data consent yet: the PostgreSQL index's documents lose those categories now
    // (a Meilisearch index needs `npm run matching:reindex`).
    await q.query(`UPDATE candidate_documents SET categories = array_remove(array_remove(categories, 'POOR_HOUSEHOLD'), 'DISABLED')
                    WHERE categories && ARRAY['POOR_HOUSEHOLD','DISABLED']::text[]`);

    await q.query(`
      CREATE TABLE seeker_category_verifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seeker_id uuid NOT NULL REFERENCES seekers(id) ON DELETE CASCADE,
        category text NOT NULL CHECK (category IN ('GRADUATE','UNEMPLOYED','POOR_HOUSEHOLD','DISABLED')),
        source text NOT NULL CHECK (source IN ('SCHOOL','BUREAU_LIST','SERVICE_CENTRE')),
        note text,
        verified_by uuid REFERENCES users(id),
        verified_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX seeker_category_verifications_active ON seeker_category_verifications (seeker_id, category) WHERE revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS seeker_category_verifications`);
    await q.query(`ALTER TABLE seekers DROP COLUMN IF EXISTS sensitive_consent`);
    await q.query(`DROP TABLE IF EXISTS identity_claims`);
  }
}
