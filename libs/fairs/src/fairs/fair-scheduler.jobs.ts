import { QueueName } from '@app/core';

export const FAIRS_QUEUE = QueueName.FAIRS;
/** Creates the fairs of every active series for its weeks ahead, and settles carry-overs past their deadline. */
export const FAIR_SCHEDULE_JOB = 'fair-schedule';
export const FAIR_SCHEDULER_ID = 'fair-series-ahead';
/** Every day at 02:00 Beijing time (and once at worker start): the 8 Saturdays ahead always exist. */
export const FAIR_SCHEDULE = { pattern: '0 0 2 * * *', tz: 'Asia/Shanghai' } as const;

export interface FairScheduleJob {
  /** One series only (absent: all active series). */
  seriesId?: string;
}
export interface FairScheduleResult {
  fairsCreated: number;
  carryOversSettled: number;
}
