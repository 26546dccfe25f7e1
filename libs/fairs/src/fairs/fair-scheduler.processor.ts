import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { CarryOverService } from '../results/carry-over.service';
import { FAIR_SCHEDULE, FAIR_SCHEDULE_JOB, FAIR_SCHEDULER_ID, FairScheduleJob, FairScheduleResult, FAIRS_QUEUE } from './fair-scheduler.jobs';
import { FairService } from './fair.service';

/**
 * The fairs queue in the worker: a BullMQ job scheduler (cron in Asia/Shanghai, upserted at start) that keeps the
 * weekly fairs created ahead and settles carry-overs past their deadline. Creation is idempotent in the database
 * (UNIQUE (series_id, starts_at)), so a repeated or concurrent run creates nothing twice.
 */
@Processor(FAIRS_QUEUE, { concurrency: 1 })
export class FairSchedulerProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly fairs: FairService,
    private readonly carry: CarryOverService,
    @InjectQueue(FAIRS_QUEUE) private readonly queue: Queue<FairScheduleJob>,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(FAIR_SCHEDULER_ID, FAIR_SCHEDULE, {
      name: FAIR_SCHEDULE_JOB,
      opts: { attempts: 5, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
    });
    await this.queue.add(FAIR_SCHEDULE_JOB, {}, { jobId: `${FAIR_SCHEDULE_JOB}-boot-${process.pid}`, removeOnComplete: true, removeOnFail: 100 });
  }

  async process(job: Job<FairScheduleJob>): Promise<FairScheduleResult> {
    const fairsCreated = await this.fairs.ensureOccurrences(job.data?.seriesId);
    const carryOversSettled = await this.carry.settleDue();
    return { fairsCreated, carryOversSettled };
  }
}
