import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { BoothQueueService } from './booths/booth-queue.service';
import {
  BOOTH_ANSWER_DEADLINE_JOB,
  BoothAnswerDeadlineJob,
  FAIR_LIVE_QUEUE,
  WALL_FANOUT_JOB,
  WALL_FANOUT_SWEEP_JOB,
  WALL_REFRESH_JOB,
  WallFanoutJob,
} from './live.jobs';
import { FanoutResult, WallFanoutService } from './subscriptions/wall-fanout.service';
import { FairWallService } from './wall/fair-wall.service';

/** How often the walls of current fairs are rebuilt (a filled place reaches the hall screen within this). */
export const WALL_REFRESH_EVERY_MS = 3000;

/**
 * The live part's jobs (apps/worker): the wall refresh every few seconds, the fan-out sweep every 15 minutes, each
 * fair's fan-out, and the answer deadline of each booth call.
 */
@Processor(FAIR_LIVE_QUEUE, { concurrency: 2 })
export class FairLiveProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly wall: FairWallService,
    private readonly fanout: WallFanoutService,
    private readonly booths: BoothQueueService,
    @InjectQueue(FAIR_LIVE_QUEUE) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'fair-wall-refresh',
      { every: WALL_REFRESH_EVERY_MS },
      { name: WALL_REFRESH_JOB, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
    await this.queue.upsertJobScheduler(
      'fair-wall-fanout-sweep',
      { every: 15 * 60_000 },
      { name: WALL_FANOUT_SWEEP_JOB, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  }

  async process(job: Job<WallFanoutJob | BoothAnswerDeadlineJob>): Promise<number | FanoutResult | string> {
    if (job.name === WALL_REFRESH_JOB) return this.wall.refreshCurrent();
    if (job.name === WALL_FANOUT_SWEEP_JOB) return this.fanout.sweep();
    if (job.name === WALL_FANOUT_JOB) return this.fanout.fanout((job.data as WallFanoutJob).fairId);
    if (job.name === BOOTH_ANSWER_DEADLINE_JOB) {
      const d = job.data as BoothAnswerDeadlineJob;
      return this.booths.expireCall(d.boothId, d.calledAt);
    }
    return 0;
  }
}
