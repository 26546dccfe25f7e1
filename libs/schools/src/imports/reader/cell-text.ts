/** exceljs cell values as the text a school typed, and what kind of value the spreadsheet stored. */
import { CellKind } from './row-source';

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

export function formatDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

/** exceljs cell value -> [text, kind] */
export function cellText(v: unknown): [string, CellKind] {
  if (v === null || v === undefined) return ['', 'empty'];
  switch (typeof v) {
    case 'string': {
      const t = v.trim();
      return [t, t ? 'text' : 'empty'];
    }
    case 'number':
      return [numberText(v), 'number'];
    case 'boolean':
      return [v ? 'TRUE' : 'FALSE', 'boolean'];
  }
  if (v instanceof Date) return [isNaN(v.getTime()) ? '' : formatDate(v), 'date'];
  const o = v as Record<string, unknown>;
  if ('richText' in o && Array.isArray(o.richText)) {
    const t = (o.richText as { text?: string }[])
      .map((r) => r.text ?? '')
      .join('')
      .trim();
    return [t, t ? 'text' : 'empty'];
  }
  if ('error' in o) return [String(o.error), 'error'];
  if ('result' in o || 'formula' in o || 'sharedFormula' in o) return cellText(o.result);
  if ('text' in o) return cellText(o.text);
  return [String(v).trim(), 'text'];
}
