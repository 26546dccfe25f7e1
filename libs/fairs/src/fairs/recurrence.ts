import { shanghaiDate } from '@app/core';

const DAY_MS = 86_400_000;

/** ISO weekday (1 = Monday … 7 = Sunday) of a Shanghai calendar date YYYY-MM-DD. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** An instant from a Shanghai calendar date and a local 'HH:MM[:SS]' time (UTC+8, no daylight saving). */
export function shanghaiInstant(date: string, time: string): Date {
  const hms = time.length === 5 ? `${time}:00` : time.slice(0, 8);
  return new Date(`${date}T${hms}+08:00`);
}

export interface Occurrence {
  date: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * The next `weeks` occurrences of a weekly recurrence in Asia/Shanghai whose start is still ahead of `now`
 * (today counts when its start has not passed): the calendar date is taken in Shanghai, never in UTC, so a
 * Friday 23:59 in Beijing (15:59 UTC) and a Saturday 07:59 in Beijing (Friday 23:59 UTC) both see Saturday right.
 */
export function weeklyOccurrences(now: Date, weekday: number, startLocal: string, endLocal: string, weeks: number): Occurrence[] {
  const today = shanghaiDate(now);
  let date = addDays(today, (weekday - isoWeekday(today) + 7) % 7);
  if (shanghaiInstant(date, startLocal).getTime() <= now.getTime()) date = addDays(date, 7);
  const out: Occurrence[] = [];
  for (let i = 0; i < weeks; i++) {
    const d = addDays(date, 7 * i);
    out.push({ date: d, startsAt: shanghaiInstant(d, startLocal), endsAt: shanghaiInstant(d, endLocal) });
  }
  return out;
}
