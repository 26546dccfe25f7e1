import { ErrorCatalog } from '@app/core';
import { checkErrorCatalog } from '@app/testing';
import { FAIRS_LIVE_ERRORS, FairsLiveExceptionCode, liveError } from './live.exception';

describe('FairsLiveExceptionCode: every code has zh-CN and English messages', () => {
  checkErrorCatalog(FairsLiveExceptionCode, FAIRS_LIVE_ERRORS, liveError, {
    [FairsLiveExceptionCode.QUEUE_LIMIT]: { max: 3 },
    [FairsLiveExceptionCode.CALL_PENDING]: { seconds: 42 },
  });

  it('an incomplete catalog does not compile', () => {
    // @ts-expect-error — a catalog without a spec for every code is a type error
    const incomplete: ErrorCatalog<FairsLiveExceptionCode> = { [FairsLiveExceptionCode.QUEUE_LIMIT]: FAIRS_LIVE_ERRORS[FairsLiveExceptionCode.QUEUE_LIMIT] };
    expect(Object.keys(incomplete)).toHaveLength(1);
  });
});
