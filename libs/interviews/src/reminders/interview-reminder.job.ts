import { QueueName } from '@app/core';

export const INTERVIEW_REMINDER_QUEUE = QueueName.INTERVIEW_REMINDERS;
/** Job names on the queue. */
export const REMINDER_JOB = 'interview.reminder';
export const REMINDER_SWEEP_JOB = 'interview.reminder.sweep';

export type ReminderKind = 'H24' | 'M15';
/** How long before the start each reminder goes out. */
export const REMINDER_OFFSETS_MS: Record<ReminderKind, number> = { H24: 24 * 3600_000, M15: 15 * 60_000 };

export interface InterviewReminderJob {
  interviewId: string;
  /** The start this reminder was planned for (ISO); a reminder for any other start is stale. */
  startsAt: string;
  kind: ReminderKind;
}

/** Deterministic id: the same interview, start and kind is one job, so enqueuing is idempotent and a reschedule makes new ids. */
export function reminderJobId(interviewId: string, startsAt: Date, kind: ReminderKind): string {
  return `interview-reminder-${interviewId}-${startsAt.getTime()}-${kind}`;
}
