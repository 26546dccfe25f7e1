/** .xlsx through the patched exceljs streaming reader over a guarded zip: the first visible sheet with a header. */
import { Readable } from 'stream';
import { GraduateField, columnLetter } from '../graduate-columns';
import { GraduateFileError } from '../graduate-file-error';
import { GuardedZip, XlsxLimits, zipReadError } from '../xlsx-zip-guard';
import { cellText } from './cell-text';
import { HeaderScanner } from './header-scanner';
import { tooManyColumns, tooManyRows, wrapReadError } from './read-errors';
import { CellKind, FoundHeader, RowSource, SourceRow } from './row-source';
import { ExcelRow, ExcelSheet, GuardedWorkbookReader } from './xlsx-workbook-reader';

/** A stream (tests, tools) is kept in memory for the zip's random access, up to `max` bytes. */
export async function spool(stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let len = 0;
  try {
    for await (const c of stream) {
      const b = typeof c === 'string' ? Buffer.from(c) : (c as Buffer);
      len += b.length;
      if (len > max) {
        throw new GraduateFileError('FILE_TOO_LARGE', `文件超过 ${Math.round(max / 1048576)} MB`, `The file is larger than ${Math.round(max / 1048576)} MB`, {
          maxBytes: max,
        });
      }
      chunks.push(b);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks);
}

function rowTexts(row: ExcelRow, width: number, limits: XlsxLimits): [string[], CellKind[]] {
  const values = row.values; // sparse, 1-based
  if (row.number > limits.maxRowNumber) throw tooManyRows(limits.maxRowNumber);
  let n = Math.max(values.length - 1, width);
  if (values.length - 1 > limits.maxColumns) {
    // sparse: only the cells that exist are visited
    for (const k in values) {
      const col = Number(k);
      if (col > limits.maxColumns && cellText(values[col])[0] !== '') throw tooManyColumns(limits, columnLetter(col - 1), row.number);
    }
    n = Math.max(limits.maxColumns, width); // only empty cells beyond: ignored
  }
  const texts: string[] = new Array(n);
  const kinds: CellKind[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const [t, k] = cellText(values[i + 1]);
    texts[i] = t;
    kinds[i] = k;
  }
  return [texts, kinds];
}

export class XlsxRowSource implements RowSource {
  readonly format = 'xlsx' as const;
  readonly encoding = null;
  readonly delimiter = null;
  private readonly limits: XlsxLimits;
  private readonly sheetIterator: AsyncIterator<ExcelSheet>;
  private sheet: ExcelSheet | null = null;
  private sheetRows: AsyncIterator<ExcelRow> | null = null;
  private headerRow = 0;
  private closed = false;

  constructor(private readonly zip: GuardedZip) {
    this.limits = zip.limits;
    const reader = new GuardedWorkbookReader(zip, this.limits, {
      worksheets: 'emit',
      styles: 'cache', // needed to tell dates from numbers
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    this.sheetIterator = reader.sheets();
  }

  get sheetName(): string | null {
    return this.sheet?.name ?? null;
  }

  get mergedCells(): string[] {
    return this.sheet?.mergedCells ?? [];
  }

  get estimatedDataRows(): number | null {
    const last = this.sheet?.dimension?.lastRow;
    return last != null && last >= this.headerRow ? last - this.headerRow : null;
  }

  /** Visible sheets in order; within each, the first `scanRows` rows. Hidden sheets are never inflated. */
  async header(scanRows: number, required?: readonly GraduateField[]): Promise<FoundHeader> {
    const scanner = new HeaderScanner(required);
    let sawSheet = false;
    try {
      for (;;) {
        const s = await this.sheetIterator.next();
        if (s.done) break;
        const sheet = s.value;
        sawSheet = true;
        if (sheet.state === 'hidden' || sheet.state === 'veryHidden') continue; // never inflated
        const rows = sheet[Symbol.asyncIterator]();
        for (;;) {
          const r = await rows.next();
          if (r.done) break;
          if (r.value.number > scanRows) {
            await rows.return?.(undefined); // stop reading this sheet
            break;
          }
          const [texts] = rowTexts(r.value, 0, this.limits);
          const mapping = scanner.offer(r.value.number, texts, sheet.name);
          if (mapping) {
            this.sheet = sheet;
            this.sheetRows = rows;
            this.headerRow = r.value.number;
            return { rowNumber: r.value.number, mapping };
          }
        }
      }
    } catch (e) {
      this.zip.close();
      throw wrapReadError(zipReadError(e));
    }
    this.zip.close();
    if (!sawSheet) {
      throw new GraduateFileError(
        'UNSUPPORTED_FORMAT',
        '文件是压缩包，但不是 Excel 工作簿（.xlsx）。如果是 WPS 或 LibreOffice 表格，请另存为 .xlsx',
        'The file is a zip archive but not an Excel workbook (.xlsx); save it as .xlsx',
        { detected: 'zip' },
      );
    }
    throw scanner.error(scanRows);
  }

  async *rows(width: number): AsyncGenerator<SourceRow> {
    const rows = this.sheetRows;
    if (!rows) throw new Error('XlsxRowSource.rows() before header()');
    for (;;) {
      let r: IteratorResult<ExcelRow>;
      try {
        r = await rows.next();
      } catch (e) {
        throw wrapReadError(zipReadError(e));
      }
      if (r.done) return;
      const [texts, kinds] = rowTexts(r.value, width, this.limits);
      yield { number: r.value.number, texts, kinds };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.sheetRows?.return?.();
    } catch {
      /* ignore */
    }
    try {
      await this.sheetIterator.return?.();
    } catch {
      /* ignore */
    }
    this.zip.close();
  }
}
