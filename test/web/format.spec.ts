import { dateTime, hourMinute, monthDay, timeSpan } from '../../apps/web/src/shared/format';

/**
 * The pages' date formatter, which the page tests also use to build the strings they expect (issue 8 §1):
 * the cases that made the suite fail at 23:44 Beijing time on 2 December and before the 10th of a month.
 */
describe('shared/format dates (Beijing time)', () => {
  const at = (local: string) => new Date(`${local}+08:00`);

  it('a span on one day, and one that runs past midnight (into a new year) with both dates', () => {
    expect(timeSpan(at('2026-12-02T14:00:00'), at('2026-12-02T16:30:00'))).toBe('2026-12-02 14:00–16:30');
    expect(timeSpan(at('2026-12-02T23:44:00'), at('2026-12-03T01:44:00'))).toBe('2026-12-02 23:44 – 2026-12-03 01:44');
    expect(timeSpan('2026-12-31T15:40:00.000Z', '2026-12-31T17:40:00.000Z')).toBe('2026-12-31 23:40 – 2027-01-01 01:40');
    // The API's *Local fields are already Beijing time and come out as they are.
    expect(timeSpan('2026-12-31 23:40', '2027-01-01 01:40')).toBe('2026-12-31 23:40 – 2027-01-01 01:40');
    expect(timeSpan('2026-03-01 09:00', '2026-03-01 11:30')).toBe('2026-03-01 09:00–11:30');
  });

  it('an instant before 08:00 Beijing is on the Beijing date, not the UTC one', () => {
    expect(dateTime('2027-02-28T23:55:00Z')).toBe('2027-03-01 07:55');
    expect(hourMinute(at('2027-03-01T07:05:00'))).toBe('07:05');
  });

  it('month and day without leading zeros, with the weekday; 今天/明天 against the given now, across month and year ends', () => {
    expect(monthDay(at('2026-12-04T09:30:00'))).toBe('12月4日（周五）');
    expect(monthDay(at('2027-01-01T00:10:00'))).toBe('1月1日（周五）');
    const lateOn31Dec = at('2026-12-31T23:50:00').getTime();
    expect(monthDay(at('2026-12-31T23:59:00'), lateOn31Dec)).toBe('今天 12月31日（周四）');
    expect(monthDay(at('2027-01-01T00:00:00'), lateOn31Dec)).toBe('明天 1月1日（周五）');
    expect(monthDay(at('2027-01-01T23:59:00'), lateOn31Dec, true)).toBe('明天 ');
    expect(monthDay(at('2027-01-02T00:00:00'), lateOn31Dec, true)).toBe('1月2日（周六）');
    // 28 February 2027 → 1 March (not a leap year).
    expect(monthDay(at('2027-03-01T09:00:00'), at('2027-02-28T23:50:00').getTime())).toBe('明天 3月1日（周一）');
  });
});
