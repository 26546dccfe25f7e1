import * as fs from 'fs';
import { Readable } from 'stream';
import * as ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { readGraduateFile, GraduateFileError, detectCsvEncoding } from './graduate-file-reader';
import { MANIFEST, expectation, fixture, processFile } from './graduate-import.test-helpers';

async function refused(name: string, input?: Readable | string) {
  try {
    const file = await readGraduateFile(input ?? fixture(name), name);
    for await (const _ of file) void _;
  } catch (e) {
    return e as GraduateFileError;
  }
  throw new Error(`${name} was not refused`);
}

describe('readGraduateFile – fixtures made by LibreOffice', () => {
  const readable = MANIFEST.filter((m) => !m.fileError);

  it.each(readable.map((m) => [m.file, m] as const))('%s: header, mapping, counts, encoding', async (name, exp) => {
    const p = await processFile(name);
    const { file } = p;
    expect(file.format).toBe(exp.format);
    if (exp.encoding) expect(file.encoding).toBe(exp.encoding);
    if (exp.format === 'xlsx') expect(file.sheetName).toBe(exp.sheetName);
    expect(file.headerRowNumber).toBe(exp.headerRow);
    const letters = Object.fromEntries(Object.entries(file.mapping.columns).map(([f, c]) => [f, c!.letter]));
    expect(letters).toEqual(exp.columns);
    expect(p.rows).toHaveLength(exp.dataRows!);
    expect(file.stats.dataRows).toBe(exp.dataRows);
    if (exp.unmappedRowsSkipped !== undefined) expect(file.stats.unmappedRowsSkipped).toBe(exp.unmappedRowsSkipped);
    // first data row is the row right under the header, with the right values
    const first = p.rows[0];
    expect(first.rowNumber).toBe(exp.firstRecord!.rowNumber);
    expect(first.cells.name).toBe(exp.firstRecord!.name);
    expect(first.cells.major).toBe(exp.firstRecord!.major);
    // row numbers increase and no text was garbled
    for (let i = 1; i < p.rows.length; i++) expect(p.rows[i].rowNumber).toBeGreaterThan(p.rows[i - 1].rowNumber);
    expect(p.rows.some((r) => r.raw.some((c) => c.includes('\ufffd')))).toBe(false);
    if (exp.names) expect(p.rows.map((r) => r.cells.name)).toEqual(exp.names);
  });

  it('utf8.csv: quoted field with a comma stays one cell', async () => {
    const p = await processFile('utf8.csv');
    expect(p.rows[7].cells.major).toBe('计算机应用技术(软件,网络方向)');
    expect(p.rows[3].cells.name).toBe('阿拉坦·其木格');
    expect(p.file.delimiter).toBe(',');
  });

  it('gbk.csv: detected as GBK, GBK-only characters decoded, CRLF handled, dates as shown', async () => {
    const bytes = fs.readFileSync(fixture('gbk.csv'));
    expect(detectCsvEncoding(bytes, true)).toBe('gbk');
    expect(bytes.includes(Buffer.from('\r\n'))).toBe(true);
    const p = await processFile('gbk.csv');
    expect(p.file.encoding).toBe('gbk');
    expect(p.rows.slice(0, 3).map((r) => r.cells.name)).toEqual(['李珺', '王喆', '赵堃']);
    expect(p.rows[0].cells.graduationYear).toMatch(/^20\d\d\/6\/30$/);
    expect(p.rows.every((r) => !r.raw.some((c) => c.includes('\r')))).toBe(true);
    expect(p.file.mapping.columns.phone?.header).toBe('手机');
  });

  it('utf8-bom.csv: BOM detected and stripped from the first header cell', async () => {
    const p = await processFile('utf8-bom.csv');
    expect(p.file.encoding).toBe('utf-8-bom');
    expect(p.file.mapping.headers[0]).toBe('序号');
    expect(p.rows[0].cells.graduationYear).toMatch(/^20\d\d届$/);
  });

  it('title-row-merged.xlsx: header under the merged title; merged ranges reported after reading', async () => {
    const p = await processFile('title-row-merged.xlsx');
    expect(p.file.headerRowNumber).toBe(2);
    expect(p.file.mergedCells).toEqual(expectation('title-row-merged.xlsx').mergedCells);
    // known limitation: inside a vertical merge only the top cell has a value
    expect(p.rows[0].cells.className).not.toBe('');
    expect(p.rows.slice(1, 4).map((r) => r.cells.className)).toEqual(['', '', '']);
  });

  it('trailing-empty-rows.xlsx: skips formatted empty rows and 序号-only rows', async () => {
    const p = await processFile('trailing-empty-rows.xlsx');
    expect(p.rows).toHaveLength(20);
    expect(p.rows[19].rowNumber).toBe(21);
    expect(p.file.stats.unmappedRowsSkipped).toBe(40);
  });

  it('wps-style.xlsx: skips the instructions sheet and finds the header in row 3', async () => {
    const p = await processFile('wps-style.xlsx');
    expect(p.file.sheetName).toBe('2026届');
    expect(p.file.headerRowNumber).toBe(3);
    expect(p.file.mapping.columns.idNumber?.header).toBe('*公民身份号码\n（18位）');
    expect(p.file.mapping.unmapped.map((u) => u.header)).toEqual(['序号', '备注']);
  });

  it('ten-percent-invalid.xlsx: ID stored as a number, dates as dates, phones as numbers', async () => {
    const p = await processFile('ten-percent-invalid.xlsx');
    expect(p.rows).toHaveLength(200);
    expect(p.rows[14].kinds.idNumber).toBe('number');
    expect(p.rows[0].kinds.graduationYear).toBe('date');
    expect(p.rows[0].cells.graduationYear).toMatch(/^20\d\d-07-01$/);
    expect(p.rows[1].kinds.phone).toBe('number');
    expect(p.rows[1].cells.phone).toMatch(/^1\d{10}$/);
  });
});

describe('readGraduateFile – refused files', () => {
  const broken = MANIFEST.filter((m) => m.fileError);

  it.each(broken.map((m) => [m.file, m] as const))('%s is refused with the right code', async (name, exp) => {
    const err = await refused(name);
    expect(err).toBeInstanceOf(GraduateFileError);
    expect(err.code).toBe(exp.fileError);
    expect(err.message).toContain(' / ');
  });

  it('missing-id-column.csv names the missing column in both languages', async () => {
    const err = await refused('missing-id-column.csv');
    expect(err.message).toBe('缺少必需列：身份证号（表头在第 1 行） / Missing required column: 身份证号 (header found in row 1)');
    expect(err.details.missing).toEqual(['idNumber']);
  });

  it('throws before any row is yielded (the await rejects)', async () => {
    await expect(readGraduateFile(fixture('no-header.xlsx'), 'no-header.xlsx')).rejects.toMatchObject({ code: 'NO_HEADER' });
    await expect(readGraduateFile(fixture('legacy.xls'), 'legacy.xls')).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
  });

  it('a truncated xlsx is CORRUPT_FILE', async () => {
    const bytes = fs.readFileSync(fixture('ten-percent-invalid.xlsx'));
    const err = await refused('cut.xlsx', Readable.from([bytes.subarray(0, Math.floor(bytes.length / 2))]));
    expect(['CORRUPT_FILE', 'NO_HEADER']).toContain(err.code);
  });

  it('TOO_MANY_ROWS once maxRows is exceeded', async () => {
    const file = await readGraduateFile(fixture('ten-percent-invalid.xlsx'), 'x.xlsx', { maxRows: 50 });
    let n = 0;
    await expect(
      (async () => {
        for await (const _ of file) n++;
      })(),
    ).rejects.toMatchObject({ code: 'TOO_MANY_ROWS' });
    expect(n).toBe(50);
  });

  it('only required columns count for header detection', async () => {
    const csv = '学号,姓名,班级\n1,张三,物流2201班\n';
    const err = await refused('x.csv', Readable.from([Buffer.from(csv)]));
    expect(err.code).toBe('MISSING_REQUIRED_COLUMNS');
    expect(err.details.missingLabels).toEqual(['身份证号', '专业', '毕业年份']);
  });
});

describe('readGraduateFile – streams and encodings', () => {
  const header = '姓名,身份证号,专业,毕业年份\n';
  const line = '乌日罕,15090220030615002X,现代物流管理,2025\n';

  it('reads from a Readable delivered in 1-byte chunks (multi-byte characters split)', async () => {
    const bytes = Buffer.from(header + line.repeat(3));
    const chunks = Array.from(bytes, (b) => Buffer.from([b]));
    const file = await readGraduateFile(Readable.from(chunks), 'x.csv', { sniffBytes: 7 });
    const rows = [];
    for await (const r of file) rows.push(r);
    expect(rows.map((r) => r.cells.name)).toEqual(['乌日罕', '乌日罕', '乌日罕']);
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 4]);
  });

  it('GBK detection works when the sniff window ends inside a character', async () => {
    const bytes = iconv.encode(header + line, 'gbk');
    const file = await readGraduateFile(Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]), 'x.csv', { sniffBytes: 5 });
    const rows = [];
    for await (const r of file) rows.push(r);
    expect(file.encoding).toBe('gbk');
    expect(rows[0].cells.name).toBe('乌日罕');
  });

  it('reads UTF-16LE tab-separated text (Excel “Unicode 文本”)', async () => {
    const text = (header + line).replace(/,/g, '\t').replace(/\n/g, '\r\n');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    const file = await readGraduateFile(Readable.from([bytes]), 'x.txt');
    const rows = [];
    for await (const r of file) rows.push(r);
    expect(file.encoding).toBe('utf-16le');
    expect(file.delimiter).toBe('\t');
    expect(rows[0].cells.idNumber).toBe('15090220030615002X');
  });

  it('xlsx with > 64 KiB of Chinese shared strings is not garbled (exceljs chunk-boundary bug)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '身份证号', '专业', '毕业年份']);
    for (let i = 0; i < 3000; i++) ws.addRow([`乌兰察布${i}号同学`, '15090220030615002X', `呼叫中心服务与管理专业第${i}方向`, 2025]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const file = await readGraduateFile(Readable.from([buf]), 'big.xlsx');
    let bad = 0;
    let n = 0;
    for await (const r of file) {
      n++;
      if (r.raw.some((c) => c.includes('\ufffd'))) bad++;
    }
    expect(n).toBe(3000);
    expect(bad).toBe(0);
  });

  it('close() in the middle releases the input', async () => {
    const stream = fs.createReadStream(fixture('ten-percent-invalid.xlsx'));
    const file = await readGraduateFile(stream, 'x.xlsx');
    let n = 0;
    for await (const _ of file) {
      if (++n === 10) break;
    }
    expect(n).toBe(10);
    expect(stream.destroyed).toBe(true);
  });
});
