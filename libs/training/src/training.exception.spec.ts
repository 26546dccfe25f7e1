import { ErrorCatalog } from '@app/core';
import { checkErrorCatalog } from '@app/testing';
import { trainingError, TrainingExceptionCode, TRAINING_ERRORS } from './training.exception';

describe('TrainingExceptionCode: every code has zh-CN and English messages', () => {
  checkErrorCatalog(TrainingExceptionCode, TRAINING_ERRORS, trainingError, {
    [TrainingExceptionCode.NOT_CUSTOM_CLASS]: { classTypeZh: '储备班组长培训' },
    [TrainingExceptionCode.SESSION_OUTSIDE_CLASS]: { from: '2026-03-01', to: '2026-03-31' },
  });

  it('an incomplete catalog does not compile', () => {
    // @ts-expect-error — a catalog without a spec for every code is a type error
    const incomplete: ErrorCatalog<TrainingExceptionCode> = { [TrainingExceptionCode.CLASS_FULL]: TRAINING_ERRORS[TrainingExceptionCode.CLASS_FULL] };
    expect(Object.keys(incomplete)).toHaveLength(1);
  });
});
