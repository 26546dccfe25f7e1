import { PassThrough, Readable } from 'stream';
import * as ExcelJS from 'exceljs';
import { writeGraduateTemplate, TEMPLATE_SHEET_NAME, TEMPLATE_NOTES_SHEET_NAME } from './graduate-template';
import { createBadRowsReport, writeBadRowsReport, BAD_ROWS_SHEET_NAME } from './bad-rows-report';
import { readGraduateFile } from './graduate-file-reader';
import { validateGraduateFile, GraduateRowError } from './graduate-row-validator';
import { deps, fixture, processFile } from './graduate-import.test-helpers';

async function toBuffer(write: (out: PassThrough) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => out.on('end', resolve));
  await write(out);
  await done;
  return Buffer.concat(chunks);
}

describe('template', () => {
  it('has a header, an example row, text-formatted ID column and a notes sheet', async () => {
    const buf = await toBuffer((out) => writeGraduateTemplate(out));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet(TEMPLATE_SHEET_NAME)!;
    expect(ws.getRow(1).values).toEqual([undefined, '*姓名', '*身份证号', '性别', '手机号', '*专业', '学历', '*毕业年份', '班级', '学号', '邮箱', '生源地']);
    expect(ws.getCell('B2').value).toBe('15090220030615002X');
    expect(ws.getColumn(2).numFmt).toBe('@');
    expect(ws.getCell('B2').numFmt).toBe('@');
    expect(wb.getWorksheet(TEMPLATE_NOTES_SHEET_NAME)!.rowCount).toBeGreaterThan(10);
  });

  it('round-trips through the reader; the example row is rejected', async () => {
    const buf = await toBuffer((out) => writeGraduateTemplate(out));
    const file = await readGraduateFile(Readable.from([buf]), 'template.xlsx');
    expect(file.headerRowNumber).toBe(1);
    expect(file.mapping.missingRequired).toEqual([]);
    expect(Object.keys(file.mapping.columns)).toHaveLength(11);
    const results = [];
    for await (const r of validateGraduateFile(file, deps)) results.push(r.result);
    expect(results).toHaveLength(1);
    expect(!results[0].ok && results[0].errors.map((e) => e.code)).toEqual(['TEMPLATE_EXAMPLE']);
  });
});

describe('bad rows report', () => {
  it('writes rejected rows with 行号/列/原因 and can be re-uploaded', async () => {
    const file = await readGraduateFile(fixture('ten-percent-invalid.xlsx'), 'ten-percent-invalid.xlsx');
    const bad: { rowNumber: number; raw: string[]; errors: GraduateRowError[] }[] = [];
    for await (const { row, result } of validateGraduateFile(file, deps)) {
      if (!result.ok) bad.push({ rowNumber: row.rowNumber, raw: row.raw, errors: result.errors });
    }
    expect(bad).toHaveLength(20);

    const buf = await toBuffer((out) => writeBadRowsReport(out, file.mapping.headers, bad));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet(BAD_ROWS_SHEET_NAME)!;
    const headers = file.mapping.headers;
    expect(ws.getRow(1).values).toEqual([undefined, '行号', ...headers, '列', '原因']);
    expect(ws.rowCount).toBe(21);
    const r2 = ws.getRow(2);
    expect(r2.getCell(1).value).toBe(bad[0].rowNumber);
    expect(r2.getCell(headers.length + 2).value).toBe('C');
    expect(String(r2.getCell(headers.length + 3).value)).toContain('*身份证号(C)：身份证号校验位错误');
    // the ID that Excel had turned into a number is written back as text
    const sciRow = ws.getRow(3);
    expect(typeof sciRow.getCell(4).value).toBe('string');
    expect((sciRow.getCell(4).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');

    // re-upload: the reader finds the original header and ignores 行号/列/原因
    const again = await processFile('ten-percent-invalid.xlsx'); // reference rows
    const reread = await readGraduateFile(Readable.from([buf]), 'bad-rows.xlsx');
    expect(reread.mapping.missingRequired).toEqual([]);
    const rows = [];
    for await (const r of reread) rows.push(r);
    expect(rows).toHaveLength(20);
    expect(rows[0].cells.name).toBe(again.rows.find((r) => r.rowNumber === bad[0].rowNumber)!.cells.name);
  });

  it('streams: rows can be added one by one', async () => {
    const buf = await toBuffer(async (out) => {
      const rep = createBadRowsReport(out, ['姓名', '身份证号'], { language: 'zh-en' });
      for (let i = 0; i < 1000; i++) {
        rep.addRow(
          i + 2,
          ['张三', 'x'],
          [{ row: i + 2, column: 'B', header: '身份证号', field: 'idNumber', code: 'ID_FORMAT', reason_zh: '格式错误', reason_en: 'bad format' }],
        );
      }
      expect(rep.count).toBe(1000);
      await rep.finish();
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(1001);
    expect(ws.getCell('E2').value).toBe('身份证号(B)：格式错误 / bad format');
  });
});
