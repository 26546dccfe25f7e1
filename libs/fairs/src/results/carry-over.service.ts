import { Actor, Clock, CryptoService } from '@app/core';
import { HiringReadModel, PostingService } from '@app/employers';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThanOrEqual } from 'typeorm';
import { FairBoothApplicationEntity, FairCarryOverEntity, FairEntity, FairPostingEntity } from '../fairs.entities';
import { assertFairId, fairsError, FairsExceptionCode } from '../fairs.exception';
import { FairReportModel } from './models/report.model';
import { FairCarryOverModel } from './models/report.model';

/** A carried posting must be confirmed or withdrawn this long before the next fair starts; after that it stays as carried. */
export const CARRY_DEADLINE_HOURS = 48;

/**
 * Carry-over 顺延: at close, every posting with places still open is carried to the next fair of the series with the
 * places left (a new fair posting pointing to the old one, so its history is kept). The company confirms or withdraws
 * by the deadline; what is not withdrawn by then stays. A posting filled meanwhile is not carried (its carry-over
 * becomes FILLED and the fair posting is withdrawn).
 */
@Injectable()
export class CarryOverService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly crypto: CryptoService,
    private readonly hiring: HiringReadModel,
    private readonly postings: PostingService,
  ) {}

  /** The next fair of the same series that has not started and is not cancelled. */
  async nextFairOf(fair: FairEntity, m: EntityManager): Promise<FairEntity | null> {
    if (!fair.seriesId) return null;
    return m
      .getRepository(FairEntity)
      .createQueryBuilder('f')
      .where(`f.series_id = :s AND f.starts_at > :t AND f.status IN ('DRAFT','PUBLISHED','BOOKING_CLOSED')`, { s: fair.seriesId, t: fair.startsAt })
      .orderBy('f.starts_at', 'ASC')
      .getOne();
  }

  /** Inside the close transaction: carries each row of the report with places left. Returns how many were carried. */
  async carryFrom(fair: FairEntity, report: FairReportModel, m: EntityManager): Promise<number> {
    const next = await this.nextFairOf(fair, m);
    if (!next) return 0;
    const now = this.clock.now();
    const deadline = new Date(Math.max(now.getTime(), next.startsAt.getTime() - CARRY_DEADLINE_HOURS * 3600_000));
    const openings = await this.hiring.postingOpenings(
      report.rows.map((r) => r.postingId),
      m,
    );
    let carried = 0;
    for (const row of report.rows) {
      const o = openings.get(row.postingId);
      const places = Math.min(row.placesLeft, o?.status === 'OPEN' ? o.openingsLeft : 0);
      if (places <= 0) continue;
      const from = await m.findOneByOrFail(FairPostingEntity, { id: row.fairPostingId });
      const appId = await this.boothApplicationAt(m, next.id, from.tenantId, now);
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(FairPostingEntity)
        .values({
          fairId: next.id,
          boothApplicationId: appId,
          tenantId: from.tenantId,
          postingId: from.postingId,
          headcount: places,
          code: this.crypto.randomToken(12),
          status: 'CARRY_PENDING',
          carriedFromId: from.id,
          carryGeneration: from.carryGeneration + 1,
          createdAt: now,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      if (!inserted.raw.length) continue; // the company already brings this posting to the next fair
      await m
        .createQueryBuilder()
        .insert()
        .into(FairCarryOverEntity)
        .values({
          fromFairPostingId: from.id,
          toFairId: next.id,
          toFairPostingId: inserted.raw[0].id,
          tenantId: from.tenantId,
          headcount: places,
          status: 'PENDING',
          deadline,
          createdAt: now,
        })
        .orIgnore()
        .execute();
      carried++;
    }
    return carried;
  }

  /** The company's booth application at the next fair: its own if it applied already, otherwise one approved by carry-over. */
  private async boothApplicationAt(m: EntityManager, fairId: string, tenantId: string, now: Date): Promise<string> {
    const live = await m.findOne(FairBoothApplicationEntity, { where: { fairId, tenantId, status: In(['PENDING', 'APPROVED']) } });
    if (live) return live.id;
    const saved = await m.save(
      FairBoothApplicationEntity,
      m.create(FairBoothApplicationEntity, {
        fairId,
        tenantId,
        status: 'APPROVED',
        reason: '上一场未招满岗位顺延 / carried over from the previous fair',
        lateCancel: false,
        noShow: false,
        createdAt: now,
        updatedAt: now,
      }),
    );
    return saved.id;
  }

  /** HR confirms (the posting appears at the next fair) or withdraws a carry-over of its company. */
  async decide(actor: Actor, carryOverId: string, confirm: boolean): Promise<FairCarryOverModel> {
    assertFairId(carryOverId, FairsExceptionCode.CARRY_OVER_NOT_FOUND);
    await this.dataSource.transaction(async (m) => {
      const c = await m.findOne(FairCarryOverEntity, { where: { id: carryOverId }, lock: { mode: 'pessimistic_write' } });
      if (!c || c.tenantId !== actor.tenantId) throw fairsError(FairsExceptionCode.CARRY_OVER_NOT_FOUND);
      if (c.status !== 'PENDING') throw fairsError(FairsExceptionCode.CARRY_OVER_DECIDED);
      if (c.deadline.getTime() < this.clock.now().getTime()) throw fairsError(FairsExceptionCode.CARRY_OVER_PAST_DEADLINE);
      await this.settle(m, c, confirm ? 'CONFIRMED' : 'WITHDRAWN', actor.userId);
    });
    return (await this.models([carryOverId]))[0];
  }

  /** Pending carry-overs whose deadline has passed become CONFIRMED (or FILLED when the posting filled meanwhile). */
  async settleDue(): Promise<number> {
    const due = await this.dataSource.getRepository(FairCarryOverEntity).find({ where: { status: 'PENDING', deadline: LessThanOrEqual(this.clock.now()) } });
    for (const d of due) {
      await this.dataSource.transaction(async (m) => {
        const c = await m.findOne(FairCarryOverEntity, { where: { id: d.id, status: 'PENDING' }, lock: { mode: 'pessimistic_write' } });
        if (c) await this.settle(m, c, 'CONFIRMED', null);
      });
    }
    return due.length;
  }

  private async settle(m: EntityManager, c: FairCarryOverEntity, to: 'CONFIRMED' | 'WITHDRAWN', by: string | null): Promise<void> {
    const fp = c.toFairPostingId ? await m.findOneBy(FairPostingEntity, { id: c.toFairPostingId }) : null;
    let status: FairCarryOverEntity['status'] = to;
    if (to === 'CONFIRMED' && fp) {
      const o = (await this.hiring.postingOpenings([fp.postingId], m)).get(fp.postingId);
      if (!o || o.status !== 'OPEN' || o.openingsLeft <= 0) status = 'FILLED';
    }
    if (fp) {
      const headcount =
        status === 'CONFIRMED' ? Math.min(fp.headcount, (await this.hiring.postingOpenings([fp.postingId], m)).get(fp.postingId)!.openingsLeft) : fp.headcount;
      await m.update(FairPostingEntity, { id: fp.id }, { status: status === 'CONFIRMED' ? 'ACTIVE' : 'WITHDRAWN', headcount });
    }
    await m.update(FairCarryOverEntity, { id: c.id }, { status, decidedBy: by, decidedAt: this.clock.now() });
  }

  async mine(actor: Actor, fairId?: string | null): Promise<FairCarryOverModel[]> {
    if (fairId) assertFairId(fairId);
    const rows = await this.dataSource
      .getRepository(FairCarryOverEntity)
      .find({ where: { tenantId: actor.tenantId!, ...(fairId ? { toFairId: fairId } : {}) }, order: { createdAt: 'DESC' }, take: 100 });
    return this.models(rows.map((r) => r.id));
  }

  async models(ids: string[]): Promise<FairCarryOverModel[]> {
    if (!ids.length) return [];
    const rows = await this.dataSource.getRepository(FairCarryOverEntity).find({ where: { id: In(ids) }, order: { createdAt: 'DESC' } });
    const fps = await this.dataSource.getRepository(FairPostingEntity).find({ where: { id: In(rows.map((r) => r.fromFairPostingId)) } });
    const fpBy = new Map(fps.map((f) => [f.id, f]));
    const fairs = await this.dataSource.getRepository(FairEntity).find({ where: { id: In(rows.map((r) => r.toFairId)) } });
    const postings = await this.postings.findByIds(fps.map((f) => f.postingId));
    return rows.map((r) => {
      const fp = fpBy.get(r.fromFairPostingId)!;
      return {
        id: r.id,
        toFairId: r.toFairId,
        toFairTitle: fairs.find((f) => f.id === r.toFairId)?.title ?? '',
        toFairPostingId: r.toFairPostingId,
        postingId: fp.postingId,
        postingTitle: postings.get(fp.postingId)?.title ?? '',
        headcount: r.headcount,
        status: r.status as FairCarryOverModel['status'],
        deadline: r.deadline,
      };
    });
  }
}
