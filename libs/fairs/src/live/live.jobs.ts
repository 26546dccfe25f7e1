import { QueueName } from '@app/core';

/** The live part's queue and its jobs. */
export const FAIR_LIVE_QUEUE = QueueName.FAIR_LIVE;

/** Every few seconds: rebuild the walls of current fairs and push the changed ones. */
export const WALL_REFRESH_JOB = 'fair.wall.refresh';
/** Every 15 minutes: start the fan-out of weekly fairs whose postings are out and that were not fanned out yet. */
export const WALL_FANOUT_SWEEP_JOB = 'fair.wall.fanout.sweep';
/** One fair's fan-out (jobId = fairWallFanoutJobId(fairId): queued once per fair). */
export const WALL_FANOUT_JOB = 'fair.wall.fanout';

export interface WallFanoutJob {
  fairId: string;
}

export const fairWallFanoutJobId = (fairId: string) => `fair-wall-fanout-${fairId}`;

/** One booth call's answer deadline (delayed to the deadline): skips the seeker if the call is still unanswered. */
export const BOOTH_ANSWER_DEADLINE_JOB = 'fair.booth.answer-deadline';

export interface BoothAnswerDeadlineJob {
  boothId: string;
  calledAt: number;
}

export const boothAnswerDeadlineJobId = (boothId: string, calledAt: number, queuedAt: number) => `booth-answer-${boothId}-${calledAt}-${queuedAt}`;
