import { Clock, CryptoService, OutboxService } from '@app/core';
import { regionDirectory } from '@app/talent';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GraduateFileError, GraduateFileRow, GraduateRecord, GraduateRowError, defaultValidatorDeps, readGraduateFile, validateGraduateFile } from '../imports';
import { GraduateImportEntity } from './graduate-import.entity';
import { GraduatePoolWriter } from './graduate-pool.writer';
import { GraduateUploadStore } from './graduate-upload.store';

/**
 * Rows per batch transaction. Each batch costs ~9 round trips whatever its
 * size, and every reply waits for the parser to yield, so bigger batches are
 * much cheaper per row; 2,000 rows keep a batch's memory at a few MB.
 */
export const IMPORT_BATCH_ROWS = 2000;
/** The parser gives the event loop a turn at least this often (ms), so PostgreSQL replies are not left waiting behind it. */
const PARSE_SLICE_MS = 2;
/** A list larger than this is refused (the plan's biggest school has a few thousand graduates a year). */
export const MAX_IMPORT_ROWS = 200_000;

/**
 * Attempts that may start and never come back (the worker process died:
 * out of memory, killed) before the import is marked FAILED instead of being
 * picked up again by a stalled-job retry or the sweep.
 */
export const MAX_IMPORT_CRASHES = 3;

export const IMPORT_CRASHED = {
  code: 'IMPORT_CRASHED',
  messageZh: `处理这个文件时工作进程已 ${MAX_IMPORT_CRASHES} 次意外中止（文件可能过大或内容异常），已停止重试；已导入的行已保存。请检查文件或拆分后重新上传`,
  messageEn: `Processing this file stopped the worker ${MAX_IMPORT_CRASHES} times (the file may be too large or abnormal); it will not be retried and rows already imported are kept. Check the file or split it and upload again`,
} as const;

/** What a rejected row keeps (encrypted at rest): the original cells and every reason. */
export interface RejectionPayload {
  raw: string[];
  errors: GraduateRowError[];
}

export type RunOutcome = 'DONE' | 'FAILED' | 'SKIPPED';

interface PendingBatch {
  records: GraduateRecord[];
  rejected: Array<{ row: GraduateFileRow; errors: GraduateRowError[] }>;
  rows: number;
  warnings: number;
  lastRow: number;
}

/**
 * Runs one graduate import (the worker's job): streams the stored file
 * through readGraduateFile + validateGraduateFile and commits every
 * IMPORT_BATCH_ROWS rows in one transaction (pool writes, rejected rows,
 * counters and the checkpoint together). While a batch is being written the
 * next one is parsed (one batch in flight), so parsing and PostgreSQL overlap.
 *
 * A retried job resumes after the checkpoint: rows already committed are
 * re-read (within-file duplicate detection needs them) but not written again,
 * so the counts stay exact. A file that turns out unreadable mid-way marks the
 * import FAILED with the reason; the batches before it stay imported.
 */
@Injectable()
export class GraduateImportRunner {
  private readonly logger = new Logger(GraduateImportRunner.name);
  private lastKick = 0;
  /** Time spent (ms) per phase of the last run() — for the log line and the benchmark. */
  readonly timings = { crypto: 0, sql: 0, commit: 0, waitForDb: 0 };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: GraduatePoolWriter,
    private readonly crypto: CryptoService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly store: GraduateUploadStore,
  ) {}

  async run(importId: string, opts: { batchRows?: number } = {}): Promise<RunOutcome> {
    const batchRows = opts.batchRows ?? IMPORT_BATCH_ROWS;
    const imp = await this.dataSource.manager.findOne(GraduateImportEntity, { where: { id: importId } });
    if (!imp || imp.status === 'DONE' || imp.status === 'FAILED') return 'SKIPPED';
    const school: { id: string; name: string } = (await this.dataSource.query(`SELECT id, name FROM schools WHERE id = $1`, [imp.schoolId]))[0];
    // Claim atomically: a duplicate run (a stalled-job retry, a sweep) that arrives after the import
    // finished must not turn DONE back into PROCESSING (and then FAILED for want of the deleted file).
    // unfinished_attempts counts claims whose run never ended: the process died mid-import. It is lowered
    // again in the finally below, so only crashed attempts stay counted.
    const claimed = returnedRows(
      await this.dataSource.query(
        `UPDATE graduate_imports SET status = 'PROCESSING', started_at = COALESCE(started_at, $2), attempts = attempts + 1,
              unfinished_attempts = unfinished_attempts + 1, updated_at = $2
        WHERE id = $1 AND status IN ('QUEUED', 'PROCESSING') AND unfinished_attempts < $3 RETURNING id`,
        [importId, this.clock.now(), MAX_IMPORT_CRASHES],
      ),
    );
    if (!claimed.length) {
      const [cur] = await this.dataSource.query(`SELECT status, unfinished_attempts FROM graduate_imports WHERE id = $1`, [importId]);
      if (cur && ['QUEUED', 'PROCESSING'].includes(cur.status) && cur.unfinished_attempts >= MAX_IMPORT_CRASHES) {
        this.logger.error(`import ${importId}: ${cur.unfinished_attempts} attempts never finished (worker crashes); marking it FAILED`);
        return this.fail(imp, IMPORT_CRASHED);
      }
      return 'SKIPPED';
    }
    try {
      return await this.runClaimed(imp, school, batchRows);
    } finally {
      await this.dataSource
        .query(`UPDATE graduate_imports SET unfinished_attempts = GREATEST(unfinished_attempts - 1, 0) WHERE id = $1`, [importId])
        .catch((e) => this.logger.warn(`import ${importId}: could not close the attempt: ${e.message}`));
    }
  }

  private async runClaimed(imp: GraduateImportEntity, school: { id: string; name: string }, batchRows: number): Promise<RunOutcome> {
    const importId = imp.id;
    const localPath = await this.store.materialize(imp.id);
    if (!localPath) {
      const [cur] = await this.dataSource.query(`SELECT status FROM graduate_imports WHERE id = $1`, [imp.id]);
      if (cur?.status === 'DONE') return 'SKIPPED'; // a parallel run finished and deleted the file meanwhile
      return this.fail(imp, new GraduateFileError('CORRUPT_FILE', '上传的文件已不存在，请重新上传', 'The uploaded file is gone; upload it again'));
    }

    const checkpoint = imp.lastRowNumber;
    Object.assign(this.timings, { crypto: 0, sql: 0, commit: 0, waitForDb: 0 });
    let inflight: Promise<void> | null = null;
    let pending = emptyBatch();
    const flush = async () => {
      if (!pending.rows) return;
      const batch = pending;
      pending = emptyBatch();
      if (inflight) {
        const w = performance.now();
        await inflight;
        this.timings.waitForDb += performance.now() - w;
      }
      inflight = this.commitBatch(imp, school, batch);
      inflight.catch(() => undefined); // awaited at the next flush / the end
    };

    try {
      const file = await readGraduateFile(localPath, imp.fileName, { maxRows: MAX_IMPORT_ROWS });
      const deps = defaultValidatorDeps((c) => regionDirectory().isKnown(c), this.clock.now());
      let sliceStart = performance.now();
      for await (const { row, result } of validateGraduateFile(file, deps)) {
        // Buffered rows are handed out in microtasks, which starve I/O: without this the in-flight
        // batch's next statement would only be sent once the parser had drained a whole input chunk.
        if (performance.now() - sliceStart > PARSE_SLICE_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          sliceStart = performance.now();
        }
        if (row.rowNumber <= checkpoint) continue; // committed by an earlier attempt
        pending.rows++;
        pending.lastRow = row.rowNumber;
        pending.warnings += result.warnings.length;
        if (result.ok) pending.records.push(result.record);
        else pending.rejected.push({ row, errors: result.errors });
        if (pending.rows >= batchRows) await flush();
      }
      await flush();
      if (inflight) await inflight;
    } catch (e) {
      if (inflight) await (inflight as Promise<void>).catch(() => undefined);
      if (e instanceof GraduateFileError) return this.fail(imp, e, localPath);
      await this.store.remove(localPath);
      throw e; // database trouble: BullMQ retries from the checkpoint
    }

    const now = this.clock.now();
    await this.dataSource.query(
      `UPDATE graduate_imports SET status = 'DONE', rows_total = rows_processed, finished_at = $2, updated_at = $2 WHERE id = $1 AND status = 'PROCESSING'`,
      [importId, now],
    );
    await this.store.discard(imp.id, localPath);
    await this.outbox.kick();
    const [done] = await this.dataSource.query(
      `SELECT rows_processed, created_count, updated_count, unchanged_count, rejected_count FROM graduate_imports WHERE id = $1`,
      [importId],
    );
    this.logger.log(
      `import ${importId} done in ${Math.round(this.timings.commit)} ms of batch commits (${Math.round(this.timings.waitForDb)} ms waiting for them): ${done.rows_processed} rows, ${done.created_count} created, ${done.updated_count} updated, ${done.unchanged_count} unchanged, ${done.rejected_count} rejected`,
    );
    return 'DONE';
  }

  /** Imports a worker should (still) be running. */
  async unfinishedImportIds(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM graduate_imports WHERE status IN ('QUEUED','PROCESSING') ORDER BY created_at LIMIT 1000`,
    );
    return rows.map((r) => r.id);
  }

  /** Marks the import FAILED with a zh/en reason (e.g. attempts exhausted); rows committed so far stay. */
  async fail(imp: Pick<GraduateImportEntity, 'id'>, e: { code: string; messageZh: string; messageEn: string }, localPath?: string | null): Promise<RunOutcome> {
    const now = this.clock.now();
    await this.dataSource.query(
      `UPDATE graduate_imports SET status = 'FAILED', error_code = $2, error_zh = $3, error_en = $4, finished_at = $5, updated_at = $5
        WHERE id = $1 AND status <> 'DONE'`,
      [imp.id, e.code, e.messageZh, e.messageEn, now],
    );
    await this.store.discard(imp.id, localPath);
    await this.outbox.kick();
    this.logger.warn(`import ${imp.id} failed: ${e.code}`);
    return 'FAILED';
  }

  private async commitBatch(imp: GraduateImportEntity, school: { id: string; name: string }, b: PendingBatch): Promise<void> {
    const now = this.clock.now();
    const t0 = performance.now();
    await this.dataSource.transaction(async (m) => {
      // The checkpoint row is locked first: two workers can never commit the same rows.
      const [cur] = await m.query(`SELECT last_row_number FROM graduate_imports WHERE id = $1 FOR UPDATE`, [imp.id]);
      if (cur.last_row_number >= b.lastRow) return;
      const res = await this.writer.writeBatch(m, school, b.records, { now, importId: imp.id });
      if (b.rejected.length) {
        await m.query(
          `INSERT INTO graduate_import_rejections (import_id, row_number, columns, codes, payload_enc)
           SELECT $1, v.row_number, string_to_array(v.columns, ','), string_to_array(v.codes, ','), v.payload_enc
             FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS v(row_number, columns, codes, payload_enc)
           ON CONFLICT (import_id, row_number) DO NOTHING`,
          [
            imp.id,
            b.rejected.map((r) => r.row.rowNumber),
            b.rejected.map((r) => [...new Set(r.errors.map((e) => e.column).filter(Boolean))].join(',')),
            b.rejected.map((r) => [...new Set(r.errors.map((e) => e.code))].join(',')),
            b.rejected.map((r) => this.crypto.encrypt(JSON.stringify({ raw: r.row.raw, errors: r.errors } satisfies RejectionPayload))),
          ],
        );
      }
      await m.query(
        `UPDATE graduate_imports SET rows_processed = rows_processed + $2, created_count = created_count + $3, updated_count = updated_count + $4,
                unchanged_count = unchanged_count + $5, rejected_count = rejected_count + $6, warning_count = warning_count + $7,
                last_row_number = $8, rows_total = GREATEST(rows_total, rows_processed + $2), updated_at = $9
          WHERE id = $1`,
        [imp.id, b.rows, res.created, res.updated, res.unchanged, b.rejected.length, b.warnings, b.lastRow, now],
      );
    });
    this.timings.commit += performance.now() - t0;
    // relay promptly, at most once a second during a long import (the final kick comes at the end)
    if (Date.now() - this.lastKick > 1000) {
      this.lastKick = Date.now();
      await this.outbox.kick();
    }
  }
}

/** TypeORM hands back UPDATE … RETURNING as [rows, affectedCount] (PostgreSQL): the rows only. */
function returnedRows(result: unknown): unknown[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0];
  return Array.isArray(result) ? result : [];
}

function emptyBatch(): PendingBatch {
  return { records: [], rejected: [], rows: 0, warnings: 0, lastRow: 0 };
}
