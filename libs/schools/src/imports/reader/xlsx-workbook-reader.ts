/**
 * exceljs's streaming WorkbookReader, patched: it reads the parts of a
 * GuardedZip (random access, byte counters, caps) instead of its own
 * streaming unzip, and gets worksheet XML already decoded as UTF-8.
 */
import { PassThrough, Readable } from 'stream';
import * as ExcelJS from 'exceljs';
import { GuardedZip, XlsxLimits, sharedStringsTooLarge, suspiciousArchive } from '../xlsx-zip-guard';
import { tooManyColumns } from './read-errors';

export interface ExcelRow {
  number: number;
  values: unknown[];
}
/** Last row of the sheet's <dimension ref>, as the writing program recorded it (null if absent). */
export interface SheetDimension {
  lastRow: number | null;
}
export interface ExcelSheet {
  name: string;
  state?: string;
  mergedCells?: string[];
  dimension?: SheetDimension;
  [Symbol.asyncIterator](): AsyncIterator<ExcelRow>;
}

/**
 * exceljs 4.4's streaming reader decodes every inflated chunk on its own
 * (utils/browser-buffer-decode.js), so a multi-byte UTF-8 character (every
 * Chinese character is 3 bytes) split across two chunks turns into U+FFFD.
 * We hand it already-decoded strings instead, decoded with a per-entry
 * streaming decoder.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- exceljs's streaming reader is untyped; the subclass calls its internal methods
const BaseWorkbookReader = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (input: Readable | null, options: Record<string, unknown>) => any;

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
      throw suspiciousArchive(
        `${this.part} 中有一段超过 ${Math.round(this.maxRun / 1024)} KB 的连续文字`,
        `${this.part} holds a run of text longer than ${Math.round(this.maxRun / 1024)} KB`,
        {
          part: this.part,
        },
      );
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

/**
 * exceljs's WorkbookReader over a GuardedZip instead of its own streaming
 * unzip: the parts are read by random access in the order parsing needs
 * them (relationships, workbook, styles, shared strings, then the sheets),
 * so no sheet is ever spooled to the temp dir, every part goes through the
 * zip's byte counters, and the shared-strings table is capped.
 */
export class GuardedWorkbookReader extends BaseWorkbookReader {
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

  /** The worksheets, in order, each iterable row by row. */
  sheets(): AsyncIterator<ExcelSheet> {
    return (this as unknown as { [Symbol.asyncIterator](): AsyncIterator<ExcelSheet> })[Symbol.asyncIterator]();
  }
}
