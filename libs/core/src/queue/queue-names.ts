/** Every BullMQ queue, registered once here. */
export enum QueueName {
  OUTBOX = 'outbox',
  NOTIFICATIONS = 'notifications',
  SEARCH_INDEX = 'search-index',
  GRADUATE_IMPORT = 'graduate-import',
  INTERVIEW_REMINDERS = 'interview-reminders',
}

/** Which queue each outbox topic is relayed to (by topic prefix). */
export const OUTBOX_ROUTES: Array<{ prefix: string; queue: QueueName }> = [
  { prefix: 'notify.', queue: QueueName.NOTIFICATIONS },
  { prefix: 'seeker.', queue: QueueName.SEARCH_INDEX },
  { prefix: 'posting.', queue: QueueName.SEARCH_INDEX },
];

export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;
