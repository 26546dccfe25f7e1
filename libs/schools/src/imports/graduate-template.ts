/**
 * The downloadable template (毕业生名单导入模板.xlsx): header row, one example
 * row and a notes sheet. ID / phone / student-number / year columns are
 * formatted as Text so Excel does not turn ID numbers into 1.50902E+17.
 */
import { Writable } from 'stream';
import * as ExcelJS from 'exceljs';
import { EDUCATION_LABELS, GRADUATE_COLUMNS, GraduateField, columnLetter } from './graduate-columns';

export const TEMPLATE_FILE_NAME = '毕业生名单导入模板.xlsx';
export const TEMPLATE_SHEET_NAME = '毕业生名单';
export const TEMPLATE_NOTES_SHEET_NAME = '填写说明';

const TEXT_FIELDS: GraduateField[] = ['idNumber', 'phone', 'studentNo', 'graduationYear', 'className'];
const WIDTH: Partial<Record<GraduateField, number>> = {
  idNumber: 22,
  phone: 15,
  major: 20,
  className: 14,
  studentNo: 14,
  email: 24,
  hometown: 26,
  graduationYear: 10,
};
/** Rows that get drop-down validation and text formatting. */
const DATA_ROWS = 5000;

export async function writeGraduateTemplate(out: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '乌兰察布呼叫中心基地云人才平台';
  wb.created = new Date(0);

  const ws = wb.addWorksheet(TEMPLATE_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = GRADUATE_COLUMNS.map((c) => ({
    key: c.field,
    width: WIDTH[c.field] ?? 10,
    style: TEXT_FIELDS.includes(c.field) ? { numFmt: '@' } : {},
  }));
  const header = ws.addRow(GRADUATE_COLUMNS.map((c) => (c.required ? `*${c.label}` : c.label)));
  header.font = { bold: true };
  GRADUATE_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFCE4D6' : 'FFDDEBF7' } };
    cell.alignment = { horizontal: 'center' };
  });
  header.commit();
  const example = ws.addRow(GRADUATE_COLUMNS.map((c) => c.example));
  GRADUATE_COLUMNS.forEach((c, i) => {
    if (TEXT_FIELDS.includes(c.field)) example.getCell(i + 1).numFmt = '@';
    example.getCell(i + 1).font = { color: { argb: 'FF808080' }, italic: true };
  });
  example.commit();

  // the streaming WorksheetWriter supports data validations; the typings only declare them on Worksheet
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  const col = (f: GraduateField) => columnLetter(GRADUATE_COLUMNS.findIndex((c) => c.field === f));
  validations.add(`${col('gender')}2:${col('gender')}${DATA_ROWS}`, {
    type: 'list',
    allowBlank: true,
    formulae: ['"男,女"'],
    showErrorMessage: true,
    errorTitle: '性别',
    error: '请选择“男”或“女”',
  });
  validations.add(`${col('education')}2:${col('education')}${DATA_ROWS}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${Object.values(EDUCATION_LABELS).join(',')}"`],
    showErrorMessage: true,
    errorTitle: '学历',
    error: '请从列表中选择学历',
  });
  validations.add(`${col('idNumber')}2:${col('idNumber')}${DATA_ROWS}`, {
    type: 'textLength',
    operator: 'equal',
    allowBlank: true,
    formulae: [18],
    showErrorMessage: true,
    errorTitle: '身份证号',
    error: '身份证号应为18位',
  });
  await ws.commit();

  const notes = wb.addWorksheet(TEMPLATE_NOTES_SHEET_NAME);
  notes.columns = [
    { key: 'col', width: 12 },
    { key: 'req', width: 8 },
    { key: 'note', width: 90 },
  ];
  const nh = notes.addRow(['列名', '是否必填', '填写说明']);
  nh.font = { bold: true };
  nh.commit();
  for (const c of GRADUATE_COLUMNS) notes.addRow([c.label, c.required ? '必填' : '选填', c.noteZh]).commit();
  notes.addRow([]).commit();
  for (const line of [
    '1. 请在“毕业生名单”工作表中填写，第一行为表头，请勿修改或删除必填列；可以增加其他列，系统会忽略。',
    '2. 第二行为示例（灰色斜体），上传前请删除。',
    '3. 身份证号、手机号列已设置为“文本”格式；从其他表格粘贴时请使用“选择性粘贴 → 数值”，以免号码变成科学计数法。',
    '4. 支持 .xlsx 和 .csv（UTF-8 或 GBK 编码）文件。不支持 .xls，请另存为 .xlsx。',
    '5. 校验不通过的行会生成“问题行”表格供下载，修改后可直接重新上传该表格。',
  ]) {
    notes.addRow(['', '', line]).commit();
  }
  await notes.commit();
  await wb.commit();
}
