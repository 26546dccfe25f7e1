/** Header-row detection shared by both formats: the first row that maps every required column. */
import { GraduateField, HeaderMapping, REQUIRED_FIELDS, columnDef, mapHeaderRow } from '../graduate-columns';
import { GraduateFileError } from '../graduate-file-error';

export class HeaderScanner {
  best: { rowNumber: number; mapping: HeaderMapping; score: number; sheet: string | null } | null = null;
  nonEmptyRows = 0;

  /** `required`: the columns a header row must have (default: the graduate list's). */
  constructor(private readonly required: readonly GraduateField[] = REQUIRED_FIELDS) {}

  /** Returns the mapping when `texts` is a usable header row. */
  offer(rowNumber: number, texts: string[], sheet: string | null): HeaderMapping | null {
    if (!texts.some((t) => t !== '')) return null;
    this.nonEmptyRows++;
    const mapping = mapHeaderRow(texts, this.required);
    const score = Object.keys(mapping.columns).length;
    if (mapping.missingRequired.length === 0) return mapping;
    if (score >= 2 && (!this.best || score > this.best.score)) this.best = { rowNumber, mapping, score, sheet };
    return null;
  }

  /** Why no header was found: empty file, the best candidate's missing columns, or no header at all. */
  error(scanRows: number): GraduateFileError {
    if (this.nonEmptyRows === 0) {
      return new GraduateFileError('EMPTY_FILE', '文件中没有任何内容', 'The file contains no data');
    }
    if (this.best) {
      const missing = this.best.mapping.missingRequired.map((f) => columnDef(f).label);
      const list = missing.join('、');
      return new GraduateFileError(
        'MISSING_REQUIRED_COLUMNS',
        `缺少必需列：${list}（表头在第 ${this.best.rowNumber} 行）`,
        `Missing required column${missing.length > 1 ? 's' : ''}: ${list} (header found in row ${this.best.rowNumber})`,
        {
          missing: this.best.mapping.missingRequired,
          missingLabels: missing,
          headerRowNumber: this.best.rowNumber,
          sheetName: this.best.sheet,
          headers: this.best.mapping.headers,
        },
      );
    }
    const req = this.required.map((f) => columnDef(f).label).join('、');
    return new GraduateFileError(
      'NO_HEADER',
      `在前 ${scanRows} 行中找不到表头（需要包含：${req}）。请使用下载的模板`,
      `No header row found in the first ${scanRows} rows (it must contain: ${req}). Please use the template`,
      { scanRows },
    );
  }
}
