import { QueueName } from '@app/core';

export const SUBSIDY_PAYOUT_QUEUE = QueueName.SUBSIDY_PAYOUTS;

/** Outbox topic written by PayoutPlanner in the approval transaction; relayed to the payouts queue (OUTBOX_ROUTES 'subsidy.payout.'). */
export const PAYOUT_PLANNED_TOPIC = 'subsidy.payout.planned';
/** The daily sweep (job scheduler, Asia/Shanghai): stop facts, retention, instalments due, then a payment batch. */
export const PAYOUT_SWEEP_JOB = 'subsidy.payout.sweep';
/** Make a payment batch of everything due through a date. */
export const PAYOUT_BATCH_JOB = 'subsidy.payout.batch';

/** The sweep runs every day at 06:00 Beijing time. */
export const PAYOUT_SWEEP_SCHEDULE = { pattern: '0 0 6 * * *', tz: 'Asia/Shanghai' } as const;
export const PAYOUT_SWEEP_SCHEDULER_ID = 'subsidy-payout-daily-sweep';

export interface PayoutPlannedEvent {
  claimId: string;
  instructions: number;
  totalFen: number;
}

export interface PayoutBatchJob {
  /** Everything due on or before this Asia/Shanghai date. */
  dueThrough: string;
  /** The batch's request key (UNIQUE): the same request never makes two batches. */
  requestKey: string;
}

/** The job id (and request key) of the sweep's batch for a day: one per day, whoever adds it and however often. */
export function dailyBatchKey(date: string): string {
  return `daily-${date}`;
}

/** Test hooks around the batch transaction (fault tests kill the worker at these points); no-ops in the apps. */
export const PAYOUT_FAULT_HOOKS = Symbol('PAYOUT_FAULT_HOOKS');
export interface PayoutFaultHooks {
  /** Inside the batch transaction, after the instructions are marked, before COMMIT. */
  beforeCommit?: () => void | Promise<void>;
  /** After COMMIT, before the job completes. */
  afterCommit?: () => void | Promise<void>;
}
