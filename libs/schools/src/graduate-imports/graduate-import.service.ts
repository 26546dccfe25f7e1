import { Actor, Clock, CryptoService, PageArgs, Page, toPage } from '@app/core';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { Writable } from 'stream';
import { Repository } from 'typeorm';
import { createBadRowsReport, GraduateFileError, GraduateRowError, readGraduateFile, writeGraduateTemplate } from '../imports';
import { graduateFileInvalid, schoolsError, SchoolsExceptionCode } from '../schools.exception';
import { GraduateImportEntity, GraduateImportRejectionEntity } from './graduate-import.entity';
import { GRADUATE_IMPORT_JOB, GRADUATE_IMPORT_JOB_OPTIONS, GRADUATE_IMPORT_QUEUE, GraduateImportJob } from './graduate-import.job';
import { MAX_IMPORT_ROWS, RejectionPayload } from './graduate-import.runner';
import { GraduateUploadStore } from './graduate-upload.store';
import { GraduateImportModel, GraduateImportRejectionModel } from './models/graduate-import.model';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export interface UploadedGraduateFile {
  /** Where multer stored it (inside GraduateUploadStore.dir). */
  path: string;
  originalName: string;
  size: number;
}

const IMPORT_NOT_FOUND = () => schoolsError(SchoolsExceptionCode.IMPORT_NOT_FOUND);

/**
 * Graduate-list uploads (毕业生名单导入) from the API side: accept a file,
 * queue it, report on it. A school admin only ever sees their own school's imports.
 */
@Injectable()
export class GraduateImportService {
  private readonly logger = new Logger(GraduateImportService.name);

  constructor(
    @InjectRepository(GraduateImportEntity) private readonly imports: Repository<GraduateImportEntity>,
    @InjectRepository(GraduateImportRejectionEntity) private readonly rejections: Repository<GraduateImportRejectionEntity>,
    @InjectQueue(GRADUATE_IMPORT_QUEUE) private readonly queue: Queue<GraduateImportJob>,
    private readonly store: GraduateUploadStore,
    private readonly crypto: CryptoService,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks the file synchronously (format, encoding, header row, required
   * columns: all found in the first rows) and refuses it with a zh/en reason
   * and nothing stored; otherwise records a QUEUED import and queues the job
   * (jobId = import id). Row problems are the worker's business.
   */
  async accept(actor: Actor, file: UploadedGraduateFile | undefined): Promise<GraduateImportModel> {
    const schoolId = requireSchool(actor);
    if (!file) throw schoolsError(SchoolsExceptionCode.FILE_REQUIRED);
    try {
      let format: 'xlsx' | 'csv';
      let encoding: string | null;
      let sheetName: string | null;
      let headerRow: number;
      let headers: string[];
      let estimate: number | null;
      try {
        const gf = await readGraduateFile(file.path, file.originalName);
        ({ format, encoding, sheetName } = gf);
        headerRow = gf.headerRowNumber;
        headers = gf.mapping.headers;
        estimate = gf.estimatedDataRows;
        await gf.close();
      } catch (e) {
        if (e instanceof GraduateFileError) throw graduateFileInvalid(e);
        throw e;
      }
      if (estimate === null && format === 'csv') estimate = Math.max(0, (await this.store.countLines(file.path)) - headerRow);
      if (estimate !== null && estimate > MAX_IMPORT_ROWS && format === 'csv') {
        const e = new GraduateFileError(
          'TOO_MANY_ROWS',
          `文件超过 ${MAX_IMPORT_ROWS} 行，请拆分后分批上传`,
          `The file has more than ${MAX_IMPORT_ROWS} rows; split it and upload in parts`,
        );
        throw graduateFileInvalid(e);
      }
      const now = this.clock.now();
      const saved = await this.imports.manager.transaction(async (m) => {
        const row = await m.save(
          this.imports.create({
            schoolId,
            uploadedBy: actor.userId,
            fileName: file.originalName.slice(0, 255),
            fileSize: file.size,
            fileSha256: await this.store.sha256(file.path),
            format,
            encoding,
            sheetName,
            headerRow,
            headers,
            status: 'QUEUED',
            rowsTotal: estimate,
            rowsProcessed: 0,
            lastRowNumber: 0,
            createdCount: 0,
            updatedCount: 0,
            unchangedCount: 0,
            rejectedCount: 0,
            warningCount: 0,
            attempts: 0,
            createdAt: now,
            updatedAt: now,
          }),
        );
        await this.store.persist(m, row.id, file.path);
        return row;
      });
      // If Redis is briefly unreachable the import stays QUEUED: the worker's sweep queues it within a minute.
      await this.enqueue(saved.id).catch((e) => this.logger.warn(`enqueue of import ${saved.id} deferred to the sweep: ${e.message}`));
      return this.toModel(saved);
    } finally {
      await this.store.remove(file.path); // the API's temporary copy; the stored one is in graduate_import_files
    }
  }

  /** Idempotent (jobId = import id); also used to re-queue imports whose enqueue was lost. */
  async enqueue(importId: string): Promise<void> {
    await this.queue.add(GRADUATE_IMPORT_JOB, { importId }, { ...GRADUATE_IMPORT_JOB_OPTIONS, jobId: importId });
  }

  async get(actor: Actor, id: string): Promise<GraduateImportModel> {
    return this.toModel(await this.find(actor, id));
  }

  async list(actor: Actor, page: PageArgs): Promise<Page<GraduateImportModel>> {
    const [rows, total] = await this.imports.findAndCount({
      where: { schoolId: requireSchool(actor) },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: page.offset,
      take: page.first,
    });
    return toPage(
      rows.map((r) => this.toModel(r)),
      total,
      page,
    );
  }

  /** Rejected rows with row, column and reason; values that look like ID or phone numbers are masked. */
  async rejectionsOf(actor: Actor, importId: string, page: PageArgs): Promise<Page<GraduateImportRejectionModel>> {
    await this.find(actor, importId);
    const [rows, total] = await this.rejections.findAndCount({ where: { importId }, order: { rowNumber: 'ASC' }, skip: page.offset, take: page.first });
    const items = rows.map((r) => {
      const p = JSON.parse(this.crypto.decrypt(r.payloadEnc)) as RejectionPayload;
      return {
        row: r.rowNumber,
        errors: p.errors.map((e) => ({
          column: e.column,
          header: e.header,
          field: e.field,
          code: e.code,
          reason: maskDigits(e.reason_zh),
          reasonEn: maskDigits(e.reason_en),
        })),
      };
    });
    return toPage(items, total, page);
  }

  /** Streams the bad-rows spreadsheet (original cells + 行号/列/原因), for the school to fix and upload again. */
  async writeRejectedReport(actor: Actor, importId: string, out: Writable): Promise<void> {
    const imp = await this.find(actor, importId);
    const report = createBadRowsReport(out, imp.headers);
    const pageSize = 1000;
    for (let after = -1; ;) {
      const rows: Array<{ row_number: number; payload_enc: string }> = await this.imports.manager.query(
        `SELECT row_number, payload_enc FROM graduate_import_rejections WHERE import_id = $1 AND row_number > $2 ORDER BY row_number LIMIT $3`,
        [imp.id, after, pageSize],
      );
      for (const r of rows) {
        const p = JSON.parse(this.crypto.decrypt(r.payload_enc)) as RejectionPayload;
        report.addRow(r.row_number, p.raw, p.errors as GraduateRowError[]);
      }
      if (rows.length < pageSize) break;
      after = rows[rows.length - 1].row_number;
    }
    await report.finish();
  }

  writeTemplate(out: Writable): Promise<void> {
    return writeGraduateTemplate(out);
  }

  async reportFileName(actor: Actor, importId: string): Promise<string> {
    const imp = await this.find(actor, importId);
    return `问题行-${imp.fileName.replace(/\.[^.]+$/, '')}.xlsx`;
  }

  private async find(actor: Actor, id: string): Promise<GraduateImportEntity> {
    const schoolId = requireSchool(actor);
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw IMPORT_NOT_FOUND();
    const imp = await this.imports.findOne({ where: { id, schoolId } });
    if (!imp) throw IMPORT_NOT_FOUND();
    return imp;
  }

  toModel(e: GraduateImportEntity): GraduateImportModel {
    const total = e.status === 'DONE' ? e.rowsProcessed : e.rowsTotal;
    const percent = e.status === 'DONE' ? 100 : total ? Math.min(99, Math.floor((e.rowsProcessed / total) * 100)) : 0;
    return {
      id: e.id,
      fileName: e.fileName,
      fileSize: e.fileSize,
      fileSha256: e.fileSha256,
      format: e.format,
      encoding: e.encoding,
      sheetName: e.sheetName,
      headerRow: e.headerRow,
      status: e.status,
      rowsProcessed: e.rowsProcessed,
      rowsTotal: total,
      progressPercent: percent,
      accepted: e.createdCount + e.updatedCount + e.unchangedCount,
      rejected: e.rejectedCount,
      warnings: e.warningCount,
      errorCode: e.errorCode,
      errorMessage: e.errorZh,
      errorMessageEn: e.errorEn,
      createdAt: e.createdAt,
      startedAt: e.startedAt,
      finishedAt: e.finishedAt,
    };
  }
}

export function requireSchool(actor: Actor): string {
  if (!actor.schoolId) throw schoolsError(SchoolsExceptionCode.FORBIDDEN);
  return actor.schoolId;
}

/** 150902200305170012 -> 1509**********0012, 13912345678 -> 139****5678 (reasons quote the bad value). */
export function maskDigits(s: string): string {
  return s.replace(/\d[\dXx]{9,}/g, (m) =>
    m.length === 11 && m[0] === '1' ? `${m.slice(0, 3)}****${m.slice(7)}` : `${m.slice(0, 4)}${'*'.repeat(m.length - 6)}${m.slice(-2)}`,
  );
}
