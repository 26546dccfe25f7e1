import { SubsidyItem, SubsidyPartyKind } from '../subsidies.enums';
import { param, SubsidyRule } from './rule';

/** Item 14: a local student from a poor household studying a related major: 500 a month while studying. */
export interface Item14Facts {
  month: string;
  studying: boolean;
  relatedMajor: boolean;
  local: boolean;
  /** A verified category (bureau list, school record, service-centre check) — a self-declared one never counts. */
  poorHouseholdVerified: { source: string; verifiedAt: string } | null;
}

export const item14: SubsidyRule<Item14Facts> = {
  item: SubsidyItem.ITEM_14,
  codeVersion: 1,
  parties: [SubsidyPartyKind.PERSON],
  requiredEvidence: [],
  notCombinableWith: [],
  factDate: (f) => `${f.month}-01`,
  evaluate(f, p) {
    const monthly = p.num('item14.monthly_fen');
    const v = f.poorHouseholdVerified;
    const trace = [
      { code: 'STUDYING', ok: f.studying && f.relatedMajor, zh: `${f.month} 在读相关专业`, en: `Studying a related major in ${f.month}` },
      { code: 'LOCAL', ok: f.local, zh: f.local ? '本市户籍' : '非本市', en: f.local ? 'Local' : 'Not local' },
      {
        code: 'POOR_HOUSEHOLD',
        ok: !!v,
        zh: v ? `贫困家庭（${v.source} 核实 ${v.verifiedAt}）` : '贫困家庭身份未经核实',
        en: v ? `Poor household (verified by ${v.source} ${v.verifiedAt})` : 'Poor household not verified',
      },
      { code: 'AMOUNT', ok: true, zh: `每月 ${monthly.value / 100} 元`, en: `${monthly.value / 100} a month`, param: param(monthly) },
    ];
    return { eligible: trace.every((t) => t.ok), amountFen: monthly.value, trace };
  },
};
