/**
 * A RowSource as the import sees it: the header found, then the data rows
 * mapped to graduate fields, with empty and unmapped rows skipped and
 * counted, and the row cap enforced. The same for every format.
 */
import { GRADUATE_FIELDS, GraduateField, HeaderMapping } from '../graduate-columns';
import { DetectedEncoding } from './encodings';
import { tooManyRows } from './read-errors';
import { CellKind, RowSource, SourceRow } from './row-source';

export interface GraduateFileRow {
  /** 1-based row number as the user sees it in Excel/WPS (CSV: record number). */
  rowNumber: number;
  /** Trimmed text of each mapped field ('' when blank). */
  cells: Partial<Record<GraduateField, string>>;
  /** How the spreadsheet stored each mapped cell (an ID stored as a number was mangled by Excel). */
  kinds: Partial<Record<GraduateField, CellKind>>;
  /** Every cell of the row as text, by 0-based column index (for the bad-rows report). */
  raw: string[];
}

export interface GraduateFileStats {
  /** Rows yielded. */
  dataRows: number;
  /** Completely empty rows skipped (Excel's formatted-but-empty trailing rows). */
  emptyRowsSkipped: number;
  /** Rows with text only in unmapped columns (e.g. "制表人：…" footers), skipped. */
  unmappedRowsSkipped: number;
}

export interface GraduateFile extends AsyncIterable<GraduateFileRow> {
  format: 'xlsx' | 'csv';
  /** CSV only; null for xlsx. */
  encoding: DetectedEncoding | null;
  /** CSV only. */
  delimiter: string | null;
  /** xlsx only. */
  sheetName: string | null;
  headerRowNumber: number;
  mapping: HeaderMapping;
  stats: GraduateFileStats;
  /**
   * xlsx: rows below the header according to the sheet's <dimension> (an upper
   * bound: trailing formatted-but-empty rows count too); null when unknown (CSV).
   * For progress display and early refusal of huge files, not for counting.
   */
  readonly estimatedDataRows: number | null;
  /**
   * xlsx: merged ranges of the data sheet, e.g. ["A1:I1", "H3:H6"]. Only
   * complete after all rows were read (Excel stores them after the rows).
   * Only the top-left cell of a merged range carries a value.
   */
  readonly mergedCells: string[];
  /** Stops reading and releases the input (also done automatically at the end / on break). */
  close(): Promise<void>;
}

export interface OpenGraduateFileOptions {
  /** Header must be within the first N rows of a sheet (default 20). */
  headerScanRows?: number;
  /** Throw TOO_MANY_ROWS once more data rows than this are read (default: unlimited). */
  maxRows?: number;
  /** Columns the header must have (default: the graduate list's required columns; e.g. a bureau list needs only 身份证号). */
  requiredFields?: readonly GraduateField[];
}

/** A source row as a GraduateFileRow, or null (counted in `stats`) when it is empty or has text only in unmapped columns. */
export function toGraduateRow(row: SourceRow, mapping: HeaderMapping, stats: GraduateFileStats): GraduateFileRow | null {
  const { texts: raw, kinds } = row;
  let any = false;
  for (let i = 0; i < raw.length; i++)
    if (raw[i] !== '') {
      any = true;
      break;
    }
  if (!any) {
    stats.emptyRowsSkipped++;
    return null;
  }
  const cells: GraduateFileRow['cells'] = {};
  const k: GraduateFileRow['kinds'] = {};
  let mappedAny = false;
  for (const f of GRADUATE_FIELDS) {
    const col = mapping.columns[f];
    if (!col) continue;
    const t = raw[col.index] ?? '';
    cells[f] = t;
    k[f] = kinds ? (kinds[col.index] ?? 'empty') : t ? 'text' : 'empty';
    if (t) mappedAny = true;
  }
  if (!mappedAny) {
    stats.unmappedRowsSkipped++;
    return null;
  }
  stats.dataRows++;
  return { rowNumber: row.number, cells, kinds: k, raw };
}

/** Finds the header (throws GraduateFileError when unusable) and returns the file, iterable once. */
export async function openGraduateFile(source: RowSource, opts: OpenGraduateFileOptions = {}): Promise<GraduateFile> {
  const { rowNumber: headerRowNumber, mapping } = await source.header(opts.headerScanRows ?? 20, opts.requiredFields);
  const stats: GraduateFileStats = { dataRows: 0, emptyRowsSkipped: 0, unmappedRowsSkipped: 0 };
  const width = mapping.headers.length;
  const maxRows = opts.maxRows;
  let iterated = false;

  async function* iterate(): AsyncGenerator<GraduateFileRow> {
    if (iterated) throw new Error('A GraduateFile can be iterated only once');
    iterated = true;
    try {
      for await (const r of source.rows(width)) {
        const row = toGraduateRow(r, mapping, stats);
        if (!row) continue;
        if (maxRows !== undefined && stats.dataRows > maxRows) throw tooManyRows(maxRows);
        yield row;
      }
    } finally {
      await source.close();
    }
  }

  return {
    format: source.format,
    encoding: source.encoding,
    delimiter: source.delimiter,
    sheetName: source.sheetName,
    get mergedCells() {
      return source.mergedCells;
    },
    get estimatedDataRows() {
      return source.estimatedDataRows;
    },
    headerRowNumber,
    mapping,
    stats,
    close: () => source.close(),
    [Symbol.asyncIterator]: iterate,
  };
}
