import { NotificationService, NotifyPayload, OutboxJob, QueueName } from '@app/core';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';

@Processor(QueueName.NOTIFICATIONS, { concurrency: 4 })
export class NotificationProcessor extends WorkerHost {
  constructor(private readonly notifications: NotificationService) {
    super();
  }

  async process(job: Job<OutboxJob<NotifyPayload>>): Promise<void> {
    await this.notifications.deliver(job.data);
  }
}
