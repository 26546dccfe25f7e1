import { SubsidyItem, SubsidyPartyKind } from '../subsidies.enums';
import { monthEnd, monthsBetween, param, SubsidyRule, TraceNode } from './rule';

/** Item 9: a person who completed the training and could not be placed in the city: 500 a month, up to 6 months; stops when hired. */
export interface Item09Facts {
  enrolmentId: string;
  className: string;
  completedOn: string;
  /** The month claimed, YYYY-MM (the first month is the one after completion). */
  month: string;
  /** The earliest contract start of a hire on or after the completion, if any. */
  hiredOn: string | null;
  hireId?: string | null;
}

export const item09: SubsidyRule<Item09Facts> = {
  item: SubsidyItem.ITEM_09,
  codeVersion: 1,
  parties: [SubsidyPartyKind.PERSON],
  requiredEvidence: [],
  notCombinableWith: [],
  factDate: (f) => f.completedOn,
  evaluate(f, p) {
    const monthly = p.num('item09.monthly_fen');
    const max = p.num('item09.max_months');
    const n = monthsBetween(f.completedOn.slice(0, 7), f.month);
    const end = monthEnd(f.month);
    const unplaced = !f.hiredOn || f.hiredOn > end;
    const trace: TraceNode[] = [
      {
        code: 'COMPLETED',
        ok: true,
        zh: `培训结业 ${f.completedOn}（${f.className}）`,
        en: `Completed training ${f.completedOn} (${f.className})`,
        evidence: [{ kind: 'ENROLMENT', ids: [f.enrolmentId] }],
      },
      {
        code: 'MONTH_INDEX',
        ok: n >= 1 && n <= max.value,
        zh: `结业后第 ${n} 个月 ≤ ${max.value} 个月`,
        en: `Month ${n} after completion ≤ ${max.value}`,
        param: param(max),
      },
      {
        code: 'NOT_PLACED',
        ok: unplaced,
        zh: unplaced ? `${f.month} 月底前未就业` : `已于 ${f.hiredOn} 就业，停发`,
        en: unplaced ? `Not hired by ${end}` : `Hired on ${f.hiredOn}: stops`,
        evidence: f.hireId ? [{ kind: 'HIRE', ids: [f.hireId] }] : undefined,
      },
    ];
    return {
      eligible: trace.every((t) => t.ok),
      amountFen: monthly.value,
      trace: [...trace, { code: 'AMOUNT', ok: true, zh: `每月 ${monthly.value / 100} 元`, en: `${monthly.value / 100} a month`, param: param(monthly) }],
    };
  },
};
