import { shanghaiDate, shanghaiDateTime } from '@app/core';
import { isoWeekday, weeklyOccurrences } from './recurrence';

describe('weeklyOccurrences (Asia/Shanghai)', () => {
  it('Friday 23:59 in Beijing: the first Saturday is the next morning', () => {
    const now = new Date('2026-12-04T23:59:00+08:00'); // a Friday in Beijing
    const occ = weeklyOccurrences(now, 6, '09:00', '12:00', 8);
    expect(occ).toHaveLength(8);
    expect(shanghaiDateTime(occ[0].startsAt)).toBe('2026-12-05 09:00');
    expect(shanghaiDateTime(occ[0].endsAt)).toBe('2026-12-05 12:00');
    expect(occ.map((o) => isoWeekday(shanghaiDate(o.startsAt)))).toEqual(Array(8).fill(6));
  });

  it('Saturday 07:59 in Beijing (still Friday in UTC): today counts', () => {
    const now = new Date('2026-12-05T07:59:00+08:00');
    expect(shanghaiDateTime(weeklyOccurrences(now, 6, '09:00', '12:00', 1)[0].startsAt)).toBe('2026-12-05 09:00');
  });

  it('Saturday 09:00 sharp: that fair has started, the next is a week later', () => {
    const now = new Date('2026-12-05T09:00:00+08:00');
    expect(shanghaiDateTime(weeklyOccurrences(now, 6, '09:00', '12:00', 1)[0].startsAt)).toBe('2026-12-12 09:00');
  });

  it('across a month end and a year end', () => {
    const now = new Date('2026-12-31T23:50:00+08:00'); // Thursday
    const occ = weeklyOccurrences(now, 6, '09:00', '12:00', 3);
    expect(occ.map((o) => shanghaiDateTime(o.startsAt))).toEqual(['2027-01-02 09:00', '2027-01-09 09:00', '2027-01-16 09:00']);
    const jan = weeklyOccurrences(new Date('2027-01-30T10:00:00+08:00'), 6, '09:00', '12:00', 2);
    expect(jan.map((o) => o.date)).toEqual(['2027-02-06', '2027-02-13']);
  });
});
