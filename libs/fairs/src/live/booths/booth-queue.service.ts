import { AccountService, Actor, AppConfig, Clock, EventBus, NotifyPayload, OutboxService, Role } from '@app/core';
import { TenantDirectory } from '@app/employers';
import type { MediaRoomClaims } from '@app/interviews';
import { SeekerService } from '@app/talent';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { BOOTH_ANSWER_DEADLINE_JOB, BoothAnswerDeadlineJob, boothAnswerDeadlineJobId, FAIR_LIVE_QUEUE } from '../live.jobs';
import { assertLiveId, FairsLiveExceptionCode, liveError } from '../live.exception';
import { BoothQueueOutcome, FairBoothQueueLogEntity } from '../live.entities';
import { BoothQueueStore, CallNextResult, CallOutcome, CurrentCall, QueueMode } from './booth-queue.store';
import {
  BoothCallResultModel,
  BoothColleagueModel,
  BoothCurrentCallModel,
  BoothJoinTokenModel,
  BoothQueueModel,
  BoothWaitEstimateModel,
  MyBoothQueueModel,
} from './models/booth-queue.model';

/** N: seconds a called seeker has to answer; then they are skipped (by the deadline's job, or by HR pressing next). */
export const ANSWER_SECONDS = 60;
/** K: booth queues a seeker may wait in at once. */
export const MAX_QUEUES = 3;
/** The wait guess per seeker ahead while a booth has no service times yet: 3–8 minutes. */
export const DEFAULT_SERVICE_MS: [number, number] = [3 * 60_000, 8 * 60_000];
/** Room tokens live 15 minutes (the media server refreshes them while connected); rooms close 30 min after the fair. */
const TOKEN_TTL_MS = 15 * 60_000;
/** The deadline's job runs this long after the deadline, so a seeker answering on the last second is not cut off. */
const DEADLINE_GRACE_MS = 500;
const ROOM_GRACE_MS = 30 * 60_000;

export const boothQueueChannel = (boothId: string) => `booth-queue:${boothId}`;
/** The media room of one HR desk at a booth (each HR user at the booth has their own). */
export const boothDeskRoom = (boothId: string, hrUserId: string) => `booth-${boothId}-${hrUserId}`;

export interface BoothRow {
  id: string;
  fair_id: string;
  number: string;
  tenant_id: string;
  fair_status: string;
  fair_title: string;
  fair_mode: string;
  ends_at: Date;
}

/**
 * Booth queues at a fair (online video booths and on-site desks), the rules around the Redis store:
 * - a seeker joins while the fair is LIVE (ONSITE only after checking in), and waits in at most MAX_QUEUES queues;
 * - HR of the booth's company presses "next": the current seeker's turn ends (SERVED, with its service time learned
 *   for the wait estimate), or — if the called seeker did not answer within ANSWER_SECONDS — they are skipped and
 *   recalled once right after the next seeker; missing the recall is a no-show. Nobody has to press anything for a
 *   seeker who does not answer: each call queues a job at its deadline (BullMQ, delayed) that skips the seeker and calls
 *   the next one for the same HR desk, unless the call was answered or moved on meanwhile;
 * - the called seeker answers by taking the booth's room token (boothJoinToken) for the calling HR's desk; on-site
 *   seekers are also called by SMS;
 * - HR hands a seeker being served to a colleague of the same company (the colleague's desk room).
 * Every change is pushed to the booth's channel; seekers see only their own place, HR sees numbers, never names.
 */
@Injectable()
export class BoothQueueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: BoothQueueStore,
    private readonly seekers: SeekerService,
    private readonly tenants: TenantDirectory,
    private readonly accounts: AccountService,
    private readonly outbox: OutboxService,
    private readonly events: EventBus,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @InjectQueue(FAIR_LIVE_QUEUE) private readonly jobs: Queue<BoothAnswerDeadlineJob>,
  ) {}

  async booth(boothId: string): Promise<BoothRow> {
    assertLiveId(boothId, FairsLiveExceptionCode.BOOTH_NOT_FOUND);
    const [b] = await this.dataSource.query<BoothRow[]>(
      `SELECT b.id, b.fair_id, b.number, b.tenant_id, f.status AS fair_status, f.title AS fair_title, f.mode AS fair_mode, f.ends_at
         FROM fair_booths b JOIN fairs f ON f.id = b.fair_id
        WHERE b.id = $1 AND b.tenant_id IS NOT NULL AND f.status NOT IN ('DRAFT','CANCELLED')`,
      [boothId],
    );
    if (!b) throw liveError(FairsLiveExceptionCode.BOOTH_NOT_FOUND);
    return b;
  }

  /** The booth, if the actor is HR of its company; otherwise "not found". */
  async ownBooth(actor: Actor, boothId: string): Promise<BoothRow> {
    const b = await this.booth(boothId);
    if (actor.role !== Role.HR || !actor.tenantId || actor.tenantId !== b.tenant_id) throw liveError(FairsLiveExceptionCode.BOOTH_NOT_FOUND);
    return b;
  }

  async join(actor: Actor, boothId: string, onSite: boolean): Promise<MyBoothQueueModel> {
    const b = await this.booth(boothId);
    if (b.fair_status !== 'LIVE') throw liveError(FairsLiveExceptionCode.BOOTH_NOT_LIVE);
    const seeker = await this.seekers.findByUser(actor.userId);
    if (!seeker || seeker.erasedAt) throw liveError(FairsLiveExceptionCode.NO_PROFILE);
    const mode: QueueMode = onSite ? 'ONSITE' : 'ONLINE';
    if (!onSite && b.fair_mode === 'ONSITE') throw liveError(FairsLiveExceptionCode.BOOTH_NOT_ONLINE);
    if (onSite) {
      const [checked] = await this.dataSource.query(`SELECT 1 FROM fair_checkins WHERE fair_id = $1 AND seeker_id = $2`, [b.fair_id, seeker.id]);
      if (!checked) throw liveError(FairsLiveExceptionCode.BOOTH_NOT_LIVE);
    }
    const r = await this.store.join(boothId, actor.userId, MAX_QUEUES, mode, this.clock.now().getTime());
    if (r.status === 'LIMIT') throw liveError(FairsLiveExceptionCode.QUEUE_LIMIT, { max: MAX_QUEUES });
    if (r.status === 'JOINED') await this.changed(boothId);
    return (await this.myState(actor.userId, b))!;
  }

  async leave(actor: Actor, boothId: string): Promise<boolean> {
    const b = await this.booth(boothId);
    const r = await this.store.leave(boothId, actor.userId);
    if (r.was === 'NONE') return false;
    await this.log(b.id, actor.userId, r.number ?? 0, r.mode ?? 'ONLINE', 'LEFT', null, null);
    await this.changed(boothId);
    return true;
  }

  /** My places in every queue (the seeker app's "my queues"). */
  async mine(actor: Actor): Promise<MyBoothQueueModel[]> {
    const ids = await this.store.boothsOf(actor.userId);
    const out: MyBoothQueueModel[] = [];
    for (const id of ids) {
      const b = await this.booth(id).catch(() => null);
      const s = b && (await this.myState(actor.userId, b));
      if (s) out.push(s);
    }
    return out;
  }

  /** One seeker's view of one booth's queue (null when not in it). */
  async myState(userId: string, b: BoothRow): Promise<MyBoothQueueModel | null> {
    const names = await this.tenants.names([b.tenant_id]);
    const base = { boothId: b.id, fairId: b.fair_id, boothNumber: b.number, companyName: names.get(b.tenant_id) ?? '' };
    const cur = await this.store.current(b.id);
    if (cur?.user === userId) {
      return {
        ...base,
        number: cur.number,
        mode: cur.mode,
        state: cur.answeredAt ? 'IN_CALL' : 'CALLED',
        position: null,
        estimate: null,
        answerBy: new Date(cur.deadline),
        recalled: cur.skips > 0,
      };
    }
    if (await this.store.handedTo(b.id, userId)) {
      return { ...base, number: 0, mode: 'ONLINE', state: 'HANDED_OVER', position: null, estimate: null, answerBy: null, recalled: false };
    }
    const p = await this.store.position(b.id, userId);
    if (!p) return null;
    return {
      ...base,
      number: p.entry.number,
      mode: p.entry.mode,
      state: 'WAITING',
      position: p.position,
      estimate: await this.estimate(b.id, p.position - 1 + (cur ? 1 : 0)),
      answerBy: null,
      recalled: p.entry.skips > 0,
    };
  }

  /**
   * The wait for someone with `ahead` turns before theirs: `ahead` × the booth's recent service times, from the lower
   * to the upper quartile (min–max with fewer than 4 samples); a default guess until the booth has served anybody.
   */
  async estimate(boothId: string, ahead: number): Promise<BoothWaitEstimateModel> {
    const times = (await this.store.serviceTimes(boothId)).sort((a, b) => a - b);
    let [lo, hi] = DEFAULT_SERVICE_MS;
    if (times.length) {
      lo = times.length >= 4 ? times[Math.floor((times.length - 1) * 0.25)] : times[0];
      hi = times.length >= 4 ? times[Math.ceil((times.length - 1) * 0.75)] : times[times.length - 1];
    }
    return { minSeconds: Math.round((ahead * lo) / 1000), maxSeconds: Math.round((ahead * hi) / 1000), learned: times.length > 0 };
  }

  async queue(actor: Actor, boothId: string): Promise<BoothQueueModel> {
    return this.queueView(await this.ownBooth(actor, boothId));
  }

  async queueView(b: BoothRow): Promise<BoothQueueModel> {
    const [cur, waiting, count, times] = await Promise.all([
      this.store.current(b.id),
      this.store.waiting(b.id, 100),
      this.store.waitingCount(b.id),
      this.store.serviceTimes(b.id),
    ]);
    const sorted = [...times].sort((x, y) => x - y);
    return {
      boothId: b.id,
      fairId: b.fair_id,
      boothNumber: b.number,
      current: cur && callModel(cur),
      waiting: waiting.map((w) => ({ seekerUserId: w.user, number: w.number, mode: w.mode, skipped: w.skips > 0, joinedAt: new Date(w.joinedAt) })),
      waitingCount: count,
      medianServiceSeconds: sorted.length ? Math.round(sorted[Math.floor(sorted.length / 2)] / 1000) : null,
      answerSeconds: ANSWER_SECONDS,
    };
  }

  /** HR "next": ends the current turn and calls the next seeker (see the class comment for skip / recall / no-show). */
  async callNext(actor: Actor, boothId: string): Promise<BoothCallResultModel> {
    const b = await this.ownBooth(actor, boothId);
    if (b.fair_status !== 'LIVE') throw liveError(FairsLiveExceptionCode.BOOTH_NOT_LIVE);
    const r = await this.store.callNext(boothId, actor.userId, this.clock.now().getTime(), ANSWER_SECONDS * 1000);
    if ('pendingMs' in r) throw liveError(FairsLiveExceptionCode.CALL_PENDING, { seconds: Math.ceil(r.pendingMs / 1000) });
    if ('stale' in r) throw new Error('unreachable: a call without an expected call is never stale');
    await this.afterCall(b, actor.userId, r);
    const queue = await this.queueView(b);
    return { previousOutcome: r.outcome, called: queue.current, queue };
  }

  /**
   * The answer deadline of one call (its job, in the worker): if that call is still the current one and unanswered, the
   * seeker is skipped (or, on the recall, a no-show) and the next one is called for the same HR desk. Anything else —
   * answered, HR moved on, the seeker left, the fair closed — leaves the queue alone. Returns what happened.
   */
  async expireCall(boothId: string, calledAt: number): Promise<CallOutcome | 'STALE' | 'PENDING'> {
    const b = await this.booth(boothId).catch(() => null);
    const cur = await this.store.current(boothId);
    if (!b || b.fair_status !== 'LIVE' || !cur || cur.calledAt !== calledAt || cur.answeredAt) return 'STALE';
    const r = await this.store.callNext(boothId, cur.hr, this.clock.now().getTime(), ANSWER_SECONDS * 1000, calledAt);
    if ('stale' in r) return 'STALE';
    if ('pendingMs' in r) {
      // Early (clocks of two processes differ a little): look again when the deadline has passed.
      await this.scheduleDeadline(boothId, cur, r.pendingMs);
      return 'PENDING';
    }
    await this.afterCall(b, cur.hr, r);
    return r.outcome;
  }

  /** What every call leaves behind: the log of the turn that ended, the SMS of an on-site seeker, the deadline job, the push. */
  private async afterCall(b: BoothRow, hrUserId: string, r: CallNextResult): Promise<void> {
    if (r.previous) {
      const outcome: BoothQueueOutcome = r.outcome === 'NONE' ? 'SERVED' : r.outcome;
      await this.log(b.id, r.previous.user, r.previous.number, r.previous.mode, outcome, hrUserId, r.previous.serviceMs);
    }
    if (r.next) {
      if (r.next.mode === 'ONSITE') await this.callOnSite(b, r.next.user, r.next.number);
      const called = await this.store.current(b.id);
      if (called) await this.scheduleDeadline(b.id, called, Math.max(0, called.deadline - this.clock.now().getTime()));
    }
    await this.changed(b.id);
  }

  private async scheduleDeadline(boothId: string, call: CurrentCall, delayMs: number): Promise<void> {
    await this.jobs.add(
      BOOTH_ANSWER_DEADLINE_JOB,
      { boothId, calledAt: call.calledAt },
      {
        jobId: boothAnswerDeadlineJobId(boothId, call.calledAt, this.clock.now().getTime()),
        delay: delayMs + DEADLINE_GRACE_MS,
        removeOnComplete: true,
        removeOnFail: 100,
      },
    );
  }

  /** The colleagues (other HR users of the booth's company) a seeker being served can be handed to. */
  async colleagues(actor: Actor, boothId: string): Promise<BoothColleagueModel[]> {
    const b = await this.ownBooth(actor, boothId);
    return (await this.accounts.activeUsersOf(Role.HR, b.tenant_id))
      .filter((u) => u.id !== actor.userId)
      .map((u) => ({ userId: u.id, displayName: u.displayName }));
  }

  /** Moves the seeker being served to a colleague (HR of the same company) — to the colleague's desk room. */
  async handOver(actor: Actor, boothId: string, seekerUserId: string, toHrUserId: string): Promise<BoothQueueModel> {
    const b = await this.ownBooth(actor, boothId);
    const colleague = /^[0-9a-f-]{36}$/i.test(toHrUserId) ? await this.accounts.findUser(toHrUserId) : null;
    if (!colleague || colleague.role !== Role.HR || colleague.tenantId !== b.tenant_id || colleague.disabledAt || colleague.id === actor.userId) {
      throw liveError(FairsLiveExceptionCode.COLLEAGUE_NOT_FOUND);
    }
    const number = await this.store.handOver(boothId, seekerUserId, toHrUserId);
    if (number === null) throw liveError(FairsLiveExceptionCode.NOBODY_CALLED);
    await this.log(b.id, seekerUserId, number, 'ONLINE', 'HANDED_OVER', actor.userId, null);
    await this.changed(boothId);
    return this.queueView(b);
  }

  /**
   * A room token for a booth desk. HR of the booth's company: their own desk. A seeker: only when called (taking the
   * token answers the call) or handed to a colleague — for the desk of the HR who called them / the colleague.
   */
  async joinToken(actor: Actor, boothId: string): Promise<BoothJoinTokenModel> {
    const b = await this.booth(boothId);
    if (b.fair_status !== 'LIVE') throw liveError(FairsLiveExceptionCode.BOOTH_NOT_LIVE);
    let hrDesk: string;
    if (actor.role === Role.HR) {
      if (actor.tenantId !== b.tenant_id) throw liveError(FairsLiveExceptionCode.BOOTH_NOT_FOUND);
      hrDesk = actor.userId;
    } else {
      const now = this.clock.now().getTime();
      const handed = await this.store.handedTo(boothId, actor.userId);
      if (handed) hrDesk = handed;
      else {
        const cur = await this.store.current(boothId);
        if (!cur || cur.user !== actor.userId || !(await this.store.answer(boothId, actor.userId, now))) throw liveError(FairsLiveExceptionCode.NOT_YOUR_TURN);
        hrDesk = cur.hr;
        if (!cur.answeredAt) await this.changed(boothId);
      }
    }
    return this.mint(actor, b, boothDeskRoom(boothId, hrDesk));
  }

  private mint(actor: Actor, b: BoothRow, room: string): BoothJoinTokenModel {
    const now = this.clock.now().getTime();
    const roomEndsAtMs = new Date(b.ends_at).getTime() + ROOM_GRACE_MS;
    const role = actor.role === Role.HR ? 'HR' : 'SEEKER';
    const claims: MediaRoomClaims = {
      typ: 'media',
      aud: 'talent-cloud-media',
      sub: actor.userId,
      room,
      role,
      kind: 'BOOTH',
      // No personal name in a token: the other side sees a role label.
      name: role === 'HR' ? `${b.number}号展位` : '求职者',
      iat: Math.floor(now / 1000),
      exp: Math.floor(Math.min(now + TOKEN_TTL_MS, roomEndsAtMs) / 1000),
      roomEndsAt: Math.floor(roomEndsAtMs / 1000),
    };
    const token = this.jwt.sign(claims, { secret: this.config.auth.mediaTokenSecret, algorithm: 'HS256' });
    return { token, room, mediaUrl: this.config.app.mediaPublicUrl ?? null, expiresAt: new Date(claims.exp * 1000), role };
  }

  /** On-site seekers are called by SMS (and on the hall screen). */
  private async callOnSite(b: BoothRow, userId: string, number: number): Promise<void> {
    const payload: NotifyPayload = {
      userId,
      kind: 'fair.booth_call',
      title: `请到${b.number}号展位面谈`,
      body: `您在${b.fair_title}排的${number}号已叫到，请在${ANSWER_SECONDS}秒内到${b.number}号展位。`,
      sms: true,
    };
    await this.dataSource.transaction((m) => this.outbox.record(m, 'notify.fair_booth_call', b.id, payload as unknown as Record<string, unknown>));
    await this.outbox.kick();
  }

  private async log(boothId: string, userId: string, number: number, mode: QueueMode, outcome: BoothQueueOutcome, hr: string | null, serviceMs: number | null) {
    await this.dataSource.manager.insert(FairBoothQueueLogEntity, { boothId, userId, number, mode, outcome, hrUserId: hr, serviceMs, at: this.clock.now() });
  }

  private async changed(boothId: string): Promise<void> {
    await this.events.publish(boothQueueChannel(boothId), { boothId, at: this.clock.now().getTime() });
  }
}

function callModel(c: CurrentCall): BoothCurrentCallModel {
  return {
    seekerUserId: c.user,
    number: c.number,
    mode: c.mode,
    hrUserId: c.hr,
    calledAt: new Date(c.calledAt),
    answerBy: new Date(c.deadline),
    answeredAt: c.answeredAt ? new Date(c.answeredAt) : null,
    recalled: c.skips > 0,
  };
}
