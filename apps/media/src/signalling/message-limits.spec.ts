import { FLOOD_WINDOW_MS, MessageLimiter, TokenBucket } from './message-limits';

describe('TokenBucket', () => {
  it('allows a burst, then refills at the rate (never above the burst)', () => {
    const bucket = new TokenBucket(10, 5, 0);
    expect(Array.from({ length: 6 }, () => bucket.take(0))).toEqual([true, true, true, true, true, false]);
    expect(bucket.take(50)).toBe(false); // half a token back
    expect(bucket.take(100)).toBe(true); // one token after 100 ms at 10/s
    expect(bucket.take(100)).toBe(false);
    // A long pause refills to the burst, not beyond.
    const after = Array.from({ length: 6 }, () => bucket.take(60_000));
    expect(after.filter(Boolean)).toHaveLength(5);
  });
});

describe('MessageLimiter', () => {
  const config = { messagesPerSecond: 10, messageBurst: 5, floodDisconnectAfter: 4 };

  it('refuses beyond the budget and disconnects after floodDisconnectAfter refusals in the window', () => {
    const limiter = new MessageLimiter(config, 0);
    for (let i = 0; i < 5; i++) expect(limiter.check(0)).toBe('accept');
    expect([limiter.check(1), limiter.check(2), limiter.check(3)]).toEqual(['refuse', 'refuse', 'refuse']);
    expect(limiter.check(4)).toBe('disconnect');
  });

  it('forgets refusals once the window has passed', () => {
    const limiter = new MessageLimiter(config, 0);
    for (let i = 0; i < 5; i++) limiter.check(0);
    for (let i = 0; i < 3; i++) expect(limiter.check(1)).toBe('refuse');
    // Well-behaved for a while: one message per 200 ms never runs dry.
    for (let t = 200; t < FLOOD_WINDOW_MS; t += 200) expect(limiter.check(t)).toBe('accept');
    // A new burst after the window: three more refusals are again only refusals.
    const t = FLOOD_WINDOW_MS + 1;
    for (let i = 0; i < 5; i++) limiter.check(t);
    expect([limiter.check(t), limiter.check(t), limiter.check(t)]).toEqual(['refuse', 'refuse', 'refuse']);
  });
});
