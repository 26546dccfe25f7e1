import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Completed training counts in matching (issue 3 "training completed", issue 5
 * "counts in matching"): the candidate document carries how many training
 * classes the person completed; base_score includes its points. Existing
 * documents get 0 and are corrected by the next change or
 * `npm run matching:reindex`.
 */
export class MatchingTraining1795421500000 implements MigrationInterface {
  name = 'MatchingTraining1795421500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE candidate_documents ADD COLUMN training_completed smallint NOT NULL DEFAULT 0 CHECK (training_completed >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE candidate_documents DROP COLUMN training_completed`);
  }
}
