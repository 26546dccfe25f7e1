import { Injectable } from '@nestjs/common';

/** Time source; tests replace it to move time without waiting. */
@Injectable()
export class Clock {
  private offsetMs = 0;
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
export function shanghaiDate(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}
