import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Rotating check-in codes for the QR shown in the training room.
 *
 * Time is cut into steps of CHECKIN_STEP_MS. The code for step w is
 * "<w base36>.<HMAC(key, sessionId:w) truncated>". A code is accepted while
 * the current step is w or w+1, so it lives at most 2 × step = 60 s after it
 * was issued (and at least one step). The session id is inside the MAC, so a
 * code of one session is worthless for another, and nobody without the key
 * can make or extend a code.
 */
export const CHECKIN_STEP_MS = 30_000;
export const CHECKIN_CODE_MAX_AGE_MS = 2 * CHECKIN_STEP_MS;
const MAC_CHARS = 22; // 132 bits of base64url

export interface IssuedCode {
  code: string;
  step: number;
  /** Last instant the code is accepted (exclusive). */
  expiresAt: Date;
  /** When the page should fetch the next code (start of the next step). */
  refreshAt: Date;
}

export type CodeCheck = { ok: true; step: number } | { ok: false; reason: 'MALFORMED' | 'INVALID' | 'EXPIRED' };

export function stepOf(nowMs: number): number {
  return Math.floor(nowMs / CHECKIN_STEP_MS);
}

function mac(key: Buffer | string, sessionId: string, step: number): string {
  return createHmac('sha256', key).update(`training-checkin:${sessionId}:${step}`).digest('base64url').slice(0, MAC_CHARS);
}

export function issueCheckInCode(key: Buffer | string, sessionId: string, nowMs: number): IssuedCode {
  const step = stepOf(nowMs);
  return {
    code: `${step.toString(36)}.${mac(key, sessionId, step)}`,
    step,
    expiresAt: new Date((step + 2) * CHECKIN_STEP_MS),
    refreshAt: new Date((step + 1) * CHECKIN_STEP_MS),
  };
}

export function verifyCheckInCode(key: Buffer | string, sessionId: string, code: string, nowMs: number): CodeCheck {
  const m = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/.exec(code.trim());
  if (!m) return { ok: false, reason: 'MALFORMED' };
  const step = parseInt(m[1], 36);
  if (!Number.isSafeInteger(step)) return { ok: false, reason: 'MALFORMED' };
  const expected = Buffer.from(mac(key, sessionId, step));
  const given = Buffer.from(m[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'INVALID' };
  const current = stepOf(nowMs);
  // A step in the future cannot have been issued by us yet: treat as invalid, not "not yet valid".
  if (step > current) return { ok: false, reason: 'INVALID' };
  if (current - step >= 2) return { ok: false, reason: 'EXPIRED' };
  return { ok: true, step };
}
