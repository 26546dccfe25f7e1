/**
 * The one interface both spreadsheet formats are read through. A RowSource
 * finds the header row, then hands out the rows below it as trimmed text;
 * turning those into GraduateFileRows (mapping, skipping, counting, caps) is
 * the same for every format and lives in graduate-file.ts.
 *
 *   sniff(input, name) ─▶ CsvRowSource | XlsxRowSource ─▶ openGraduateFile(source) ─▶ GraduateFile
 */
import { GraduateField, HeaderMapping } from '../graduate-columns';
import { DetectedEncoding } from './encodings';

export type CellKind = 'empty' | 'text' | 'number' | 'date' | 'boolean' | 'error';

/** One row of the sheet (or CSV record) as text. */
export interface SourceRow {
  /** 1-based row number as the user sees it in Excel/WPS (CSV: record number). */
  number: number;
  /** Trimmed text of every cell, by 0-based column index. */
  texts: string[];
  /** How the spreadsheet stored each cell; null when the format has no types (CSV). */
  kinds: CellKind[] | null;
}

export interface FoundHeader {
  rowNumber: number;
  mapping: HeaderMapping;
}

export interface RowSource {
  readonly format: 'xlsx' | 'csv';
  /** CSV only; null for xlsx. */
  readonly encoding: DetectedEncoding | null;
  /** CSV only. */
  readonly delimiter: string | null;
  /** xlsx only; known once header() has found the sheet. */
  readonly sheetName: string | null;
  /** xlsx: rows below the header according to the sheet's <dimension>; null when unknown. */
  readonly estimatedDataRows: number | null;
  /** xlsx: merged ranges of the data sheet, complete once every row was read. */
  readonly mergedCells: string[];
  /**
   * Finds the header row within the first `scanRows` rows. Throws a
   * GraduateFileError (no header, missing columns, not a workbook, damaged)
   * after releasing the input. `required`: the columns the header must have (default: the graduate list's).
   */
  header(scanRows: number, required?: readonly GraduateField[]): Promise<FoundHeader>;
  /**
   * The rows after the header, each at least `width` cells wide. Read
   * errors arrive as GraduateFileError. Call once, after header().
   */
  rows(width: number): AsyncIterable<SourceRow>;
  /** Stops reading and releases the input (idempotent). */
  close(): Promise<void>;
}
