import { ageOn } from './seeker.service';

describe('ageOn: age on the Asia/Shanghai calendar date of an instant', () => {
  it('turns a year older at midnight Beijing time, not at midnight UTC', () => {
    expect(ageOn('2000-12-02', new Date('2026-12-01T15:59:59Z'))).toBe(25); // 23:59:59 on 1 Dec in Beijing
    expect(ageOn('2000-12-02', new Date('2026-12-01T16:00:00Z'))).toBe(26); // 00:00 on 2 Dec in Beijing
  });
  it('counts across a new year and on the last day of a month', () => {
    expect(ageOn('1999-01-01', new Date('2026-12-31T15:50:00Z'))).toBe(27); // 23:50 on 31 Dec
    expect(ageOn('1999-01-01', new Date('2026-12-31T16:10:00Z'))).toBe(28); // 00:10 on 1 Jan
    expect(ageOn('2004-02-29', new Date('2027-02-28T15:50:00Z'))).toBe(22); // 23:50 on 28 Feb: not yet 23
    expect(ageOn('2004-02-29', new Date('2027-02-28T16:10:00Z'))).toBe(23); // 1 Mar
  });
});
