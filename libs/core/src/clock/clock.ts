import { Injectable } from '@nestjs/common';

/**
 * TEST_NOW (an ISO instant, e.g. `2026-12-31T23:50:00+08:00`): outside production, every Clock of this
 * process starts at that instant and runs on from there. tools/test.sh runs the date-sensitive test files
 * at a few such instants (midnight, month and year ends, single-digit days) so the suite passes at any hour.
 * Fixed once per process, so the API, the worker and the page tests' browser (serve-web.ts) agree.
 */
export function testNowOffsetMs(env: NodeJS.ProcessEnv = process.env, realNow = Date.now()): number {
  const v = env.TEST_NOW?.trim();
  if (!v) return 0;
  if (env.NODE_ENV === 'production') throw new Error('TEST_NOW is for tests only; unset it in production');
  const t = Date.parse(v);
  if (isNaN(t) || !/(Z|[+-]\d{2}:?\d{2})$/i.test(v))
    throw new Error(`TEST_NOW must be an ISO instant with its offset, e.g. 2026-12-31T23:50:00+08:00 (got ${v})`);
  return t - realNow;
}

let processOffset: number | undefined;
const startOffset = (): number => (processOffset ??= testNowOffsetMs());

/** Time source; tests replace it to move time without waiting. */
@Injectable()
export class Clock {
  private offsetMs = startOffset();
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  /** For tests only: shift the clock forward. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export const TIME_ZONE = 'Asia/Shanghai';

/** YYYY-MM-DD of an instant in Asia/Shanghai. */
const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

export function shanghaiDate(d: Date): string {
  return SHANGHAI_DATE.format(d); // one formatter for the process: building one per call costs more than the formatting
}
