import { AppException, CommonCode, ErrorCatalog, ErrorSpec } from '@app/core';

const CJK = /[\u4e00-\u9fff]/;

/**
 * The checks every context's error catalog gets (one spec per context calls this): the catalog has
 * exactly the enum's codes, every message renders non-empty zh-CN (with Chinese in it) and English
 * (different from the Chinese), `as` names a common code or a code of the same enum, and the factory
 * builds an exception with the public code, the context's code as `reason`, and the catalog's field.
 * `samples` gives the parameters of each code whose messages take some.
 */
export function checkErrorCatalog<C extends string>(
  codes: Record<string, C>,
  catalog: ErrorCatalog<C>,
  factory: (code: C, ...args: any[]) => AppException<C>,
  samples: Partial<Record<C, unknown>>,
): void {
  const members = Object.values(codes).sort();

  it('has a spec for every code of the enum and nothing else', () => {
    expect(Object.keys(catalog).sort()).toEqual(members);
  });

  it.each(members)('%s has non-empty zh-CN and English messages', (code) => {
    const spec: ErrorSpec = catalog[code];
    const takesParams = typeof spec.zh === 'function' || typeof spec.en === 'function';
    if (takesParams) expect(samples).toHaveProperty([code]);
    const e = takesParams ? factory(code, samples[code]) : factory(code);
    expect(e).toBeInstanceOf(AppException);
    expect(typeof e.messageZh).toBe('string');
    expect(e.messageZh.trim().length).toBeGreaterThan(0);
    expect(e.messageZh).toMatch(CJK);
    expect(typeof e.messageEn).toBe('string');
    expect(e.messageEn.trim().length).toBeGreaterThan(0);
    expect(e.messageEn).not.toBe(e.messageZh);
    expect(e.messageEn).not.toMatch(/undefined|\[object Object\]/);
    expect(e.messageZh).not.toMatch(/undefined|\[object Object\]/);
    expect(e.reason).toBe(code);
    expect(e.code).toBe(spec.as ?? code);
    expect(e.kind).toBe(spec.kind);
    expect(e.field).toBe(spec.field);
  });

  it('maps codes only to common codes or to codes of the same context', () => {
    const allowed = new Set<string>([...Object.values(CommonCode), ...members]);
    for (const code of members) {
      const as = catalog[code].as;
      if (as !== undefined) expect([code, allowed.has(as)]).toEqual([code, true]);
    }
  });
}
