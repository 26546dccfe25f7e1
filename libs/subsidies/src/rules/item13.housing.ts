import { SubsidyEvidenceKind, SubsidyItem, SubsidyPartyKind } from '../subsidies.enums';
import { param, SubsidyRule } from './rule';

/** Item 13: a person working in the industry, 3+ continuous years of local social insurance, first home: 500 per m², at most 70 m². */
export interface Item13Facts {
  purchaseOn: string;
  continuousInsuranceMonths: number;
  firstHome: boolean;
  /** Floor area in hundredths of a m² (integers only). */
  areaCentiM2: number;
}

export const item13: SubsidyRule<Item13Facts> = {
  item: SubsidyItem.ITEM_13,
  codeVersion: 1,
  parties: [SubsidyPartyKind.PERSON],
  requiredEvidence: [SubsidyEvidenceKind.PURCHASE_CONTRACT, SubsidyEvidenceKind.INVOICE, SubsidyEvidenceKind.SOCIAL_INSURANCE],
  notCombinableWith: [],
  factDate: (f) => f.purchaseOn,
  evaluate(f, p) {
    const months = p.num('item13.min_insurance_months');
    const perM2 = p.num('item13.per_m2_fen');
    const cap = p.num('item13.max_m2');
    const area = Math.min(f.areaCentiM2, cap.value * 100);
    const trace = [
      {
        code: 'INSURANCE',
        ok: f.continuousInsuranceMonths >= months.value,
        zh: `本地连续缴纳社保 ${f.continuousInsuranceMonths} 个月 ≥ ${months.value} 个月`,
        en: `${f.continuousInsuranceMonths} continuous months of local social insurance ≥ ${months.value}`,
        param: param(months),
      },
      { code: 'FIRST_HOME', ok: f.firstHome, zh: f.firstHome ? '本人首套住房' : '非首套住房', en: f.firstHome ? 'First home' : 'Not a first home' },
      {
        code: 'AREA',
        ok: f.areaCentiM2 > 0,
        zh: `面积 ${f.areaCentiM2 / 100} m²，按 ${area / 100} m²（上限 ${cap.value} m²）`,
        en: `${f.areaCentiM2 / 100} m², counted ${area / 100} m² (cap ${cap.value})`,
        param: param(cap),
      },
      { code: 'AMOUNT', ok: true, zh: `每平方米 ${perM2.value / 100} 元`, en: `${perM2.value / 100} per m²`, param: param(perM2) },
    ];
    return { eligible: trace.every((t) => t.ok), amountFen: Math.round((area * perM2.value) / 100), trace };
  },
};
