import { AppException, CommonCode, ErrorCatalog, exceptionFactory } from '@app/core';
import type { GraduateFileError } from './imports';

/** Errors of the schools context (院校合作): the code enum; the catalog gives the zh-CN and English messages. */
export enum SchoolsExceptionCode {
  ORDER_CLASS_NOT_FOUND = 'ORDER_CLASS_NOT_FOUND',
  LINK_NOT_FOUND = 'LINK_NOT_FOUND',
  IMPORT_NOT_FOUND = 'IMPORT_NOT_FOUND',
  INTERNSHIP_NOT_FOUND = 'INTERNSHIP_NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  FILE_REQUIRED = 'FILE_REQUIRED',
  MALFORMED_UPLOAD = 'MALFORMED_UPLOAD',
  FILE_TOO_LARGE = 'FILE_TOO_LARGE',
  GRADUATE_FILE_INVALID = 'GRADUATE_FILE_INVALID',
  NOT_A_STUDENT = 'NOT_A_STUDENT',
  QUOTA_FULL = 'QUOTA_FULL',
  ORDER_CLASS_NAME_TAKEN = 'ORDER_CLASS_NAME_TAKEN',
  TENANT_NOT_FOUND = 'TENANT_NOT_FOUND',
  INTERNSHIP_OVERLAP = 'INTERNSHIP_OVERLAP',
  MONTH_OUTSIDE_INTERNSHIP = 'MONTH_OUTSIDE_INTERNSHIP',
  TOO_MANY_ATTENDANCE_DAYS = 'TOO_MANY_ATTENDANCE_DAYS',
  INVALID_DATES = 'INVALID_DATES',
  PROMISE_EXCEEDS_QUOTA = 'PROMISE_EXCEEDS_QUOTA',
  LINK_ALREADY_ANSWERED = 'LINK_ALREADY_ANSWERED',
  SCHOOL_TAKEN = 'SCHOOL_TAKEN',
}

const C = SchoolsExceptionCode;
/** Also what another school / tenant gets, so existence does not leak. */
const notFound = (zh: string, en: string, field?: string) =>
  ({ kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, zh: `${zh}不存在`, en: `${en} not found`, field }) as const;

export const SCHOOLS_ERRORS = {
  [C.ORDER_CLASS_NOT_FOUND]: notFound('订单班', 'Order class'),
  [C.LINK_NOT_FOUND]: notFound('院校学籍记录', 'School record', 'id'),
  [C.IMPORT_NOT_FOUND]: notFound('导入记录', 'Import'),
  [C.INTERNSHIP_NOT_FOUND]: notFound('实习记录', 'Internship'),
  [C.FORBIDDEN]: { kind: 'FORBIDDEN', zh: '仅院校管理员可操作', en: 'School administrators only' },
  [C.FILE_REQUIRED]: { kind: 'INPUT', field: 'file', zh: '请选择要上传的文件（字段名 file）', en: 'Choose a file to upload (form field "file")' },
  [C.MALFORMED_UPLOAD]: {
    kind: 'INPUT',
    as: C.FILE_REQUIRED,
    field: 'file',
    zh: '上传格式不正确：请用 multipart/form-data，文件放在字段 file 中，一次一个文件',
    en: 'Malformed upload: send multipart/form-data with one file in the field "file"',
  },
  [C.FILE_TOO_LARGE]: {
    kind: 'TOO_LARGE',
    field: 'file',
    zh: (p: { mb: number }) => `文件超过 ${p.mb} MB，请拆分后分批上传`,
    en: (p: { mb: number }) => `The file is larger than ${p.mb} MB; split it and upload in parts`,
  },
  /** The file reader's own message (GraduateFileError has its code and messages); its code goes out in details.fileError. */
  [C.GRADUATE_FILE_INVALID]: { kind: 'UNPROCESSABLE', field: 'file', zh: (p: { zh: string; en: string }) => p.zh, en: (p: { zh: string; en: string }) => p.en },
  [C.NOT_A_STUDENT]: {
    kind: 'INPUT',
    field: 'seekerIds',
    zh: (p: { count: number }) => `${p.count} 人不是本校学生或毕业生（请先通过毕业生名单导入）`,
    en: (p: { count: number }) => `${p.count} of the selected people are not students or graduates of this school (import them with a graduate list first)`,
  },
  [C.QUOTA_FULL]: {
    kind: 'CONFLICT',
    field: 'seekerIds',
    zh: (p: { quota: number; taken: number; requested: number }) => `超出名额：名额 ${p.quota}，已选 ${p.taken} 人，本次 ${p.requested} 人`,
    en: (p: { quota: number; taken: number; requested: number }) => `Over quota: ${p.quota} places, ${p.taken} taken, ${p.requested} requested`,
  },
  [C.ORDER_CLASS_NAME_TAKEN]: { kind: 'CONFLICT', field: 'name', zh: '本校已有同名订单班', en: 'This school already has an order class with this name' },
  [C.TENANT_NOT_FOUND]: { kind: 'NOT_FOUND', field: 'tenantId', zh: '合作企业不存在', en: 'Tenant not found' },
  [C.INTERNSHIP_OVERLAP]: {
    kind: 'CONFLICT',
    field: 'startDate',
    zh: '该学生在这段时间已有实习安排',
    en: 'The student already has an internship in this period',
  },
  [C.MONTH_OUTSIDE_INTERNSHIP]: {
    kind: 'INPUT',
    field: 'month',
    zh: (p: { month: string; start: string; end: string }) => `${p.month} 不在实习期内（${p.start} 至 ${p.end}）`,
    en: (p: { month: string; start: string; end: string }) => `${p.month} is outside the internship (${p.start} – ${p.end})`,
  },
  [C.TOO_MANY_ATTENDANCE_DAYS]: {
    kind: 'INPUT',
    field: 'attendanceDays',
    zh: (p: { month: string; days: number }) => `${p.month} 只有 ${p.days} 天`,
    en: (p: { month: string; days: number }) => `${p.month} has only ${p.days} days`,
  },
  [C.INVALID_DATES]: { kind: 'INPUT', field: 'endDate', zh: '日期无效或结束日期早于开始日期', en: 'Invalid dates, or the end date is before the start date' },
  [C.PROMISE_EXCEEDS_QUOTA]: { kind: 'INPUT', field: 'promisedHires', zh: '承诺录用人数不能超过招生名额', en: 'Promised hires cannot exceed the quota' },
  [C.LINK_ALREADY_ANSWERED]: { kind: 'CONFLICT', field: 'id', zh: '这条院校记录已经处理过了', en: 'This school record has already been answered' },
  [C.SCHOOL_TAKEN]: { kind: 'CONFLICT', as: CommonCode.CONFLICT, field: 'name', zh: '该院校已登记', en: 'This school is already registered' },
} satisfies ErrorCatalog<SchoolsExceptionCode>;

/** Errors of the schools context; `details` carries extra machine-readable detail (e.g. the file error's code). */
export class SchoolsException extends AppException<SchoolsExceptionCode> {}
/** `throw schoolsError(SchoolsExceptionCode.QUOTA_FULL, { quota, taken, requested })`. */
export const schoolsError = exceptionFactory(SchoolsException, SCHOOLS_ERRORS);

/** A graduate file the reader refused: its message, and its code in details.fileError. */
export function graduateFileInvalid(e: GraduateFileError): SchoolsException {
  return schoolsError(C.GRADUATE_FILE_INVALID, { zh: e.messageZh, en: e.messageEn }, { details: { fileError: e.code, ...e.details } });
}
