import { ErrorCatalog } from '@app/core';
import { checkErrorCatalog } from '@app/testing';
import { fairsError, FairsExceptionCode, FAIRS_ERRORS } from './fairs.exception';

describe('FairsExceptionCode: every code has zh-CN and English messages', () => {
  checkErrorCatalog(FairsExceptionCode, FAIRS_ERRORS, fairsError, {
    [FairsExceptionCode.INVALID_TRANSITION]: { fromZh: '草稿', toZh: '进行中', from: 'DRAFT', to: 'LIVE' },
    [FairsExceptionCode.HEADCOUNT_TOO_HIGH]: { left: 3 },
  });

  it('an incomplete catalog does not compile', () => {
    // @ts-expect-error — a catalog without a spec for every code is a type error
    const incomplete: ErrorCatalog<FairsExceptionCode> = { [FairsExceptionCode.BOOTH_TAKEN]: FAIRS_ERRORS[FairsExceptionCode.BOOTH_TAKEN] };
    expect(Object.keys(incomplete)).toHaveLength(1);
  });
});
