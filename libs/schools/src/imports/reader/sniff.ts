/**
 * Looks at the first bytes of an upload and picks the RowSource that reads
 * it (zip → XlsxRowSource, text → CsvRowSource), or refuses it with a reason
 * a school admin understands (legacy .xls, an image, a PDF, a web page…).
 */
import * as fs from 'fs';
import { Readable } from 'stream';
import { GraduateFileError } from '../graduate-file-error';
import { GuardedZip, XLSX_LIMITS, XlsxLimits } from '../xlsx-zip-guard';
import { CsvRowSource } from './csv-row-source';
import { startsWith, utf16Bom } from './encodings';
import { peek } from './peek';
import { RowSource } from './row-source';
import { XlsxRowSource, spool } from './xlsx-row-source';

export const DEFAULT_SNIFF_BYTES = 64 * 1024;

export interface SniffOptions {
  /** Force a CSV encoding instead of detecting it. */
  encoding?: 'utf-8' | 'gbk';
  /** Bytes sniffed for format/encoding detection (default 64 KiB). */
  sniffBytes?: number;
  /** Overrides of XLSX_LIMITS (zip, shared strings, columns); the column cap applies to CSV too. */
  limits?: Partial<XlsxLimits>;
}

export async function sniff(input: Readable | string, fileName: string, opts: SniffOptions = {}): Promise<RowSource> {
  const source = typeof input === 'string' ? fs.createReadStream(input) : input;
  let peeked: Awaited<ReturnType<typeof peek>>;
  try {
    peeked = await peek(source, opts.sniffBytes ?? DEFAULT_SNIFF_BYTES);
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
  const limits: XlsxLimits = { ...XLSX_LIMITS, ...opts.limits };

  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    let zipInput: string | Buffer;
    if (typeof input === 'string') {
      peeked.stream.destroy();
      source.destroy();
      zipInput = input;
    } else {
      zipInput = await spool(peeked.stream, limits.maxStreamBytes).finally(() => source.destroy());
    }
    return new XlsxRowSource(await GuardedZip.open(zipInput, limits));
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
  return new CsvRowSource(peeked, source, limits, opts.encoding);
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

/** What a non-spreadsheet upload is (png, pdf, html…), or null when it may be CSV text. */
export function sniffBinary(head: Buffer): string | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(head, [0x42, 0x4d]) && head.length > 14 && head.readUInt32LE(2) > 0 && head[6] === 0) return 'bmp';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(head, [0x1f, 0x8b]) || startsWith(head, [0x52, 0x61, 0x72, 0x21]) || startsWith(head, [0x37, 0x7a, 0xbc, 0xaf])) return 'archive';
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
