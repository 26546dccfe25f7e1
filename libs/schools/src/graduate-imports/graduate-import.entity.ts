import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type GraduateImportStatus = 'QUEUED' | 'PROCESSING' | 'DONE' | 'FAILED';

/** One uploaded graduate list (毕业生名单) and its progress / report counters. */
@Entity('graduate_imports')
export class GraduateImportEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true }) uploadedBy: string | null;
  @Column({ name: 'file_name', type: 'text' }) fileName: string;
  @Column({ name: 'file_size', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) fileSize: number;
  @Column({ name: 'file_sha256', type: 'char', length: 64 }) fileSha256: string;
  /** Where the upload waits for the worker; null once processed (the file is deleted). */
  @Column({ type: 'text' }) format: 'xlsx' | 'csv';
  @Column({ type: 'text', nullable: true }) encoding: string | null;
  @Column({ name: 'sheet_name', type: 'text', nullable: true }) sheetName: string | null;
  @Column({ name: 'header_row', type: 'int', nullable: true }) headerRow: number | null;
  /** The file's header texts by column (kept for the bad-rows report). */
  @Column({ type: 'jsonb' }) headers: string[];
  @Column({ type: 'text' }) status: GraduateImportStatus;
  @Column({ name: 'rows_total', type: 'int', nullable: true }) rowsTotal: number | null;
  @Column({ name: 'rows_processed', type: 'int' }) rowsProcessed: number;
  /** Checkpoint: every row up to this spreadsheet row number is committed (a retried job skips them). */
  @Column({ name: 'last_row_number', type: 'int' }) lastRowNumber: number;
  @Column({ name: 'created_count', type: 'int' }) createdCount: number;
  @Column({ name: 'updated_count', type: 'int' }) updatedCount: number;
  @Column({ name: 'unchanged_count', type: 'int' }) unchangedCount: number;
  @Column({ name: 'rejected_count', type: 'int' }) rejectedCount: number;
  @Column({ name: 'warning_count', type: 'int' }) warningCount: number;
  @Column({ name: 'error_code', type: 'text', nullable: true }) errorCode: string | null;
  @Column({ name: 'error_zh', type: 'text', nullable: true }) errorZh: string | null;
  @Column({ name: 'error_en', type: 'text', nullable: true }) errorEn: string | null;
  @Column({ type: 'int' }) attempts: number;
  /** Attempts that started and never ended (the worker died mid-import); at MAX_IMPORT_CRASHES the import is FAILED. */
  @Column({ name: 'unfinished_attempts', type: 'int', default: 0 }) unfinishedAttempts: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A rejected row: cells and reasons are personal data (they quote the ID number), so they are stored encrypted. */
@Entity('graduate_import_rejections')
export class GraduateImportRejectionEntity {
  @PrimaryColumn({ name: 'import_id', type: 'uuid' }) importId: string;
  @PrimaryColumn({ name: 'row_number', type: 'int' }) rowNumber: number;
  @Column({ type: 'text', array: true }) columns: string[];
  @Column({ type: 'text', array: true }) codes: string[];
  /** crypto.encrypt(JSON.stringify(RejectionPayload)) */
  @Column({ name: 'payload_enc', type: 'text' }) payloadEnc: string;
}
