import { isValidCreditCode, makeCreditCode } from './credit-code';
import { makeResidentId, maskPhone, maskResidentId, normalizeMobile, parseResidentId } from './resident-id';

describe('resident ID (GB 11643-1999)', () => {
  const today = new Date('2026-11-23T00:00:00Z');
  it('accepts a valid number and derives birth date and gender', () => {
    // Public sample from the standard's annex: 11010519491231002X (female, 1949-12-31).
    const r = parseResidentId('11010519491231002x', { today });
    expect(r).toEqual({ ok: true, info: { normalized: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', gender: 'FEMALE' } });
  });
  it('rejects a wrong check digit', () => {
    expect(parseResidentId('110105194912310021', { today })).toEqual({ ok: false, error: 'CHECK_DIGIT' });
  });
  it('rejects impossible and future birth dates before looking at the check digit', () => {
    expect(parseResidentId(makeResidentId('150902', '2001-02-30', 11), { today })).toEqual({ ok: false, error: 'BIRTH_DATE' });
    expect(parseResidentId(makeResidentId('150902', '2027-01-01', 11), { today })).toEqual({ ok: false, error: 'BIRTH_DATE' });
  });
  it('rejects bad format and unknown regions', () => {
    expect(parseResidentId('1509022001', { today })).toEqual({ ok: false, error: 'FORMAT' });
    expect(parseResidentId(makeResidentId('999999', '2001-02-03', 11), { today, regionKnown: (c) => c === '150902' })).toEqual({ ok: false, error: 'REGION' });
  });
  it('odd sequence digit is male', () => {
    const r = parseResidentId(makeResidentId('150902', '2003-07-01', 13), { today });
    expect(r.ok && r.info.gender).toBe('MALE');
  });
  it('masks', () => {
    expect(maskResidentId('11010519491231002X')).toBe('1101************2X');
    expect(maskResidentId('150902200306150012')).toBe('1509************12');
    // at most 2 trailing characters and never the birth date or the sequence
    const masked = maskResidentId(makeResidentId('152601', '1985-06-01', 123));
    expect(masked).toMatch(/^\d{4}\*{12}[\dX]{2}$/);
    expect(masked).not.toContain('1985');
    expect(maskResidentId('short')).toBe('******************');
    expect(maskPhone('13912345678')).toBe('139****5678');
    expect(normalizeMobile('+86 139-1234-5678')).toBe('13912345678');
    expect(normalizeMobile('12912345678')).toBeNull();
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  it('validates the check character', () => {
    const code = makeCreditCode('91150900MA0N00001');
    expect(isValidCreditCode(code)).toBe(true);
    const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    expect(isValidCreditCode(wrong)).toBe(false);
    expect(isValidCreditCode('91150900MA0N0000I')).toBe(false); // I is not in the alphabet
  });
});
