import { AppException } from '@app/core';
import { QueryFailedError } from 'typeorm';

/** Interview errors: a stable code plus zh-CN and English messages (and the input field, when one is at fault). */
export class InterviewsException extends AppException {}

export enum InterviewErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  NO_PROFILE = 'NO_PROFILE',
  APPLICATION_STAGE = 'APPLICATION_STAGE',
  APPLICATION_CLOSED = 'APPLICATION_CLOSED',
  ALREADY_OPEN = 'INTERVIEW_ALREADY_OPEN',
  INVALID_STATUS = 'INTERVIEW_INVALID_STATUS',
  SLOT_IN_PAST = 'SLOT_IN_PAST',
  SLOT_TOO_FAR = 'SLOT_TOO_FAR',
  SLOTS_OVERLAP_EACH_OTHER = 'SLOTS_OVERLAP_EACH_OTHER',
  HR_BUSY = 'INTERVIEWER_BUSY',
  SEEKER_BUSY = 'SEEKER_BUSY',
  SLOT_NOT_AVAILABLE = 'SLOT_NOT_AVAILABLE',
  CONFIRM_NEEDS_ONE_SLOT = 'CONFIRM_NEEDS_ONE_SLOT',
  JOIN_TOO_EARLY = 'JOIN_TOO_EARLY',
  JOIN_ENDED = 'JOIN_ENDED',
  TEMPLATE_NAME_TAKEN = 'TEMPLATE_NAME_TAKEN',
  INVALID_RATINGS = 'INVALID_RATINGS',
  SCORECARD_REQUIRED = 'SCORECARD_REQUIRED',
  SCORECARD_FINAL = 'SCORECARD_FINAL',
  OUTCOME_TOO_EARLY = 'OUTCOME_TOO_EARLY',
}

const ex = (code: InterviewErrorCode, zh: string, en: string, field?: string) => new InterviewsException(code, zh, en, field);

/** Also what another tenant's HR or another seeker sees: existence does not leak. */
export const interviewNotFound = (field = 'interviewId') => ex(InterviewErrorCode.NOT_FOUND, '面试不存在', 'Interview not found', field);
export const templateNotFound = () => ex(InterviewErrorCode.NOT_FOUND, '评分模板不存在', 'Scorecard template not found', 'templateId');
export const scorecardNotFound = () => ex(InterviewErrorCode.NOT_FOUND, '评分表不存在', 'Scorecard not found', 'interviewId');

export const InterviewErrors = {
  noProfile: () => ex(InterviewErrorCode.NO_PROFILE, '请先完善个人资料', 'Create your profile first'),
  applicationStage: (stageZh: string) =>
    ex(InterviewErrorCode.APPLICATION_STAGE, `投递处于「${stageZh}」阶段，只有「筛选中」或「面试」阶段可以安排面试`,
      'Only applications at SCREENING or INTERVIEW can be scheduled for an interview', 'applicationId'),
  applicationClosed: () =>
    ex(InterviewErrorCode.APPLICATION_CLOSED, '该投递已结束（已撤回或未通过），面试不可进行', 'The application is closed (withdrawn or rejected)', 'interviewId'),
  alreadyOpen: () =>
    ex(InterviewErrorCode.ALREADY_OPEN, '该投递已有进行中的面试安排，请改期或取消后再安排', 'This application already has an open interview; reschedule or cancel it', 'applicationId'),
  invalidStatus: (statusZh: string, action: { zh: string; en: string }) =>
    ex(InterviewErrorCode.INVALID_STATUS, `面试「${statusZh}」，不能${action.zh}`, `Interview is ${statusZh}; cannot ${action.en}`, 'interviewId'),
  slotInPast: (i: number) => ex(InterviewErrorCode.SLOT_IN_PAST, `第${i + 1}个时段已经过去`, `Slot ${i + 1} starts in the past`, `slots.${i}.startsAt`),
  slotTooFar: (i: number) => ex(InterviewErrorCode.SLOT_TOO_FAR, `第${i + 1}个时段超过90天`, `Slot ${i + 1} is more than 90 days ahead`, `slots.${i}.startsAt`),
  slotsOverlapEachOther: (i: number) =>
    ex(InterviewErrorCode.SLOTS_OVERLAP_EACH_OTHER, `第${i + 1}个时段与其他备选时段重叠`, `Slot ${i + 1} overlaps another proposed slot`, `slots.${i}.startsAt`),
  hrBusy: (whenZh?: string) =>
    ex(InterviewErrorCode.HR_BUSY, `面试官在该时段已有其他面试安排${whenZh ? `（${whenZh}）` : ''}`,
      'The interviewer already has another interview (proposed or confirmed) at an overlapping time', 'slots'),
  seekerBusy: () =>
    ex(InterviewErrorCode.SEEKER_BUSY, '求职者在该时段已有其他面试', 'The job seeker already has another interview at that time', 'slotId'),
  slotNotAvailable: () => ex(InterviewErrorCode.SLOT_NOT_AVAILABLE, '该时段已不可选，请刷新后重新选择', 'That slot is no longer available', 'slotId'),
  confirmNeedsOneSlot: () =>
    ex(InterviewErrorCode.CONFIRM_NEEDS_ONE_SLOT, '直接确定时间时只能给出一个时段', 'A confirmed time needs exactly one slot', 'slots'),
  joinTooEarly: (opensZh: string) =>
    ex(InterviewErrorCode.JOIN_TOO_EARLY, `面试间尚未开放，将于 ${opensZh} 开放（开始前10分钟）`, 'The interview room opens 10 minutes before the start', 'interviewId'),
  joinEnded: () => ex(InterviewErrorCode.JOIN_ENDED, '面试间已关闭', 'The interview room has closed', 'interviewId'),
  templateNameTaken: () => ex(InterviewErrorCode.TEMPLATE_NAME_TAKEN, '已有同名评分模板', 'A scorecard template with this name exists', 'name'),
  invalidRatings: (zh: string, en: string) => ex(InterviewErrorCode.INVALID_RATINGS, zh, en, 'ratings'),
  scorecardRequired: () =>
    ex(InterviewErrorCode.SCORECARD_REQUIRED, '请先填写评分表再给出通过/不通过结论', 'Record the scorecard before a PASS or FAIL outcome', 'outcome'),
  scorecardFinal: () => ex(InterviewErrorCode.SCORECARD_FINAL, '面试结论已给出，评分表不可再修改', 'The outcome is recorded; the scorecard is final', 'interviewId'),
  outcomeTooEarly: () => ex(InterviewErrorCode.OUTCOME_TOO_EARLY, '面试尚未开始，不能给出结论', 'The interview has not started yet', 'outcome'),
};

/** The PostgreSQL error code and constraint of a failed query, if it is one. */
export function pgError(e: unknown): { code: string; constraint?: string } | null {
  if (!(e instanceof QueryFailedError)) return null;
  const d = (e as QueryFailedError & { driverError?: { code?: string; constraint?: string } }).driverError;
  return d?.code ? { code: d.code, constraint: d.constraint } : null;
}
export const EXCLUSION_VIOLATION = '23P01';
export const UNIQUE_VIOLATION = '23505';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `ID` args are not validated by the pipe; a malformed id is simply "not found". */
export function assertId(id: string, notFound: () => InterviewsException = interviewNotFound): void {
  if (!UUID.test(id)) throw notFound();
}
