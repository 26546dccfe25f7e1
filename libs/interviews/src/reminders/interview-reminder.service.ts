import { Clock, OutboxService } from '@app/core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InterviewEntity } from '../interviews/interview.entity';
import { shanghaiFriendly } from '@app/core';
import { InterviewNotifier } from '../interviews/interview.notifier';
import { InterviewReminderJob, REMINDER_OFFSETS_MS } from './interview-reminder.job';
import { InterviewReminderScheduler } from './interview-reminder.scheduler';

export type ReminderOutcome = 'SENT' | 'STALE' | 'DUPLICATE';

/** What the worker does with a reminder job. */
@Injectable()
export class InterviewReminderService {
  private readonly logger = new Logger(InterviewReminderService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifier: InterviewNotifier,
    private readonly outbox: OutboxService,
    private readonly scheduler: InterviewReminderScheduler,
    private readonly clock: Clock,
  ) {}

  /**
   * Sends the reminder through the outbox if the interview is still SCHEDULED
   * at the start the job was planned for; otherwise (rescheduled, cancelled,
   * already live) nothing. A ledger row per (interview, start, kind) makes a
   * retried or duplicated job send nothing twice.
   */
  async deliver(job: InterviewReminderJob): Promise<ReminderOutcome> {
    const outcome = await this.dataSource.transaction(async (m): Promise<ReminderOutcome> => {
      const iv = await m.findOne(InterviewEntity, { where: { id: job.interviewId }, lock: { mode: 'pessimistic_read' } });
      if (!iv || iv.status !== 'SCHEDULED' || !iv.startsAt || iv.startsAt.getTime() !== Date.parse(job.startsAt)) return 'STALE';
      const inserted: unknown[] = await m.query(
        `INSERT INTO interview_reminders_sent (interview_id, starts_at, kind, sent_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING interview_id`,
        [iv.id, iv.startsAt, job.kind, this.clock.now()],
      );
      if (!inserted.length) return 'DUPLICATE';
      const when = shanghaiFriendly(iv.startsAt);
      const left = job.kind === 'H24' ? '24小时' : '15分钟';
      await this.notifier.toSeeker(
        m,
        iv,
        'notify.interview_reminder',
        '面试提醒',
        (c) => `${c.company}「${c.postingTitle}」视频面试将于${when}开始（还有${left}），请提前10分钟在“我的面试”中进入`,
        true,
      );
      await this.notifier.toInterviewer(m, iv, 'notify.interview_reminder', '面试提醒', (c) => `「${c.postingTitle}」视频面试将于${when}开始（还有${left}）`);
      return 'SENT';
    });
    if (outcome === 'SENT') await this.outbox.kick();
    else this.logger.debug(`reminder ${job.kind} for interview ${job.interviewId} at ${job.startsAt}: ${outcome}`);
    return outcome;
  }

  /** Re-queues reminders of every SCHEDULED interview starting within the next 25 h (a lost enqueue, a Redis flush); ids keep it idempotent. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    const horizon = new Date(now.getTime() + REMINDER_OFFSETS_MS.H24 + 3600_000);
    const rows: Array<{ id: string; starts_at: Date }> = await this.dataSource.query(
      `SELECT id, starts_at FROM interviews WHERE status = 'SCHEDULED' AND starts_at > $1 AND starts_at <= $2`,
      [now, horizon],
    );
    for (const r of rows) await this.scheduler.ensure(r.id, new Date(r.starts_at));
    return rows.length;
  }
}
