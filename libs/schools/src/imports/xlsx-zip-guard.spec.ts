import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import {
  farColumnCell,
  inflatingSheet,
  lyingSheet,
  moderateTextBomb,
  sharedStringsBomb,
  HEADER,
  inlineRow,
  xlsxWithSheet,
} from '../../../../tools/fixtures/hostile-xlsx';
import { GraduateFileError, ReadGraduateFileOptions, readGraduateFile } from './graduate-file-reader';
import { XLSX_LIMITS } from './xlsx-zip-guard';

/** Reads the whole file (header and every row); returns the error it was refused with. */
async function refusal(buf: Buffer, opts: ReadGraduateFileOptions = {}, asPath = true): Promise<GraduateFileError> {
  const file = path.join(os.tmpdir(), `hostile-${process.pid}-${Math.random().toString(36).slice(2)}.xlsx`);
  fs.writeFileSync(file, buf);
  try {
    const gf = await readGraduateFile(asPath ? file : Readable.from(buf), 'list.xlsx', opts);
    for await (const _ of gf) void _;
  } catch (e) {
    if (!(e instanceof GraduateFileError)) throw e;
    return e;
  } finally {
    fs.rmSync(file, { force: true });
  }
  throw new Error('the file was not refused');
}

const heapMb = () => process.memoryUsage().heapUsed / 1048576;

describe('hostile xlsx files are refused before they cost memory, disk or CPU', () => {
  it('a shared-strings bomb (15 million strings, ~250 MB inflated, ~0.6 MB on disk) is refused from the central directory', async () => {
    const buf = sharedStringsBomb();
    expect(buf.length).toBeLessThan(2 * 1048576);
    const before = heapMb();
    const t = Date.now();
    const e = await refusal(buf);
    expect(Date.now() - t).toBeLessThan(5000); // nothing was inflated (parsing 250 MB of XML takes far longer)
    expect(e.code).toBe('UNZIPPED_TOO_LARGE');
    expect(e.messageZh).toContain('文件解压后超过 200 MB');
    expect(e.messageEn).toContain('larger than 200 MB once unzipped');
    expect(heapMb() - before).toBeLessThan(50);
  });

  it('a sheet that inflates to 300 MB is refused from the central directory, never written to the temp dir', async () => {
    const tmpBefore = new Set(fs.readdirSync(os.tmpdir()));
    const e = await refusal(inflatingSheet(), {}, false);
    expect(e.code).toBe('UNZIPPED_TOO_LARGE');
    expect(e.details).toMatchObject({ declaredUncompressedBytes: expect.any(Number) });
    // Other test files running in parallel make small temp files; a spilled sheet would be a new file of megabytes.
    const bigNewFiles = fs
      .readdirSync(os.tmpdir())
      .filter((f) => !tmpBefore.has(f))
      .filter((f) => {
        try {
          return fs.statSync(path.join(os.tmpdir(), f)).size >= 1048576;
        } catch {
          return false; // gone already
        }
      });
    expect(bigNewFiles).toEqual([]);
  });

  it('a sheet whose zip headers lie about its size: header rows read, then refused once it inflates past the declared size', async () => {
    const buf = lyingSheet();
    const gf = await readGraduateFile(Readable.from(buf), 'lie.xlsx'); // the header and first rows are fine
    expect(gf.mapping.missingRequired).toEqual([]);
    let rows = 0;
    let err: unknown;
    try {
      for await (const _ of gf) rows++;
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GraduateFileError);
    expect((err as GraduateFileError).code).toBe('SUSPICIOUS_ARCHIVE');
    expect((err as GraduateFileError).messageZh).toContain('解压后的大小与文件声明的不符');
    expect(rows).toBe(5);
  });

  it('a value in column XFD is refused naming the row and the column, without building a 16k-wide row', async () => {
    const e = await refusal(farColumnCell(30, 25));
    expect(e.code).toBe('TOO_MANY_COLUMNS');
    expect(e.messageZh).toBe('第 25 行 XFD 列超出了允许的 256 列（A–IV）。请删除右侧多余的列后重新上传');
    expect(e.messageEn).toContain('Column XFD of row 25');
    expect(e.details).toMatchObject({ row: 25, column: 'XFD', maxColumns: 256 });
    // in the header rows it is refused while looking for the header (the upload request)
    const wideHeader = xlsxWithSheet(
      `<worksheet><sheetData>${inlineRow(1, [...HEADER.map((h, i) => [i, h] as [number, string]), [16383, '备注']])}</sheetData></worksheet>`,
    );
    await expect(readGraduateFile(Readable.from(wideHeader), 'x.xlsx')).rejects.toMatchObject({ code: 'TOO_MANY_COLUMNS', details: { row: 1, column: 'XFD' } });
    // column IV (256) is still fine
    const gf = await readGraduateFile(Readable.from(farColumnCell(30, 25, 255)), 'x.xlsx');
    let n = 0;
    for await (const r of gf) n = Math.max(n, r.raw.length);
    expect(n).toBe(256);
  });

  it('references beyond any sheet (4-letter columns, <col max> in the millions) are refused before exceljs sees them', async () => {
    const sheet = (body: string) => xlsxWithSheet(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${body}</worksheet>`);
    const far = await refusal(sheet(`<sheetData>${inlineRow(1, HEADER)}<row r="2"><c r="ABCD2" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`));
    expect(far).toMatchObject({ code: 'TOO_MANY_COLUMNS', details: { column: 'ABCD', row: 2 } });
    const cols = await refusal(sheet(`<cols><col min="1" max="2000000000" width="9"/></cols><sheetData>${inlineRow(1, HEADER)}</sheetData>`));
    expect(cols.code).toBe('TOO_MANY_COLUMNS');
  });

  it('the shared-strings table is capped by count and by characters while it is read (limits lowered for speed)', async () => {
    const count = await refusal(moderateTextBomb(20_000), { limits: { maxSharedStrings: 10_000 } });
    expect(count.code).toBe('TOO_MUCH_TEXT');
    expect(count.messageEn).toContain('more than 10,000 distinct text cells');
    const chars = await refusal(moderateTextBomb(20_000), { limits: { maxSharedStringChars: 50_000 } });
    expect(chars).toMatchObject({ code: 'TOO_MUCH_TEXT', details: { limit: 'chars' } });
    const bytes = await refusal(moderateTextBomb(20_000), { limits: { maxSharedStringsBytes: 100_000 } });
    expect(bytes).toMatchObject({ code: 'TOO_MUCH_TEXT', details: { limit: 'bytes' } });
    // the real limits let a 20,000-string table through
    const ok = await readGraduateFile(Readable.from(moderateTextBomb(20_000)), 'ok.xlsx');
    let rows = 0;
    for await (const _ of ok) rows++;
    expect(rows).toBe(5);
  });

  it('too many entries, a suspicious ratio and a giant text node are refused', async () => {
    const many = await refusal(farColumnCell(3, 99), { limits: { maxEntries: 3 } });
    expect(many).toMatchObject({ code: 'SUSPICIOUS_ARCHIVE', details: { entries: 5, maxEntries: 3 } });
    const ratio = await refusal(inflatingSheet(20)); // 20 MB: under the total, far over 100:1
    expect(ratio).toMatchObject({ code: 'SUSPICIOUS_ARCHIVE', details: { part: 'xl/worksheets/sheet1.xml', maxRatio: XLSX_LIMITS.maxRatio } });
    expect(ratio.messageZh).toContain('压缩比');
    const run = await refusal(
      xlsxWithSheet(
        `<worksheet><sheetData>${inlineRow(1, HEADER)}<row r="2"><c r="A2" t="inlineStr"><is><t>${'x'.repeat(2_000_000)}</t></is></c></row></sheetData></worksheet>`,
      ),
      { limits: { maxRatio: 1e9 } },
    );
    expect(run.code).toBe('SUSPICIOUS_ARCHIVE');
    expect(run.messageEn).toContain('run of text longer than 1024 KB');
  });

  it('CSV: a value beyond column IV is refused with row and column; trailing empty fields are not', async () => {
    const line = (cells: string[]) => cells.join(',') + '\r\n';
    const good = ['张三', '150902200305170012', '女', '', '物流', '大专', '2025', '1班', '1'];
    const wide = [...good, ...new Array(300).fill(''), '备注'];
    const file = line(HEADER) + line(good) + line(wide);
    await expect(
      (async () => {
        const gf = await readGraduateFile(Readable.from(Buffer.from(file)), 'w.csv');
        for await (const _ of gf) void _;
      })(),
    ).rejects.toMatchObject({ code: 'TOO_MANY_COLUMNS', details: { row: 3, column: 'KX' } });
    const trailing = line(HEADER) + line([...good, ...new Array(400).fill('')]);
    const gf = await readGraduateFile(Readable.from(Buffer.from(trailing)), 't.csv');
    const rows = [];
    for await (const r of gf) rows.push(r);
    expect(rows).toHaveLength(1);
    expect(rows[0].raw.length).toBe(256);
  });

  it('CSV: an unclosed quote that swallows the file is refused with the row named', async () => {
    const file = HEADER.join(',') + '\r\n' + '"张三' + ',x'.repeat(200_000) + '\r\n';
    await expect(
      (async () => {
        const gf = await readGraduateFile(Readable.from(Buffer.from(file)), 'q.csv');
        for await (const _ of gf) void _;
      })(),
    ).rejects.toMatchObject({ code: 'CORRUPT_FILE', details: { row: 2 } });
  });
});
