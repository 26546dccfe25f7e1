/**
 * "问题行" report: the rejected rows with their original cells, plus
 * 行号 (row in the uploaded file), 列 (column letters with errors) and
 * 原因 (reasons). Written with exceljs' streaming writer, one committed row at
 * a time. The original header row is kept, so a school can fix the rows in
 * this file and upload it again (the extra columns are ignored by the reader).
 */
import { Writable } from 'stream';
import * as ExcelJS from 'exceljs';
import { columnLetter } from './graduate-columns';
import type { GraduateRowError } from './graduate-row-validator';

export const BAD_ROWS_SHEET_NAME = '问题行';

export interface BadRowsReportOptions {
  /** 'zh' (default) or 'zh-en' to append the English reason. */
  language?: 'zh' | 'zh-en';
}

export interface BadRowsReport {
  /** `raw` are the row's original cells by 0-based index. */
  addRow(rowNumber: number, raw: readonly string[], errors: readonly GraduateRowError[]): void;
  readonly count: number;
  /** Flushes and closes the workbook; resolves once everything is handed to `out`. */
  finish(): Promise<void>;
}

const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };

export function createBadRowsReport(out: Writable, headers: readonly string[], opts: BadRowsReportOptions = {}): BadRowsReport {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(BAD_ROWS_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  const width = headers.length;
  // 行号 | original columns… | 列 | 原因
  ws.columns = [
    { key: '_row', width: 7 },
    ...headers.map((h) => ({ width: Math.min(Math.max(10, h.length * 2 + 4), 24), style: { numFmt: '@' } })),
    { key: '_cols', width: 10 },
    { key: '_reason', width: 60 },
  ];
  const head = ws.addRow(['行号', ...headers, '列', '原因']);
  head.font = { bold: true };
  head.commit();

  let count = 0;
  return {
    get count() {
      return count;
    },
    addRow(rowNumber, raw, errors) {
      const n = Math.max(width, raw.length);
      const cells: (string | number)[] = [rowNumber];
      for (let i = 0; i < n; i++) cells.push(raw[i] ?? '');
      const letters = [...new Set(errors.map((e) => e.column).filter(Boolean))];
      const reasons = errors.map((e) => {
        const where = e.column ? `${e.header}(${e.column})` : e.header;
        return opts.language === 'zh-en' ? `${where}：${e.reason_zh} / ${e.reason_en}` : `${where}：${e.reason_zh}`;
      });
      const row = ws.addRow([...cells, letters.join(','), reasons.join('；\n')]);
      for (let i = 2; i <= n + 1; i++) row.getCell(i).numFmt = '@';
      for (const e of errors) {
        if (!e.column) continue;
        const idx = letterIndex(e.column);
        if (idx >= 0) row.getCell(idx + 2).fill = ERROR_FILL;
      }
      row.getCell(n + 3).alignment = { wrapText: true, vertical: 'top' };
      row.commit();
      count++;
    },
    async finish() {
      await ws.commit();
      await wb.commit();
    },
  };
}

function letterIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const c = ch.charCodeAt(0) - 64;
    if (c < 1 || c > 26) return -1;
    n = n * 26 + c;
  }
  return n - 1;
}

/** Convenience: writes a whole report from an iterable of rejected rows. */
export async function writeBadRowsReport(
  out: Writable,
  headers: readonly string[],
  rows:
    | AsyncIterable<{ rowNumber: number; raw: readonly string[]; errors: readonly GraduateRowError[] }>
    | Iterable<{
        rowNumber: number;
        raw: readonly string[];
        errors: readonly GraduateRowError[];
      }>,
  opts?: BadRowsReportOptions,
): Promise<number> {
  const report = createBadRowsReport(out, headers, opts);
  for await (const r of rows) report.addRow(r.rowNumber, r.raw, r.errors);
  await report.finish();
  return report.count;
}

export { columnLetter };
