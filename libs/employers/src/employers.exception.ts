import { AppException, CommonCode, ErrorCatalog, exceptionFactory } from '@app/core';

/** Errors of the employers context (tenants, postings, applications, hires): the code enum; the catalog gives the messages. */
export enum EmployersExceptionCode {
  APPLICATION_NOT_FOUND = 'APPLICATION_NOT_FOUND',
  HIRE_NOT_FOUND = 'HIRE_NOT_FOUND',
  POSTING_NOT_FOUND = 'POSTING_NOT_FOUND',
  TENANT_NOT_FOUND = 'TENANT_NOT_FOUND',
  NO_PROFILE = 'NO_PROFILE',
  POSTING_NOT_OPEN = 'POSTING_NOT_OPEN',
  ALREADY_APPLIED = 'ALREADY_APPLIED',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  CANNOT_WITHDRAW = 'CANNOT_WITHDRAW',
  HIRE_NEEDS_OFFER = 'HIRE_NEEDS_OFFER',
  POSTING_STATUS_TRANSITION = 'POSTING_STATUS_TRANSITION',
  POSTING_FULL = 'POSTING_FULL',
  NO_OPENINGS = 'NO_OPENINGS',
  ALREADY_TERMINATED = 'ALREADY_TERMINATED',
  SOCIAL_INSURANCE_BEFORE_CONTRACT = 'SOCIAL_INSURANCE_BEFORE_CONTRACT',
  TERMINATED_BEFORE_START = 'TERMINATED_BEFORE_START',
  SALARY_RANGE_INVALID = 'SALARY_RANGE_INVALID',
  HEADCOUNT_BELOW_HIRED = 'HEADCOUNT_BELOW_HIRED',
  CREDIT_CODE_INVALID = 'CREDIT_CODE_INVALID',
  CREDIT_CODE_TAKEN = 'CREDIT_CODE_TAKEN',
  CONTACT_PHONE_INVALID = 'CONTACT_PHONE_INVALID',
}

const C = EmployersExceptionCode;
/** Not found — also what another tenant sees, so existence does not leak. */
const notFound = (zh: string, en: string, field?: string) =>
  ({ kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, zh: `${zh}不存在`, en: `${en} not found`, field }) as const;
const input = CommonCode.BAD_USER_INPUT;
type Move = { from: string; to: string };

export const EMPLOYERS_ERRORS = {
  [C.APPLICATION_NOT_FOUND]: notFound('投递记录', 'Application', 'applicationId'),
  [C.HIRE_NOT_FOUND]: notFound('录用记录', 'Hire', 'hireId'),
  [C.POSTING_NOT_FOUND]: notFound('岗位', 'Posting', 'postingId'),
  [C.TENANT_NOT_FOUND]: notFound('企业', 'Tenant'),
  [C.NO_PROFILE]: { kind: 'INPUT', field: 'postingId', zh: '请先完善个人资料再投递', en: 'Create your profile before applying' },
  [C.POSTING_NOT_OPEN]: { kind: 'INPUT', field: 'postingId', zh: '岗位不存在或已停止招聘', en: 'Posting not found or not open' },
  [C.ALREADY_APPLIED]: { kind: 'CONFLICT', field: 'postingId', zh: '您已投递过该岗位', en: 'You have already applied to this posting' },
  /** An application stage move (from/to in Chinese and as codes). */
  [C.INVALID_TRANSITION]: {
    kind: 'INPUT',
    field: 'to',
    zh: (p: { fromZh: string; toZh: string; from: string; to: string }) => `不能从「${p.fromZh}」变为「${p.toZh}」`,
    en: (p: { fromZh: string; toZh: string; from: string; to: string }) => `Cannot move from ${p.from} to ${p.to}`,
  },
  [C.CANNOT_WITHDRAW]: {
    kind: 'INPUT',
    as: C.INVALID_TRANSITION,
    field: 'applicationId',
    zh: (p: { stageZh: string; stage: string }) => `「${p.stageZh}」状态不能撤回`,
    en: (p: { stageZh: string; stage: string }) => `Cannot withdraw at stage ${p.stage}`,
  },
  [C.HIRE_NEEDS_OFFER]: {
    kind: 'INPUT',
    as: C.INVALID_TRANSITION,
    field: 'applicationId',
    zh: '只有处于「录用意向」阶段的投递可以录用',
    en: 'Only applications at OFFER can be hired',
  },
  [C.POSTING_STATUS_TRANSITION]: {
    kind: 'INPUT',
    as: C.INVALID_TRANSITION,
    field: 'status',
    zh: (p: Move) => `岗位不能从 ${p.from} 变为 ${p.to}`,
    en: (p: Move) => `A posting cannot go from ${p.from} to ${p.to}`,
  },
  [C.POSTING_FULL]: { kind: 'CONFLICT', field: 'applicationId', zh: '该岗位已招满或已关闭', en: 'The posting has no openings left or is closed' },
  [C.NO_OPENINGS]: { kind: 'INPUT', field: 'status', zh: '岗位已招满，请先增加招聘人数', en: 'No openings left; raise the headcount first' },
  [C.ALREADY_TERMINATED]: { kind: 'CONFLICT', field: 'hireId', zh: '该合同已解除', en: 'This contract was already terminated' },
  [C.SOCIAL_INSURANCE_BEFORE_CONTRACT]: {
    kind: 'INPUT',
    as: input,
    field: 'socialInsuranceStart',
    zh: '社保开始日期不能早于合同开始日期',
    en: 'socialInsuranceStart cannot be before contractStart',
  },
  [C.TERMINATED_BEFORE_START]: {
    kind: 'INPUT',
    as: input,
    field: 'terminatedOn',
    zh: '解除日期不能早于合同开始日期',
    en: 'terminatedOn cannot be before the contract start',
  },
  [C.SALARY_RANGE_INVALID]: {
    kind: 'INPUT',
    as: input,
    field: 'salaryMinFen',
    zh: '最低月薪不能高于最高月薪',
    en: 'salaryMinFen must not exceed salaryMaxFen',
  },
  [C.HEADCOUNT_BELOW_HIRED]: {
    kind: 'INPUT',
    as: input,
    field: 'headcount',
    zh: (p: { hired?: number }) => (p.hired === undefined ? '招聘人数不能少于已录用人数' : `招聘人数不能少于已录用人数（${p.hired}）`),
    en: (p: { hired?: number }) =>
      p.hired === undefined ? 'headcount cannot be below the number already hired' : `headcount cannot be below the ${p.hired} already hired`,
  },
  [C.CREDIT_CODE_INVALID]: {
    kind: 'INPUT',
    as: input,
    field: 'creditCode',
    zh: '统一社会信用代码无效（18位，校验位错误或含非法字符）',
    en: 'Unified social credit code is invalid',
  },
  [C.CREDIT_CODE_TAKEN]: {
    kind: 'CONFLICT',
    as: CommonCode.CONFLICT,
    field: 'creditCode',
    zh: '该统一社会信用代码的企业已入驻',
    en: 'A tenant with this credit code already exists',
  },
  [C.CONTACT_PHONE_INVALID]: { kind: 'INPUT', as: input, field: 'contactPhone', zh: '联系电话格式不正确', en: 'Contact phone is invalid' },
} satisfies ErrorCatalog<EmployersExceptionCode>;

export class EmployersException extends AppException<EmployersExceptionCode> {}
/** `throw employersError(EmployersExceptionCode.POSTING_FULL)`; parameters and a field when the catalog asks for them. */
export const employersError = exceptionFactory(EmployersException, EMPLOYERS_ERRORS);
