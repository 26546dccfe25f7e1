import { ErrorCatalog } from '@app/core';
import { checkErrorCatalog } from '@app/testing';
import { employersError, EmployersExceptionCode, EMPLOYERS_ERRORS } from './employers.exception';

describe('EmployersExceptionCode: every code has zh-CN and English messages', () => {
  checkErrorCatalog(EmployersExceptionCode, EMPLOYERS_ERRORS, employersError, {
    [EmployersExceptionCode.INVALID_TRANSITION]: { fromZh: '已投递', toZh: '已录用', from: 'APPLIED', to: 'HIRED' },
    [EmployersExceptionCode.CANNOT_WITHDRAW]: { stageZh: '已录用', stage: 'HIRED' },
    [EmployersExceptionCode.POSTING_STATUS_TRANSITION]: { from: 'CLOSED', to: 'OPEN' },
    [EmployersExceptionCode.HEADCOUNT_BELOW_HIRED]: { hired: 3 },
  });

  it('an incomplete catalog does not compile', () => {
    // @ts-expect-error — a catalog without a spec for every code is a type error
    const incomplete: ErrorCatalog<EmployersExceptionCode> = { [EmployersExceptionCode.POSTING_FULL]: EMPLOYERS_ERRORS[EmployersExceptionCode.POSTING_FULL] };
    expect(Object.keys(incomplete)).toHaveLength(1);
  });
});
