import { SubsidyEvidenceKind, SubsidyItem, SubsidyPartyKind } from '../subsidies.enums';
import { MissingParameter, ParameterSet, ParamValue } from '../parameters/parameter-set';

/** Evidence rows a condition was checked against (attendance session ids, assessment id, contract/hire id…). */
export interface TraceEvidence {
  kind: string;
  ids: string[];
}

/** One condition of a rule with the values used, the parameter (and its dated source) and the evidence rows. */
export interface TraceNode {
  code: string;
  ok: boolean;
  zh: string;
  en: string;
  param?: { key: string; valueId: string; effectiveFrom: string; source: string };
  evidence?: TraceEvidence[];
  children?: TraceNode[];
}

export interface RuleResult {
  eligible: boolean;
  amountFen: number;
  trace: TraceNode[];
}

export interface Evaluation extends RuleResult {
  item: SubsidyItem;
  factDate: string;
  /** The dated parameter rows used: the rule version pinned on the claim line. */
  params: ParamValue[];
  ruleVersion: string;
}

/** One policy item as code: who claims it, the date whose rules apply, what evidence only the party has, and the evaluation. */
export interface SubsidyRule<F> {
  item: SubsidyItem;
  /** Bumped when the code of the rule changes; with the parameter rows it identifies how a line was computed. */
  codeVersion: number;
  parties: readonly SubsidyPartyKind[];
  requiredEvidence: readonly SubsidyEvidenceKind[];
  /** Items that must not be combined with this one for the same hire (issue 10 §1). */
  notCombinableWith: readonly SubsidyItem[];
  /** The date of the fact that matters (YYYY-MM-DD): the rules in force on it apply. */
  factDate(f: F): string;
  evaluate(f: F, p: ParameterSet): RuleResult;
}

export const param = (v: ParamValue): TraceNode['param'] => ({ key: v.key, valueId: v.valueId, effectiveFrom: v.effectiveFrom, source: v.source });

/** Run a rule with the parameters of its fact date; a missing parameter makes the line not eligible, with the reason in the trace. */
export function evaluate<F>(rule: SubsidyRule<F>, facts: F, paramsOn: ParameterSet): Evaluation {
  const p = paramsOn.fork();
  let r: RuleResult;
  try {
    r = rule.evaluate(facts, p);
  } catch (e) {
    if (!(e instanceof MissingParameter)) throw e;
    r = {
      eligible: false,
      amountFen: 0,
      trace: [{ code: 'PARAMETER_MISSING', ok: false, zh: `参数 ${e.key} 在 ${e.onDate} 无有效值`, en: `Parameter ${e.key} has no value on ${e.onDate}` }],
    };
  }
  const params = p.usedValues();
  return {
    ...r,
    amountFen: r.eligible ? r.amountFen : 0,
    item: rule.item,
    factDate: p.onDate,
    params,
    ruleVersion: `${rule.item}@v${rule.codeVersion}:${params.map((v) => `${v.key}=${v.effectiveFrom}`).join(',')}`,
  };
}

/** "1,600" for 160000 fen (yuan with grouping, fen shown only when not whole). */
export function yuan(fen: number): string {
  const y = fen / 100;
  return y.toLocaleString('en-US', { minimumFractionDigits: Number.isInteger(y) ? 0 : 2, maximumFractionDigits: 2 });
}

/** The trace in one line, e.g. "出勤 14/16 节 ≥ 80% ✓；考核 86 分 合格 ✓ → 1,600 元". */
export function renderTrace(trace: readonly TraceNode[], eligible: boolean, amountFen: number, lang: 'zh' | 'en'): string {
  const parts = trace.map((n) => `${lang === 'zh' ? n.zh : n.en} ${n.ok ? '✓' : '✗'}`);
  const tail = eligible ? (lang === 'zh' ? ` → ${yuan(amountFen)} 元` : ` → CNY ${yuan(amountFen)}`) : lang === 'zh' ? ' → 不符合条件' : ' → not eligible';
  return parts.join(lang === 'zh' ? '；' : '; ') + tail;
}

// ---- dates (YYYY-MM-DD calendar dates in Asia/Shanghai; arithmetic in UTC so no DST or host zone enters) ----
const utc = (d: string) => Date.parse(`${d}T00:00:00Z`);
export const daysBetween = (from: string, to: string): number => Math.round((utc(to) - utc(from)) / 86_400_000);
export function addMonths(d: string, n: number): string {
  const [y, m, day] = d.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  t.setUTCDate(Math.min(day, last));
  return t.toISOString().slice(0, 10);
}
/** Whole months from month `a` (YYYY-MM) to month `b`. */
export const monthsBetween = (a: string, b: string): number => {
  const [ya, ma] = a.split('-').map(Number);
  const [yb, mb] = b.split('-').map(Number);
  return (yb - ya) * 12 + (mb - ma);
};
export const monthEnd = (month: string): string => new Date(utc(addMonths(`${month}-01`, 1)) - 86_400_000).toISOString().slice(0, 10);
