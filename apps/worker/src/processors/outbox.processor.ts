import { OutboxService, QueueName } from '@app/core';
import { getQueueToken, InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Job, Queue } from 'bullmq';

/** Relays outbox rows to their queues; kicked after each commit and swept every few seconds. */
@Processor(QueueName.OUTBOX, { concurrency: 1 })
export class OutboxProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(OutboxProcessor.name);

  constructor(
    private readonly outbox: OutboxService,
    private readonly moduleRef: ModuleRef,
    @InjectQueue(QueueName.OUTBOX) private readonly outboxQueue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.outboxQueue.upsertJobScheduler('outbox-sweep', { every: 5000 }, { name: 'relay', opts: { removeOnComplete: true, removeOnFail: 100 } });
  }

  private queueFor = (name: QueueName): Queue => this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });

  async process(_job: Job): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.outbox.relayBatch(this.queueFor);
      total += n;
      if (n === 0) break;
    }
    if (total) this.logger.debug(`relayed ${total} outbox events`);
    return total;
  }
}
