import { Clock, NotifyPayload, OutboxService } from '@app/core';
import { regionDirectory } from '@app/talent';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { FAIR_LIVE_QUEUE, fairWallFanoutJobId, WALL_FANOUT_JOB, WallFanoutJob } from '../live.jobs';
import { FairWallService } from '../wall/fair-wall.service';
import { matchPostings, MatchRow, matchSql } from './wall-matching';
import { WallSubscriptionService } from './wall-subscription.service';

/** Subscribers matched and notified per transaction. */
export const FANOUT_BATCH = 2000;
/** Postings listed by name in one message (the rest as "等N个岗位"). */
const LISTED = 5;
/** A weekly fair is fanned out once its booking has closed, or from this long before its start if still open. */
const FANOUT_LEAD_MS = 48 * 3600_000;

export interface FanoutResult {
  subscribers: number;
  notified: number;
}

/**
 * The weekly wall fan-out: each active subscription is matched (one set-based SQL per batch of subscribers, the fair's
 * postings passed as a parameter) and every subscriber with at least one fitting posting gets ONE notification
 * (in-app, and SMS when they asked) through the outbox → notifications queue. `fair_wall_deliveries` (primary key fair +
 * subscription) is written in the same transaction as the outbox event, so a job that crashes and runs again, or a
 * second run, never notifies anybody twice.
 */
@Injectable()
export class WallFanoutService {
  private readonly logger = new Logger(WallFanoutService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly wall: FairWallService,
    private readonly subscriptions: WallSubscriptionService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @InjectQueue(FAIR_LIVE_QUEUE) private readonly queue: Queue<WallFanoutJob>,
  ) {}

  /** Queue one fair's fan-out (idempotent: one job id per fair). */
  async enqueue(fairId: string): Promise<void> {
    await this.queue.add(
      WALL_FANOUT_JOB,
      { fairId },
      { jobId: fairWallFanoutJobId(fairId), attempts: 5, backoff: { type: 'exponential', delay: 5000 }, removeOnFail: 100 },
    );
  }

  /** Weekly fairs ready for their fan-out and not yet done: queued. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT f.id FROM fairs f
        WHERE f.kind = 'WEEKLY' AND f.starts_at > $1
          AND (f.status = 'BOOKING_CLOSED' OR (f.status = 'PUBLISHED' AND f.starts_at <= $2))
          AND NOT EXISTS (SELECT 1 FROM fair_wall_fanouts o WHERE o.fair_id = f.id AND o.finished_at IS NOT NULL)`,
      [now, new Date(now.getTime() + FANOUT_LEAD_MS)],
    );
    for (const r of rows) await this.enqueue(r.id);
    return rows.length;
  }

  /** Matches every active subscription against the fair's open postings and notifies the ones that fit. */
  async fanout(fairId: string): Promise<FanoutResult> {
    const [fair] = await this.dataSource.query<Array<{ id: string; title: string; region_code: string; kind: string; starts_at: Date }>>(
      `SELECT id, title, region_code, kind, starts_at FROM fairs WHERE id = $1 AND status IN ('PUBLISHED','BOOKING_CLOSED','LIVE')`,
      [fairId],
    );
    if (!fair) return { subscribers: 0, notified: 0 };
    await this.dataSource.query(`INSERT INTO fair_wall_fanouts (fair_id, started_at) VALUES ($1, $2) ON CONFLICT (fair_id) DO NOTHING`, [
      fairId,
      this.clock.now(),
    ]);
    const wall = await this.wall.view(fairId);
    const { list, byIndex } = matchPostings(wall);
    const coords = regionDirectory().coordinates(fair.region_code);
    const postingsJson = JSON.stringify(list);
    const when = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', weekday: 'short' }).format(fair.starts_at);
    let after = '00000000-0000-0000-0000-000000000000';
    let subscribers = 0;
    let notified = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (m) => {
        const rows = await m.query<MatchRow[]>(
          matchSql(`s.id > $6 AND NOT EXISTS (SELECT 1 FROM fair_wall_deliveries d WHERE d.fair_id = $7 AND d.subscription_id = s.id)`, String(FANOUT_BATCH)),
          [postingsJson, fair.region_code, fair.kind, coords?.lat ?? null, coords?.lng ?? null, after, fairId],
        );
        const fitting = rows.filter((r) => r.matches.length > 0);
        let inserted: Array<{ subscription_id: string }> = [];
        if (fitting.length) {
          inserted = await m.query(
            `INSERT INTO fair_wall_deliveries (fair_id, subscription_id, postings, created_at)
             SELECT $1, x.id, x.n, $2 FROM unnest($3::uuid[], $4::int[]) AS x(id, n)
             ON CONFLICT DO NOTHING RETURNING subscription_id`,
            [fairId, this.clock.now(), fitting.map((r) => r.id), fitting.map((r) => r.matches.length)],
          );
        }
        const fresh = new Set(inserted.map((r) => r.subscription_id));
        const events: Array<{ topic: string; aggregateId: string; payload: Record<string, unknown> }> = [];
        for (const r of fitting) {
          if (!fresh.has(r.id)) continue;
          const lines = r.matches.slice(0, LISTED).map((i) => {
            const p = byIndex.get(i)!;
            return `${p.company}「${p.title}」${yuan(p.min)}–${yuan(p.max)}元/月`;
          });
          const more = r.matches.length > LISTED ? `等${r.matches.length}个岗位` : '';
          const payload: NotifyPayload = {
            userId: r.user_id,
            kind: 'fair.wall',
            title: `${when}招聘会：${r.matches.length}个岗位适合您`,
            body: `${fair.title}：${lines.join('；')}${more}。退订：${this.subscriptions.unsubscribeUrl(r.id)}`,
            sms: r.sms,
          };
          events.push({ topic: 'notify.fair_wall', aggregateId: r.id, payload: payload as unknown as Record<string, unknown> });
        }
        await this.outbox.recordMany(m, events);
        return { rows, notified: fresh.size };
      });
      subscribers += batch.rows.length;
      notified += batch.notified;
      if (batch.notified) await this.outbox.kick();
      if (batch.rows.length < FANOUT_BATCH) break;
      after = batch.rows[batch.rows.length - 1].id;
    }
    await this.dataSource.query(`UPDATE fair_wall_fanouts SET finished_at = $2, notified = notified + $3 WHERE fair_id = $1`, [
      fairId,
      this.clock.now(),
      notified,
    ]);
    this.logger.log(`fair ${fairId}: ${subscribers} subscriptions matched, ${notified} notified`);
    return { subscribers, notified };
  }
}

function yuan(fen: number): string {
  return String(Math.round(fen / 100));
}
