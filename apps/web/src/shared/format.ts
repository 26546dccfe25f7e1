import { t } from './i18n';

// Enum labels live in ./labels.ts (typed by the schema's enums); this module formats numbers, money, dates and distances.

const group = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** 350000 fen → "3,500" (yuan). */
export function yuan(fen: number): string {
  const y = Math.round(fen) / 100;
  const whole = Math.floor(y);
  const cents = Math.round((y - whole) * 100);
  return group(whole) + (cents ? '.' + String(cents).padStart(2, '0') : '');
}

/** "3,200–4,500 元/月" */
export function salary(minFen: number, maxFen: number): string {
  const unit = t(' 元/月', ' yuan/month');
  return (minFen === maxFen ? yuan(minFen) : `${yuan(minFen)}–${yuan(maxFen)}`) + unit;
}

/** "4500" or "4500.5" yuan typed by HR → fen; NaN when not a number. */
export function toFen(v: string): number {
  const s = v.replace(/[,，\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return NaN;
  return Math.round(parseFloat(s) * 100);
}

const TZ = 'Asia/Shanghai';
let dtf: Intl.DateTimeFormat | null = null;
function parts(d: Date): Record<string, string> {
  dtf =
    dtf ||
    new Intl.DateTimeFormat('en-GB', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const out: Record<string, string> = {};
  for (const p of dtf.formatToParts(d)) out[p.type] = p.value;
  return out;
}

/** The API's *Local fields: already Beijing wall-clock time, "2026-03-01 14:05". */
const LOCAL = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;

/** Beijing time "2026-03-01 14:05" of an instant (an ISO string, epoch ms or Date; a *Local string as it is). */
export function dateTime(v: string | number | Date | null | undefined): string {
  if (v == null || v === '') return '';
  if (typeof v === 'string' && LOCAL.test(v)) return v;
  const d = v instanceof Date ? v : new Date(v);
  if (isNaN(d.getTime())) return String(v);
  const p = parts(d);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Beijing date "2026-03-01". */
export function date(v: string | Date | null | undefined): string {
  if (!v) return '';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  return dateTime(v).slice(0, 10);
}

export const today = (): string => date(new Date());

/**
 * The pages and the tests share these (test/web builds its expected strings with them), so an expectation
 * never depends on the hour or the day of the month the suite runs at.
 */

/** "09:30", Beijing time. */
export const hourMinute = (v: string | number | Date): string => dateTime(v).slice(11);

/** A span in Beijing time: "2026-03-01 14:00–16:00"; across midnight "2026-12-02 23:44 – 2026-12-03 01:44". */
export function timeSpan(start: string | number | Date, end: string | number | Date): string {
  const a = dateTime(start);
  const b = dateTime(end);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a}–${b.slice(11)}` : `${a} – ${b}`;
}

const WD = '日一二三四五六';
const WD_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_MS = 86_400_000; // Beijing has no daylight saving time

/**
 * "12月4日（周五）" (no leading zeros) of an instant in Beijing time, after "今天 " or "明天 " when it falls on
 * the day of `nowMs` or the next (no such word without `nowMs`); `short`: only "今天 " / "明天 " then.
 */
export function monthDay(v: string | number | Date, nowMs?: number, short = false): string {
  const ymd = dateTime(v).slice(0, 10);
  const [y, m, d] = ymd.split('-').map(Number);
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const rel =
    nowMs === undefined ? '' : ymd === date(new Date(nowMs)) ? t('今天 ', 'Today ') : ymd === date(new Date(nowMs + DAY_MS)) ? t('明天 ', 'Tomorrow ') : '';
  return short && rel ? rel : rel + t(`${m}月${d}日（周${WD[w]}）`, `${WD_EN[w]} ${ymd}`);
}

export const km = (v: number | null | undefined): string => (v == null ? '' : `${v < 1 ? '<1' : Math.round(v)} ${t('公里', 'km')}`);
