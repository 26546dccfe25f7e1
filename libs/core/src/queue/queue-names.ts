/** Every BullMQ queue, registered once here. */
export enum QueueName {
  OUTBOX = 'outbox',
  NOTIFICATIONS = 'notifications',
  SEARCH_INDEX = 'search-index',
  GRADUATE_IMPORT = 'graduate-import',
  INTERVIEW_REMINDERS = 'interview-reminders',
  /** Fairs core: the weekly fair scheduler (series occurrences ahead) and the carry-over deadline sweep (libs/fairs/src/fairs). */
  FAIRS = 'fairs',
  /** Fairs, live part: info-wall refresh, weekly wall fan-out (libs/fairs/src/live). */
  FAIR_LIVE = 'fair-live',
  /** Subsidy payouts: daily sweep (instalments due, stop facts, retention), payment batches, planned-payout events (libs/subsidies/src/payouts). */
  SUBSIDY_PAYOUTS = 'subsidy-payouts',
  /** Subsidy claims: the nightly proposal of pre-filled claims and the end of publicity periods (libs/subsidies/src/proposals). */
  SUBSIDY_PROPOSALS = 'subsidy-proposals',
}

/** Which queue each outbox topic is relayed to (by topic prefix). */
export const OUTBOX_ROUTES: Array<{ prefix: string; queue: QueueName }> = [
  { prefix: 'notify.', queue: QueueName.NOTIFICATIONS },
  { prefix: 'seeker.', queue: QueueName.SEARCH_INDEX },
  { prefix: 'posting.', queue: QueueName.SEARCH_INDEX },
  { prefix: 'subsidy.payout.', queue: QueueName.SUBSIDY_PAYOUTS },
];

export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;
