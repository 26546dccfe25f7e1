import { CHECKIN_CODE_MAX_AGE_MS, CHECKIN_STEP_MS, issueCheckInCode, verifyCheckInCode } from './checkin-code';

const KEY = Buffer.alloc(32, 3);
const S1 = '6f1c1a52-4d4e-4b8e-9d7a-0c7f0e3c2a11';
const S2 = '0b8e0f14-3c0e-4a55-8d36-5a4e6a0b7e22';
const T0 = Date.UTC(2026, 2, 2, 1, 0, 0); // 09:00 in Shanghai, on a step boundary

describe('rotating check-in code', () => {
  it('is accepted in its own step and the next, never longer than 60 s', () => {
    for (const offset of [0, 1, CHECKIN_STEP_MS - 1]) {
      const issuedAt = T0 + offset;
      const { code, expiresAt } = issueCheckInCode(KEY, S1, issuedAt);
      expect(expiresAt.getTime() - issuedAt).toBeLessThanOrEqual(CHECKIN_CODE_MAX_AGE_MS);
      expect(expiresAt.getTime() - issuedAt).toBeGreaterThan(CHECKIN_STEP_MS - 1);
      expect(verifyCheckInCode(KEY, S1, code, issuedAt)).toEqual({ ok: true, step: expect.any(Number) });
      expect(verifyCheckInCode(KEY, S1, code, expiresAt.getTime() - 1).ok).toBe(true);
      expect(verifyCheckInCode(KEY, S1, code, expiresAt.getTime())).toEqual({ ok: false, reason: 'EXPIRED' });
      expect(verifyCheckInCode(KEY, S1, code, issuedAt + 10 * 60_000)).toEqual({ ok: false, reason: 'EXPIRED' });
    }
  });

  it('rotates: the next step gives a different code', () => {
    expect(issueCheckInCode(KEY, S1, T0).code).not.toBe(issueCheckInCode(KEY, S1, T0 + CHECKIN_STEP_MS).code);
    expect(issueCheckInCode(KEY, S1, T0).code).toBe(issueCheckInCode(KEY, S1, T0 + 5_000).code);
  });

  it('is bound to its session and to the key', () => {
    const { code } = issueCheckInCode(KEY, S1, T0);
    expect(verifyCheckInCode(KEY, S2, code, T0)).toEqual({ ok: false, reason: 'INVALID' });
    expect(verifyCheckInCode(Buffer.alloc(32, 4), S1, code, T0)).toEqual({ ok: false, reason: 'INVALID' });
  });

  it('cannot be moved to another time step (no forging a fresh code from an old one)', () => {
    const { code } = issueCheckInCode(KEY, S1, T0);
    const [, macPart] = code.split('.');
    const later = T0 + 5 * CHECKIN_STEP_MS;
    const shifted = `${Math.floor(later / CHECKIN_STEP_MS).toString(36)}.${macPart}`;
    expect(verifyCheckInCode(KEY, S1, shifted, later)).toEqual({ ok: false, reason: 'INVALID' });
  });

  it('refuses codes from the future and malformed input', () => {
    const future = issueCheckInCode(KEY, S1, T0 + 3 * CHECKIN_STEP_MS).code;
    expect(verifyCheckInCode(KEY, S1, future, T0)).toEqual({ ok: false, reason: 'INVALID' });
    for (const bad of ['', 'abc', 'x.y', '..', `${'z'.repeat(13)}.${'a'.repeat(22)}`, 'AB.' + 'a'.repeat(22)]) {
      expect(verifyCheckInCode(KEY, S1, bad, T0)).toEqual({ ok: false, reason: 'MALFORMED' });
    }
  });
});
