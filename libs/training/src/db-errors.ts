import { QueryFailedError } from 'typeorm';

/** The PostgreSQL error code and constraint of a failed query, if it is one. */
export function pgError(e: unknown): { code: string; constraint?: string } | null {
  if (!(e instanceof QueryFailedError)) return null;
  const d = (e as QueryFailedError & { driverError?: { code?: string; constraint?: string } }).driverError;
  return d?.code ? { code: d.code, constraint: d.constraint } : null;
}

export const EXCLUSION_VIOLATION = '23P01';
export const UNIQUE_VIOLATION = '23505';
