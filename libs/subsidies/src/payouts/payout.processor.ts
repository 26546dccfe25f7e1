import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { PayoutJobHandler, PayoutJobResult } from './payout-job.handler';
import { PAYOUT_SWEEP_JOB, PAYOUT_SWEEP_SCHEDULE, PAYOUT_SWEEP_SCHEDULER_ID, SUBSIDY_PAYOUT_QUEUE } from './payout-jobs';

/**
 * The payouts queue in the worker: one processor delegating to PayoutJobHandler. The daily sweep is a BullMQ job
 * scheduler at 06:00 Asia/Shanghai (upserted at start, so a Redis that lost it gets it back on the next start);
 * instalments are `due_on` dates in PostgreSQL, never months-long delayed jobs parked in Redis.
 */
@Processor(SUBSIDY_PAYOUT_QUEUE, { concurrency: 2 })
export class PayoutProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly handler: PayoutJobHandler,
    @InjectQueue(SUBSIDY_PAYOUT_QUEUE) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(PAYOUT_SWEEP_SCHEDULER_ID, PAYOUT_SWEEP_SCHEDULE, {
      name: PAYOUT_SWEEP_JOB,
      opts: { attempts: 5, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
    });
  }

  process(job: Job): Promise<PayoutJobResult> {
    return this.handler.handle(job);
  }
}
