import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 8 §4 "uploads that cannot take the service down": a graduate import
 * counts the attempts that started and never came back (the worker process
 * died mid-import: out of memory, killed, host lost). The runner raises it when
 * it claims the import and lowers it when the attempt ends, however it ends;
 * once it reaches the limit (3) the import is marked FAILED with a clear reason
 * instead of being re-queued by the sweep forever.
 */
export class ImportCrashGuard1795421800000 implements MigrationInterface {
  name = 'ImportCrashGuard1795421800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE graduate_imports ADD COLUMN unfinished_attempts int NOT NULL DEFAULT 0 CHECK (unfinished_attempts >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE graduate_imports DROP COLUMN unfinished_attempts`);
  }
}
