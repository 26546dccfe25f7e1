import { Actor, Clock, OutboxService, PageArgs, pgError, PgErrorCode, Role, shanghaiDateTime, shanghaiFriendly, toPage } from '@app/core';
import { ApplicationService, HiringReadModel, STAGE_ZH } from '@app/employers';
import { SeekerService } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { assertId, InterviewsException, interviewsError, InterviewsExceptionCode } from '../interviews.exception';
import { InterviewReminderScheduler } from '../reminders/interview-reminder.scheduler';
import {
  CancelInterviewInput,
  ChooseSlotInput,
  InterviewFilterInput,
  InterviewOutcomeEnum,
  InterviewStatusEnum,
  RequestOtherTimesInput,
  RescheduleInterviewInput,
  ScheduleInterviewInput,
  SlotInput,
} from './dto/interview.input';
import { InterviewEntity, InterviewSlotEntity, InterviewStatus, OPEN_STATUSES, SlotState, STATUS_ZH } from './interview.entity';
import { firstSelfOverlap, JOIN_OPENS_BEFORE_MS, MAX_DAYS_AHEAD, ROOM_GRACE_AFTER_END_MS, TimeRange } from './interview-time';
import { InterviewNotifier } from './interview.notifier';
import { InterviewModel, InterviewPage, InterviewSlotModel } from './models/interview.model';

/** What to do with the reminder queue once the transaction has committed. */
interface AfterCommit {
  removeRemindersFor?: Date | null;
  ensureRemindersFor?: Date | null;
}

/**
 * Scheduling rules. HR (any HR user of the tenant) proposes 1–5 slots or a
 * confirmed time; the seeker picks one or asks for other times; HR may
 * reschedule or cancel. The interviewer's time holds are protected by an
 * exclusion constraint; requests for one interviewer are also serialised by
 * an advisory lock so the refusal can name the conflicting time.
 */
@Injectable()
export class InterviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationService,
    private readonly hiring: HiringReadModel,
    private readonly seekers: SeekerService,
    private readonly notifier: InterviewNotifier,
    private readonly reminders: InterviewReminderScheduler,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  // ---- reads -------------------------------------------------------------

  /** The interview, if the caller is an HR user of its tenant or the seeker of its application; otherwise NOT_FOUND. */
  async accessibleOrThrow(actor: Actor, id: string, manager?: EntityManager, lock = false): Promise<InterviewEntity> {
    assertId(id);
    const m = manager ?? this.dataSource.manager;
    const lockOpt = lock ? { lock: { mode: 'pessimistic_write' as const } } : {};
    if (actor.role === Role.HR && actor.tenantId) {
      const iv = await m.findOne(InterviewEntity, { where: { id, tenantId: actor.tenantId }, ...lockOpt });
      if (iv) return iv;
    } else if (actor.role === Role.SEEKER) {
      const seeker = await this.seekers.findByUser(actor.userId);
      const iv = seeker && (await m.findOne(InterviewEntity, { where: { id, seekerId: seeker.id }, ...lockOpt }));
      if (iv) return iv;
    }
    throw interviewsError(InterviewsExceptionCode.NOT_FOUND);
  }

  async get(actor: Actor, id: string): Promise<InterviewModel> {
    return (await this.toModels([await this.accessibleOrThrow(actor, id)]))[0];
  }

  async listForTenant(actor: Actor, filter: InterviewFilterInput, page: PageArgs): Promise<InterviewPage> {
    const where: Record<string, unknown> = { tenantId: actor.tenantId };
    if (filter.status) where.status = filter.status;
    if (filter.applicationId) where.applicationId = filter.applicationId;
    if (filter.mine) where.hrUserId = actor.userId;
    const [rows, total] = await this.dataSource.manager.findAndCount(InterviewEntity, {
      where,
      order: { startsAt: { direction: 'ASC', nulls: 'LAST' }, createdAt: 'DESC', id: 'ASC' },
      skip: page.offset,
      take: page.first,
    });
    return toPage(await this.toModels(rows), total, page);
  }

  async listMine(actor: Actor): Promise<InterviewModel[]> {
    const seeker = await this.seekers.findByUser(actor.userId);
    if (!seeker) return [];
    const rows = await this.dataSource.manager.find(InterviewEntity, { where: { seekerId: seeker.id }, order: { createdAt: 'DESC' }, take: 100 });
    return this.toModels(rows);
  }

  // ---- HR ----------------------------------------------------------------

  async schedule(actor: Actor, input: ScheduleInterviewInput): Promise<InterviewModel> {
    const now = this.clock.now();
    const ranges = this.validateSlots(input.slots, now, !!input.confirmed);
    const iv = await this.write(async (m) => {
      const app = await this.applications.accessibleOrThrow(actor, input.applicationId, m, true);
      if (actor.role !== Role.HR) throw interviewsError(InterviewsExceptionCode.NOT_FOUND, { field: 'applicationId' });
      if (app.stage !== 'SCREENING' && app.stage !== 'INTERVIEW')
        throw interviewsError(InterviewsExceptionCode.APPLICATION_STAGE, { stageZh: STAGE_ZH[app.stage] });
      const open = await m.count(InterviewEntity, { where: { applicationId: app.id, tenantId: app.tenantId, status: In(OPEN_STATUSES) } });
      if (open) throw interviewsError(InterviewsExceptionCode.INTERVIEW_ALREADY_OPEN);
      // The invitation itself tells the seeker; no separate stage message.
      if (app.stage === 'SCREENING') await this.applications.changeStage(m, app, 'INTERVIEW', actor, '安排视频面试', false);
      await this.lockInterviewer(m, actor.userId);
      const iv = await m.save(
        m.create(InterviewEntity, {
          tenantId: app.tenantId,
          applicationId: app.id,
          seekerId: app.seekerId,
          hrUserId: actor.userId,
          status: 'PROPOSED' as InterviewStatus,
          startsAt: null,
          endsAt: null,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
          rescheduleCount: 0,
        }),
      );
      await this.hold(m, iv, ranges, now, !!input.confirmed);
      await this.tellSeekerAboutTimes(m, iv, ranges, 'new');
      return { iv, after: { ensureRemindersFor: iv.startsAt } };
    });
    return (await this.toModels([iv]))[0];
  }

  async reschedule(actor: Actor, input: RescheduleInterviewInput): Promise<InterviewModel> {
    const now = this.clock.now();
    const ranges = this.validateSlots(input.slots, now, !!input.confirmed);
    const iv = await this.write(async (m) => {
      const iv = await this.accessibleOrThrow(actor, input.interviewId, m, true);
      if (actor.role !== Role.HR) throw interviewsError(InterviewsExceptionCode.NOT_FOUND);
      this.assertStatus(iv, OPEN_STATUSES, { zh: '改期', en: 'reschedule it' });
      await this.assertApplicationOpen(m, iv);
      const oldStart = iv.startsAt;
      await this.lockInterviewer(m, iv.hrUserId);
      await this.releaseHolds(m, iv, now);
      iv.status = 'PROPOSED';
      iv.startsAt = null;
      iv.endsAt = null;
      iv.seekerNote = null;
      iv.rescheduleCount += 1;
      iv.updatedAt = now;
      await m.save(iv);
      await this.hold(m, iv, ranges, now, !!input.confirmed);
      await this.tellSeekerAboutTimes(m, iv, ranges, 'rescheduled', input.reason);
      return { iv, after: { removeRemindersFor: oldStart, ensureRemindersFor: iv.startsAt } };
    });
    return (await this.toModels([iv]))[0];
  }

  async cancel(actor: Actor, input: CancelInterviewInput): Promise<InterviewModel> {
    const now = this.clock.now();
    const iv = await this.write(async (m) => {
      const iv = await this.accessibleOrThrow(actor, input.interviewId, m, true);
      if (actor.role !== Role.HR) throw interviewsError(InterviewsExceptionCode.NOT_FOUND);
      this.assertStatus(iv, OPEN_STATUSES, { zh: '取消', en: 'cancel it' });
      await this.releaseHolds(m, iv, now);
      iv.status = 'CANCELLED';
      iv.cancelReason = input.reason;
      iv.updatedAt = now;
      await m.save(iv);
      const when = iv.startsAt ? `原定${shanghaiFriendly(iv.startsAt)}的` : '';
      await this.notifier.toSeeker(
        m,
        iv,
        'notify.interview_cancelled',
        '面试已取消',
        (c) => `${c.company}「${c.postingTitle}」${when}视频面试已取消：${input.reason}`,
        true,
      );
      return { iv, after: { removeRemindersFor: iv.startsAt } };
    });
    return (await this.toModels([iv]))[0];
  }

  // ---- seeker ------------------------------------------------------------

  async chooseSlot(actor: Actor, input: ChooseSlotInput): Promise<InterviewModel> {
    const now = this.clock.now();
    const iv = await this.write(async (m) => {
      const iv = await this.accessibleOrThrow(actor, input.interviewId, m, true);
      if (actor.role !== Role.SEEKER) throw interviewsError(InterviewsExceptionCode.NOT_FOUND);
      this.assertStatus(iv, ['PROPOSED'], { zh: '选择时间', en: 'choose a slot' });
      await this.assertApplicationOpen(m, iv);
      const slot = await m.findOne(InterviewSlotEntity, { where: { id: input.slotId, interviewId: iv.id, state: 'OPEN', releasedAt: IsNull() } });
      if (!slot || slot.startsAt <= now) throw interviewsError(InterviewsExceptionCode.SLOT_NOT_AVAILABLE);
      await m
        .createQueryBuilder()
        .update(InterviewSlotEntity)
        .set({ state: 'SUPERSEDED', releasedAt: now })
        .where('interview_id = :id AND id <> :slot AND released_at IS NULL', { id: iv.id, slot: slot.id })
        .execute();
      await m.update(InterviewSlotEntity, { id: slot.id }, { state: 'CHOSEN' });
      Object.assign(iv, { status: 'SCHEDULED', startsAt: slot.startsAt, endsAt: slot.endsAt, seekerNote: null, updatedAt: now });
      await m.save(iv);
      const when = shanghaiFriendly(slot.startsAt);
      const minutes = Math.round((slot.endsAt.getTime() - slot.startsAt.getTime()) / 60_000);
      await this.notifier.toSeeker(
        m,
        iv,
        'notify.interview_scheduled',
        '面试已确认',
        (c) => `${c.company}「${c.postingTitle}」视频面试：${when}，约${minutes}分钟。请提前10分钟在“我的面试”中进入`,
        true,
      );
      await this.notifier.toInterviewer(m, iv, 'notify.interview_scheduled', '求职者已确认面试时间', (c) => `「${c.postingTitle}」视频面试：${when}`);
      return { iv, after: { ensureRemindersFor: iv.startsAt } };
    });
    return (await this.toModels([iv]))[0];
  }

  /** None of the slots suit: the holds are released and the interviewer is told, with the seeker's note. */
  async requestOtherTimes(actor: Actor, input: RequestOtherTimesInput): Promise<InterviewModel> {
    const now = this.clock.now();
    const iv = await this.write(async (m) => {
      const iv = await this.accessibleOrThrow(actor, input.interviewId, m, true);
      if (actor.role !== Role.SEEKER) throw interviewsError(InterviewsExceptionCode.NOT_FOUND);
      this.assertStatus(iv, ['PROPOSED', 'SCHEDULED'], { zh: '申请改时间', en: 'ask for other times' });
      await this.assertApplicationOpen(m, iv);
      const oldStart = iv.startsAt;
      await this.releaseHolds(m, iv, now);
      Object.assign(iv, { status: 'PROPOSED', startsAt: null, endsAt: null, seekerNote: input.note, updatedAt: now });
      await m.save(iv);
      await this.notifier.toInterviewer(
        m,
        iv,
        'notify.interview_other_times_requested',
        '求职者希望更改面试时间',
        (c) => `「${c.postingTitle}」：${input.note}`,
      );
      return { iv, after: { removeRemindersFor: oldStart } };
    });
    return (await this.toModels([iv]))[0];
  }

  // ---- shared with the outcome use case ------------------------------------

  /** Frees every hold of the interview (the chosen slot stays CHOSEN for the record). */
  async releaseHolds(m: EntityManager, iv: InterviewEntity, now: Date): Promise<void> {
    await m.query(
      `UPDATE interview_slots SET released_at = $2, state = CASE WHEN state = 'OPEN' THEN 'SUPERSEDED' ELSE state END
        WHERE interview_id = $1 AND tenant_id = $3 AND (released_at IS NULL OR state = 'OPEN')`,
      [iv.id, now, iv.tenantId],
    );
  }

  assertStatus(iv: InterviewEntity, allowed: InterviewStatus[], action: { zh: string; en: string }): void {
    if (!allowed.includes(iv.status)) throw interviewsError(InterviewsExceptionCode.INTERVIEW_INVALID_STATUS, { statusZh: STATUS_ZH[iv.status], action });
  }

  /** The application must still be at INTERVIEW (not withdrawn or rejected meanwhile). */
  async assertApplicationOpen(m: EntityManager, iv: InterviewEntity): Promise<void> {
    const stage = await this.hiring.applicationStage(iv.applicationId, iv.tenantId, m);
    if (stage !== 'INTERVIEW') throw interviewsError(InterviewsExceptionCode.APPLICATION_CLOSED);
  }

  /** Runs a write transaction, maps constraint violations to domain errors, then updates reminders and kicks the outbox. */
  async write(fn: (m: EntityManager) => Promise<{ iv: InterviewEntity; after: AfterCommit }>): Promise<InterviewEntity> {
    let result: { iv: InterviewEntity; after: AfterCommit };
    try {
      result = await this.dataSource.transaction(fn);
    } catch (e) {
      throw mapDbError(e);
    }
    const { iv, after } = result;
    await this.outbox.kick();
    if (after.removeRemindersFor) await this.reminders.remove(iv.id, after.removeRemindersFor);
    if (after.ensureRemindersFor && iv.status === 'SCHEDULED') await this.reminders.ensure(iv.id, after.ensureRemindersFor);
    return iv;
  }

  // ---- internals -----------------------------------------------------------

  private validateSlots(slots: SlotInput[], now: Date, confirmed: boolean): TimeRange[] {
    if (confirmed && slots.length !== 1) throw interviewsError(InterviewsExceptionCode.CONFIRM_NEEDS_ONE_SLOT);
    const latest = now.getTime() + MAX_DAYS_AHEAD * 86_400_000;
    const ranges = slots.map((s, i) => {
      if (s.startsAt.getTime() <= now.getTime()) throw interviewsError(InterviewsExceptionCode.SLOT_IN_PAST, { i }, { field: `slots.${i}.startsAt` });
      if (s.startsAt.getTime() > latest) throw interviewsError(InterviewsExceptionCode.SLOT_TOO_FAR, { i }, { field: `slots.${i}.startsAt` });
      // Whole minutes: the seconds of a client clock are noise.
      const startsAt = new Date(Math.floor(s.startsAt.getTime() / 60_000) * 60_000);
      return { startsAt, endsAt: new Date(startsAt.getTime() + s.durationMinutes * 60_000) };
    });
    const bad = firstSelfOverlap(ranges);
    if (bad >= 0) throw interviewsError(InterviewsExceptionCode.SLOTS_OVERLAP_EACH_OTHER, { i: bad }, { field: `slots.${bad}.startsAt` });
    return ranges;
  }

  /** One interviewer's scheduling requests, one at a time (released at commit). */
  private async lockInterviewer(m: EntityManager, hrUserId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`interviewer:${hrUserId}`]);
  }

  /** Check (for a clear message) and insert the holds; the exclusion constraint is the guarantee. */
  private async hold(m: EntityManager, iv: InterviewEntity, ranges: TimeRange[], now: Date, confirmed: boolean): Promise<void> {
    for (const r of ranges) {
      const [clash] = await m.query(
        `SELECT starts_at FROM interview_slots WHERE hr_user_id = $1 AND released_at IS NULL AND tstzrange(starts_at, ends_at) && tstzrange($2, $3) LIMIT 1`,
        [iv.hrUserId, r.startsAt, r.endsAt],
      );
      if (clash) throw interviewsError(InterviewsExceptionCode.INTERVIEWER_BUSY, { whenZh: shanghaiDateTime(new Date(clash.starts_at)) });
    }
    const state: SlotState = confirmed ? 'CHOSEN' : 'OPEN';
    await m.insert(
      InterviewSlotEntity,
      ranges.map((r) => ({
        interviewId: iv.id,
        tenantId: iv.tenantId,
        hrUserId: iv.hrUserId,
        startsAt: r.startsAt,
        endsAt: r.endsAt,
        state,
        releasedAt: null,
        createdAt: now,
      })),
    );
    if (confirmed) {
      Object.assign(iv, { status: 'SCHEDULED', startsAt: ranges[0].startsAt, endsAt: ranges[0].endsAt });
      await m.update(InterviewEntity, { id: iv.id, tenantId: iv.tenantId }, { status: 'SCHEDULED', startsAt: iv.startsAt, endsAt: iv.endsAt });
    }
  }

  private async tellSeekerAboutTimes(m: EntityManager, iv: InterviewEntity, ranges: TimeRange[], why: 'new' | 'rescheduled', reason?: string): Promise<void> {
    const because = reason ? `（${reason}）` : '';
    if (iv.status === 'SCHEDULED' && iv.startsAt) {
      const when = shanghaiFriendly(iv.startsAt);
      const minutes = Math.round((ranges[0].endsAt.getTime() - ranges[0].startsAt.getTime()) / 60_000);
      const [topic, title] = why === 'new' ? (['notify.interview_scheduled', '面试已安排'] as const) : (['notify.interview_rescheduled', '面试改期'] as const);
      await this.notifier.toSeeker(
        m,
        iv,
        topic,
        title,
        (c) => `${c.company}「${c.postingTitle}」视频面试${why === 'new' ? '' : '改为'}：${when}，约${minutes}分钟${because}。请提前10分钟在“我的面试”中进入`,
        true,
      );
      return;
    }
    const options = ranges.map((r) => shanghaiFriendly(r.startsAt)).join('、');
    if (why === 'new') {
      await this.notifier.toSeeker(
        m,
        iv,
        'notify.interview_proposed',
        '视频面试邀请',
        (c) => `${c.company}「${c.postingTitle}」邀请您视频面试，请在“我的面试”中选择时间：${options}`,
        false,
      );
    } else {
      await this.notifier.toSeeker(
        m,
        iv,
        'notify.interview_rescheduled',
        '面试改期',
        (c) => `${c.company}「${c.postingTitle}」视频面试需要改期${because}，请在“我的面试”中重新选择时间：${options}`,
        true,
      );
    }
  }

  /** Batch mapping: two queries for any number of interviews. */
  async toModels(rows: InterviewEntity[]): Promise<InterviewModel[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const slots = await this.dataSource.manager.query(
      `SELECT id, interview_id, starts_at, ends_at, state FROM interview_slots
        WHERE interview_id = ANY($1::uuid[]) AND (state = 'CHOSEN' OR (state = 'OPEN' AND released_at IS NULL)) ORDER BY starts_at`,
      [ids],
    );
    const apps = await this.hiring.applicationSummaries(rows.map((r) => r.applicationId));
    const nameOf = new Map(rows.map((r) => [r.id, { company: apps.get(r.applicationId)?.company, title: apps.get(r.applicationId)?.postingTitle }]));
    return rows.map((r) => {
      const own: InterviewSlotModel[] = slots
        .filter((s: any) => s.interview_id === r.id)
        .map((s: any) => ({
          id: s.id,
          startsAt: new Date(s.starts_at),
          endsAt: new Date(s.ends_at),
          state: s.state,
          durationMinutes: Math.round((new Date(s.ends_at).getTime() - new Date(s.starts_at).getTime()) / 60_000),
          startsAtLocal: shanghaiDateTime(new Date(s.starts_at)),
        }));
      return {
        id: r.id,
        applicationId: r.applicationId,
        status: r.status as InterviewStatusEnum,
        startsAt: r.startsAt,
        endsAt: r.endsAt,
        startsAtLocal: r.startsAt ? shanghaiDateTime(r.startsAt) : null,
        durationMinutes: r.startsAt && r.endsAt ? Math.round((r.endsAt.getTime() - r.startsAt.getTime()) / 60_000) : null,
        joinOpensAt: r.startsAt ? new Date(r.startsAt.getTime() - JOIN_OPENS_BEFORE_MS) : null,
        joinClosesAt: r.endsAt ? new Date(r.endsAt.getTime() + ROOM_GRACE_AFTER_END_MS) : null,
        slots: r.status === 'PROPOSED' ? own.filter((s) => s.state === 'OPEN') : own.filter((s) => s.state === 'CHOSEN'),
        seekerNote: r.seekerNote,
        cancelReason: r.cancelReason,
        outcome: r.outcome as InterviewOutcomeEnum | null,
        rescheduleCount: r.rescheduleCount,
        companyName: nameOf.get(r.id)?.company ?? '',
        postingTitle: nameOf.get(r.id)?.title ?? '',
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
      };
    });
  }
}

/** Constraint violations that mean a rule was broken by a concurrent request. */
export function mapDbError(e: unknown): unknown {
  if (e instanceof InterviewsException) return e;
  const pg = pgError(e);
  if (pg?.code === PgErrorCode.EXCLUSION_VIOLATION) {
    if (pg.constraint === 'interviews_seeker_no_overlap') return interviewsError(InterviewsExceptionCode.SEEKER_BUSY);
    if (pg.constraint === 'interview_slots_hr_no_overlap' || pg.constraint === 'interviews_hr_no_overlap')
      return interviewsError(InterviewsExceptionCode.INTERVIEWER_BUSY, {});
  }
  if (pg?.code === PgErrorCode.UNIQUE_VIOLATION && pg.constraint === 'interviews_one_open_per_application')
    return interviewsError(InterviewsExceptionCode.INTERVIEW_ALREADY_OPEN);
  return e;
}
