import type { ErrorKind } from './error-kind';

/**
 * Domain errors. Each context has a code enum (`TrainingExceptionCode`, …), a catalog
 * `Record<Code, ErrorSpec>` with the zh-CN and English messages and the kind (error-catalog.ts),
 * and a factory (`trainingError(code, …)`); throw sites name an enum member, never a string.
 * `code` is what API clients see as `extensions.code` (see publicCode in error-catalog.ts),
 * `reason` the context's own enum member. Services never throw HTTP errors.
 */
export class AppException<R extends string = string> extends Error {
  constructor(
    /** The code API clients see (`extensions.code`, the REST body's `code`). */
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly field?: string,
    readonly kind: ErrorKind = 'INPUT',
    /** The context's own code (its enum member); equals `code` unless the catalog maps it to a common code. */
    readonly reason: R = code as R,
    /** Extra machine-readable detail (e.g. a file error's code). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${messageZh} / ${messageEn}`);
  }
}
