import { TIME_ZONE } from '@app/core';

export const MIN_DURATION_MINUTES = 10;
export const MAX_DURATION_MINUTES = 120;
export const MAX_SLOTS = 5;
export const MAX_DAYS_AHEAD = 90;
/** The room opens this long before the start … */
export const JOIN_OPENS_BEFORE_MS = 10 * 60_000;
/** … and closes this long after the scheduled end. */
export const ROOM_GRACE_AFTER_END_MS = 30 * 60_000;
/** Join tokens live at most this long (never past the room's end). */
export const JOIN_TOKEN_TTL_MS = 15 * 60_000;

export interface TimeRange {
  startsAt: Date;
  endsAt: Date;
}

export function overlaps(a: TimeRange, b: TimeRange): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

/** Index of the first range overlapping an earlier one in the list, or -1. */
export function firstSelfOverlap(ranges: TimeRange[]): number {
  for (let i = 1; i < ranges.length; i++) {
    for (let j = 0; j < i; j++) if (overlaps(ranges[i], ranges[j])) return i;
  }
  return -1;
}

const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六'];

/** "2026-05-02 09:30" in Asia/Shanghai. */
export function shanghaiDateTime(d: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** "5月2日（周六）09:30" in Asia/Shanghai, for messages. */
export function shanghaiFriendly(d: Date): string {
  const local = new Date(d.getTime() + 8 * 3600_000); // Asia/Shanghai has no DST
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日（周${WEEKDAY[local.getUTCDay()]}）${hh}:${mm}`;
}
