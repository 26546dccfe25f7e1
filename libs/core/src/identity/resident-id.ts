/**
 * Resident identity number (居民身份证号码) per GB 11643-1999:
 * 6-digit region code (GB/T 2260) + 8-digit birth date + 3-digit sequence
 * (odd = male) + ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type ResidentIdError = 'FORMAT' | 'CHECK_DIGIT' | 'BIRTH_DATE' | 'REGION';

export interface ResidentIdInfo {
  normalized: string;
  regionCode: string;
  birthDate: string; // YYYY-MM-DD
  gender: 'MALE' | 'FEMALE';
}

export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export const RESIDENT_ID_MESSAGES: Record<ResidentIdError, { zh: string; en: string }> = {
  FORMAT: { zh: '身份证号应为18位（前17位数字，最后一位数字或X）', en: 'ID number must be 18 characters: 17 digits then a digit or X' },
  CHECK_DIGIT: { zh: '身份证号校验位错误', en: 'ID number check digit is wrong' },
  BIRTH_DATE: { zh: '身份证号中的出生日期不存在或不合理', en: 'ID number contains an impossible birth date' },
  REGION: { zh: '身份证号中的地区代码不存在', en: 'ID number region code is unknown' },
};

/**
 * Validates and parses an ID number. `regionKnown` checks the 6-digit code
 * (callers pass the region directory); `today` bounds the birth date.
 */
export function parseResidentId(
  raw: string,
  opts: { regionKnown?: (code: string) => boolean; today?: Date } = {},
): { ok: true; info: ResidentIdInfo } | { ok: false; error: ResidentIdError } {
  const value = String(raw ?? '')
    .trim()
    .toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, error: 'FORMAT' };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const today = opts.today ?? new Date();
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900 || date.getTime() > today.getTime()) {
    return { ok: false, error: 'BIRTH_DATE' };
  }
  if (residentIdCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, error: 'CHECK_DIGIT' };
  const regionCode = value.slice(0, 6);
  if (opts.regionKnown && !opts.regionKnown(regionCode)) return { ok: false, error: 'REGION' };
  return {
    ok: true,
    info: {
      normalized: value,
      regionCode,
      birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
      gender: Number(value[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
    },
  };
}

/** Builds a valid synthetic ID number (for demo data and tests). */
export function makeResidentId(regionCode: string, birthDate: string, sequence: number): string {
  const first17 = `${regionCode}${birthDate.replace(/-/g, '')}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

/**
 * 1509**********12: the region prefix and at most 2 trailing characters. Four
 * trailing characters plus the birth year a profile shows would leave the
 * sequence guessable, so a tenant never sees more than 2 (issue 8).
 */
export function maskResidentId(id: string): string {
  return id.length === 18 ? `${id.slice(0, 4)}${'*'.repeat(12)}${id.slice(16)}` : '******************';
}

export function maskPhone(phone: string): string {
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '***********';
}

/** Mainland mobile number: 11 digits starting with 1[3-9]; accepts +86 / spaces / dashes. */
export function normalizeMobile(raw: string): string | null {
  const digits = String(raw ?? '')
    .replace(/[\s-]/g, '')
    .replace(/^(\+?86)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}
