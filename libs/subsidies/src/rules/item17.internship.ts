import { SubsidyEvidenceKind, SubsidyItem, SubsidyPartyKind } from '../subsidies.enums';
import { param, SubsidyRule } from './rule';

/** Item 17: a certified graduate-internship base (500+ seats): 60 % of that year's minimum wage per intern per month, internships of 3–12 months. */
export interface Item17Facts {
  internshipId: string;
  month: string;
  internshipMonths: number;
  seats: number;
  certifiedBase: boolean;
  /** GB/T 2260 code of the place of work: the minimum wage of its zone applies. */
  regionCode: string;
}

export const item17: SubsidyRule<Item17Facts> = {
  item: SubsidyItem.ITEM_17,
  codeVersion: 1,
  parties: [SubsidyPartyKind.COMPANY],
  requiredEvidence: [SubsidyEvidenceKind.CERTIFICATION],
  notCombinableWith: [],
  factDate: (f) => `${f.month}-01`,
  evaluate(f, p) {
    const seats = p.num('item17.min_seats');
    const share = p.num('item17.wage_share_pct');
    const minM = p.num('item17.min_months');
    const maxM = p.num('item17.max_months');
    const wage = p.find('item17.min_wage_monthly_fen');
    const zones = (wage?.value ?? {}) as Record<string, number>;
    const zone = [f.regionCode, `${f.regionCode.slice(0, 4)}00`, `${f.regionCode.slice(0, 2)}0000`, 'default'].find((k) => Number.isSafeInteger(zones[k]));
    const wageFen = zone ? zones[zone] : 0;
    const trace = [
      {
        code: 'BASE',
        ok: f.certifiedBase && f.seats >= seats.value,
        zh: `${f.certifiedBase ? '经认定见习基地' : '未认定见习基地'}，坐席 ${f.seats} ≥ ${seats.value}`,
        en: `${f.certifiedBase ? 'Certified' : 'Uncertified'} base with ${f.seats} seats ≥ ${seats.value}`,
        param: param(seats),
      },
      {
        code: 'DURATION',
        ok: f.internshipMonths >= minM.value && f.internshipMonths <= maxM.value,
        zh: `见习期 ${f.internshipMonths} 个月（${minM.value}–${maxM.value} 个月）`,
        en: `${f.internshipMonths}-month internship (${minM.value}–${maxM.value})`,
        param: param(minM),
        evidence: [{ kind: 'INTERNSHIP', ids: [f.internshipId] }],
      },
      {
        code: 'MIN_WAGE',
        ok: !!zone,
        zh: zone ? `${f.month} 最低工资 ${wageFen / 100} 元 × ${share.value}%` : `${f.month} 未录入最低工资标准`,
        en: zone ? `Minimum wage ${wageFen / 100} × ${share.value}%` : 'No minimum wage entered',
        ...(wage ? { param: param(wage) } : {}),
      },
    ];
    return { eligible: trace.every((t) => t.ok), amountFen: Math.round((wageFen * share.value) / 100), trace };
  },
};
