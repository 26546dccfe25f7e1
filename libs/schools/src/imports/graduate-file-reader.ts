/**
 * Streaming reader for school graduate lists (毕业生名单) as saved by
 * Excel / WPS / LibreOffice: .xlsx (exceljs streaming WorkbookReader) or
 * .csv in UTF-8 (with/without BOM), GBK/GB18030 or UTF-16 (Excel "Unicode text").
 *
 *   const file = await readGraduateFile(stream, 'list.xlsx');   // throws GraduateFileError
 *   file.headerRowNumber; file.mapping; file.encoding; file.sheetName;
 *   for await (const row of file) { ... }                        // rows after the header
 *
 * Everything that makes the file unusable (not a spreadsheet, empty, no
 * header, missing required columns) is thrown by the `await`, before any
 * row is yielded. Memory stays flat: rows are pulled one by one.
 */
import * as fs from 'fs';
import { PassThrough, Readable, Transform } from 'stream';
import * as ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse';
import * as iconv from 'iconv-lite';
import { GraduateField, HeaderMapping, GRADUATE_FIELDS, columnDef, columnLetter, mapHeaderRow } from './graduate-columns';
import { GraduateFileError } from './graduate-file-error';
import { GuardedZip, XLSX_LIMITS, XlsxLimits, sharedStringsTooLarge, suspiciousArchive, zipReadError } from './xlsx-zip-guard';

export { XLSX_LIMITS } from './xlsx-zip-guard';
export type { XlsxLimits } from './xlsx-zip-guard';

export { GraduateFileError } from './graduate-file-error';
export type { GraduateFileErrorCode } from './graduate-file-error';

export type CellKind = 'empty' | 'text' | 'number' | 'date' | 'boolean' | 'error';

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

export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'gbk' | 'utf-16le' | 'utf-16be';

export interface ReadGraduateFileOptions {
  /** Header must be within the first N rows of a sheet (default 20). */
  headerScanRows?: number;
  /** Throw TOO_MANY_ROWS once more data rows than this are read (default: unlimited). */
  maxRows?: number;
  /** Force a CSV encoding instead of detecting it. */
  encoding?: 'utf-8' | 'gbk';
  /** Bytes sniffed for format/encoding detection (default 64 KiB). */
  sniffBytes?: number;
  /** Overrides of XLSX_LIMITS (zip, shared strings, columns); the column cap applies to CSV too. */
  limits?: Partial<XlsxLimits>;
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

const DEFAULT_SNIFF = 64 * 1024;

// ---------------------------------------------------------------------------

export async function readGraduateFile(
  input: Readable | string,
  fileName: string,
  opts: ReadGraduateFileOptions = {},
): Promise<GraduateFile> {
  const source = typeof input === 'string' ? fs.createReadStream(input) : input;
  let peeked: Peeked;
  try {
    peeked = await peek(source, opts.sniffBytes ?? DEFAULT_SNIFF);
  } catch (e) {
    source.destroy();
    throw new GraduateFileError('CORRUPT_FILE', '无法读取上传的文件', 'The uploaded file could not be read', {}, { cause: e });
  }
  const { head } = peeked;
  const ext = (fileName.match(/\.([A-Za-z0-9]+)$/)?.[1] ?? '').toLowerCase();

  if (head.length === 0) {
    source.destroy();
    throw new GraduateFileError('EMPTY_FILE', '文件是空的', 'The file is empty');
  }
  const fail = (e: GraduateFileError): never => {
    peeked.stream.destroy();
    source.destroy();
    throw e;
  };

  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    const limits = limitsOf(opts);
    let zipInput: string | Buffer;
    if (typeof input === 'string') {
      peeked.stream.destroy();
      source.destroy();
      zipInput = input;
    } else {
      zipInput = await spool(peeked.stream, limits.maxStreamBytes).finally(() => source.destroy());
    }
    return openXlsx(await GuardedZip.open(zipInput, limits), opts);
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    fail(
      new GraduateFileError(
        'UNSUPPORTED_FORMAT',
        '不支持旧版 .xls 文件或加密（设置了打开密码）的文件，请在 Excel/WPS 中“另存为” .xlsx（不设密码）后再上传',
        'Legacy .xls and password-protected workbooks are not supported; save as .xlsx without a password and upload again',
        { detected: 'ole2' },
      ),
    );
  }
  const binary = sniffBinary(head);
  if (binary || ['xlsx', 'xlsm', 'xls', 'et', 'ods'].includes(ext)) {
    const what = binary ?? 'text';
    fail(
      new GraduateFileError(
        'NOT_SPREADSHEET',
        `文件不是有效的 Excel 表格（${ext ? '扩展名为 .' + ext + '，但' : ''}内容${describeKind(what)}）。请上传 .xlsx 或 .csv 文件`,
        `The file is not a valid spreadsheet (content looks like ${what}). Upload an .xlsx or .csv file`,
        { detected: what, extension: ext },
      ),
    );
  }
  return openCsv(peeked, source, opts);
}

function describeKind(kind: string): string {
  switch (kind) {
    case 'png':
    case 'jpeg':
    case 'gif':
    case 'bmp':
      return '是图片';
    case 'pdf':
      return '是 PDF';
    case 'html':
      return '是网页（HTML）';
    case 'archive':
      return '是压缩包';
    case 'binary':
      return '无法识别';
    default:
      return '是纯文本';
  }
}

function sniffBinary(head: Buffer): string | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(head, [0x42, 0x4d]) && head.length > 14 && head.readUInt32LE(2) > 0 && head[6] === 0) return 'bmp';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(head, [0x1f, 0x8b]) || startsWith(head, [0x52, 0x61, 0x72, 0x21]) || startsWith(head, [0x37, 0x7a, 0xbc, 0xaf]))
    return 'archive';
  if (utf16Bom(head)) return null;
  const n = Math.min(head.length, 8192);
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) return 'binary';
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) ctrl++;
  }
  if (ctrl > n / 20) return 'binary';
  const start = head.subarray(0, 512).toString('latin1').trimStart().toLowerCase();
  if (/^(<!doctype html|<html|<table|<\?xml|<meta)/.test(start)) return 'html';
  return null;
}

function startsWith(buf: Buffer, bytes: number[]): boolean {
  if (buf.length < bytes.length) return false;
  return bytes.every((b, i) => buf[i] === b);
}

function utf16Bom(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  if (startsWith(head, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(head, [0xfe, 0xff])) return 'utf-16be';
  return null;
}

// ---------------------------------------------------------------------------
// peeking at the first bytes without losing them

interface Peeked {
  head: Buffer;
  /** true when `head` is the whole input */
  ended: boolean;
  /** the whole input again, head included */
  stream: Readable;
}

async function peek(source: Readable, minBytes: number): Promise<Peeked> {
  const it = source[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const chunks: Buffer[] = [];
  let len = 0;
  let ended = false;
  while (len < minBytes) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    const b = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    chunks.push(b);
    len += b.length;
  }
  const head = Buffer.concat(chunks);
  async function* replay(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    if (ended) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    }
  }
  const stream = Readable.from(replay(), { objectMode: false });
  stream.on('close', () => {
    if (!ended) source.destroy();
  });
  return { head, ended, stream };
}

// ---------------------------------------------------------------------------
// header detection shared by both formats

class HeaderScanner {
  best: { rowNumber: number; mapping: HeaderMapping; score: number; sheet: string | null } | null = null;
  nonEmptyRows = 0;

  /** Returns the mapping when `texts` is a usable header row. */
  offer(rowNumber: number, texts: string[], sheet: string | null): HeaderMapping | null {
    if (!texts.some((t) => t !== '')) return null;
    this.nonEmptyRows++;
    const mapping = mapHeaderRow(texts);
    const score = Object.keys(mapping.columns).length;
    if (mapping.missingRequired.length === 0) return mapping;
    if (score >= 2 && (!this.best || score > this.best.score)) this.best = { rowNumber, mapping, score, sheet };
    return null;
  }

  error(scanRows: number): GraduateFileError {
    if (this.nonEmptyRows === 0) {
      return new GraduateFileError('EMPTY_FILE', '文件中没有任何内容', 'The file contains no data');
    }
    if (this.best) {
      const missing = this.best.mapping.missingRequired.map((f) => columnDef(f).label);
      const list = missing.join('、');
      return new GraduateFileError(
        'MISSING_REQUIRED_COLUMNS',
        `缺少必需列：${list}（表头在第 ${this.best.rowNumber} 行）`,
        `Missing required column${missing.length > 1 ? 's' : ''}: ${list} (header found in row ${this.best.rowNumber})`,
        {
          missing: this.best.mapping.missingRequired,
          missingLabels: missing,
          headerRowNumber: this.best.rowNumber,
          sheetName: this.best.sheet,
          headers: this.best.mapping.headers,
        },
      );
    }
    const req = ['姓名', '身份证号', '专业', '毕业年份'].join('、');
    return new GraduateFileError(
      'NO_HEADER',
      `在前 ${scanRows} 行中找不到表头（需要包含：${req}）。请使用下载的模板`,
      `No header row found in the first ${scanRows} rows (it must contain: ${req}). Please use the template`,
      { scanRows },
    );
  }
}

// ---------------------------------------------------------------------------
// cell values

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

export function formatDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

/** exceljs cell value -> [text, kind] */
function cellText(v: unknown): [string, CellKind] {
  if (v === null || v === undefined) return ['', 'empty'];
  switch (typeof v) {
    case 'string': {
      const t = v.trim();
      return [t, t ? 'text' : 'empty'];
    }
    case 'number':
      return [numberText(v), 'number'];
    case 'boolean':
      return [v ? 'TRUE' : 'FALSE', 'boolean'];
  }
  if (v instanceof Date) return [isNaN(v.getTime()) ? '' : formatDate(v), 'date'];
  const o = v as Record<string, unknown>;
  if ('richText' in o && Array.isArray(o.richText)) {
    const t = (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('').trim();
    return [t, t ? 'text' : 'empty'];
  }
  if ('error' in o) return [String(o.error), 'error'];
  if ('result' in o || 'formula' in o || 'sharedFormula' in o) return cellText(o.result);
  if ('text' in o) return cellText(o.text);
  return [String(v).trim(), 'text'];
}

// ---------------------------------------------------------------------------
// rows -> GraduateFileRow

function buildRow(
  rowNumber: number,
  raw: string[],
  kinds: CellKind[] | null,
  mapping: HeaderMapping,
  stats: GraduateFileStats,
): GraduateFileRow | null {
  let any = false;
  for (let i = 0; i < raw.length; i++) if (raw[i] !== '') { any = true; break; }
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
    k[f] = kinds ? kinds[col.index] ?? 'empty' : t ? 'text' : 'empty';
    if (t) mappedAny = true;
  }
  if (!mappedAny) {
    stats.unmappedRowsSkipped++;
    return null;
  }
  stats.dataRows++;
  return { rowNumber, cells, kinds: k, raw };
}

function tooMany(max: number): GraduateFileError {
  return new GraduateFileError(
    'TOO_MANY_ROWS',
    `文件超过 ${max} 行，请拆分后分批上传`,
    `The file has more than ${max} rows; split it and upload in parts`,
    { maxRows: max },
  );
}

function wrapReadError(e: unknown): unknown {
  if (e instanceof GraduateFileError) return e;
  return new GraduateFileError(
    'CORRUPT_FILE',
    '文件已损坏或格式无法识别，请在 Excel/WPS 中打开后重新另存为 .xlsx',
    'The file is damaged or in an unrecognised format; open it in Excel/WPS and save it again as .xlsx',
    { reason: e instanceof Error ? e.message : String(e) },
    { cause: e },
  );
}

// ---------------------------------------------------------------------------
// XLSX

function limitsOf(opts: ReadGraduateFileOptions): XlsxLimits {
  return { ...XLSX_LIMITS, ...opts.limits };
}

/** A stream handed to readGraduateFile (tests, tools) is kept in memory for random access, up to `max` bytes. */
async function spool(stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let len = 0;
  try {
    for await (const c of stream) {
      const b = typeof c === 'string' ? Buffer.from(c) : (c as Buffer);
      len += b.length;
      if (len > max) {
        throw new GraduateFileError('FILE_TOO_LARGE', `文件超过 ${Math.round(max / 1048576)} MB`, `The file is larger than ${Math.round(max / 1048576)} MB`, { maxBytes: max });
      }
      chunks.push(b);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks);
}

/**
 * exceljs 4.4's streaming reader decodes every inflated chunk on its own
 * (utils/browser-buffer-decode.js), so a multi-byte UTF-8 character (every
 * Chinese character is 3 bytes) split across two chunks turns into U+FFFD.
 * We hand it already-decoded strings instead, decoded with a per-entry
 * streaming decoder.
 */
const BaseWorkbookReader = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: Readable | null,
  options: Record<string, unknown>,
) => any;

function utf8Entry(entry: Readable): Readable {
  const pt = new PassThrough();
  entry.on('error', (e) => pt.destroy(e));
  entry.pipe(pt);
  pt.setEncoding('utf8');
  return pt;
}

/**
 * Refuses XML that would make the SAX parser hold one huge string: a text
 * node or attribute value longer than `maxRun` characters (a '<' can only
 * appear in markup, so the distance between two of them bounds both).
 */
class XmlRunGuard {
  private run = 0;
  constructor(
    private readonly part: string,
    private readonly maxRun: number,
  ) {}
  check(s: string): void {
    const at = s.lastIndexOf('<');
    this.run = at < 0 ? this.run + s.length : s.length - 1 - at;
    if (this.run > this.maxRun) {
      throw suspiciousArchive(`${this.part} 中有一段超过 ${Math.round(this.maxRun / 1024)} KB 的连续文字`, `${this.part} holds a run of text longer than ${Math.round(this.maxRun / 1024)} KB`, {
        part: this.part,
      });
    }
  }
}

async function* guardedUtf8(stream: Readable, part: string, maxRun: number): AsyncGenerator<string> {
  const guard = new XmlRunGuard(part, maxRun);
  for await (const s of utf8Entry(stream)) {
    guard.check(s as string);
    yield s as string;
  }
}

/** Cell references with 4+ letters (beyond XFD) or <col min/max> beyond any sheet: exceljs would build that many columns. */
const BEYOND_SHEET = /="([A-Z]{4,})(\d+)|\b(?:min|max)="\d{6,}"/;

/**
 * Decodes a worksheet's XML chunks and, on the way, collects its
 * <mergeCell ref="…"/> ranges (they come after <sheetData>, so they are
 * only known once all rows have been read), and refuses references far
 * beyond any real sheet before exceljs sees them.
 */
async function* utf8Chunks(
  it: AsyncIterable<Buffer | string>,
  merges: string[],
  dimension: SheetDimension,
  limits: XlsxLimits,
  part: string,
): AsyncGenerator<string> {
  const dec = new TextDecoder('utf-8');
  const runGuard = new XmlRunGuard(part, limits.maxXmlRun);
  let carry = '';
  let refCarry = '';
  let inMerges = false;
  let head = '';
  let dimensionDone = false;
  const scanDimension = (s: string) => {
    // <dimension ref="A1:K100002"/> comes before <sheetData> (Excel, WPS and LibreOffice all write it)
    head += s;
    const m = head.match(/<dimension\s+ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"/);
    if (m) dimension.lastRow = m[1] ? Number(m[1]) : null;
    if (m || head.includes('<sheetData') || head.length > 8192) {
      dimensionDone = true;
      head = '';
    }
  };
  const scan = (s: string) => {
    runGuard.check(s);
    const probe = refCarry + s;
    const beyond = BEYOND_SHEET.exec(probe);
    if (beyond) {
      throw tooManyColumns(limits, beyond[1] ?? null, beyond[2] ? Number(beyond[2]) : null);
    }
    refCarry = probe.slice(-24);
    if (!dimensionDone) scanDimension(s);
    let text = carry + s;
    if (!inMerges) {
      const at = text.indexOf('<mergeCells');
      if (at < 0) {
        carry = text.slice(-16);
        return;
      }
      inMerges = true;
      text = text.slice(at);
    }
    const re = /<mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"/g;
    let m: RegExpExecArray | null;
    let last = 0;
    while ((m = re.exec(text))) {
      merges.push(m[1]);
      last = re.lastIndex;
    }
    carry = text.slice(last);
  };
  for await (const c of it) {
    const s = typeof c === 'string' ? c : dec.decode(c, { stream: true });
    if (s) {
      scan(s);
      yield s;
    }
  }
  const tail = dec.decode();
  if (tail) {
    scan(tail);
    yield tail;
  }
}

function tooManyColumns(limits: XlsxLimits, letters: string | null, row: number | null): GraduateFileError {
  const max = limits.maxColumns;
  const lastLetter = columnLetter(max - 1);
  const where = letters ? `${row !== null ? `第 ${row} 行 ` : ''}${letters} 列` : '列定义';
  const whereEn = letters ? `column ${letters}${row !== null ? ` of row ${row}` : ''}` : 'a column definition';
  return new GraduateFileError(
    'TOO_MANY_COLUMNS',
    `${where}超出了允许的 ${max} 列（A–${lastLetter}）。请删除右侧多余的列后重新上传`,
    `${whereEn[0].toUpperCase()}${whereEn.slice(1)} is beyond the ${max} columns allowed (A–${lastLetter}); delete the extra columns on the right and upload again`,
    { row, column: letters, maxColumns: max },
  );
}

/**
 * exceljs's WorkbookReader over a GuardedZip instead of its own streaming
 * unzip: the parts are read by random access in the order parsing needs
 * them (relationships, workbook, styles, shared strings, then the sheets),
 * so no sheet is ever spooled to the temp dir, every part goes through the
 * zip's byte counters, and the shared-strings table is capped.
 */
class GuardedWorkbookReader extends BaseWorkbookReader {
  constructor(
    private readonly zip: GuardedZip,
    private readonly limits: XlsxLimits,
    options: Record<string, unknown>,
  ) {
    super(null, { ...options, sharedStrings: 'emit' });
  }

  private async part(name: string, maxBytes?: number): Promise<Readable> {
    return this.zip.read(name, maxBytes);
  }

  async *parse(): AsyncGenerator<{ eventType: string; value: unknown }> {
    const z = this.zip;
    const maxRun = this.limits.maxXmlRun;
    const xml = async (name: string) => Readable.from(guardedUtf8(await this.part(name), name, maxRun));
    if (z.has('xl/_rels/workbook.xml.rels')) await this._parseRels(await xml('xl/_rels/workbook.xml.rels'));
    if (z.has('xl/workbook.xml')) await this._parseWorkbook(await xml('xl/workbook.xml'));
    if (z.has('xl/styles.xml')) await this._parseStyles(await xml('xl/styles.xml'));
    this.sharedStrings = [];
    if (z.has('xl/sharedStrings.xml')) {
      const ss = await this.part('xl/sharedStrings.xml', this.limits.maxSharedStringsBytes);
      await this.cacheSharedStrings(Readable.from(guardedUtf8(ss, 'xl/sharedStrings.xml', maxRun)));
    }
    if (!this.model) this.model = { sheets: [] };
    for (const p of z.parts) {
      const m = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(p.name);
      if (!m) continue;
      // opened only when the sheet is read: a hidden sheet that is skipped is never inflated
      const open = () => this.part(p.name);
      const lazy = async function* (): AsyncGenerator<Buffer> {
        const s = await open();
        try {
          for await (const c of s) yield c as Buffer;
        } finally {
          s.destroy();
        }
      };
      yield* this._parseWorksheet(lazy(), m[1], p.name);
    }
  }

  /** The shared-strings table, held in memory for the sheets: at most maxSharedStrings entries and maxSharedStringChars characters. */
  private async cacheSharedStrings(entry: Readable): Promise<void> {
    const table: unknown[] = this.sharedStrings;
    let chars = 0;
    for await (const item of super._parseSharedStrings(entry) as AsyncIterable<{ text: unknown }>) {
      const t = item.text as string | { richText: { text?: string }[] } | null;
      chars += typeof t === 'string' ? t.length : t ? t.richText.reduce((n, r) => n + (r.text?.length ?? 0), 0) : 0;
      if (table.length >= this.limits.maxSharedStrings) throw sharedStringsTooLarge(this.limits, 'count');
      if (chars > this.limits.maxSharedStringChars) throw sharedStringsTooLarge(this.limits, 'chars');
      table.push(t);
    }
  }

  *_parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string, part = `sheet${sheetNo}`) {
    const merges: string[] = [];
    const dimension: SheetDimension = { lastRow: null };
    for (const ev of super._parseWorksheet(utf8Chunks(iterator, merges, dimension, this.limits, part), sheetNo)) {
      if (ev?.value) {
        ev.value.mergedCells = merges;
        ev.value.dimension = dimension;
      }
      yield ev;
    }
  }
}

interface ExcelRow {
  number: number;
  values: unknown[];
}
/** Last row of the sheet's <dimension ref>, as the writing program recorded it (null if absent). */
interface SheetDimension {
  lastRow: number | null;
}
interface ExcelSheet {
  name: string;
  state?: string;
  mergedCells?: string[];
  dimension?: SheetDimension;
  [Symbol.asyncIterator](): AsyncIterator<ExcelRow>;
}

function rowTexts(row: ExcelRow, width: number, limits: XlsxLimits): [string[], CellKind[]] {
  const values = row.values; // sparse, 1-based
  if (row.number > limits.maxRowNumber) throw tooMany(limits.maxRowNumber);
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

async function openXlsx(zip: GuardedZip, opts: ReadGraduateFileOptions): Promise<GraduateFile> {
  const scanRows = opts.headerScanRows ?? 20;
  const limits = zip.limits;
  const reader = new GuardedWorkbookReader(zip, limits, {
    worksheets: 'emit',
    styles: 'cache', // needed to tell dates from numbers
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets = (reader as unknown as { [Symbol.asyncIterator](): AsyncIterator<ExcelSheet> })[Symbol.asyncIterator]();
  const scanner = new HeaderScanner();
  let sawSheet = false;
  let found: { sheet: ExcelSheet; rows: AsyncIterator<ExcelRow>; headerRow: number; mapping: HeaderMapping } | null =
    null;

  const destroy = () => zip.close();

  try {
    while (!found) {
      const s = await sheets.next();
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
        const [texts] = rowTexts(r.value, 0, limits);
        const mapping = scanner.offer(r.value.number, texts, sheet.name);
        if (mapping) {
          found = { sheet, rows, headerRow: r.value.number, mapping };
          break;
        }
      }
    }
  } catch (e) {
    destroy();
    throw wrapReadError(zipReadError(e));
  }

  if (!found) {
    destroy();
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

  const { sheet, rows, headerRow, mapping } = found;
  const width = mapping.headers.length;
  const stats: GraduateFileStats = { dataRows: 0, emptyRowsSkipped: 0, unmappedRowsSkipped: 0 };
  let closed = false;
  let iterated = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      await rows.return?.();
    } catch {
      /* ignore */
    }
    try {
      await sheets.return?.();
    } catch {
      /* ignore */
    }
    destroy();
  };

  async function* iterate(): AsyncGenerator<GraduateFileRow> {
    if (iterated) throw new Error('A GraduateFile can be iterated only once');
    iterated = true;
    try {
      for (;;) {
        let r: IteratorResult<ExcelRow>;
        try {
          r = await rows.next();
        } catch (e) {
          throw wrapReadError(zipReadError(e));
        }
        if (r.done) break;
        const [texts, kinds] = rowTexts(r.value, width, limits);
        const row = buildRow(r.value.number, texts, kinds, mapping, stats);
        if (!row) continue;
        if (opts.maxRows !== undefined && stats.dataRows > opts.maxRows) throw tooMany(opts.maxRows);
        yield row;
      }
    } finally {
      await close();
    }
  }

  return {
    format: 'xlsx',
    encoding: null,
    delimiter: null,
    sheetName: sheet.name,
    get mergedCells() {
      return sheet.mergedCells ?? [];
    },
    get estimatedDataRows() {
      const last = sheet.dimension?.lastRow;
      return last != null && last >= headerRow ? last - headerRow : null;
    },
    headerRowNumber: headerRow,
    mapping,
    stats,
    close,
    [Symbol.asyncIterator]: iterate,
  };
}

// ---------------------------------------------------------------------------
// CSV

export function detectCsvEncoding(head: Buffer, ended: boolean): DetectedEncoding {
  const bom16 = utf16Bom(head);
  if (bom16) return bom16;
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return 'utf-8-bom';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !ended });
    return 'utf-8';
  } catch {
    return 'gbk';
  }
}

function iconvName(enc: DetectedEncoding): string {
  switch (enc) {
    case 'gbk':
      return 'gb18030'; // superset of GBK: also decodes rare name characters
    case 'utf-16le':
      return 'utf-16le';
    case 'utf-16be':
      return 'utf-16be';
    default:
      return 'utf-8';
  }
}

function detectDelimiter(sample: string): string {
  const lines = sample.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 25);
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

/** A graduate record is well under 1 KB; a "record" beyond this is an unclosed quote or a hostile file. */
const CSV_MAX_RECORD_CHARS = 256 * 1024;

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

async function openCsv(peeked: Peeked, source: Readable, opts: ReadGraduateFileOptions): Promise<GraduateFile> {
  const scanRows = opts.headerScanRows ?? 20;
  const limits = limitsOf(opts);
  const encoding: DetectedEncoding = opts.encoding ?? detectCsvEncoding(peeked.head, peeked.ended);
  const decoderName = iconvName(encoding);
  const sample = iconv.decode(peeked.head, decoderName);
  const delimiter = detectDelimiter(sample);

  const decoder = iconv.decodeStream(decoderName, { stripBOM: true }) as unknown as Transform;
  const parser = parseCsv({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    // one record (a line, or everything after an unclosed quote) is refused beyond this many characters
    max_record_size: CSV_MAX_RECORD_CHARS,
    skip_empty_lines: false,
    bom: true,
  });
  peeked.stream.on('error', (e) => decoder.destroy(e));
  decoder.on('error', (e) => parser.destroy(e));
  peeked.stream.pipe(decoder).pipe(parser);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;

  const destroy = () => {
    parser.destroy();
    decoder.destroy();
    peeked.stream.destroy();
    source.destroy();
  };

  const scanner = new HeaderScanner();
  let recordNo = 0;
  let header: { rowNumber: number; mapping: HeaderMapping } | null = null;
  try {
    while (recordNo < scanRows) {
      const r = await records.next();
      if (r.done) break;
      recordNo++;
      const texts = csvTexts(r.value, 0, recordNo, limits);
      const mapping = scanner.offer(recordNo, texts, null);
      if (mapping) {
        header = { rowNumber: recordNo, mapping };
        break;
      }
    }
  } catch (e) {
    destroy();
    throw csvReadError(e, recordNo);
  }
  if (!header) {
    destroy();
    throw scanner.error(scanRows);
  }

  const { mapping } = header;
  const stats: GraduateFileStats = { dataRows: 0, emptyRowsSkipped: 0, unmappedRowsSkipped: 0 };
  let closed = false;
  let iterated = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    destroy();
  };
  const width = mapping.headers.length;

  async function* iterate(): AsyncGenerator<GraduateFileRow> {
    if (iterated) throw new Error('A GraduateFile can be iterated only once');
    iterated = true;
    try {
      for (;;) {
        let r: IteratorResult<string[]>;
        try {
          r = await records.next();
        } catch (e) {
          throw csvReadError(e, recordNo);
        }
        if (r.done) break;
        recordNo++;
        const texts = csvTexts(r.value, width, recordNo, limits);
        const row = buildRow(recordNo, texts, null, mapping, stats);
        if (!row) continue;
        if (opts.maxRows !== undefined && stats.dataRows > opts.maxRows) throw tooMany(opts.maxRows);
        yield row;
      }
    } finally {
      await close();
    }
  }

  return {
    format: 'csv',
    encoding,
    delimiter,
    sheetName: null,
    mergedCells: [],
    estimatedDataRows: null,
    headerRowNumber: header.rowNumber,
    mapping,
    stats,
    close,
    [Symbol.asyncIterator]: iterate,
  };
}
