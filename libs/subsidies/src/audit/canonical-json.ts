/**
 * Canonical JSON of an audit row (RFC 8785 for the values audit payloads hold: strings, safe integers, booleans, null,
 * arrays and objects): object keys sorted by UTF-16 code units, no whitespace. PostgreSQL's jsonb keeps neither key order
 * nor spacing, so the hash is taken over this form, which survives the round trip. Dates must be ISO strings already;
 * non-integer numbers are refused (money is in fen).
 */
export function canonicalJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new Error(`audit payloads hold integers only (got ${v})`);
    return String(v);
  }
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  throw new Error(`not serialisable in an audit row: ${typeof v}`);
}
