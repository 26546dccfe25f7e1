import { Actor, AppConfig, Clock, CryptoService, isPgError, PgErrorCode, Role } from '@app/core';
import { PostingService, TenantDirectory } from '@app/employers';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { OPEN_FOR_COMPANIES } from '../fair.enums';
import { FairBoothApplicationEntity, FairBoothEntity, FairEntity, FairPostingEntity } from '../fairs.entities';
import { assertFairId, fairsError, FairsExceptionCode } from '../fairs.exception';
import { FairService } from '../fairs/fair.service';
import { FairPostingReader } from '../results/fair-posting.reader';
import { ApplyForBoothInput, AssignBoothInput, DecideBoothApplicationInput } from './dto/booth.input';
import { FairBoothApplicationModel, FairBoothModel } from './models/booth.model';

/** Cancelling within this many hours of the start is a late cancellation (the operator's rule: it loses the next fair). */
export const LATE_CANCEL_HOURS = 48;

/**
 * Companies at a fair: HR applies for a booth with the postings it brings and the headcount offered there; the
 * operator approves or rejects with a reason; a booth is picked by HR from the free ones or assigned by the operator
 * (one guarded UPDATE, so two companies never get the same booth: the loser gets BOOTH_TAKEN). A late cancellation or a
 * no-show is recorded, and such a company may not book the next fair of the series.
 */
@Injectable()
export class BoothService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly crypto: CryptoService,
    private readonly fairs: FairService,
    private readonly postings: PostingService,
    private readonly tenants: TenantDirectory,
    private readonly reader: FairPostingReader,
    private readonly config: AppConfig,
  ) {}

  async apply(actor: Actor, input: ApplyForBoothInput): Promise<FairBoothApplicationModel> {
    const tenantId = actor.tenantId!;
    const ids = input.postings.map((p) => p.postingId);
    if (new Set(ids).size !== ids.length) throw fairsError(FairsExceptionCode.DUPLICATE_POSTING);
    const id = await this.dataSource.transaction(async (m) => {
      const fair = await this.fairs.lock(m, input.fairId);
      if (!OPEN_FOR_COMPANIES.includes(fair.status)) throw fairsError(FairsExceptionCode.NOT_OPEN_FOR_COMPANIES);
      if (await this.bannedFrom(m, tenantId, fair)) throw fairsError(FairsExceptionCode.BANNED_FOR_LATE_CANCEL);
      const postings = await this.postings.findByIds(ids);
      for (const p of input.postings) {
        const posting = postings.get(p.postingId);
        if (!posting || posting.tenantId !== tenantId || posting.status !== 'OPEN') throw fairsError(FairsExceptionCode.POSTING_NOT_OPEN);
        if (p.headcount > posting.openingsLeft) throw fairsError(FairsExceptionCode.HEADCOUNT_TOO_HIGH, { left: posting.openingsLeft });
      }
      const now = this.clock.now();
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(FairBoothApplicationEntity)
        .values({ fairId: fair.id, tenantId, status: 'PENDING', appliedBy: actor.userId, lateCancel: false, noShow: false, createdAt: now, updatedAt: now })
        .orIgnore()
        .returning(['id'])
        .execute();
      if (!inserted.raw.length) throw fairsError(FairsExceptionCode.BOOTH_APPLICATION_EXISTS);
      const appId = inserted.raw[0].id as string;
      // A posting brought again after a withdrawn application replaces that fair posting.
      await m.delete(FairPostingEntity, { fairId: fair.id, postingId: In(ids), tenantId });
      await m.insert(
        FairPostingEntity,
        input.postings.map((p) => ({
          fairId: fair.id,
          boothApplicationId: appId,
          tenantId,
          postingId: p.postingId,
          headcount: p.headcount,
          code: this.crypto.randomToken(12),
          status: 'ACTIVE' as const,
          carryGeneration: 0,
          createdAt: now,
        })),
      );
      if (input.boothId) await this.takeBooth(m, fair.id, appId, tenantId, input.boothId);
      return appId;
    });
    return this.model(id);
  }

  /** The late-cancel/no-show rule: a company flagged at a fair may not book the next fair of the same series. */
  private async bannedFrom(m: EntityManager, tenantId: string, fair: FairEntity): Promise<boolean> {
    if (!fair.seriesId) return false;
    const [row] = await m.query(
      `SELECT 1 FROM fair_booth_applications a JOIN fairs f ON f.id = a.fair_id
        WHERE a.tenant_id = $1 AND (a.late_cancel OR a.no_show) AND f.series_id = $2
          AND (SELECT n.id FROM fairs n WHERE n.series_id = f.series_id AND n.starts_at > f.starts_at AND n.status <> 'CANCELLED'
                ORDER BY n.starts_at LIMIT 1) = $3
        LIMIT 1`,
      [tenantId, fair.seriesId, fair.id],
    );
    return !!row;
  }

  async decide(actor: Actor, input: DecideBoothApplicationInput): Promise<FairBoothApplicationModel> {
    if (!input.approve && !input.reason?.trim()) throw fairsError(FairsExceptionCode.REASON_REQUIRED);
    await this.dataSource.transaction(async (m) => {
      const app = await this.lockApplication(m, input.applicationId);
      if (app.status !== 'PENDING') throw fairsError(FairsExceptionCode.APPLICATION_ALREADY_DECIDED);
      Object.assign(app, {
        status: input.approve ? 'APPROVED' : 'REJECTED',
        reason: input.reason?.trim() || null,
        decidedBy: actor.userId,
        decidedAt: this.clock.now(),
        updatedAt: this.clock.now(),
      });
      await m.save(FairBoothApplicationEntity, app);
      if (!input.approve) await this.releaseBooth(m, app);
      else if (input.boothId) await this.takeBooth(m, app.fairId, app.id, app.tenantId, input.boothId);
    });
    return this.model(input.applicationId);
  }

  /** HR of the company picks a free booth (its application must not be rejected or cancelled), or the operator assigns one. */
  async assign(actor: Actor, input: AssignBoothInput): Promise<FairBoothApplicationModel> {
    await this.dataSource.transaction(async (m) => {
      const app = await this.lockApplication(m, input.applicationId, actor);
      if (!['PENDING', 'APPROVED'].includes(app.status)) throw fairsError(FairsExceptionCode.APPLICATION_NOT_APPROVED);
      await this.takeBooth(m, app.fairId, app.id, app.tenantId, input.boothId);
    });
    return this.model(input.applicationId);
  }

  private async takeBooth(m: EntityManager, fairId: string, appId: string, tenantId: string, boothId: string): Promise<void> {
    const booth = await m.findOne(FairBoothEntity, { where: { id: boothId, fairId } });
    if (!booth) throw fairsError(FairsExceptionCode.BOOTH_NOT_FOUND);
    if (booth.tenantId === tenantId) return;
    await m.update(FairBoothEntity, { fairId, tenantId }, { tenantId: null, assignedAt: null });
    let taken: { affected?: number };
    try {
      taken = await m.update(FairBoothEntity, { id: boothId, fairId, tenantId: IsNull() }, { tenantId, assignedAt: this.clock.now() });
    } catch (e) {
      if (isPgError(e, PgErrorCode.UNIQUE_VIOLATION)) throw fairsError(FairsExceptionCode.BOOTH_TAKEN);
      throw e;
    }
    if (!taken.affected) throw fairsError(FairsExceptionCode.BOOTH_TAKEN);
    await m.update(FairBoothApplicationEntity, { id: appId }, { boothId, updatedAt: this.clock.now() });
    await m.update(FairPostingEntity, { boothApplicationId: appId }, { boothId });
  }

  private async releaseBooth(m: EntityManager, app: FairBoothApplicationEntity): Promise<void> {
    await m.update(FairBoothEntity, { fairId: app.fairId, tenantId: app.tenantId }, { tenantId: null, assignedAt: null });
    await m.update(FairBoothApplicationEntity, { id: app.id }, { boothId: null });
    await m.update(FairPostingEntity, { boothApplicationId: app.id }, { boothId: null, status: 'WITHDRAWN' });
  }

  /** HR cancels its company's booth; within LATE_CANCEL_HOURS of the start it is recorded as a late cancellation. */
  async cancel(actor: Actor, applicationId: string): Promise<FairBoothApplicationModel> {
    await this.dataSource.transaction(async (m) => {
      const app = await this.lockApplication(m, applicationId, actor);
      if (!['PENDING', 'APPROVED'].includes(app.status)) throw fairsError(FairsExceptionCode.APPLICATION_ALREADY_DECIDED);
      const fair = await this.fairs.entity(app.fairId, m);
      const late = app.status === 'APPROVED' && fair.startsAt.getTime() - this.clock.now().getTime() < LATE_CANCEL_HOURS * 3600_000;
      await m.update(FairBoothApplicationEntity, { id: app.id }, { status: 'CANCELLED', lateCancel: late, updatedAt: this.clock.now() });
      await this.releaseBooth(m, app);
    });
    return this.model(applicationId);
  }

  /** The operator records that an approved company did not come. */
  async markNoShow(applicationId: string): Promise<FairBoothApplicationModel> {
    await this.dataSource.transaction(async (m) => {
      const app = await this.lockApplication(m, applicationId);
      if (app.status !== 'APPROVED') throw fairsError(FairsExceptionCode.APPLICATION_NOT_APPROVED);
      const fair = await this.fairs.entity(app.fairId, m);
      if (fair.startsAt.getTime() > this.clock.now().getTime()) throw fairsError(FairsExceptionCode.CHECKIN_CLOSED);
      await m.update(FairBoothApplicationEntity, { id: app.id }, { noShow: true, updatedAt: this.clock.now() });
    });
    return this.model(applicationId);
  }

  /** HR sees only its own company's applications; others (and malformed ids) are NOT_FOUND. */
  private async lockApplication(m: EntityManager, id: string, actor?: Actor): Promise<FairBoothApplicationEntity> {
    assertFairId(id, FairsExceptionCode.BOOTH_APPLICATION_NOT_FOUND);
    const app = await m.findOne(FairBoothApplicationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!app || (actor?.role === Role.HR && app.tenantId !== actor.tenantId)) throw fairsError(FairsExceptionCode.BOOTH_APPLICATION_NOT_FOUND);
    return app;
  }

  // ---------- reads ----------

  async booths(fairId: string, onlyFree = false): Promise<FairBoothModel[]> {
    await this.fairs.entity(fairId);
    const rows = await this.dataSource
      .getRepository(FairBoothEntity)
      .find({ where: { fairId, ...(onlyFree ? { tenantId: IsNull() } : {}) }, order: { number: 'ASC' } });
    const names = await this.tenants.names(rows.flatMap((b) => (b.tenantId ? [b.tenantId] : [])));
    return rows.map((b) => toBoothModel(b, names));
  }

  async forFair(fairId: string): Promise<FairBoothApplicationModel[]> {
    await this.fairs.entity(fairId);
    const rows = await this.dataSource.getRepository(FairBoothApplicationEntity).find({ where: { fairId }, order: { createdAt: 'ASC' } });
    return this.models(rows);
  }

  async mine(actor: Actor, fairId?: string | null): Promise<FairBoothApplicationModel[]> {
    if (fairId) assertFairId(fairId);
    const rows = await this.dataSource
      .getRepository(FairBoothApplicationEntity)
      .find({ where: { tenantId: actor.tenantId!, ...(fairId ? { fairId } : { status: Not('WITHDRAWN') }) }, order: { createdAt: 'DESC' }, take: 50 });
    return this.models(rows);
  }

  async model(id: string): Promise<FairBoothApplicationModel> {
    const app = await this.dataSource.getRepository(FairBoothApplicationEntity).findOneByOrFail({ id });
    return (await this.models([app]))[0];
  }

  private async models(apps: FairBoothApplicationEntity[]): Promise<FairBoothApplicationModel[]> {
    if (!apps.length) return [];
    const names = await this.tenants.names(apps.map((a) => a.tenantId));
    const boothIds = apps.flatMap((a) => (a.boothId ? [a.boothId] : []));
    const booths = boothIds.length ? await this.dataSource.getRepository(FairBoothEntity).find({ where: { id: In(boothIds) } }) : [];
    const boothById = new Map(booths.map((b) => [b.id, b]));
    const fairs = new Map<string, FairEntity>();
    for (const fairId of new Set(apps.map((a) => a.fairId))) fairs.set(fairId, await this.fairs.entity(fairId));
    const fps = await this.dataSource
      .getRepository(FairPostingEntity)
      .find({ where: { boothApplicationId: In(apps.map((a) => a.id)) }, order: { createdAt: 'ASC' } });
    const base = this.config.app.publicUrl.replace(/\/$/, '');
    const out: FairBoothApplicationModel[] = [];
    for (const a of apps) {
      const mine = fps.filter((f) => f.boothApplicationId === a.id);
      const booth = a.boothId ? boothById.get(a.boothId) : undefined;
      out.push({
        id: a.id,
        fairId: a.fairId,
        tenantId: a.tenantId,
        companyName: names.get(a.tenantId) ?? '',
        status: a.status as FairBoothApplicationModel['status'],
        reason: a.reason,
        booth: booth ? toBoothModel(booth, names) : null,
        lateCancel: a.lateCancel,
        noShow: a.noShow,
        postings: await this.reader.models(fairs.get(a.fairId)!, mine),
        posterUrl: `${base}/fairs/${a.fairId}/posters/${a.id}`,
        createdAt: a.createdAt,
      });
    }
    return out;
  }
}

function toBoothModel(b: FairBoothEntity, names: Map<string, string>): FairBoothModel {
  return {
    id: b.id,
    fairId: b.fairId,
    number: b.number,
    zone: b.zone,
    tenantId: b.tenantId,
    companyName: b.tenantId ? (names.get(b.tenantId) ?? null) : null,
    free: !b.tenantId,
  };
}
