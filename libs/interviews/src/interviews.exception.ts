import { AppException, assertUuid, CommonCode, ErrorCatalog, exceptionFactory } from '@app/core';

/** Interview errors: the code enum; the catalog below gives each its zh-CN and English messages (and the input field at fault). */
export enum InterviewsExceptionCode {
  NOT_FOUND = 'NOT_FOUND',
  TEMPLATE_NOT_FOUND = 'TEMPLATE_NOT_FOUND',
  SCORECARD_NOT_FOUND = 'SCORECARD_NOT_FOUND',
  NO_PROFILE = 'NO_PROFILE',
  APPLICATION_STAGE = 'APPLICATION_STAGE',
  APPLICATION_CLOSED = 'APPLICATION_CLOSED',
  INTERVIEW_ALREADY_OPEN = 'INTERVIEW_ALREADY_OPEN',
  INTERVIEW_INVALID_STATUS = 'INTERVIEW_INVALID_STATUS',
  SLOT_IN_PAST = 'SLOT_IN_PAST',
  SLOT_TOO_FAR = 'SLOT_TOO_FAR',
  SLOTS_OVERLAP_EACH_OTHER = 'SLOTS_OVERLAP_EACH_OTHER',
  INTERVIEWER_BUSY = 'INTERVIEWER_BUSY',
  SEEKER_BUSY = 'SEEKER_BUSY',
  SLOT_NOT_AVAILABLE = 'SLOT_NOT_AVAILABLE',
  CONFIRM_NEEDS_ONE_SLOT = 'CONFIRM_NEEDS_ONE_SLOT',
  JOIN_TOO_EARLY = 'JOIN_TOO_EARLY',
  JOIN_ENDED = 'JOIN_ENDED',
  TEMPLATE_NAME_TAKEN = 'TEMPLATE_NAME_TAKEN',
  INVALID_RATINGS = 'INVALID_RATINGS',
  DUPLICATE_CRITERION = 'DUPLICATE_CRITERION',
  SCORECARD_REQUIRED = 'SCORECARD_REQUIRED',
  SCORECARD_FINAL = 'SCORECARD_FINAL',
  OUTCOME_TOO_EARLY = 'OUTCOME_TOO_EARLY',
}

const C = InterviewsExceptionCode;
type Slot = { i: number };

export const INTERVIEWS_ERRORS = {
  /** Also what another tenant's HR or another seeker sees: existence does not leak. */
  [C.NOT_FOUND]: { kind: 'NOT_FOUND', field: 'interviewId', zh: '面试不存在', en: 'Interview not found' },
  [C.TEMPLATE_NOT_FOUND]: { kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, field: 'templateId', zh: '评分模板不存在', en: 'Scorecard template not found' },
  [C.SCORECARD_NOT_FOUND]: { kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, field: 'interviewId', zh: '评分表不存在', en: 'Scorecard not found' },
  [C.NO_PROFILE]: { kind: 'INPUT', zh: '请先完善个人资料', en: 'Create your profile first' },
  [C.APPLICATION_STAGE]: {
    kind: 'INPUT',
    field: 'applicationId',
    zh: (p: { stageZh: string }) => `投递处于「${p.stageZh}」阶段，只有「筛选中」或「面试」阶段可以安排面试`,
    en: 'Only applications at SCREENING or INTERVIEW can be scheduled for an interview',
  },
  [C.APPLICATION_CLOSED]: {
    kind: 'INPUT',
    field: 'interviewId',
    zh: '该投递已结束（已撤回或未通过），面试不可进行',
    en: 'The application is closed (withdrawn or rejected)',
  },
  [C.INTERVIEW_ALREADY_OPEN]: {
    kind: 'CONFLICT',
    field: 'applicationId',
    zh: '该投递已有进行中的面试安排，请改期或取消后再安排',
    en: 'This application already has an open interview; reschedule or cancel it',
  },
  [C.INTERVIEW_INVALID_STATUS]: {
    kind: 'INPUT',
    field: 'interviewId',
    zh: (p: { statusZh: string; action: { zh: string; en: string } }) => `面试「${p.statusZh}」，不能${p.action.zh}`,
    en: (p: { statusZh: string; action: { zh: string; en: string } }) => `Interview is ${p.statusZh}; cannot ${p.action.en}`,
  },
  [C.SLOT_IN_PAST]: { kind: 'INPUT', zh: (p: Slot) => `第${p.i + 1}个时段已经过去`, en: (p: Slot) => `Slot ${p.i + 1} starts in the past` },
  [C.SLOT_TOO_FAR]: { kind: 'INPUT', zh: (p: Slot) => `第${p.i + 1}个时段超过90天`, en: (p: Slot) => `Slot ${p.i + 1} is more than 90 days ahead` },
  [C.SLOTS_OVERLAP_EACH_OTHER]: {
    kind: 'INPUT',
    zh: (p: Slot) => `第${p.i + 1}个时段与其他备选时段重叠`,
    en: (p: Slot) => `Slot ${p.i + 1} overlaps another proposed slot`,
  },
  [C.INTERVIEWER_BUSY]: {
    kind: 'CONFLICT',
    field: 'slots',
    zh: (p: { whenZh?: string }) => `面试官在该时段已有其他面试安排${p.whenZh ? `（${p.whenZh}）` : ''}`,
    en: 'The interviewer already has another interview (proposed or confirmed) at an overlapping time',
  },
  [C.SEEKER_BUSY]: { kind: 'CONFLICT', field: 'slotId', zh: '求职者在该时段已有其他面试', en: 'The job seeker already has another interview at that time' },
  [C.SLOT_NOT_AVAILABLE]: { kind: 'CONFLICT', field: 'slotId', zh: '该时段已不可选，请刷新后重新选择', en: 'That slot is no longer available' },
  [C.CONFIRM_NEEDS_ONE_SLOT]: { kind: 'INPUT', field: 'slots', zh: '直接确定时间时只能给出一个时段', en: 'A confirmed time needs exactly one slot' },
  [C.JOIN_TOO_EARLY]: {
    kind: 'INPUT',
    field: 'interviewId',
    zh: (p: { opensZh: string }) => `面试间尚未开放，将于 ${p.opensZh} 开放（开始前10分钟）`,
    en: 'The interview room opens 10 minutes before the start',
  },
  [C.JOIN_ENDED]: { kind: 'INPUT', field: 'interviewId', zh: '面试间已关闭', en: 'The interview room has closed' },
  [C.TEMPLATE_NAME_TAKEN]: { kind: 'CONFLICT', field: 'name', zh: '已有同名评分模板', en: 'A scorecard template with this name exists' },
  /** The scorecard rules' own message (scorecard rating validation names the criterion at fault). */
  [C.INVALID_RATINGS]: { kind: 'INPUT', field: 'ratings', zh: (p: { zh: string; en: string }) => p.zh, en: (p: { zh: string; en: string }) => p.en },
  [C.DUPLICATE_CRITERION]: {
    kind: 'INPUT',
    as: C.INVALID_RATINGS,
    field: 'ratings',
    zh: (p: { name: string }) => `评分项「${p.name}」重复`,
    en: (p: { name: string }) => `Criterion "${p.name}" appears twice`,
  },
  [C.SCORECARD_REQUIRED]: {
    kind: 'INPUT',
    field: 'outcome',
    zh: '请先填写评分表再给出通过/不通过结论',
    en: 'Record the scorecard before a PASS or FAIL outcome',
  },
  [C.SCORECARD_FINAL]: { kind: 'INPUT', field: 'interviewId', zh: '面试结论已给出，评分表不可再修改', en: 'The outcome is recorded; the scorecard is final' },
  [C.OUTCOME_TOO_EARLY]: { kind: 'INPUT', field: 'outcome', zh: '面试尚未开始，不能给出结论', en: 'The interview has not started yet' },
} satisfies ErrorCatalog<InterviewsExceptionCode>;

export class InterviewsException extends AppException<InterviewsExceptionCode> {}
/** `throw interviewsError(InterviewsExceptionCode.SEEKER_BUSY)`; parameters and a field when the catalog asks for them. */
export const interviewsError = exceptionFactory(InterviewsException, INTERVIEWS_ERRORS);

type NotFoundCode = InterviewsExceptionCode.NOT_FOUND | InterviewsExceptionCode.TEMPLATE_NOT_FOUND | InterviewsExceptionCode.SCORECARD_NOT_FOUND;
/** `ID` args are not validated by the pipe; a malformed id is simply "not found". */
export function assertId(id: string, notFound: NotFoundCode = InterviewsExceptionCode.NOT_FOUND): void {
  assertUuid(id, () => interviewsError(notFound));
}
