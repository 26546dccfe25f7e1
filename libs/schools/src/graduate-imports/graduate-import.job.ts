import { QueueName } from '@app/core';

export const GRADUATE_IMPORT_QUEUE = QueueName.GRADUATE_IMPORT;
export const GRADUATE_IMPORT_JOB = 'graduate-import.run';

/** jobId = importId, so an import is queued at most once. */
export interface GraduateImportJob {
  importId: string;
}

/** One job per file; a failing database is retried (rows already committed are skipped via the checkpoint). */
export const GRADUATE_IMPORT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;
