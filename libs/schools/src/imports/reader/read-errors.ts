/** GraduateFileErrors raised while reading rows, shared by both formats. */
import { columnLetter } from '../graduate-columns';
import { GraduateFileError } from '../graduate-file-error';
import { XlsxLimits } from '../xlsx-zip-guard';

export function tooManyRows(max: number): GraduateFileError {
  return new GraduateFileError('TOO_MANY_ROWS', `文件超过 ${max} 行，请拆分后分批上传`, `The file has more than ${max} rows; split it and upload in parts`, {
    maxRows: max,
  });
}

export function tooManyColumns(limits: Pick<XlsxLimits, 'maxColumns'>, letters: string | null, row: number | null): GraduateFileError {
  const max = limits.maxColumns;
  const lastLetter = columnLetter(max - 1);
  const where = letters ? `${row !== null ? `第 ${row} 行 ` : ''}${letters} 列` : '列定义';
  const whereEn = letters ? `column ${letters}${row !== null ? ` of row ${row}` : ''}` : 'a column definition';
  return new GraduateFileError(
    'TOO_MANY_COLUMNS',
    `${where}超出了允许的 ${max} 列（A–${lastLetter}）。请删除右侧多余的列后重新上传`,
    `${whereEn[0].toUpperCase()}${whereEn.slice(1)} is beyond the ${max} columns allowed (A–${lastLetter}); delete the extra columns on the right and upload again`,
    { row, column: letters, maxColumns: max },
  );
}

/** Anything that is not already a GraduateFileError becomes CORRUPT_FILE with the reason in the details. */
export function wrapReadError(e: unknown): unknown {
  if (e instanceof GraduateFileError) return e;
  return new GraduateFileError(
    'CORRUPT_FILE',
    '文件已损坏或格式无法识别，请在 Excel/WPS 中打开后重新另存为 .xlsx',
    'The file is damaged or in an unrecognised format; open it in Excel/WPS and save it again as .xlsx',
    { reason: e instanceof Error ? e.message : String(e) },
    { cause: e },
  );
}
