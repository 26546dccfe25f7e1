/**
 * The zip layer of an .xlsx, read defensively. An upload is at most 20 MB,
 * but deflate inflates up to ~1000:1, so a small file can hold gigabytes of
 * XML (a "zip bomb"). Before any byte is inflated, the central directory is
 * read with `yauzl` (a maintained zip reader that only trusts the central
 * directory, reads entries by random access and errors out when an entry
 * inflates to more or fewer bytes than it declares) and the workbook is
 * refused when it has too many entries, declares more than
 * XLSX_LIMITS.maxTotalUncompressed bytes in total, or has a large entry that
 * is compressed suspiciously well. While parts are inflated, the actual bytes
 * are counted again (declared sizes can lie; yauzl catches that per entry,
 * this counter catches it for the whole workbook).
 *
 * Random access also means a worksheet is never spooled to a temporary file
 * (exceljs's own streaming reader writes every sheet stored before
 * sharedStrings.xml to the temp dir) and parts the import does not need
 * (images, printer settings, …) are never inflated at all.
 */
import { Readable, Transform, TransformCallback } from 'stream';
import * as yauzl from 'yauzl';
import { GraduateFileError } from './graduate-file-error';

const MiB = 1024 * 1024;

export interface XlsxLimits {
  /** Entries in the zip (a workbook has a few dozen parts). */
  maxEntries: number;
  /** Sum of all entries' uncompressed sizes, declared and actual. */
  maxTotalUncompressed: number;
  /** Compression ratio (uncompressed : compressed) above which a large entry is refused. */
  maxRatio: number;
  /** Entries smaller than this are never refused for their ratio. */
  ratioMinBytes: number;
  /** xl/sharedStrings.xml, uncompressed. */
  maxSharedStringsBytes: number;
  /** Distinct strings in the shared-strings table. */
  maxSharedStrings: number;
  /** Characters of all shared strings together (what is held in memory). */
  maxSharedStringChars: number;
  /** Characters between two '<' in an XML part (one text node or attribute value). */
  maxXmlRun: number;
  /** Columns of a row that may carry a value (A … IV). */
  maxColumns: number;
  /** Highest row number a sheet may use (Excel's own limit). */
  maxRowNumber: number;
  /** An .xlsx handed over as a stream is kept in memory; larger streams are refused. */
  maxStreamBytes: number;
}

export const XLSX_LIMITS: Readonly<XlsxLimits> = Object.freeze({
  maxEntries: 1000,
  maxTotalUncompressed: 200 * MiB,
  maxRatio: 100,
  ratioMinBytes: 1 * MiB,
  maxSharedStringsBytes: 80 * MiB,
  maxSharedStrings: 1_500_000,
  maxSharedStringChars: 40_000_000,
  maxXmlRun: 1 * MiB,
  maxColumns: 256,
  maxRowNumber: 1_048_576,
  maxStreamBytes: 64 * MiB,
});

const mb = (n: number) => `${Math.round(n / MiB)} MB`;

export function unzippedTooLarge(limits: XlsxLimits, details: Record<string, unknown> = {}): GraduateFileError {
  return new GraduateFileError(
    'UNZIPPED_TOO_LARGE',
    `文件解压后超过 ${mb(limits.maxTotalUncompressed)}，请删除多余的工作表、图片和空行，或拆分后分批上传`,
    `The file is larger than ${mb(limits.maxTotalUncompressed)} once unzipped; remove extra sheets, pictures and empty rows, or split it and upload in parts`,
    { maxUncompressedBytes: limits.maxTotalUncompressed, ...details },
  );
}

export function suspiciousArchive(reasonZh: string, reasonEn: string, details: Record<string, unknown> = {}): GraduateFileError {
  return new GraduateFileError(
    'SUSPICIOUS_ARCHIVE',
    `文件的压缩结构异常（${reasonZh}），可能已损坏或是特意构造的文件。请在 Excel/WPS 中打开后另存为 .xlsx 再上传`,
    `The file's zip structure is abnormal (${reasonEn}); it may be damaged or crafted. Open it in Excel/WPS, save it as .xlsx and upload again`,
    details,
  );
}

function corrupt(e: unknown): GraduateFileError {
  return new GraduateFileError(
    'CORRUPT_FILE',
    '文件已损坏或格式无法识别，请在 Excel/WPS 中打开后重新另存为 .xlsx',
    'The file is damaged or in an unrecognised format; open it in Excel/WPS and save it again as .xlsx',
    { reason: e instanceof Error ? e.message : String(e) },
    { cause: e },
  );
}

/** yauzl's messages for an entry that inflates to other than its declared size. */
const SIZE_LIE = /too many bytes in the stream|not enough bytes in the stream|expected \d+\. got/i;

/** A zip error met while inflating, as a GraduateFileError. */
export function zipReadError(e: unknown): GraduateFileError {
  if (e instanceof GraduateFileError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (SIZE_LIE.test(msg)) {
    return suspiciousArchive('解压后的大小与文件声明的不符', 'an entry inflates to a size other than the one it declares', { reason: msg });
  }
  return corrupt(e);
}

export interface ZipPart {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

/** An opened .xlsx whose central directory passed the checks. */
export class GuardedZip {
  /** Parts in central-directory order. */
  readonly parts: ZipPart[];
  private readonly byName = new Map<string, yauzl.Entry>();
  private inflated = 0;
  private closed = false;
  private readonly open = new Set<Readable>();

  private constructor(
    private readonly zip: yauzl.ZipFile,
    entries: yauzl.Entry[],
    readonly limits: XlsxLimits,
  ) {
    this.parts = entries.map((e) => ({ name: e.fileName, compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize }));
    for (const e of entries) this.byName.set(e.fileName, e);
  }

  /** Opens a file or buffer, reads the central directory and applies the limits; throws GraduateFileError. */
  static async open(input: string | Buffer, limits: XlsxLimits = XLSX_LIMITS): Promise<GuardedZip> {
    const opts = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false, decodeStrings: true };
    let zip: yauzl.ZipFile;
    try {
      zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
        const cb = (err: Error | null, z?: yauzl.ZipFile) => (err || !z ? reject(err ?? new Error('no zip')) : resolve(z));
        if (typeof input === 'string') yauzl.open(input, opts, cb);
        else yauzl.fromBuffer(input, opts, cb);
      });
    } catch (e) {
      throw corrupt(e);
    }
    try {
      // The end-of-central-directory record says how many entries follow: refuse before reading them.
      if (zip.entryCount > limits.maxEntries) {
        throw suspiciousArchive(`包含 ${zip.entryCount} 个条目，超过 ${limits.maxEntries} 个`, `${zip.entryCount} entries, more than ${limits.maxEntries}`, {
          entries: zip.entryCount,
          maxEntries: limits.maxEntries,
        });
      }
      const entries = await readEntries(zip);
      check(entries, limits);
      return new GuardedZip(zip, entries, limits);
    } catch (e) {
      zip.close();
      throw e instanceof GraduateFileError ? e : corrupt(e);
    }
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /**
   * The inflated bytes of one part. The stream errors with a GraduateFileError
   * when the part inflates beyond its own declared size (yauzl), beyond
   * `maxBytes`, or when the workbook's total goes beyond maxTotalUncompressed.
   */
  async read(name: string, maxBytes = Infinity): Promise<Readable> {
    const entry = this.byName.get(name);
    if (!entry) throw corrupt(new Error(`missing part ${name}`));
    if (this.closed) throw corrupt(new Error('zip closed'));
    const raw = await new Promise<Readable>((resolve, reject) =>
      this.zip.openReadStream(entry, (err, s) => (err || !s ? reject(zipReadError(err ?? new Error('no stream'))) : resolve(s))),
    );
    let own = 0;
    const counter = new Transform({
      transform: (chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) => {
        own += chunk.length;
        this.inflated += chunk.length;
        if (this.inflated > this.limits.maxTotalUncompressed) return cb(unzippedTooLarge(this.limits, { part: name }));
        if (own > maxBytes) return cb(partTooLarge(name, maxBytes));
        cb(null, chunk);
      },
    });
    raw.on('error', (e) => counter.destroy(zipReadError(e)));
    counter.on('close', () => {
      raw.destroy();
      this.open.delete(counter);
    });
    this.open.add(counter);
    raw.pipe(counter);
    return counter;
  }

  /** Bytes inflated so far, all parts together. */
  get inflatedBytes(): number {
    return this.inflated;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.open) s.destroy();
    this.zip.close();
  }
}

function partTooLarge(name: string, maxBytes: number): GraduateFileError {
  if (name === 'xl/sharedStrings.xml') return sharedStringsTooLarge({ maxSharedStringsBytes: maxBytes } as XlsxLimits, 'bytes');
  return suspiciousArchive(`${name} 解压后超过 ${mb(maxBytes)}`, `${name} is larger than ${mb(maxBytes)} unzipped`, { part: name });
}

export function sharedStringsTooLarge(
  limits: Pick<XlsxLimits, 'maxSharedStrings' | 'maxSharedStringChars' | 'maxSharedStringsBytes'>,
  what: 'count' | 'chars' | 'bytes',
): GraduateFileError {
  const zh =
    what === 'count'
      ? `超过 ${limits.maxSharedStrings / 10000} 万个不同的文字单元格`
      : what === 'chars'
        ? `文字总量超过 ${limits.maxSharedStringChars / 1e6} 百万字`
        : `文字表（sharedStrings.xml）解压后超过 ${mb(limits.maxSharedStringsBytes)}`;
  const en =
    what === 'count'
      ? `more than ${limits.maxSharedStrings.toLocaleString('en-US')} distinct text cells`
      : what === 'chars'
        ? `more than ${limits.maxSharedStringChars.toLocaleString('en-US')} characters of text`
        : `the text table (sharedStrings.xml) is larger than ${mb(limits.maxSharedStringsBytes)} unzipped`;
  return new GraduateFileError(
    'TOO_MUCH_TEXT',
    `文件中的文字内容过多（${zh}），请删除多余的内容或拆分后分批上传`,
    `The file holds too much text (${en}); remove what is not needed or split it and upload in parts`,
    {
      limit: what,
    },
  );
}

function readEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const out: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      out.push(e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(out));
    zip.on('error', reject);
    zip.readEntry();
  });
}

function check(entries: yauzl.Entry[], limits: XlsxLimits): void {
  // the plainest reason first: too big once unzipped, then an oversized text table, then the ratio
  const total = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  if (total > limits.maxTotalUncompressed) throw unzippedTooLarge(limits, { declaredUncompressedBytes: total });
  const ss = entries.find((e) => e.fileName === 'xl/sharedStrings.xml');
  if (ss && ss.uncompressedSize > limits.maxSharedStringsBytes) throw sharedStringsTooLarge(limits, 'bytes');
  for (const e of entries) {
    if (e.uncompressedSize < limits.ratioMinBytes) continue;
    const ratio = e.compressedSize > 0 ? e.uncompressedSize / e.compressedSize : Infinity;
    if (ratio <= limits.maxRatio) continue;
    const r = Number.isFinite(ratio) ? Math.round(ratio) : '∞';
    throw suspiciousArchive(
      `${e.fileName} 的压缩比为 ${r}:1，超过 ${limits.maxRatio}:1`,
      `${e.fileName} is compressed ${r}:1, more than ${limits.maxRatio}:1`,
      {
        part: e.fileName,
        ratio: Number.isFinite(ratio) ? Math.round(ratio) : null,
        maxRatio: limits.maxRatio,
      },
    );
  }
}
