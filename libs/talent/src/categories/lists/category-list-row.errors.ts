import { parseResidentId, RESIDENT_ID_MESSAGES } from '@app/core';
import { regionDirectory } from '../../regions';
import { CategoryListRow } from '../../ports/category-list-reader.port';

/** A bad row of a list: where it is (row, column letter, the bureau's header text) and why, in zh-CN and English. */
export interface CategoryListRowError {
  row: number;
  column: string;
  header: string;
  code: 'REQUIRED' | 'ID_EXCEL_NUMBER' | 'ID_15_DIGIT' | 'ID_FORMAT' | 'ID_CHECK_DIGIT' | 'ID_BIRTH_DATE' | 'ID_REGION' | 'ID_DUPLICATE';
  messageZh: string;
  messageEn: string;
}

const EXCEL_SCI = /^[+-]?\d+(\.\d+)?e\+?\d+$/i;

/** "１５０９０２ ２００３…x" → "1509022003…X": full-width, spaces, apostrophes and quotes as people paste them. */
export function cleanIdText(raw: string): string {
  return String(raw ?? '')
    .normalize('NFKC')
    .replace(/[\s'‘’"“”`\u200b]/g, '')
    .toUpperCase();
}

/**
 * The normalised ID number of a row, or its error. Messages never repeat the ID number: the row and column say which
 * one (the response is the bureau's own data, but nothing of an ID number is kept or logged here).
 */
export function checkListRow(
  r: CategoryListRow,
  col: { letter: string; header: string },
  today: Date,
): { ok: true; idNumber: string } | { ok: false; error: CategoryListRowError } {
  const fail = (code: CategoryListRowError['code'], zh: string, en: string) =>
    ({ ok: false, error: { row: r.rowNumber, column: col.letter, header: col.header, code, messageZh: zh, messageEn: en } }) as const;
  const id = cleanIdText(r.idNumber);
  if (!id) return fail('REQUIRED', '身份证号不能为空', 'ID number is required');
  if (r.idStoredAsNumber || EXCEL_SCI.test(id)) {
    return fail(
      'ID_EXCEL_NUMBER',
      '身份证号被 Excel 存成了数字，后几位已丢失。请把该列设置为“文本”格式后重新填写',
      'The ID number was stored as a number by Excel and its last digits are lost; format the column as Text and re-enter it',
    );
  }
  if (/^\d{15}$/.test(id)) return fail('ID_15_DIGIT', '这是15位旧身份证号，请填写18位身份证号', 'This is an old 15-digit ID number; enter the 18-digit one');
  const parsed = parseResidentId(id, { regionKnown: (c) => regionDirectory().isKnown(c), today });
  if (!parsed.ok) {
    const m = RESIDENT_ID_MESSAGES[parsed.error];
    const code = ({ FORMAT: 'ID_FORMAT', CHECK_DIGIT: 'ID_CHECK_DIGIT', BIRTH_DATE: 'ID_BIRTH_DATE', REGION: 'ID_REGION' } as const)[parsed.error];
    return fail(code, m.zh, m.en);
  }
  return { ok: true, idNumber: parsed.info.normalized };
}
