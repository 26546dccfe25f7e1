import { OutboxJob, QueueName } from '@app/core';
import { CandidateIndexer, SyncOutcome } from '@app/matching';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';

/**
 * seeker.* / posting.* events relayed from the outbox → candidate index.
 * Retries with exponential backoff are the relay's job defaults.
 */
@Processor(QueueName.SEARCH_INDEX, { concurrency: 4 })
export class SearchIndexProcessor extends WorkerHost {
  constructor(private readonly indexer: CandidateIndexer) {
    super();
  }

  process(job: Job<OutboxJob>): Promise<SyncOutcome> {
    return this.indexer.handle(job.data);
  }
}
