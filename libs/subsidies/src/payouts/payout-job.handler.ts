import { OutboxJob } from '@app/core';
import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { BatchRow, PaymentBatchService } from './payment-batch.service';
import { dailyBatchKey, PAYOUT_BATCH_JOB, PAYOUT_PLANNED_TOPIC, PAYOUT_SWEEP_JOB, PayoutBatchJob, PayoutPlannedEvent } from './payout-jobs';
import { PayoutSweepService, SweepResult } from './payout-sweep.service';

export type PayoutJobResult = { batch: Pick<BatchRow, 'id' | 'count' | 'totalFen'> | null; created: boolean; sweep?: SweepResult } | { planned: string };

/**
 * What the worker does with each job of the payouts queue. Every step is idempotent and reads its work from
 * PostgreSQL, so a job run twice, by two workers, or after a crash does nothing more than once:
 * - `subsidy.payout.planned` (relayed from the approval's outbox row): retention checks of the claim's hires, instalments due today;
 * - `subsidy.payout.sweep` (daily job scheduler): the sweep, then the day's batch (request key `daily-<date>`);
 * - `subsidy.payout.batch`: a batch of everything due through a date under the job's request key.
 */
@Injectable()
export class PayoutJobHandler {
  constructor(
    private readonly sweeps: PayoutSweepService,
    private readonly batches: PaymentBatchService,
  ) {}

  async handle(job: Pick<Job, 'name' | 'data'>): Promise<PayoutJobResult> {
    switch (job.name) {
      case PAYOUT_PLANNED_TOPIC: {
        const { payload } = job.data as OutboxJob<PayoutPlannedEvent>;
        await this.sweeps.afterPlanned(payload.claimId);
        return { planned: payload.claimId };
      }
      case PAYOUT_SWEEP_JOB: {
        const today = this.batches.today();
        const sweep = await this.sweeps.sweep(today);
        const made = await this.batches.createBatch(today, dailyBatchKey(today));
        return { batch: made && pick(made.batch), created: !!made?.created, sweep };
      }
      case PAYOUT_BATCH_JOB: {
        const data = job.data as PayoutBatchJob;
        const made = await this.batches.createBatch(data.dueThrough, data.requestKey);
        return { batch: made && pick(made.batch), created: !!made?.created };
      }
      default:
        throw new Error(`unknown payout job ${job.name}`);
    }
  }
}

const pick = (b: BatchRow) => ({ id: b.id, count: b.count, totalFen: b.totalFen });
