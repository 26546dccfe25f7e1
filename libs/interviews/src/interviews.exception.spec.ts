import { ErrorCatalog } from '@app/core';
import { checkErrorCatalog } from '@app/testing';
import { interviewsError, InterviewsExceptionCode, INTERVIEWS_ERRORS } from './interviews.exception';

describe('InterviewsExceptionCode: every code has zh-CN and English messages', () => {
  checkErrorCatalog(InterviewsExceptionCode, INTERVIEWS_ERRORS, interviewsError, {
    [InterviewsExceptionCode.APPLICATION_STAGE]: { stageZh: '已投递' },
    [InterviewsExceptionCode.INTERVIEW_INVALID_STATUS]: { statusZh: '已取消', action: { zh: '改期', en: 'reschedule it' } },
    [InterviewsExceptionCode.SLOT_IN_PAST]: { i: 0 },
    [InterviewsExceptionCode.SLOT_TOO_FAR]: { i: 1 },
    [InterviewsExceptionCode.SLOTS_OVERLAP_EACH_OTHER]: { i: 2 },
    [InterviewsExceptionCode.INTERVIEWER_BUSY]: { whenZh: '2026-05-02 09:30' },
    [InterviewsExceptionCode.JOIN_TOO_EARLY]: { opensZh: '2026-05-02 09:20' },
    [InterviewsExceptionCode.INVALID_RATINGS]: { zh: '评分须为1到5分', en: 'Ratings must be 1 to 5' },
    [InterviewsExceptionCode.DUPLICATE_CRITERION]: { name: '普通话' },
  });

  it('an incomplete catalog does not compile', () => {
    // @ts-expect-error — a catalog without a spec for every code is a type error
    const incomplete: ErrorCatalog<InterviewsExceptionCode> = { [InterviewsExceptionCode.SEEKER_BUSY]: INTERVIEWS_ERRORS[InterviewsExceptionCode.SEEKER_BUSY] };
    expect(Object.keys(incomplete)).toHaveLength(1);
  });
});
