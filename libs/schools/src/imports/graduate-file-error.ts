export type GraduateFileErrorCode =
  | 'EMPTY_FILE'
  | 'NOT_SPREADSHEET'
  | 'UNSUPPORTED_FORMAT'
  | 'CORRUPT_FILE'
  | 'NO_HEADER'
  | 'MISSING_REQUIRED_COLUMNS'
  | 'TOO_MANY_ROWS'
  // hostile or broken workbooks (xlsx-zip-guard.ts): refused before or while inflating
  | 'FILE_TOO_LARGE'
  | 'UNZIPPED_TOO_LARGE'
  | 'SUSPICIOUS_ARCHIVE'
  | 'TOO_MUCH_TEXT'
  | 'TOO_MANY_COLUMNS';

/**
 * A file the import cannot read at all. Thrown before any row is yielded
 * (except TOO_MANY_ROWS and CORRUPT_FILE found mid-stream). `message` is
 * "中文 / English" so it can be shown as-is.
 */
export class GraduateFileError extends Error {
  readonly name = 'GraduateFileError';
  constructor(
    readonly code: GraduateFileErrorCode,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(`${messageZh} / ${messageEn}`, options);
  }
}
