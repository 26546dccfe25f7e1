import { Readable } from 'stream';
import * as ExcelJS from 'exceljs';
import { GraduateFileError } from '../graduate-file-error';
import { CsvRowSource } from './csv-row-source';
import { openGraduateFile } from './graduate-file';
import { RowSource, SourceRow } from './row-source';
import { sniff } from './sniff';
import { XlsxRowSource } from './xlsx-row-source';

const HEADER = ['序号', '姓名', '身份证号', '专业', '毕业年份', '手机号'];
const ROWS = [
  [1, '王晓燕', '150902200305170012', '软件技术', 2025, '13800000001'],
  [2, '阿拉坦·其木格', '15092220040602092X', '计算机应用技术(软件,网络方向)', 2025, ''],
  [],
  [3, '李珺', '150981200501219630', '旅游管理', 2026, '13912345678'],
];

async function xlsx(title = false): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('毕业生名单');
  if (title) ws.addRow(['2025届毕业生名单']);
  ws.addRow(HEADER);
  for (const r of ROWS) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const csvText = () => [HEADER, ...ROWS].map((r) => r.map((c) => (String(c).includes(',') ? `"${c}"` : String(c))).join(',')).join('\r\n') + '\r\n';

async function drain(source: RowSource, width: number): Promise<SourceRow[]> {
  const out: SourceRow[] = [];
  for await (const r of source.rows(width)) out.push(r);
  return out;
}

describe('RowSource: one interface, two formats', () => {
  it('sniff() picks XlsxRowSource for a workbook and CsvRowSource for text, whatever the file is called', async () => {
    expect(await sniff(Readable.from([await xlsx()]), 'list.csv')).toBeInstanceOf(XlsxRowSource);
    const csv = await sniff(Readable.from([Buffer.from(csvText())]), 'list.txt');
    expect(csv).toBeInstanceOf(CsvRowSource);
    expect([csv.format, csv.encoding, csv.delimiter, csv.sheetName]).toEqual(['csv', 'utf-8', ',', null]);
    await csv.close();
  });

  it('both sources find the same header and hand out the same rows as text; only xlsx knows cell kinds', async () => {
    const x = await sniff(Readable.from([await xlsx(true)]), 'list.xlsx');
    const c = await sniff(Readable.from([Buffer.from(csvText())]), 'list.csv');
    const hx = await x.header(20);
    const hc = await c.header(20);
    expect(hx.rowNumber).toBe(2); // the title row is skipped
    expect(hc.rowNumber).toBe(1);
    expect(hx.mapping.headers).toEqual(hc.mapping.headers);
    expect(x.sheetName).toBe('毕业生名单');
    const width = hx.mapping.headers.length;
    const rx = await drain(x, width);
    const rc = await drain(c, width);
    const text = (rows: SourceRow[]) => rows.map((r) => r.texts.slice(0, width)).filter((t) => t.some((v) => v !== ''));
    expect(text(rx)).toEqual(text(rc));
    expect(text(rx)).toHaveLength(3);
    expect(rx.map((r) => r.number)).toEqual([3, 4, 6]); // exceljs skips the row that was never written
    expect(rc.map((r) => r.number)).toEqual([2, 3, 4, 5]);
    expect(rx[0].kinds?.slice(0, 5)).toEqual(['number', 'text', 'text', 'text', 'number']);
    expect(rc[0].kinds).toBeNull();
    await x.close();
    await x.close(); // idempotent
  });

  it('openGraduateFile maps any source the same way: empty rows skipped and counted, the row cap enforced', async () => {
    for (const make of [async () => sniff(Readable.from([await xlsx()]), 'a.xlsx'), async () => sniff(Readable.from([Buffer.from(csvText())]), 'a.csv')]) {
      const file = await openGraduateFile(await make());
      const names: string[] = [];
      for await (const r of file) names.push(r.cells.name!);
      expect(names).toEqual(['王晓燕', '阿拉坦·其木格', '李珺']);
      expect(file.stats.dataRows).toBe(3);
      const capped = await openGraduateFile(await make(), { maxRows: 2 });
      const err = await (async () => {
        for await (const _ of capped) void _;
      })().then(
        () => null,
        (e) => e,
      );
      expect(err).toBeInstanceOf(GraduateFileError);
      expect(err.code).toBe('TOO_MANY_ROWS');
    }
  });

  it('a source that finds no header releases its input and says why', async () => {
    const c = await sniff(Readable.from([Buffer.from('a,b,c\n1,2,3\n')]), 'x.csv');
    await expect(c.header(20)).rejects.toMatchObject({ code: 'NO_HEADER' });
  });
});
