import { QueryFailedError } from 'typeorm';

/** PostgreSQL error codes (SQLSTATE) the contexts turn into domain errors. */
export enum PgErrorCode {
  UNIQUE_VIOLATION = '23505',
  EXCLUSION_VIOLATION = '23P01',
  FOREIGN_KEY_VIOLATION = '23503',
}
/** @deprecated use PgErrorCode.UNIQUE_VIOLATION */
export const UNIQUE_VIOLATION = PgErrorCode.UNIQUE_VIOLATION;
/** @deprecated use PgErrorCode.EXCLUSION_VIOLATION */
export const EXCLUSION_VIOLATION = PgErrorCode.EXCLUSION_VIOLATION;

/** The PostgreSQL error code and constraint of a failed query (TypeORM's QueryFailedError or the driver's error), if it is one. */
export function pgError(e: unknown): { code: string; constraint?: string } | null {
  const d =
    e instanceof QueryFailedError
      ? (e as QueryFailedError & { driverError?: { code?: unknown; constraint?: string } }).driverError
      : (e as { code?: unknown; constraint?: string } | null);
  return d && typeof d.code === 'string' && /^[0-9A-Z]{5}$/.test(d.code) ? { code: d.code, constraint: d.constraint } : null;
}

/** Whether `e` is a failed query with this SQLSTATE (and, if given, on this constraint). */
export function isPgError(e: unknown, code: PgErrorCode, constraint?: string): boolean {
  const p = pgError(e);
  return !!p && p.code === code && (constraint === undefined || p.constraint === constraint);
}

/**
 * Runs `work`; a failure with the given SQLSTATE (optionally on one constraint) becomes `toError()`,
 * anything else is rethrown. The one place a unique/exclusion violation turns into a domain error.
 */
export async function mapPgError<T>(work: () => Promise<T>, code: PgErrorCode, toError: () => Error, constraint?: string): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isPgError(e, code, constraint)) throw toError();
    throw e;
  }
}
