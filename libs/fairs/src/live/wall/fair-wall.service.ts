import { AppConfig, Clock, EventBus, RedisService } from '@app/core';
import { PostingService, TenantDirectory } from '@app/employers';
import { SchoolService } from '@app/schools';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { FairsQueryService } from '../../fairs-query.service';
import { FairPostingReader } from '../../results/fair-posting.reader';
import { assertLiveId, FairsLiveExceptionCode, liveError } from '../live.exception';
import { FairSchoolNoticeEntity } from '../live.entities';
import { FairSchoolNoticeModel, FairWallCompanyModel, FairWallModel, FairWallPostingModel, FairWallTickerItemModel } from './models/fair-wall.model';

/** Fair statuses whose wall anyone may see (the hall screen needs no sign-in). DRAFT and CANCELLED fairs are "not found". */
export const WALL_VISIBLE_STATUSES = ['PUBLISHED', 'BOOKING_CLOSED', 'LIVE', 'CLOSED', 'REPORTED'];
/** How many ticker lines the wall keeps (latest first). */
export const TICKER_LENGTH = 20;

export const fairWallChannel = (fairId: string) => `fair-wall:${fairId}`;

interface FairRow {
  id: string;
  title: string;
  kind: string;
  mode: string;
  status: string;
  venue: string | null;
  starts_at: Date;
  ends_at: Date;
}

/** What the last published view showed: places left per fair posting (the ticker is made from the difference). */
type WallState = Record<string, number>;

/**
 * The info wall 信息墙 of a fair: companies with their booths, the postings they brought with the places left, a
 * rotating "just hired / 已招满" line and the schools' graduate notices. Places left come from employers' postings
 * (PostingService, the hire flow keeps them), capped by the headcount brought to this fair.
 *
 * `refresh` rebuilds the view, compares the places left with the last published view (kept in Redis, so every API
 * and worker process agrees), adds ticker lines for places filled and pushes the new view to the `fairWall`
 * subscribers through the EventBus (Redis pub/sub) when anything changed. The worker refreshes every live fair every
 * few seconds (FairWallProcessor); the fairs context also refreshes right after its own changes (a notice posted).
 */
@Injectable()
export class FairWallService {
  private readonly logger = new Logger(FairWallService.name);
  private readonly prefix: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly postings: PostingService,
    private readonly tenants: TenantDirectory,
    private readonly schools: SchoolService,
    private readonly fairs: FairsQueryService,
    private readonly attributions: FairPostingReader,
    private readonly redis: RedisService,
    private readonly events: EventBus,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.prefix = `${config.redis.queuePrefix}:fairwall:`;
  }

  /** The wall for the first paint (and for anyone refreshing the page). */
  async view(fairId: string): Promise<FairWallModel> {
    assertLiveId(fairId, FairsLiveExceptionCode.FAIR_NOT_FOUND);
    const fair = await this.visibleFair(fairId);
    if (!fair) throw liveError(FairsLiveExceptionCode.FAIR_NOT_FOUND);
    return this.build(fair, await this.ticker(fairId));
  }

  /** A fair whose wall may be shown, or null. */
  async visibleFair(fairId: string): Promise<FairRow | null> {
    const [fair] = await this.dataSource.query<FairRow[]>(
      `SELECT id, title, kind, mode, status, venue, starts_at, ends_at FROM fairs WHERE id = $1 AND status = ANY($2::text[])`,
      [fairId, WALL_VISIBLE_STATUSES],
    );
    return fair ?? null;
  }

  /**
   * Rebuilds the wall; when places left changed since the last published view (or `force`), records ticker lines and
   * publishes the view. Returns whether it published.
   */
  async refresh(fairId: string, force = false): Promise<boolean> {
    const fair = await this.visibleFair(fairId);
    if (!fair) return false;
    const lockKey = `${this.prefix}${fairId}:lock`;
    // One refresher per fair at a time, so two processes never both write ticker lines for the same change.
    if ((await this.redis.client.set(lockKey, '1', 'PX', 10_000, 'NX')) !== 'OK') return false;
    try {
      // Hires made at the fair (applications attributed to it by a QR scan or a check-in) count against its places.
      await this.attributions.syncAttributions(await this.fairs.fairEntity(fairId));
      const stateKey = `${this.prefix}${fairId}:state`;
      const wall = await this.build(fair, []);
      const now: WallState = {};
      for (const c of wall.companies) for (const p of c.postings) now[p.fairPostingId] = p.openingsLeft;
      const before = await this.redis.client.get(stateKey);
      const previous: WallState | null = before ? (JSON.parse(before) as WallState) : null;
      const items = previous ? this.tickerItems(wall, previous) : [];
      const changed = !previous || items.length > 0 || Object.keys(previous).length !== Object.keys(now).length;
      const multi = this.redis.client.multi().set(stateKey, JSON.stringify(now), 'EX', 7 * 24 * 3600);
      if (items.length) {
        const tickerKey = `${this.prefix}${fairId}:ticker`;
        multi
          .lpush(tickerKey, ...items.map((i) => JSON.stringify(i)))
          .ltrim(tickerKey, 0, TICKER_LENGTH - 1)
          .expire(tickerKey, 7 * 24 * 3600);
      }
      await multi.exec();
      if (!changed && !force) return false;
      wall.ticker = await this.ticker(fairId);
      await this.events.publish(fairWallChannel(fairId), wall);
      return true;
    } finally {
      await this.redis.client.del(lockKey);
    }
  }

  /** Refreshes every fair on the wall right now: LIVE ones, and published ones starting within the next 24 hours. */
  async refreshCurrent(): Promise<number> {
    const now = this.clock.now();
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM fairs WHERE status = 'LIVE' OR (status IN ('PUBLISHED','BOOKING_CLOSED') AND starts_at <= $1 AND ends_at > $2)`,
      [new Date(now.getTime() + 24 * 3600_000), now],
    );
    let published = 0;
    for (const r of rows) {
      try {
        if (await this.refresh(r.id)) published++;
      } catch (e) {
        this.logger.warn(`wall refresh of fair ${r.id} failed: ${(e as Error).message}`);
      }
    }
    return published;
  }

  /** Lines for places filled since `previous`: one "just hired" per posting that lost places, "filled" when none are left. */
  private tickerItems(wall: FairWallModel, previous: WallState): FairWallTickerItemModel[] {
    const at = this.clock.now();
    const items: FairWallTickerItemModel[] = [];
    for (const c of wall.companies) {
      for (const p of c.postings) {
        const before = previous[p.fairPostingId];
        if (before === undefined || p.openingsLeft >= before) continue;
        const n = before - p.openingsLeft;
        items.push({ kind: 'HIRED', textZh: `${c.name}「${p.title}」刚刚录用 ${n} 人`, textEn: `${c.name} hired ${n} for "${p.title}"`, at });
        if (p.openingsLeft === 0) items.push({ kind: 'FILLED', textZh: `${c.name}「${p.title}」已招满`, textEn: `${c.name}: "${p.title}" is filled`, at });
      }
    }
    return items;
  }

  private async ticker(fairId: string): Promise<FairWallTickerItemModel[]> {
    const raw = await this.redis.client.lrange(`${this.prefix}${fairId}:ticker`, 0, TICKER_LENGTH - 1);
    return raw.map((r) => {
      const i = JSON.parse(r) as FairWallTickerItemModel & { at: string };
      return { ...i, at: new Date(i.at) };
    });
  }

  private async build(fair: FairRow, ticker: FairWallTickerItemModel[]): Promise<FairWallModel> {
    // Places taken at the fair: hires attributed to the fair posting (scan / booth applications that led to a hire).
    const fairPostings = await this.dataSource.query<
      Array<{ id: string; tenant_id: string; booth_id: string | null; posting_id: string; headcount: number; hired_here: number }>
    >(
      `SELECT fp.id, fp.tenant_id, fp.booth_id, fp.posting_id, fp.headcount,
              (SELECT count(*)::int FROM fair_attributions a WHERE a.fair_posting_id = fp.id AND a.hired_at IS NOT NULL) AS hired_here
         FROM fair_postings fp WHERE fp.fair_id = $1 AND fp.status = 'ACTIVE' ORDER BY fp.created_at, fp.id`,
      [fair.id],
    );
    const booths = await this.dataSource.query<Array<{ id: string; number: string; zone: string | null; tenant_id: string }>>(
      `SELECT id, number, zone, tenant_id FROM fair_booths WHERE fair_id = $1 AND tenant_id IS NOT NULL`,
      [fair.id],
    );
    const postings = await this.postings.findByIds(fairPostings.map((fp) => fp.posting_id));
    const tenantIds = [...new Set([...fairPostings.map((fp) => fp.tenant_id), ...booths.map((b) => b.tenant_id)])];
    const names = await this.tenants.names(tenantIds);
    const boothOf = new Map(booths.map((b) => [b.tenant_id, b]));
    const companies = new Map<string, FairWallCompanyModel>();
    for (const tenantId of tenantIds) {
      const b = boothOf.get(tenantId);
      companies.set(tenantId, {
        tenantId,
        name: names.get(tenantId) ?? '',
        boothId: b?.id ?? null,
        boothNumber: b?.number ?? null,
        zone: b?.zone ?? null,
        openingsLeft: 0,
        postings: [],
      });
    }
    for (const fp of fairPostings) {
      const p = postings.get(fp.posting_id);
      // A posting withdrawn from the board (CLOSED, DRAFT) leaves the wall; a FILLED one stays, marked 已招满.
      if (!p || (p.status !== 'OPEN' && p.status !== 'FILLED')) continue;
      // The places brought to this fair less those filled here, never more than the posting has left on the board.
      const openingsLeft = p.status === 'OPEN' ? Math.max(0, Math.min(fp.headcount - fp.hired_here, p.openingsLeft)) : 0;
      const posting: FairWallPostingModel = {
        fairPostingId: fp.id,
        postingId: p.id,
        title: p.title,
        salaryMinFen: p.salaryMinFen,
        salaryMaxFen: p.salaryMaxFen,
        shifts: p.shifts,
        minMandarinLevel: p.minMandarinLevel,
        minTypingSpeed: p.minTypingSpeed,
        headcount: fp.headcount,
        openingsLeft,
        filled: openingsLeft === 0,
      };
      const c = companies.get(fp.tenant_id)!;
      c.postings.push(posting);
      c.openingsLeft += openingsLeft;
    }
    const list = [...companies.values()].sort((a, b) => (a.boothNumber ?? '~').localeCompare(b.boothNumber ?? '~', 'zh-CN', { numeric: true }));
    return {
      fairId: fair.id,
      title: fair.title,
      kind: fair.kind,
      mode: fair.mode,
      status: fair.status,
      venue: fair.venue,
      startsAt: fair.starts_at,
      endsAt: fair.ends_at,
      postingCount: list.reduce((n, c) => n + c.postings.length, 0),
      openingsLeft: list.reduce((n, c) => n + c.openingsLeft, 0),
      companies: list,
      ticker,
      notices: await this.notices(fair.id),
      updatedAt: this.clock.now(),
    };
  }

  /** The schools' graduate notices on this fair's wall, latest first. */
  async notices(fairId: string): Promise<FairSchoolNoticeModel[]> {
    const rows = await this.dataSource.manager.find(FairSchoolNoticeEntity, {
      where: { fairId, withdrawnAt: IsNull() },
      order: { createdAt: 'DESC' },
      take: 50,
    });
    const live = rows;
    const schools = live.length ? new Map((await this.schools.list()).map((s) => [s.id, s.name])) : new Map<string, string>();
    return live.map((r) => ({
      id: r.id,
      fairId: r.fairId,
      schoolName: schools.get(r.schoolId) ?? '',
      graduates: r.graduates,
      majors: r.majors,
      note: r.note,
      createdAt: r.createdAt,
    }));
  }
}

/** The wall as it travels through Redis pub/sub (dates as strings) back to a model. */
export function reviveWall(w: FairWallModel): FairWallModel {
  return {
    ...w,
    startsAt: new Date(w.startsAt),
    endsAt: new Date(w.endsAt),
    updatedAt: new Date(w.updatedAt),
    ticker: w.ticker.map((t) => ({ ...t, at: new Date(t.at) })),
    notices: w.notices.map((n) => ({ ...n, createdAt: new Date(n.createdAt) })),
  };
}
