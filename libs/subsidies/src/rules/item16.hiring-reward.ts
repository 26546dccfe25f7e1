import { SubsidyItem, SubsidyPartyKind } from '../subsidies.enums';
import { daysBetween, param, SubsidyRule, TraceNode } from './rule';

/**
 * Item 16: a company hiring a person from a poor household (5,000) or a registered-unemployed graduate holding the
 * 《就业失业登记证》 (1,000), with a contract of more than a year and social insurance. Categories count only when verified.
 */
export interface Item16Facts {
  hireId: string;
  contractStart: string;
  contractMonths: number;
  socialInsuranceStart: string | null;
  terminatedOn: string | null;
  poorHousehold: { source: string; verifiedAt: string } | null;
  /** GRADUATE and UNEMPLOYED both verified (the unemployment registration by the bureau list or the service centre). */
  unemployedGraduate: { source: string; verifiedAt: string } | null;
}

export const item16: SubsidyRule<Item16Facts> = {
  item: SubsidyItem.ITEM_16,
  codeVersion: 1,
  parties: [SubsidyPartyKind.COMPANY],
  requiredEvidence: [],
  notCombinableWith: [SubsidyItem.ITEM_11],
  factDate: (f) => f.contractStart,
  evaluate(f, p) {
    const min = p.num('item16.min_contract_months');
    const cat = f.poorHousehold
      ? { v: f.poorHousehold, zh: '贫困家庭子女', en: 'poor household', key: 'item16.poor_household_fen' }
      : f.unemployedGraduate
        ? { v: f.unemployedGraduate, zh: '持《就业失业登记证》登记失业高校毕业生', en: 'registered-unemployed graduate', key: 'item16.unemployed_graduate_fen' }
        : null;
    const trace: TraceNode[] = [
      {
        code: 'CATEGORY',
        ok: !!cat,
        zh: cat ? `${cat.zh}（${cat.v.source} 核实 ${cat.v.verifiedAt}）` : '无经核实的贫困家庭 / 登记失业高校毕业生身份',
        en: cat ? `${cat.en} (verified by ${cat.v.source})` : 'No verified category',
      },
      {
        code: 'CONTRACT',
        ok: f.contractMonths >= min.value,
        zh: `劳动合同 ${f.contractMonths} 个月 ≥ ${min.value} 个月（${f.contractStart} 起）`,
        en: `Contract of ${f.contractMonths} months ≥ ${min.value} from ${f.contractStart}`,
        param: param(min),
        evidence: [{ kind: 'HIRE', ids: [f.hireId] }],
      },
      {
        code: 'SOCIAL_INSURANCE',
        ok: !!f.socialInsuranceStart,
        zh: f.socialInsuranceStart ? `${f.socialInsuranceStart} 起缴纳社保` : '未缴纳社会保险',
        en: f.socialInsuranceStart ? `Social insurance from ${f.socialInsuranceStart}` : 'No social insurance',
      },
    ];
    if (f.terminatedOn) {
      const d = daysBetween(f.contractStart, f.terminatedOn);
      trace.push({ code: 'RETAINED', ok: d >= 365, zh: `${f.terminatedOn} 解除合同（在职 ${d} 天）`, en: `Terminated ${f.terminatedOn} after ${d} days` });
    }
    const amount = cat ? p.num(cat.key) : null;
    if (amount) trace[0].param = param(amount);
    return { eligible: trace.every((t) => t.ok), amountFen: amount?.value ?? 0, trace };
  },
};
