import { testNowOffsetMs } from './clock';

/** TEST_NOW: how tools/test.sh starts the app's Clock at fixed instants (issue 8 §1). */
describe('Clock start instant (TEST_NOW)', () => {
  const real = Date.parse('2026-12-02T15:44:00Z');

  it('is the offset from the real time to the given instant, so the clock runs on from there', () => {
    expect(testNowOffsetMs({ TEST_NOW: '2026-12-31T23:50:00+08:00', NODE_ENV: 'test' }, real)).toBe(Date.parse('2026-12-31T15:50:00Z') - real);
    expect(testNowOffsetMs({ TEST_NOW: '2026-12-02T15:44:00Z', NODE_ENV: 'test' }, real)).toBe(0);
  });

  it('is 0 without TEST_NOW', () => {
    expect(testNowOffsetMs({ NODE_ENV: 'test' }, real)).toBe(0);
    expect(testNowOffsetMs({ TEST_NOW: '  ', NODE_ENV: 'production' }, real)).toBe(0);
  });

  it('refuses an instant without its offset (it would be read in the machine’s zone), nonsense, and production', () => {
    expect(() => testNowOffsetMs({ TEST_NOW: '2026-12-31T23:50:00', NODE_ENV: 'test' }, real)).toThrow(/ISO instant with its offset/);
    expect(() => testNowOffsetMs({ TEST_NOW: 'tomorrow', NODE_ENV: 'test' }, real)).toThrow(/ISO instant/);
    expect(() => testNowOffsetMs({ TEST_NOW: '2026-12-31T23:50:00+08:00', NODE_ENV: 'production' }, real)).toThrow(/tests only/);
  });
});
