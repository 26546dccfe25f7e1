/**
 * Streaming reader for school graduate lists (毕业生名单) as saved by
 * Excel / WPS / LibreOffice: .xlsx (exceljs streaming WorkbookReader) or
 * .csv in UTF-8 (with/without BOM), GBK/GB18030 or UTF-16 (Excel "Unicode text").
 *
 *   const file = await readGraduateFile(stream, 'list.xlsx');   // throws GraduateFileError
 *   file.headerRowNumber; file.mapping; file.encoding; file.sheetName;
 *   for await (const row of file) { ... }                        // rows after the header
 *
 * Everything that makes the file unusable (not a spreadsheet, empty, no
 * header, missing required columns) is thrown by the `await`, before any
 * row is yielded. Memory stays flat: rows are pulled one by one.
 *
 * The parts live in ./reader: sniff() picks a RowSource (CsvRowSource or
 * XlsxRowSource, one interface), openGraduateFile() maps its rows.
 */
import { Readable } from 'stream';
import { GraduateFile, OpenGraduateFileOptions, openGraduateFile } from './reader/graduate-file';
import { SniffOptions, sniff } from './reader/sniff';

export { XLSX_LIMITS } from './xlsx-zip-guard';
export type { XlsxLimits } from './xlsx-zip-guard';
export { GraduateFileError } from './graduate-file-error';
export type { GraduateFileErrorCode } from './graduate-file-error';
export type { CellKind, RowSource, SourceRow, FoundHeader } from './reader/row-source';
export type { GraduateFile, GraduateFileRow, GraduateFileStats } from './reader/graduate-file';
export type { DetectedEncoding } from './reader/encodings';
export { detectCsvEncoding } from './reader/encodings';
export { formatDate } from './reader/cell-text';
export { sniff } from './reader/sniff';
export { openGraduateFile } from './reader/graduate-file';
export { CsvRowSource } from './reader/csv-row-source';
export { XlsxRowSource } from './reader/xlsx-row-source';

export interface ReadGraduateFileOptions extends OpenGraduateFileOptions, SniffOptions {}

export async function readGraduateFile(input: Readable | string, fileName: string, opts: ReadGraduateFileOptions = {}): Promise<GraduateFile> {
  return openGraduateFile(await sniff(input, fileName, opts), opts);
}
