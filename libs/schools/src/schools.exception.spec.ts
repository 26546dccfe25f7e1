import { ErrorCatalog } from '@app/core';
import { checkErrorCatalog } from '@app/testing';
import { schoolsError, SchoolsExceptionCode, SCHOOLS_ERRORS } from './schools.exception';

describe('SchoolsExceptionCode: every code has zh-CN and English messages', () => {
  checkErrorCatalog(SchoolsExceptionCode, SCHOOLS_ERRORS, schoolsError, {
    [SchoolsExceptionCode.FILE_TOO_LARGE]: { mb: 10 },
    [SchoolsExceptionCode.GRADUATE_FILE_INVALID]: { zh: '不是有效的 xlsx 文件', en: 'Not a valid xlsx file' },
    [SchoolsExceptionCode.NOT_A_STUDENT]: { count: 2 },
    [SchoolsExceptionCode.QUOTA_FULL]: { quota: 30, taken: 28, requested: 5 },
    [SchoolsExceptionCode.MONTH_OUTSIDE_INTERNSHIP]: { month: '2026-07', start: '2026-03-01', end: '2026-06-30' },
    [SchoolsExceptionCode.TOO_MANY_ATTENDANCE_DAYS]: { month: '2026-02', days: 28 },
  });

  it('an incomplete catalog does not compile', () => {
    // @ts-expect-error — a catalog without a spec for every code is a type error
    const incomplete: ErrorCatalog<SchoolsExceptionCode> = { [SchoolsExceptionCode.QUOTA_FULL]: SCHOOLS_ERRORS[SchoolsExceptionCode.QUOTA_FULL] };
    expect(Object.keys(incomplete)).toHaveLength(1);
  });
});
