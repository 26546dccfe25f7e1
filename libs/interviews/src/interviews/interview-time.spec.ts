import { firstSelfOverlap, overlaps, shanghaiDateTime, shanghaiFriendly } from './interview-time';

const r = (s: string, e: string) => ({ startsAt: new Date(s), endsAt: new Date(e) });

describe('interview time helpers', () => {
  it('ranges touching end-to-start do not overlap; nested ones do', () => {
    expect(overlaps(r('2026-05-02T01:00Z', '2026-05-02T01:30Z'), r('2026-05-02T01:30Z', '2026-05-02T02:00Z'))).toBe(false);
    expect(overlaps(r('2026-05-02T01:00Z', '2026-05-02T02:00Z'), r('2026-05-02T01:10Z', '2026-05-02T01:20Z'))).toBe(true);
  });
  it('finds the first slot that overlaps an earlier one', () => {
    expect(firstSelfOverlap([r('2026-05-02T01:00Z', '2026-05-02T01:30Z'), r('2026-05-02T02:00Z', '2026-05-02T02:30Z')])).toBe(-1);
    expect(
      firstSelfOverlap([r('2026-05-02T01:00Z', '2026-05-02T01:30Z'), r('2026-05-02T02:00Z', '2026-05-02T02:30Z'), r('2026-05-02T01:29Z', '2026-05-02T01:40Z')]),
    ).toBe(2);
  });
  it('shows UTC instants in Asia/Shanghai', () => {
    expect(shanghaiDateTime(new Date('2026-05-02T01:30:00Z'))).toBe('2026-05-02 09:30');
    expect(shanghaiDateTime(new Date('2026-05-01T16:05:00Z'))).toBe('2026-05-02 00:05');
    expect(shanghaiFriendly(new Date('2026-05-02T01:30:00Z'))).toBe('5月2日（周六）09:30');
  });
});
