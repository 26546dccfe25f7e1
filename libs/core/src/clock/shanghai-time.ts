import { TIME_ZONE } from './clock';

const DATE_TIME = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "YYYY-MM-DD HH:mm" of an instant in Asia/Shanghai, for display. Times are stored and sent as UTC instants. */
export function shanghaiDateTime(d: Date): string {
  const p = Object.fromEntries(DATE_TIME.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Start of a Shanghai calendar day (UTC+8, no daylight saving) as an instant. */
export function shanghaiDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六'];

/** "5月2日（周六）09:30" in Asia/Shanghai, for messages. */
export function shanghaiFriendly(d: Date): string {
  const local = new Date(d.getTime() + 8 * 3600_000); // Asia/Shanghai has no DST
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日（周${WEEKDAY[local.getUTCDay()]}）${hh}:${mm}`;
}
