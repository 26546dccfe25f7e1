import { INTERVIEW_REMINDER_QUEUE, InterviewReminderJob, InterviewReminderService, REMINDER_SWEEP_JOB, ReminderOutcome } from '@app/interviews';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';

/**
 * Interview reminders: delayed jobs (24 h and 15 min before the start) queued
 * by the API with jobId = interview + start + kind. The service checks the
 * interview is still SCHEDULED at that start and delivers through the outbox.
 * A sweep every 10 minutes re-queues reminders a lost enqueue missed.
 */
@Processor(INTERVIEW_REMINDER_QUEUE, { concurrency: 4 })
export class InterviewReminderProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly reminders: InterviewReminderService,
    @InjectQueue(INTERVIEW_REMINDER_QUEUE) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'interview-reminder-sweep',
      { every: 10 * 60_000 },
      { name: REMINDER_SWEEP_JOB, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  }

  async process(job: Job<InterviewReminderJob>): Promise<ReminderOutcome | number> {
    if (job.name === REMINDER_SWEEP_JOB) return this.reminders.sweep();
    return this.reminders.deliver(job.data);
  }
}
