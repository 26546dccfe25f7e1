import { Actor, Clock, NotifyPayload, OutboxService, Page, PageArgs, Role, shanghaiDateTime, toPage } from '@app/core';
import { SeekerService, regionDirectory } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { canTransition, FAIR_STATUS_ZH } from '../fair.enums';
import { FairBoothEntity, FairEntity, FairSeriesEntity, FairStatus, FairTicketEntity } from '../fairs.entities';
import { assertFairId, fairsError, FairsExceptionCode } from '../fairs.exception';
import { AddBoothsInput, CancelFairInput, CreateFairInput, CreateFairSeriesInput, FairFilterInput } from './dto/fair.input';
import { FairModel, FairSeriesModel } from './models/fair.model';
import { weeklyOccurrences } from './recurrence';

export const FAIR_CANCELLED_TOPIC = 'notify.fair_cancelled';
const WEEKDAY_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/**
 * Fairs and fair series: creation (one-off fairs by level and region; weekly series whose occurrences the scheduler
 * creates ahead), the state machine DRAFT → PUBLISHED → BOOKING_CLOSED → LIVE → CLOSED → REPORTED (CANCELLED with a
 * reason and a notice to everyone registered), booths, and the reads the pages need.
 */
@Injectable()
export class FairService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly seekers: SeekerService,
  ) {}

  // ---------- series and the scheduler ----------

  async createSeries(actor: Actor, input: CreateFairSeriesInput): Promise<FairSeriesModel> {
    if (input.endLocal <= input.startLocal) throw fairsError(FairsExceptionCode.INVALID_TIME);
    const repo = this.dataSource.getRepository(FairSeriesEntity);
    const series = await repo.save(
      repo.create({
        name: input.name.trim(),
        weekday: input.weekday,
        startLocal: `${input.startLocal}:00`,
        endLocal: `${input.endLocal}:00`,
        weeksAhead: input.weeksAhead,
        kind: 'WEEKLY',
        level: input.level as FairSeriesEntity['level'],
        regionCode: input.regionCode,
        mode: input.mode as FairSeriesEntity['mode'],
        venue: input.venue ?? null,
        admissionCap: input.admissionCap ?? null,
        boothCount: input.boothCount,
        autoPublish: input.autoPublish,
        active: true,
        createdBy: actor.userId,
        createdAt: this.clock.now(),
      }),
    );
    const created = await this.ensureOccurrences(series.id);
    return { ...toSeriesModel(series), fairsCreated: created };
  }

  /**
   * Creates the fairs of one series (or of every active series) for its weeks ahead, from the clock's now. Idempotent:
   * UNIQUE (series_id, starts_at) makes a second run, or two workers at once, create nothing more. Returns how many
   * fairs this call created.
   */
  async ensureOccurrences(seriesId?: string): Promise<number> {
    const now = this.clock.now();
    const all = await this.dataSource.getRepository(FairSeriesEntity).find({ where: seriesId ? { id: seriesId } : { active: true } });
    let created = 0;
    for (const s of all) {
      for (const occ of weeklyOccurrences(now, s.weekday, s.startLocal, s.endLocal, s.weeksAhead)) {
        created += await this.dataSource.transaction(async (m) => {
          const status: FairStatus = s.autoPublish ? 'PUBLISHED' : 'DRAFT';
          const title = `${s.name}（${occ.date.slice(5).replace('-', '月')}日${WEEKDAY_ZH[s.weekday]}）`;
          const res = await m
            .createQueryBuilder()
            .insert()
            .into(FairEntity)
            .values({
              seriesId: s.id,
              title,
              kind: s.kind,
              level: s.level,
              regionCode: s.regionCode,
              schoolId: null,
              mode: s.mode,
              venue: s.venue,
              startsAt: occ.startsAt,
              endsAt: occ.endsAt,
              status,
              admissionCap: s.admissionCap,
              publishedAt: s.autoPublish ? now : null,
              createdBy: s.createdBy,
              createdAt: now,
              updatedAt: now,
            })
            .orIgnore()
            .returning(['id'])
            .execute();
          if (!res.raw.length) return 0;
          await this.insertBooths(m, res.raw[0].id, s.boothCount, 'A', null);
          return 1;
        });
      }
    }
    return created;
  }

  // ---------- one-off fairs and transitions ----------

  async createFair(actor: Actor, input: CreateFairInput): Promise<FairModel> {
    if (input.endsAt.getTime() <= input.startsAt.getTime()) throw fairsError(FairsExceptionCode.INVALID_TIME);
    if (input.kind === 'CAMPUS' && !input.schoolId) throw fairsError(FairsExceptionCode.SCHOOL_REQUIRED);
    const now = this.clock.now();
    const id = await this.dataSource.transaction(async (m) => {
      const fair = await m.save(
        FairEntity,
        m.create(FairEntity, {
          seriesId: null,
          title: input.title.trim(),
          kind: input.kind,
          level: input.level,
          regionCode: input.regionCode,
          schoolId: input.schoolId ?? null,
          mode: input.mode,
          venue: input.venue ?? null,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          status: 'DRAFT',
          admissionCap: input.admissionCap ?? null,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await this.insertBooths(m, fair.id, input.boothCount, 'A', null);
      return fair.id;
    });
    return this.get(id);
  }

  async addBooths(input: AddBoothsInput): Promise<FairModel> {
    await this.dataSource.transaction(async (m) => {
      await this.lock(m, input.fairId);
      await this.insertBooths(m, input.fairId, input.count, input.prefix, input.zone ?? null);
    });
    return this.get(input.fairId);
  }

  private async insertBooths(m: EntityManager, fairId: string, count: number, prefix: string, zone: string | null): Promise<void> {
    if (count <= 0) return;
    const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM fair_booths WHERE fair_id = $1 AND number LIKE $2`, [fairId, `${prefix}%`]);
    const rows = Array.from({ length: count }, (_, i) => ({ fairId, number: `${prefix}${String(n + i + 1).padStart(2, '0')}`, zone, tenantId: null }));
    await m.createQueryBuilder().insert().into(FairBoothEntity).values(rows).orIgnore().execute();
  }

  /** Moves a fair along its state machine; every other transition is refused with the two states named. */
  async transition(fairId: string, to: FairStatus, m?: EntityManager, extra: Partial<FairEntity> = {}): Promise<FairEntity> {
    const run = async (tx: EntityManager) => {
      const fair = await this.lock(tx, fairId);
      if (!canTransition(fair.status, to)) {
        throw fairsError(FairsExceptionCode.INVALID_TRANSITION, { from: fair.status, to, fromZh: FAIR_STATUS_ZH[fair.status], toZh: FAIR_STATUS_ZH[to] });
      }
      const now = this.clock.now();
      Object.assign(fair, extra, { status: to, updatedAt: now });
      if (to === 'PUBLISHED') fair.publishedAt = now;
      if (to === 'CLOSED') fair.closedAt = now;
      return tx.save(FairEntity, fair);
    };
    return m ? run(m) : this.dataSource.transaction(run);
  }

  async publish(fairId: string): Promise<FairModel> {
    await this.transition(fairId, 'PUBLISHED');
    return this.get(fairId);
  }

  async setStatus(fairId: string, to: FairStatus): Promise<FairModel> {
    if (!['BOOKING_CLOSED', 'LIVE', 'REPORTED'].includes(to)) {
      // Publishing, closing (results and carry-over) and cancelling (a reason and notices) have their own operations.
      const fair = await this.entity(fairId);
      throw fairsError(FairsExceptionCode.INVALID_TRANSITION, { from: fair.status, to, fromZh: FAIR_STATUS_ZH[fair.status], toZh: FAIR_STATUS_ZH[to] });
    }
    await this.transition(fairId, to);
    return this.get(fairId);
  }

  /** Cancels one fair (e.g. a public holiday): the reason is kept, and everyone registered is told in-app and by SMS. */
  async cancel(input: CancelFairInput): Promise<FairModel> {
    assertFairId(input.fairId);
    await this.dataSource.transaction(async (m) => {
      const fair = await this.transition(input.fairId, 'CANCELLED', m, { cancelReason: input.reason.trim() });
      const tickets = await m.find(FairTicketEntity, { where: { fairId: fair.id } });
      const seekers = await this.seekers.findByIds(
        tickets.map((t) => t.seekerId),
        m,
      );
      const when = shanghaiDateTime(fair.startsAt);
      for (const t of tickets) {
        const userId = seekers.get(t.seekerId)?.userId;
        if (!userId) continue;
        const payload: NotifyPayload = {
          userId,
          kind: 'FAIR_CANCELLED',
          title: '招聘会取消通知',
          body: `您报名的「${fair.title}」（${when}）已取消：${fair.cancelReason}。`,
          sms: true,
        };
        await this.outbox.record(m, FAIR_CANCELLED_TOPIC, fair.id, payload as unknown as Record<string, unknown>);
      }
    });
    await this.outbox.kick();
    return this.get(input.fairId);
  }

  // ---------- reads ----------

  async lock(m: EntityManager, fairId: string): Promise<FairEntity> {
    assertFairId(fairId);
    const fair = await m.findOne(FairEntity, { where: { id: fairId }, lock: { mode: 'pessimistic_write' } });
    if (!fair) throw fairsError(FairsExceptionCode.NOT_FOUND);
    return fair;
  }

  async entity(fairId: string, m?: EntityManager): Promise<FairEntity> {
    assertFairId(fairId);
    const fair = await (m ?? this.dataSource.manager).findOne(FairEntity, { where: { id: fairId } });
    if (!fair) throw fairsError(FairsExceptionCode.NOT_FOUND);
    return fair;
  }

  /** With a viewer (null: anonymous), drafts are seen by staff only; everyone else gets NOT_FOUND for them. */
  async get(fairId: string, viewer?: Actor | null): Promise<FairModel> {
    const fair = await this.entity(fairId);
    if (fair.status === 'DRAFT' && viewer !== undefined && !(viewer && isStaff(viewer))) throw fairsError(FairsExceptionCode.NOT_FOUND);
    return (await this.toModels([fair]))[0];
  }

  async list(actor: Actor | undefined, filter: FairFilterInput, page: PageArgs): Promise<Page<FairModel>> {
    const qb = this.dataSource.getRepository(FairEntity).createQueryBuilder('f');
    if (!actor || !isStaff(actor)) qb.where(`f.status <> 'DRAFT'`);
    if (filter.status) qb.andWhere('f.status = :s', { s: filter.status });
    if (filter.kind) qb.andWhere('f.kind = :k', { k: filter.kind });
    if (filter.level) qb.andWhere('f.level = :l', { l: filter.level });
    if (filter.regionCode) qb.andWhere('f.region_code = :r', { r: filter.regionCode });
    if (filter.seriesId) qb.andWhere('f.series_id = :sid', { sid: filter.seriesId });
    if (filter.from) qb.andWhere('f.starts_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('f.starts_at < :to', { to: filter.to });
    const [rows, total] = await qb.orderBy('f.starts_at', 'ASC').addOrderBy('f.id').skip(page.offset).take(page.first).getManyAndCount();
    return toPage(await this.toModels(rows), total, page);
  }

  /** Published fairs that have not ended yet, soonest first. */
  async upcoming(limit: number): Promise<FairModel[]> {
    const rows = await this.dataSource
      .getRepository(FairEntity)
      .createQueryBuilder('f')
      .where(`f.status IN ('PUBLISHED','BOOKING_CLOSED','LIVE') AND f.ends_at > :now`, { now: this.clock.now() })
      .orderBy('f.starts_at', 'ASC')
      .addOrderBy('f.id')
      .take(limit)
      .getMany();
    return this.toModels(rows);
  }

  async toModels(fairs: FairEntity[]): Promise<FairModel[]> {
    if (!fairs.length) return [];
    const ids = fairs.map((f) => f.id);
    const counts: Array<{ fair_id: string; booths: number; companies: number; registered: number }> = await this.dataSource.query(
      `SELECT f.id AS fair_id,
              (SELECT count(*)::int FROM fair_booths b WHERE b.fair_id = f.id) AS booths,
              (SELECT count(*)::int FROM fair_booth_applications a WHERE a.fair_id = f.id AND a.status = 'APPROVED') AS companies,
              (SELECT count(*)::int FROM fair_tickets t WHERE t.fair_id = f.id AND t.cancelled_at IS NULL) AS registered
         FROM fairs f WHERE f.id = ANY($1::uuid[])`,
      [ids],
    );
    const by = new Map(counts.map((c) => [c.fair_id, c]));
    return fairs.map((f) => ({
      id: f.id,
      seriesId: f.seriesId,
      title: f.title,
      kind: f.kind as FairModel['kind'],
      level: f.level as FairModel['level'],
      regionCode: f.regionCode,
      regionName: regionDirectory().fullName(f.regionCode) ?? null,
      schoolId: f.schoolId,
      mode: f.mode as FairModel['mode'],
      venue: f.venue,
      startsAt: f.startsAt,
      endsAt: f.endsAt,
      whenLocal: `${shanghaiDateTime(f.startsAt)}–${shanghaiDateTime(f.endsAt).slice(11)}`,
      status: f.status as FairModel['status'],
      cancelReason: f.cancelReason,
      admissionCap: f.admissionCap,
      boothCount: by.get(f.id)?.booths ?? 0,
      companyCount: by.get(f.id)?.companies ?? 0,
      registeredCount: by.get(f.id)?.registered ?? 0,
    }));
  }
}

export function isStaff(actor: Actor): boolean {
  return actor.role === Role.OPERATOR || actor.role === Role.AUDITOR;
}

function toSeriesModel(s: FairSeriesEntity): Omit<FairSeriesModel, 'fairsCreated'> {
  return {
    id: s.id,
    name: s.name,
    weekday: s.weekday,
    startLocal: s.startLocal.slice(0, 5),
    endLocal: s.endLocal.slice(0, 5),
    weeksAhead: s.weeksAhead,
    level: s.level as FairSeriesModel['level'],
    regionCode: s.regionCode,
    mode: s.mode as FairSeriesModel['mode'],
    venue: s.venue,
    boothCount: s.boothCount,
  };
}
