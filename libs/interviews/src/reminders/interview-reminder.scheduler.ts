import { Clock } from '@app/core';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { INTERVIEW_REMINDER_QUEUE, InterviewReminderJob, REMINDER_JOB, REMINDER_OFFSETS_MS, reminderJobId, ReminderKind } from './interview-reminder.job';

const REMINDER_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/**
 * Producer of reminder jobs: BullMQ delayed jobs 24 h and 15 min before the
 * confirmed start. Called after the transaction that fixed the time commits.
 * A reminder whose moment has already passed is not queued (the confirmation
 * message has just told the seeker). Removing the old jobs on reschedule is
 * best effort; the processor also drops any reminder whose start no longer
 * matches, so a stale one never reaches anybody.
 */
@Injectable()
export class InterviewReminderScheduler {
  private readonly logger = new Logger(InterviewReminderScheduler.name);

  constructor(
    @InjectQueue(INTERVIEW_REMINDER_QUEUE) private readonly queue: Queue<InterviewReminderJob>,
    private readonly clock: Clock,
  ) {}

  /** Queue the reminders for this start; adding an existing job id is a no-op in BullMQ. */
  async ensure(interviewId: string, startsAt: Date): Promise<void> {
    const now = this.clock.now().getTime();
    for (const kind of Object.keys(REMINDER_OFFSETS_MS) as ReminderKind[]) {
      const delay = startsAt.getTime() - REMINDER_OFFSETS_MS[kind] - now;
      if (delay <= 0) continue;
      await this.queue
        .add(
          REMINDER_JOB,
          { interviewId, startsAt: startsAt.toISOString(), kind },
          { ...REMINDER_JOB_OPTIONS, jobId: reminderJobId(interviewId, startsAt, kind), delay },
        )
        .catch((e) => this.logger.warn(`queueing ${kind} reminder for interview ${interviewId} failed (the sweep retries): ${e.message}`));
    }
  }

  /** Remove the reminders planned for an old start (reschedule, cancel, outcome). */
  async remove(interviewId: string, startsAt: Date | null): Promise<void> {
    if (!startsAt) return;
    for (const kind of Object.keys(REMINDER_OFFSETS_MS) as ReminderKind[]) {
      await this.queue
        .remove(reminderJobId(interviewId, startsAt, kind))
        .catch((e) => this.logger.warn(`removing ${kind} reminder for interview ${interviewId} failed (it will be dropped as stale): ${e.message}`));
    }
  }
}
