import { SubsidyEvidenceKind, SubsidyItem, SubsidyPartyKind } from '../subsidies.enums';
import { daysBetween, param, SubsidyRule, TraceNode } from './rule';

/**
 * Item 11: a company and a school / training institution of a neighbouring city training people for the base: 50,000
 * each for the cooperation; 500 each per trainee who joins a base company with a contract of more than a year — not
 * awarded when the contract ends within the year.
 */
export type Item11Facts =
  | { kind: 'COOPERATION'; agreementOn: string; partnerName: string }
  | {
      kind: 'TRAINEE';
      hireId: string;
      enrolmentId: string | null;
      contractStart: string;
      contractMonths: number;
      terminatedOn: string | null;
      terminationReason: string | null;
      asOf: string;
    };

export const item11: SubsidyRule<Item11Facts> = {
  item: SubsidyItem.ITEM_11,
  codeVersion: 1,
  parties: [SubsidyPartyKind.COMPANY, SubsidyPartyKind.SCHOOL, SubsidyPartyKind.TRAINING_INSTITUTION],
  requiredEvidence: [SubsidyEvidenceKind.COOPERATION_AGREEMENT],
  notCombinableWith: [SubsidyItem.ITEM_16],
  factDate: (f) => (f.kind === 'COOPERATION' ? f.agreementOn : f.contractStart),
  evaluate(f, p) {
    if (f.kind === 'COOPERATION') {
      const award = p.num('item11.cooperation_fen');
      return {
        eligible: true,
        amountFen: award.value,
        trace: [
          {
            code: 'COOPERATION',
            ok: true,
            zh: `与「${f.partnerName}」委托培养合作（${f.agreementOn}）`,
            en: `Commissioned training with ${f.partnerName} (${f.agreementOn})`,
            param: param(award),
          },
        ],
      };
    }
    const min = p.num('item11.min_contract_months');
    const keep = p.num('item11.retention_days');
    const per = p.num('item11.per_trainee_fen');
    const trace: TraceNode[] = [
      {
        code: 'CONTRACT',
        ok: f.contractMonths >= min.value,
        zh: `劳动合同 ${f.contractMonths} 个月 ≥ ${min.value} 个月`,
        en: `Contract of ${f.contractMonths} months ≥ ${min.value}`,
        param: param(min),
        evidence: [{ kind: 'HIRE', ids: [f.hireId] }, ...(f.enrolmentId ? [{ kind: 'ENROLMENT', ids: [f.enrolmentId] }] : [])],
      },
    ];
    if (f.terminatedOn) {
      const d = daysBetween(f.contractStart, f.terminatedOn);
      trace.push({
        code: 'RETAINED',
        ok: d >= keep.value,
        zh: `${f.terminatedOn} 解除合同，在职 ${d} 天${d >= keep.value ? ` ≥ ${keep.value} 天` : ` < ${keep.value} 天，1年内解除不予奖励`}`,
        en: `Terminated ${f.terminatedOn} after ${d} days${d >= keep.value ? '' : ` (< ${keep.value}: not awarded)`}`,
        param: param(keep),
      });
    } else {
      const d = daysBetween(f.contractStart, f.asOf);
      trace.push({
        code: 'RETAINED',
        ok: true,
        zh: d >= keep.value ? `在职 ${d} 天 ≥ ${keep.value} 天` : `在职 ${d} 天（未满 ${keep.value} 天：1年内解除将暂缓或追回）`,
        en: d >= keep.value ? `Employed ${d} days ≥ ${keep.value}` : `Employed ${d} days (a termination within ${keep.value} days holds or recovers it)`,
        param: param(keep),
      });
    }
    return {
      eligible: trace.every((t) => t.ok),
      amountFen: per.value,
      trace: [...trace, { code: 'AMOUNT', ok: true, zh: `每人 ${per.value / 100} 元`, en: `${per.value / 100} per trainee`, param: param(per) }],
    };
  },
};
