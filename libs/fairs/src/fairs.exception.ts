import { AppException, assertUuid, CommonCode, ErrorCatalog, exceptionFactory } from '@app/core';

/** Job fair errors: the code enum; the catalog below gives each its zh-CN and English messages (and the input field at fault). */
export enum FairsExceptionCode {
  NOT_FOUND = 'NOT_FOUND',
  SERIES_NOT_FOUND = 'SERIES_NOT_FOUND',
  BOOTH_NOT_FOUND = 'BOOTH_NOT_FOUND',
  BOOTH_APPLICATION_NOT_FOUND = 'BOOTH_APPLICATION_NOT_FOUND',
  FAIR_POSTING_NOT_FOUND = 'FAIR_POSTING_NOT_FOUND',
  SELECTION_NOT_FOUND = 'SELECTION_NOT_FOUND',
  CARRY_OVER_NOT_FOUND = 'CARRY_OVER_NOT_FOUND',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  INVALID_TIME = 'INVALID_TIME',
  SCHOOL_REQUIRED = 'SCHOOL_REQUIRED',
  NOT_OPEN_FOR_COMPANIES = 'NOT_OPEN_FOR_COMPANIES',
  NOT_OPEN_FOR_SEEKERS = 'NOT_OPEN_FOR_SEEKERS',
  BOOTH_APPLICATION_EXISTS = 'BOOTH_APPLICATION_EXISTS',
  BANNED_FOR_LATE_CANCEL = 'BANNED_FOR_LATE_CANCEL',
  POSTING_NOT_OPEN = 'POSTING_NOT_OPEN',
  HEADCOUNT_TOO_HIGH = 'HEADCOUNT_TOO_HIGH',
  DUPLICATE_POSTING = 'DUPLICATE_POSTING',
  APPLICATION_ALREADY_DECIDED = 'APPLICATION_ALREADY_DECIDED',
  REASON_REQUIRED = 'REASON_REQUIRED',
  APPLICATION_NOT_APPROVED = 'APPLICATION_NOT_APPROVED',
  BOOTH_TAKEN = 'BOOTH_TAKEN',
  BOOTH_NUMBER_TAKEN = 'BOOTH_NUMBER_TAKEN',
  FAIR_FULL = 'FAIR_FULL',
  NO_PROFILE = 'NO_PROFILE',
  TICKET_INVALID = 'TICKET_INVALID',
  TICKET_OTHER_FAIR = 'TICKET_OTHER_FAIR',
  CHECKIN_CLOSED = 'CHECKIN_CLOSED',
  ID_NUMBER_INVALID = 'ID_NUMBER_INVALID',
  WALK_IN_FAILED = 'WALK_IN_FAILED',
  NOT_CHECKED_IN = 'NOT_CHECKED_IN',
  NOT_REGISTERED = 'NOT_REGISTERED',
  NOT_AT_FAIR = 'NOT_AT_FAIR',
  CARRY_OVER_DECIDED = 'CARRY_OVER_DECIDED',
  CARRY_OVER_PAST_DEADLINE = 'CARRY_OVER_PAST_DEADLINE',
}

const C = FairsExceptionCode;
type Transition = { fromZh: string; toZh: string; from: string; to: string };

export const FAIRS_ERRORS = {
  /** Also what a caller without access sees: existence does not leak. */
  [C.NOT_FOUND]: { kind: 'NOT_FOUND', field: 'fairId', zh: '招聘会不存在', en: 'Job fair not found' },
  [C.SERIES_NOT_FOUND]: { kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, field: 'seriesId', zh: '招聘会系列不存在', en: 'Fair series not found' },
  [C.BOOTH_NOT_FOUND]: { kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, field: 'boothId', zh: '展位不存在', en: 'Booth not found' },
  [C.BOOTH_APPLICATION_NOT_FOUND]: {
    kind: 'NOT_FOUND',
    as: CommonCode.NOT_FOUND,
    field: 'applicationId',
    zh: '展位申请不存在',
    en: 'Booth application not found',
  },
  [C.FAIR_POSTING_NOT_FOUND]: { kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, field: 'code', zh: '招聘会岗位不存在', en: 'Fair posting not found' },
  [C.SELECTION_NOT_FOUND]: { kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, zh: '记录不存在', en: 'Not found' },
  [C.CARRY_OVER_NOT_FOUND]: { kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, field: 'carryOverId', zh: '顺延记录不存在', en: 'Carry-over not found' },
  [C.INVALID_TRANSITION]: {
    kind: 'CONFLICT',
    field: 'fairId',
    zh: (p: Transition) => `招聘会当前为「${p.fromZh}」，不能变为「${p.toZh}」`,
    en: (p: Transition) => `The fair is ${p.from}; it cannot become ${p.to}`,
  },
  [C.INVALID_TIME]: { kind: 'INPUT', field: 'endsAt', zh: '结束时间须晚于开始时间', en: 'The end must be after the start' },
  [C.SCHOOL_REQUIRED]: { kind: 'INPUT', field: 'schoolId', zh: '校园招聘会须指定学校', en: 'A campus fair needs a school' },
  [C.NOT_OPEN_FOR_COMPANIES]: { kind: 'CONFLICT', field: 'fairId', zh: '该招聘会当前不接受企业报名', en: 'This fair is not taking company bookings' },
  [C.NOT_OPEN_FOR_SEEKERS]: { kind: 'CONFLICT', field: 'fairId', zh: '该招聘会当前不接受求职者报名', en: 'This fair is not taking registrations' },
  [C.BOOTH_APPLICATION_EXISTS]: {
    kind: 'CONFLICT',
    field: 'fairId',
    zh: '本企业已申请该招聘会的展位',
    en: 'Your company has already applied for a booth at this fair',
  },
  [C.BANNED_FOR_LATE_CANCEL]: {
    kind: 'CONFLICT',
    field: 'fairId',
    zh: '因上次招聘会迟取消或未到场，本企业暂停参加本场招聘会',
    en: 'After a late cancellation or no-show at the previous fair, your company may not book this one',
  },
  [C.POSTING_NOT_OPEN]: { kind: 'INPUT', field: 'postings', zh: '只能带招聘中的本企业岗位参会', en: "Only your company's open postings can be brought" },
  [C.HEADCOUNT_TOO_HIGH]: {
    kind: 'INPUT',
    field: 'postings',
    zh: (p: { left: number }) => `现场招聘人数不能超过岗位剩余名额（${p.left}）`,
    en: (p: { left: number }) => `The headcount offered cannot exceed the openings left (${p.left})`,
  },
  [C.DUPLICATE_POSTING]: { kind: 'INPUT', field: 'postings', zh: '同一岗位只能列一次', en: 'Each posting may appear once' },
  [C.APPLICATION_ALREADY_DECIDED]: { kind: 'CONFLICT', field: 'applicationId', zh: '该申请已处理', en: 'This application has already been decided' },
  [C.REASON_REQUIRED]: { kind: 'INPUT', field: 'reason', zh: '请填写原因', en: 'A reason is required' },
  [C.APPLICATION_NOT_APPROVED]: { kind: 'CONFLICT', field: 'applicationId', zh: '展位申请尚未通过审核', en: 'The booth application is not approved' },
  [C.BOOTH_TAKEN]: { kind: 'CONFLICT', field: 'boothId', zh: '该展位已被占用，请选择其他展位', en: 'That booth is taken; pick another one' },
  [C.BOOTH_NUMBER_TAKEN]: { kind: 'CONFLICT', field: 'number', zh: '展位号已存在', en: 'A booth with this number exists' },
  [C.FAIR_FULL]: { kind: 'CONFLICT', field: 'fairId', zh: '本场招聘会报名人数已满', en: 'The fair has reached its admission cap' },
  [C.NO_PROFILE]: { kind: 'INPUT', zh: '请先完善个人资料', en: 'Create your profile first' },
  [C.TICKET_INVALID]: { kind: 'NOT_FOUND', field: 'token', zh: '入场券无效', en: 'Invalid ticket' },
  [C.TICKET_OTHER_FAIR]: { kind: 'CONFLICT', field: 'token', zh: '该入场券不属于本场招聘会', en: 'This ticket is for another fair' },
  [C.CHECKIN_CLOSED]: { kind: 'CONFLICT', field: 'fairId', zh: '本场招聘会当前不能签到', en: 'Check-in is not open for this fair' },
  [C.ID_NUMBER_INVALID]: { kind: 'INPUT', field: 'idNumber', zh: '身份证号码格式不正确', en: 'Invalid ID number' },
  /** Deliberately vague: the desk learns nothing about whether the person or the phone exists. */
  [C.WALK_IN_FAILED]: {
    kind: 'INPUT',
    field: 'idNumber',
    zh: '无法完成现场登记，请核对身份证号和手机号，或请求职者用手机自行报名',
    en: 'The walk-in could not be registered; check the ID number and phone, or let the person register on their phone',
  },
  /** The same whether the ID number has no profile or the person did not register: the desk then registers a walk-in. */
  [C.NOT_REGISTERED]: {
    kind: 'NOT_FOUND',
    field: 'idNumber',
    zh: '未找到该身份证号的本场报名，请办理现场登记',
    en: 'No registration for this fair under this ID number; register a walk-in',
  },
  [C.NOT_CHECKED_IN]: { kind: 'CONFLICT', field: 'token', zh: '该求职者尚未签到', en: 'This person has not checked in' },
  [C.NOT_AT_FAIR]: { kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, field: 'fairId', zh: '本企业未参加该招聘会', en: 'Your company is not at this fair' },
  [C.CARRY_OVER_DECIDED]: { kind: 'CONFLICT', field: 'carryOverId', zh: '该顺延已处理', en: 'This carry-over has been decided' },
  [C.CARRY_OVER_PAST_DEADLINE]: { kind: 'CONFLICT', field: 'carryOverId', zh: '已过确认截止时间', en: 'The deadline has passed' },
} satisfies ErrorCatalog<FairsExceptionCode>;

export class FairsException extends AppException<FairsExceptionCode> {}
/** `throw fairsError(FairsExceptionCode.BOOTH_TAKEN)`; parameters and a field when the catalog asks for them. */
export const fairsError = exceptionFactory(FairsException, FAIRS_ERRORS);

type NotFoundCode =
  | FairsExceptionCode.NOT_FOUND
  | FairsExceptionCode.SERIES_NOT_FOUND
  | FairsExceptionCode.BOOTH_NOT_FOUND
  | FairsExceptionCode.BOOTH_APPLICATION_NOT_FOUND
  | FairsExceptionCode.FAIR_POSTING_NOT_FOUND
  | FairsExceptionCode.CARRY_OVER_NOT_FOUND;
/** `ID` args are not validated by the pipe; a malformed id is simply "not found". */
export function assertFairId(id: string, notFound: NotFoundCode = FairsExceptionCode.NOT_FOUND): void {
  assertUuid(id, () => fairsError(notFound));
}
