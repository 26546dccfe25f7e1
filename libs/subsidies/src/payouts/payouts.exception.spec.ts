import { ErrorCatalog } from '@app/core';
import { checkErrorCatalog } from '@app/testing';
import { payoutsError, PayoutsExceptionCode, PAYOUTS_ERRORS } from './payouts.exception';

describe('PayoutsExceptionCode: every code has zh-CN and English messages', () => {
  checkErrorCatalog(PayoutsExceptionCode, PAYOUTS_ERRORS, payoutsError, {
    [PayoutsExceptionCode.LINE_NOT_IN_BATCH]: { n: 2 },
    [PayoutsExceptionCode.LINE_ALREADY_SETTLED]: { n: 1 },
    [PayoutsExceptionCode.DUPLICATE_RECEIPT_LINE]: { n: 3 },
  });

  it('an incomplete catalog does not compile', () => {
    // @ts-expect-error — a catalog without a spec for every code is a type error
    const incomplete: ErrorCatalog<PayoutsExceptionCode> = { [PayoutsExceptionCode.NOTHING_DUE]: PAYOUTS_ERRORS[PayoutsExceptionCode.NOTHING_DUE] };
    expect(Object.keys(incomplete)).toHaveLength(1);
  });
});
