import { AppException, CommonCode, ErrorCatalog, exceptionFactory, RESIDENT_ID_MESSAGES, ResidentIdError } from '@app/core';

/** Errors of the talent context (profiles, consent, pool, identity claims): the code enum; the catalog gives the messages. */
export enum TalentExceptionCode {
  PROFILE_NOT_FOUND = 'PROFILE_NOT_FOUND',
  ACCOUNT_NOT_FOUND = 'ACCOUNT_NOT_FOUND',
  CLAIM_NOT_FOUND = 'CLAIM_NOT_FOUND',
  NO_PROFILE = 'NO_PROFILE',
  ID_NUMBER_FORMAT = 'ID_NUMBER_FORMAT',
  ID_NUMBER_CHECK_DIGIT = 'ID_NUMBER_CHECK_DIGIT',
  ID_NUMBER_BIRTH_DATE = 'ID_NUMBER_BIRTH_DATE',
  ID_NUMBER_REGION = 'ID_NUMBER_REGION',
  ID_NUMBER_IMMUTABLE = 'ID_NUMBER_IMMUTABLE',
  ID_NUMBER_REQUIRED = 'ID_NUMBER_REQUIRED',
  NAME_REQUIRED = 'NAME_REQUIRED',
  UNKNOWN_REGION = 'UNKNOWN_REGION',
  CLAIM_ALREADY_DECIDED = 'CLAIM_ALREADY_DECIDED',
  IDENTITY_CLAIM_PENDING = 'IDENTITY_CLAIM_PENDING',
  IDENTITY_CLAIM_LIMIT = 'IDENTITY_CLAIM_LIMIT',
  CLAIMANT_HAS_PROFILE = 'CLAIMANT_HAS_PROFILE',
  CLAIMANT_GONE = 'CLAIMANT_GONE',
  CATEGORY_LIST_FILE_REQUIRED = 'CATEGORY_LIST_FILE_REQUIRED',
  CATEGORY_LIST_FILE_TOO_LARGE = 'CATEGORY_LIST_FILE_TOO_LARGE',
  CATEGORY_LIST_UNREADABLE = 'CATEGORY_LIST_UNREADABLE',
  CATEGORY_LIST_ROWS_INVALID = 'CATEGORY_LIST_ROWS_INVALID',
  CATEGORY_LIST_EMPTY = 'CATEGORY_LIST_EMPTY',
  CATEGORY_LIST_CATEGORY = 'CATEGORY_LIST_CATEGORY',
  CATEGORY_LIST_DATE = 'CATEGORY_LIST_DATE',
}

const C = TalentExceptionCode;
const nf = CommonCode.NOT_FOUND;
const input = CommonCode.BAD_USER_INPUT;
const residentId = (e: ResidentIdError) => ({ kind: 'INPUT', field: 'idNumber', zh: RESIDENT_ID_MESSAGES[e].zh, en: RESIDENT_ID_MESSAGES[e].en }) as const;

export const TALENT_ERRORS = {
  /** Also what an HR without consent sees: a profile not shared looks like one that does not exist. */
  [C.PROFILE_NOT_FOUND]: { kind: 'NOT_FOUND', as: nf, field: 'seekerId', zh: '人才档案不存在或未授权共享', en: 'Profile not found or not shared' },
  [C.ACCOUNT_NOT_FOUND]: { kind: 'NOT_FOUND', as: nf, zh: '账号不存在', en: 'Account not found' },
  [C.CLAIM_NOT_FOUND]: { kind: 'NOT_FOUND', as: nf, field: 'claimId', zh: '核验申请不存在', en: 'Identity claim not found' },
  [C.NO_PROFILE]: { kind: 'INPUT', zh: '请先完善个人资料', en: 'Create your profile first' },
  [C.ID_NUMBER_FORMAT]: residentId('FORMAT'),
  [C.ID_NUMBER_CHECK_DIGIT]: residentId('CHECK_DIGIT'),
  [C.ID_NUMBER_BIRTH_DATE]: residentId('BIRTH_DATE'),
  [C.ID_NUMBER_REGION]: residentId('REGION'),
  [C.ID_NUMBER_IMMUTABLE]: {
    kind: 'INPUT',
    field: 'idNumber',
    zh: '身份证号建档后不可修改，如有错误请联系人才服务中心',
    en: 'The ID number cannot be changed; contact the service centre',
  },
  [C.ID_NUMBER_REQUIRED]: { kind: 'INPUT', as: input, field: 'idNumber', zh: '首次建档请填写身份证号', en: 'The ID number is required to create a profile' },
  [C.NAME_REQUIRED]: { kind: 'INPUT', as: input, field: 'name', zh: '请填写姓名', en: 'Name is required' },
  [C.UNKNOWN_REGION]: {
    kind: 'INPUT',
    as: input,
    field: 'regionCode',
    zh: (p: { regionCode: string }) => `地区代码 ${p.regionCode} 不存在`,
    en: (p: { regionCode: string }) => `Unknown region code ${p.regionCode}`,
  },
  [C.CLAIM_ALREADY_DECIDED]: { kind: 'CONFLICT', field: 'claimId', zh: '该申请已处理', en: 'This claim has already been decided' },
  [C.IDENTITY_CLAIM_PENDING]: {
    kind: 'CONFLICT',
    field: 'idNumber',
    zh: '您的身份核验申请正在处理中，如需更改身份证号请先撤销申请',
    en: 'Your identity verification is pending; cancel it before entering another ID number',
  },
  [C.IDENTITY_CLAIM_LIMIT]: {
    kind: 'RATE_LIMITED',
    field: 'idNumber',
    zh: '核验申请次数过多，请携带本人身份证到人才服务中心办理',
    en: 'Too many verification requests; bring your ID card to the talent service centre',
  },
  [C.CLAIMANT_HAS_PROFILE]: {
    kind: 'CONFLICT',
    field: 'claimId',
    zh: '申请人账号已绑定其他档案，无法通过',
    en: 'The claimant account already has another profile',
  },
  [C.CLAIMANT_GONE]: { kind: 'CONFLICT', field: 'claimId', zh: '申请人账号已注销', en: 'The claimant account no longer exists' },
  // The bureau's category lists (人员类别名单): REST upload, refused as a whole (nothing stored) on any error.
  [C.CATEGORY_LIST_FILE_REQUIRED]: {
    kind: 'INPUT',
    field: 'file',
    zh: '请选择要上传的名单文件（.xlsx 或 .csv，字段名 file）',
    en: 'Choose the list file to upload (.xlsx or .csv, form field "file")',
  },
  [C.CATEGORY_LIST_FILE_TOO_LARGE]: {
    kind: 'TOO_LARGE',
    field: 'file',
    zh: (p: { mb: number }) => `文件超过 ${p.mb} MB，请拆分后分批上传`,
    en: (p: { mb: number }) => `The file is larger than ${p.mb} MB; split it and upload in parts`,
  },
  /** The spreadsheet reader's own message (not a spreadsheet, no 身份证号 column, damaged…); its code goes out in details.fileError. */
  [C.CATEGORY_LIST_UNREADABLE]: {
    kind: 'UNPROCESSABLE',
    field: 'file',
    zh: (p: { zh: string; en: string }) => `名单未导入：${p.zh}`,
    en: (p: { zh: string; en: string }) => `List not imported: ${p.en}`,
  },
  /** details.errors: each bad row with its row, column and reason (zh/en); nothing of the file was stored. */
  [C.CATEGORY_LIST_ROWS_INVALID]: {
    kind: 'UNPROCESSABLE',
    field: 'file',
    zh: (p: { rows: number }) => `名单中有 ${p.rows} 行有误，整个文件未导入（原有名单不变）。请按行号和列改正后重新上传`,
    en: (p: { rows: number }) =>
      `${p.rows} row(s) of the list are wrong; nothing was imported (the current list stays). Correct them by row and column and upload again`,
  },
  [C.CATEGORY_LIST_EMPTY]: { kind: 'UNPROCESSABLE', field: 'file', zh: '名单中没有任何人员', en: 'The list contains no one' },
  [C.CATEGORY_LIST_CATEGORY]: {
    kind: 'INPUT',
    field: 'category',
    zh: '请选择名单的人员类别（贫困家庭、登记失业人员、残疾人、应届毕业生）',
    en: 'Choose the category of the list (poor household, registered unemployed, disabled, graduate)',
  },
  [C.CATEGORY_LIST_DATE]: {
    kind: 'INPUT',
    field: 'listDate',
    zh: '名单日期无效（格式 YYYY-MM-DD，不能晚于今天）',
    en: 'Invalid list date (YYYY-MM-DD, not after today)',
  },
} satisfies ErrorCatalog<TalentExceptionCode>;

export class TalentException extends AppException<TalentExceptionCode> {}
/** `throw talentError(TalentExceptionCode.NO_PROFILE)`; parameters and a field when the catalog asks for them. */
export const talentError = exceptionFactory(TalentException, TALENT_ERRORS);

const RESIDENT_ID_CODES: Record<ResidentIdError, TalentExceptionCode> = {
  FORMAT: C.ID_NUMBER_FORMAT,
  CHECK_DIGIT: C.ID_NUMBER_CHECK_DIGIT,
  BIRTH_DATE: C.ID_NUMBER_BIRTH_DATE,
  REGION: C.ID_NUMBER_REGION,
};
/** The error for an ID number that does not parse (core's parseResidentId). */
export function residentIdException(error: ResidentIdError): TalentException {
  return talentError(RESIDENT_ID_CODES[error] as TalentExceptionCode.ID_NUMBER_FORMAT);
}
