/** CSV (UTF-8 with/without BOM, GBK/GB18030, UTF-16) through csv-parse, one record at a time. */
import { Readable, Transform } from 'stream';
import { parse as parseCsv } from 'csv-parse';
import * as iconv from 'iconv-lite';
import { GraduateField, columnLetter } from '../graduate-columns';
import { GraduateFileError } from '../graduate-file-error';
import { XlsxLimits } from '../xlsx-zip-guard';
import { DetectedEncoding, detectCsvEncoding, iconvName } from './encodings';
import { HeaderScanner } from './header-scanner';
import { Peeked } from './peek';
import { tooManyColumns, wrapReadError } from './read-errors';
import { FoundHeader, RowSource, SourceRow } from './row-source';

/** A graduate record is well under 1 KB; a "record" beyond this is an unclosed quote or a hostile file. */
export const CSV_MAX_RECORD_CHARS = 256 * 1024;

export function detectDelimiter(sample: string): string {
  const lines = sample
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 25);
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';', '|']) {
    let count = 0;
    for (const l of lines) {
      // ignore delimiters inside simple quoted fields
      count += l.replace(/"[^"]*"/g, '').split(d).length - 1;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** Trimmed cells of a record, at most `limits.maxColumns` wide (only empty cells may lie beyond). */
function csvTexts(record: string[], width: number, recordNo: number, limits: XlsxLimits): string[] {
  let n = Math.max(record.length, width);
  if (record.length > limits.maxColumns) {
    for (let i = limits.maxColumns; i < record.length; i++) {
      if (record[i].trim() !== '') throw tooManyColumns(limits, columnLetter(i), recordNo);
    }
    n = Math.max(limits.maxColumns, width);
  }
  const texts: string[] = new Array(n);
  for (let i = 0; i < n; i++) texts[i] = (record[i] ?? '').trim();
  return texts;
}

function csvReadError(e: unknown, recordNo: number): unknown {
  if ((e as { code?: string })?.code === 'CSV_MAX_RECORD_SIZE') {
    const kb = CSV_MAX_RECORD_CHARS / 1024;
    // csv-parse parses ahead of the records handed out: its own count says where the long record starts
    const parsed = (e as { records?: number }).records;
    if (typeof parsed === 'number') recordNo = parsed;
    return new GraduateFileError(
      'CORRUPT_FILE',
      `第 ${recordNo + 1} 行超过 ${kb} KB（可能有未闭合的引号），请检查后重新上传`,
      `Row ${recordNo + 1} is longer than ${kb} KB (perhaps an unclosed quote); check it and upload again`,
      { row: recordNo + 1, maxRecordChars: CSV_MAX_RECORD_CHARS },
      { cause: e },
    );
  }
  return wrapReadError(e);
}

export class CsvRowSource implements RowSource {
  readonly format = 'csv' as const;
  readonly encoding: DetectedEncoding;
  readonly delimiter: string;
  readonly sheetName = null;
  readonly estimatedDataRows = null;
  readonly mergedCells: string[] = [];
  private readonly parser: Transform;
  private readonly decoder: Transform;
  private readonly records: AsyncIterator<string[]>;
  private recordNo = 0;

  /** `peeked` is the input with its first bytes already looked at; `source` the stream it came from. */
  constructor(
    private readonly peeked: Peeked,
    private readonly source: Readable,
    private readonly limits: XlsxLimits,
    encoding?: 'utf-8' | 'gbk',
  ) {
    this.encoding = encoding ?? detectCsvEncoding(peeked.head, peeked.ended);
    const decoderName = iconvName(this.encoding);
    this.delimiter = detectDelimiter(iconv.decode(peeked.head, decoderName));
    this.decoder = iconv.decodeStream(decoderName, { stripBOM: true }) as unknown as Transform;
    this.parser = parseCsv({
      delimiter: this.delimiter,
      relax_column_count: true,
      relax_quotes: true,
      // one record (a line, or everything after an unclosed quote) is refused beyond this many characters
      max_record_size: CSV_MAX_RECORD_CHARS,
      skip_empty_lines: false,
      bom: true,
    });
    peeked.stream.on('error', (e) => this.decoder.destroy(e));
    this.decoder.on('error', (e) => this.parser.destroy(e));
    peeked.stream.pipe(this.decoder).pipe(this.parser);
    this.records = this.parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  }

  async header(scanRows: number, required?: readonly GraduateField[]): Promise<FoundHeader> {
    const scanner = new HeaderScanner(required);
    try {
      while (this.recordNo < scanRows) {
        const r = await this.records.next();
        if (r.done) break;
        this.recordNo++;
        const mapping = scanner.offer(this.recordNo, csvTexts(r.value, 0, this.recordNo, this.limits), null);
        if (mapping) return { rowNumber: this.recordNo, mapping };
      }
    } catch (e) {
      this.destroy();
      throw csvReadError(e, this.recordNo);
    }
    this.destroy();
    throw scanner.error(scanRows);
  }

  async *rows(width: number): AsyncGenerator<SourceRow> {
    for (;;) {
      let r: IteratorResult<string[]>;
      try {
        r = await this.records.next();
      } catch (e) {
        throw csvReadError(e, this.recordNo);
      }
      if (r.done) return;
      const number = ++this.recordNo;
      yield { number, texts: csvTexts(r.value, width, number, this.limits), kinds: null };
    }
  }

  async close(): Promise<void> {
    this.destroy();
  }

  private destroy(): void {
    this.parser.destroy();
    this.decoder.destroy();
    this.peeked.stream.destroy();
    this.source.destroy();
  }
}
