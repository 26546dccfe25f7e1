import { ErrorCatalog } from '@app/core';
import { checkErrorCatalog } from '@app/testing';
import { talentError, TalentExceptionCode, TALENT_ERRORS } from './talent.exception';

describe('TalentExceptionCode: every code has zh-CN and English messages', () => {
  checkErrorCatalog(TalentExceptionCode, TALENT_ERRORS, talentError, {
    [TalentExceptionCode.UNKNOWN_REGION]: { regionCode: '150999' },
    [TalentExceptionCode.CATEGORY_LIST_FILE_TOO_LARGE]: { mb: 20 },
    [TalentExceptionCode.CATEGORY_LIST_UNREADABLE]: { zh: '文件是空的', en: 'The file is empty' },
    [TalentExceptionCode.CATEGORY_LIST_ROWS_INVALID]: { rows: 2 },
  });

  it('an incomplete catalog does not compile', () => {
    // @ts-expect-error — a catalog without a spec for every code is a type error
    const incomplete: ErrorCatalog<TalentExceptionCode> = { [TalentExceptionCode.NO_PROFILE]: TALENT_ERRORS[TalentExceptionCode.NO_PROFILE] };
    expect(Object.keys(incomplete)).toHaveLength(1);
  });
});
