import { shanghaiDateTime } from '@app/core';
import * as ExcelJS from 'exceljs';
import type { Writable } from 'stream';

/** What a REST handler writes a spreadsheet to (express's response). */
export type HttpResponse = Writable & { setHeader(name: string, value: string): void };

export interface SheetColumn {
  header: string;
  width: number;
  /** Stored as text (ids, yuan amounts with two decimals), so Excel keeps leading zeros and exact figures. */
  text?: boolean;
}
export type Cell = string | number;

/** The bureau's name on every file it exports. */
const CREATOR = '乌兰察布市人力资源和社会保障局';

/** Yuan with two decimals from integer fen ('' for none), as text: no float ever touches the amount. */
export function yuanText(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A Shanghai date-time, '' for none. */
export const atText = (d: Date | null | undefined): string => (d ? shanghaiDateTime(d) : '');

/** `<stem>-YYYYMMDD.xlsx`, the day in Asia/Shanghai. */
export const datedFileName = (stem: string, now: Date): string => `${stem}-${shanghaiDateTime(now).slice(0, 10).replace(/-/g, '')}.xlsx`;

/** The download headers: an ASCII fallback name and the Chinese name (RFC 5987), never cached. */
export function sendXlsx(res: HttpResponse, asciiName: string, fileName: string): void {
  res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.setHeader('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  res.setHeader('Cache-Control', 'no-store');
}

/**
 * Streams one sheet (bold frozen header row, then the rows `fill` adds) with ExcelJS's WorkbookWriter: each row is
 * committed as it is added, so a long list never sits in memory. Returns the number of rows written.
 */
export async function writeSheet(
  out: Writable,
  sheet: { name: string; columns: readonly SheetColumn[]; created: Date },
  fill: (add: (cells: readonly Cell[]) => void) => Promise<void>,
): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = CREATOR;
  wb.created = sheet.created;
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = sheet.columns.map((c) => ({ width: c.width, ...(c.text ? { style: { numFmt: '@' } } : {}) }));
  const head = ws.addRow(sheet.columns.map((c) => c.header));
  head.font = { bold: true };
  head.commit();
  let n = 0;
  await fill((cells) => {
    ws.addRow([...cells]).commit();
    n++;
  });
  ws.commit();
  await wb.commit();
  return n;
}

/** Every page of a paged list, `size` rows at a time, until `total` is reached. */
export async function* pages<T>(load: (first: number, offset: number) => Promise<{ items: T[]; total: number }>, size = 500): AsyncGenerator<T> {
  for (let offset = 0; ;) {
    const page = await load(size, offset);
    yield* page.items;
    offset += page.items.length;
    if (!page.items.length || offset >= page.total) return;
  }
}
