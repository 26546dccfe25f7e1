import { SubsidyEvidenceKind, SubsidyItem, SubsidyPartyKind } from '../subsidies.enums';
import { addMonths, param, SubsidyRule, TraceNode } from './rule';

/** Item 8: a school–company training base, once certified and operating a year, by the number of people it trained. */
export interface Item08Facts {
  certifiedOn: string;
  /** The date the claim is looked at (operating a year by then). */
  asOf: string;
  trainedCount: number;
}

export const item08: SubsidyRule<Item08Facts> = {
  item: SubsidyItem.ITEM_08,
  codeVersion: 1,
  parties: [SubsidyPartyKind.TRAINING_BASE],
  requiredEvidence: [SubsidyEvidenceKind.CERTIFICATION],
  notCombinableWith: [],
  factDate: (f) => f.certifiedOn,
  evaluate(f, p) {
    const months = p.num('item08.operating_months');
    const min = p.num('item08.min_trained');
    const large = p.num('item08.large_above');
    const due = addMonths(f.certifiedOn, months.value);
    const operating = f.asOf >= due;
    const trained = f.trainedCount >= min.value;
    const award = f.trainedCount > large.value ? p.num('item08.large_award_fen') : p.num('item08.award_fen');
    const trace: TraceNode[] = [
      {
        code: 'OPERATING',
        ok: operating,
        zh: `认定 ${f.certifiedOn}，运营满 ${months.value} 个月（${due}）`,
        en: `Certified ${f.certifiedOn}, operating ${months.value} months by ${due}`,
        param: param(months),
      },
      {
        code: 'TRAINED',
        ok: trained,
        zh: `培训 ${f.trainedCount} 人 ≥ ${min.value} 人${f.trainedCount > large.value ? `（${large.value} 人以上）` : ''}`,
        en: `${f.trainedCount} trained ≥ ${min.value}${f.trainedCount > large.value ? ` (more than ${large.value})` : ''}`,
        param: param(f.trainedCount > large.value ? large : min),
      },
    ];
    return { eligible: operating && trained, amountFen: award.value, trace };
  },
};
