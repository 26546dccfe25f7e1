import { NotifyPayload, OutboxService } from '@app/core';
import { HiringReadModel } from '@app/employers';
import { SeekerService } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InterviewEntity } from './interview.entity';

export type InterviewTopic =
  | 'notify.interview_proposed'
  | 'notify.interview_scheduled'
  | 'notify.interview_rescheduled'
  | 'notify.interview_cancelled'
  | 'notify.interview_other_times_requested'
  | 'notify.interview_reminder';

const KIND: Record<InterviewTopic, string> = {
  'notify.interview_proposed': 'INTERVIEW_PROPOSED',
  'notify.interview_scheduled': 'INTERVIEW_SCHEDULED',
  'notify.interview_rescheduled': 'INTERVIEW_RESCHEDULED',
  'notify.interview_cancelled': 'INTERVIEW_CANCELLED',
  'notify.interview_other_times_requested': 'INTERVIEW_OTHER_TIMES_REQUESTED',
  'notify.interview_reminder': 'INTERVIEW_REMINDER',
};

export interface InterviewContext {
  seekerUserId: string | null;
  company: string;
  postingTitle: string;
}

/** Writes interview notifications into the caller's transaction (outbox → worker → in-app + SMS). */
@Injectable()
export class InterviewNotifier {
  constructor(
    private readonly outbox: OutboxService,
    private readonly hiring: HiringReadModel,
    private readonly seekers: SeekerService,
  ) {}

  /** Who to tell and what about: the seeker's account (talent) and the company and posting (employers). */
  async context(m: EntityManager, iv: InterviewEntity): Promise<InterviewContext> {
    const seekers = await this.seekers.findByIds([iv.seekerId], m);
    const apps = await this.hiring.applicationSummaries([iv.applicationId], m);
    const app = apps.get(iv.applicationId);
    return { seekerUserId: seekers.get(iv.seekerId)?.userId ?? null, company: app?.company ?? '', postingTitle: app?.postingTitle ?? '' };
  }

  async toSeeker(
    m: EntityManager,
    iv: InterviewEntity,
    topic: InterviewTopic,
    title: string,
    body: (c: InterviewContext) => string,
    sms: boolean,
  ): Promise<void> {
    const c = await this.context(m, iv);
    if (!c.seekerUserId) return; // account deleted: nobody to tell
    await this.record(m, iv, topic, { userId: c.seekerUserId, kind: KIND[topic], title, body: body(c), sms });
  }

  async toInterviewer(m: EntityManager, iv: InterviewEntity, topic: InterviewTopic, title: string, body: (c: InterviewContext) => string): Promise<void> {
    const c = await this.context(m, iv);
    await this.record(m, iv, topic, { userId: iv.hrUserId, kind: KIND[topic], title, body: body(c), sms: false });
  }

  private record(m: EntityManager, iv: InterviewEntity, topic: InterviewTopic, payload: NotifyPayload): Promise<void> {
    return this.outbox.record(m, topic, iv.id, payload as unknown as Record<string, unknown>);
  }
}
