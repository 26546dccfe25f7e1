import { QueueName } from '@app/core';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { ProposalService } from './proposal.service';

export const SUBSIDY_PROPOSAL_QUEUE = QueueName.SUBSIDY_PROPOSALS;
export const SUBSIDY_PROPOSAL_JOB = 'subsidy.proposals.nightly';
export const SUBSIDY_PROPOSAL_SCHEDULER_ID = 'subsidy-proposals-nightly';
/** 01:30 every night, Asia/Shanghai (before the payouts sweep at 06:00). */
export const SUBSIDY_PROPOSAL_SCHEDULE = { pattern: '0 30 1 * * *', tz: 'Asia/Shanghai' } as const;

/** The nightly proposal in the worker: a BullMQ job scheduler (upserted at start); the run itself is idempotent in PostgreSQL. */
@Processor(SUBSIDY_PROPOSAL_QUEUE, { concurrency: 1 })
export class SubsidyProposalProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly proposals: ProposalService,
    @InjectQueue(SUBSIDY_PROPOSAL_QUEUE) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(SUBSIDY_PROPOSAL_SCHEDULER_ID, SUBSIDY_PROPOSAL_SCHEDULE, {
      name: SUBSIDY_PROPOSAL_JOB,
      opts: { attempts: 5, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
    });
  }

  process(_job: Job): Promise<unknown> {
    return this.proposals.nightly();
  }
}
