import { AppConfig, OutboxJob } from '@app/core';
import { SeekerEntity } from '@app/talent';
import { TrainingRecordService } from '@app/training';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { buildCandidateDocument, CandidateDocument, GeoBase, isIndexable } from '../documents/candidate-document';
import { CandidateIndex } from '../index/candidate-index';

export type SyncOutcome = 'upserted' | 'removed' | 'ignored';

export interface ReindexReport {
  scanned: number;
  upserted: number;
  removed: number;
  caughtUp: number;
  ms: number;
}

export interface ConsistencyReport {
  engine: string;
  /** Seekers that should be in the index (consenting, not erased). */
  dbCount: number;
  indexCount: number;
  sampled: number;
  /** Sampled eligible seekers the index lacks. */
  missing: string[];
  /** Sampled documents whose fields differ from the current row. */
  stale: Array<{ id: string; fields: string[] }>;
  /** Sampled index documents whose seeker is gone, erased or no longer consenting. */
  extra: string[];
  ok: boolean;
}

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';
/** Transactions are short; events created this long before a reindex started are re-synced after it. */
const CATCH_UP_SLACK = '5 minutes';

/**
 * Keeps the candidate index in step with the seekers table. Every write for
 * one seeker happens under a transaction-scoped advisory lock on that seeker
 * and re-reads the committed row, so out-of-order or duplicate jobs converge
 * on the current state, and consent withdrawal or erasure always ends in a
 * removal.
 */
@Injectable()
export class CandidateIndexer {
  private readonly logger = new Logger(CandidateIndexer.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly index: CandidateIndex,
    private readonly config: AppConfig,
    private readonly training: TrainingRecordService,
  ) {}

  private get base(): GeoBase {
    return { lat: this.config.app.baseLat, lng: this.config.app.baseLng };
  }

  build(s: SeekerEntity, trainingCompleted = 0): CandidateDocument {
    return buildCandidateDocument(s, this.base, trainingCompleted);
  }

  /** Completed training classes per seeker (the training context's facts). */
  private async trainingCounts(ids: readonly string[]): Promise<Map<string, number>> {
    const done = ids.length ? await this.training.completedTrainingFor(ids) : new Map();
    return new Map([...done].map(([id, list]) => [id, list.length]));
  }

  private async buildAll(rows: SeekerEntity[]): Promise<CandidateDocument[]> {
    const counts = await this.trainingCounts(rows.map((s) => s.id));
    return rows.map((s) => this.build(s, counts.get(s.id) ?? 0));
  }

  /** One relayed outbox event (queue search-index). */
  async handle(job: OutboxJob): Promise<SyncOutcome> {
    if (job.topic.startsWith('seeker.')) return this.syncSeeker(job.aggregateId);
    // posting.*: the job side reads job_postings directly (PgJobIndex); nothing to index yet.
    return 'ignored';
  }

  async syncSeeker(seekerId: string): Promise<SyncOutcome> {
    return this.ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`candidate-doc:${seekerId}`]);
      const s = await m.findOne(SeekerEntity, { where: { id: seekerId } });
      if (s && isIndexable(s)) {
        await this.index.upsert(await this.buildAll([s]));
        return 'upserted' as const;
      }
      await this.index.remove([seekerId]);
      return 'removed' as const;
    });
  }

  /**
   * Full rebuild from the seekers table, in id order, then a catch-up pass
   * over every seeker with an outbox event since shortly before the start
   * (those go through the locked path, so a change made during the copy wins).
   */
  async reindexAll(opts: { batchSize?: number; onBatch?: (r: ReindexReport) => void } = {}): Promise<ReindexReport> {
    const started = Date.now();
    const batchSize = opts.batchSize ?? 2000;
    await this.index.ensureReady();
    const [{ t }] = await this.ds.query(`SELECT now() AS t`);
    const report: ReindexReport = { scanned: 0, upserted: 0, removed: 0, caughtUp: 0, ms: 0 };
    let after = ZERO_UUID;
    const repo = this.ds.getRepository(SeekerEntity);
    for (;;) {
      const rows = await repo.createQueryBuilder('s').where('s.id > :after', { after }).orderBy('s.id').limit(batchSize).getMany();
      if (!rows.length) break;
      const docs = await this.buildAll(rows.filter(isIndexable));
      const gone = rows.filter((s) => !isIndexable(s)).map((s) => s.id);
      await this.index.upsert(docs);
      await this.index.remove(gone);
      report.scanned += rows.length;
      report.upserted += docs.length;
      report.removed += gone.length;
      after = rows[rows.length - 1].id;
      opts.onBatch?.({ ...report, ms: Date.now() - started });
    }
    const changed: Array<{ id: string }> = await this.ds.query(
      `SELECT DISTINCT aggregate_id AS id FROM outbox_events WHERE topic LIKE 'seeker.%' AND created_at > $1::timestamptz - interval '${CATCH_UP_SLACK}'`,
      [t],
    );
    for (const c of changed) await this.syncSeeker(c.id);
    report.caughtUp = changed.length;
    report.ms = Date.now() - started;
    this.logger.log(`reindex (${this.index.engine}): ${JSON.stringify(report)}`);
    return report;
  }

  /** Database vs index: counts, and a field-by-field diff of a sample from each side. `repair` re-syncs what differs. */
  async checkConsistency(sample = 200, repair = false): Promise<ConsistencyReport> {
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM seekers WHERE shared_with_tenants AND erased_at IS NULL`);
    const indexCount = await this.index.count();
    const repo = this.ds.getRepository(SeekerEntity);
    const from = globalThis.crypto.randomUUID();
    const eligible = repo.createQueryBuilder('s').where('s.shared_with_tenants AND s.erased_at IS NULL');
    let rows = await eligible.clone().andWhere('s.id >= :from', { from }).orderBy('s.id').limit(sample).getMany();
    if (rows.length < sample)
      rows = [
        ...rows,
        ...(await eligible
          .clone()
          .andWhere('s.id < :from', { from })
          .orderBy('s.id')
          .limit(sample - rows.length)
          .getMany()),
      ];
    const docs = await this.index.get(rows.map((r) => r.id));
    const missing: string[] = [];
    const stale: ConsistencyReport['stale'] = [];
    const counts = await this.trainingCounts(rows.map((s) => s.id));
    for (const s of rows) {
      const d = docs.get(s.id);
      if (!d) missing.push(s.id);
      else {
        const fields = diffDocuments(this.build(s, counts.get(s.id) ?? 0), d);
        if (fields.length) stale.push({ id: s.id, fields });
      }
    }
    const indexIds = await this.index.sampleIds(sample);
    const found = indexIds.length ? await repo.createQueryBuilder('s').where('s.id IN (:...ids)', { ids: indexIds }).getMany() : [];
    const byId = new Map(found.map((s) => [s.id, s]));
    const extra = indexIds.filter((id) => !byId.has(id) || !isIndexable(byId.get(id)!));
    if (repair) for (const id of [...missing, ...stale.map((s) => s.id), ...extra]) await this.syncSeeker(id);
    const report: ConsistencyReport = {
      engine: this.index.engine,
      dbCount: n,
      indexCount,
      sampled: rows.length + indexIds.length,
      missing,
      stale,
      extra,
      ok: n === indexCount && !missing.length && !stale.length && !extra.length,
    };
    if (!report.ok) this.logger.warn(`index consistency: ${JSON.stringify({ ...report, missing: missing.length, stale: stale.length, extra: extra.length })}`);
    return report;
  }
}

/** Field names whose values differ (floats to 1e-6). */
export function diffDocuments(expected: CandidateDocument, actual: CandidateDocument): string[] {
  const out: string[] = [];
  for (const k of Object.keys(expected) as Array<keyof CandidateDocument>) {
    const a = expected[k];
    const b = actual[k];
    if (typeof a === 'number' && typeof b === 'number') {
      if (Math.abs(a - b) > 1e-6 * Math.max(1, Math.abs(a))) out.push(k);
    } else if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) out.push(k);
  }
  return out;
}
