import { ErrorCatalog } from '@app/core';
import { checkErrorCatalog } from '@app/testing';
import { matchingError, MatchingExceptionCode, MATCHING_ERRORS } from './matching.exception';

describe('MatchingExceptionCode: every code has zh-CN and English messages', () => {
  checkErrorCatalog(MatchingExceptionCode, MATCHING_ERRORS, matchingError, {
    [MatchingExceptionCode.SEARCH_UNAVAILABLE]: { host: '127.0.0.1:7700', detail: 'ECONNREFUSED' },
    [MatchingExceptionCode.SEARCH_TIMEOUT]: { what: 'upsert' },
    [MatchingExceptionCode.SEARCH_ERROR]: { what: 'search', code: 'invalid_search_q', detail: 'bad query' },
    [MatchingExceptionCode.SEARCH_TASK_FAILED]: { what: 'upsert', detail: 'index_not_found' },
    [MatchingExceptionCode.WINDOW_EXCEEDED]: { max: 1000 },
  });

  it('an incomplete catalog does not compile', () => {
    // @ts-expect-error — a catalog without a spec for every code is a type error
    const incomplete: ErrorCatalog<MatchingExceptionCode> = { [MatchingExceptionCode.NO_PROFILE]: MATCHING_ERRORS[MatchingExceptionCode.NO_PROFILE] };
    expect(Object.keys(incomplete)).toHaveLength(1);
  });
});
