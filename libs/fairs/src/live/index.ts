/** The live part of the fairs context, as other code (apps, tests, benchmarks) sees it through `@app/fairs`. */
export { FairsLiveApiModule, FairsLiveModule, FairsLiveWorkerModule } from './live.module';
export { FairsLiveException, FairsLiveExceptionCode, FAIRS_LIVE_ERRORS, liveError } from './live.exception';
export { BOOTH_ANSWER_DEADLINE_JOB, FAIR_LIVE_QUEUE, WALL_FANOUT_JOB, WALL_FANOUT_SWEEP_JOB, WALL_REFRESH_JOB, fairWallFanoutJobId } from './live.jobs';
export type { BoothAnswerDeadlineJob } from './live.jobs';
export type { WallFanoutJob } from './live.jobs';
export { FairWallService, fairWallChannel } from './wall/fair-wall.service';
export { WallFanoutService, FANOUT_BATCH } from './subscriptions/wall-fanout.service';
export type { FanoutResult } from './subscriptions/wall-fanout.service';
export { WallSubscriptionService } from './subscriptions/wall-subscription.service';
export { BoothQueueService, ANSWER_SECONDS, MAX_QUEUES, boothDeskRoom } from './booths/booth-queue.service';
export { matchPostings, matchSql } from './subscriptions/wall-matching';
export type { MatchPosting, MatchRow } from './subscriptions/wall-matching';
