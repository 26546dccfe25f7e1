import { AppException } from '@app/core';
import type { GraduateFileError } from './imports';

export type SchoolsErrorCode =
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'FILE_REQUIRED'
  | 'FILE_TOO_LARGE'
  | 'GRADUATE_FILE_INVALID'
  | 'NOT_A_STUDENT'
  | 'QUOTA_FULL'
  | 'ORDER_CLASS_NAME_TAKEN'
  | 'TENANT_NOT_FOUND'
  | 'INTERNSHIP_OVERLAP'
  | 'MONTH_OUTSIDE_INTERNSHIP'
  | 'TOO_MANY_ATTENDANCE_DAYS'
  | 'INVALID_DATES'
  | 'PROMISE_EXCEEDS_QUOTA'
  | 'IMPORT_NOT_FINISHED'
  | 'LINK_ALREADY_ANSWERED';

/** Errors of the schools context (院校合作); codes are stable, messages zh-CN + English. */
export class SchoolsException extends AppException {
  constructor(
    override readonly code: SchoolsErrorCode,
    zh: string,
    en: string,
    field?: string,
    /** Extra machine-readable detail (e.g. the file error's code). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(code, zh, en, field);
  }

  /** Also what another school / tenant gets, so existence does not leak. */
  static notFound(zh: string, en: string, field?: string): SchoolsException {
    return new SchoolsException('NOT_FOUND', `${zh}不存在`, `${en} not found`, field);
  }

  static fromFileError(e: GraduateFileError): SchoolsException {
    return new SchoolsException('GRADUATE_FILE_INVALID', e.messageZh, e.messageEn, 'file', { fileError: e.code, ...e.details });
  }
}
