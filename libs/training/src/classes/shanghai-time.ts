import { TIME_ZONE } from '@app/core';

const FMT = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** "YYYY-MM-DD HH:mm" in Asia/Shanghai, for display. Times are stored and sent as UTC instants. */
export function shanghaiDateTime(d: Date): string {
  const p = Object.fromEntries(FMT.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Start of a Shanghai calendar day (UTC+8, no daylight saving) as an instant. */
export function shanghaiDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}
