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

/** Shanghai date/time formatting lives in core (libs/core/src/clock/shanghai-time.ts). */
export { shanghaiDateTime, shanghaiFriendly } from '@app/core';
