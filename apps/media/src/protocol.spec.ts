import { CLOSE_REASONS, CloseCode, closeReason } from './protocol';

describe('close reasons', () => {
  it.each(Object.keys(CLOSE_REASONS).map(Number))('code %i has a bilingual reason that fits a close frame', (code) => {
    const reason = closeReason(code as CloseCode);
    expect(reason).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    expect(Buffer.byteLength(reason, 'utf8')).toBeLessThanOrEqual(123);
    expect(code).toBeGreaterThanOrEqual(4000);
    expect(code).toBeLessThan(5000);
  });
});
