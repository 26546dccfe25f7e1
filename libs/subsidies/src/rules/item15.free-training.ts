import { SubsidyItem, SubsidyPartyKind } from '../subsidies.enums';
import { param, SubsidyRule } from './rule';

/** Item 15: a training institution / base training a person from a poor household for free: 2,800 per trainee. */
export interface Item15Facts {
  enrolmentId: string;
  completedOn: string | null;
  attendedSessionIds: string[];
  totalSessions: number;
  poorHouseholdVerified: { source: string; verifiedAt: string } | null;
}

export const item15: SubsidyRule<Item15Facts> = {
  item: SubsidyItem.ITEM_15,
  codeVersion: 1,
  parties: [SubsidyPartyKind.TRAINING_INSTITUTION, SubsidyPartyKind.TRAINING_BASE],
  requiredEvidence: [],
  notCombinableWith: [],
  factDate: (f) => f.completedOn ?? '1900-01-01',
  evaluate(f, p) {
    const pct = p.num('item15.min_attendance_pct');
    const per = p.num('item15.per_trainee_fen');
    const a = f.attendedSessionIds.length;
    const attendOk = f.totalSessions > 0 && a * 100 >= pct.value * f.totalSessions;
    const v = f.poorHouseholdVerified;
    const trace = [
      {
        code: 'COMPLETED',
        ok: !!f.completedOn,
        zh: f.completedOn ? `免费培训结业 ${f.completedOn}` : '未结业',
        en: f.completedOn ? `Completed free training ${f.completedOn}` : 'Not completed',
        evidence: [{ kind: 'ENROLMENT', ids: [f.enrolmentId] }],
      },
      {
        code: 'ATTENDANCE',
        ok: attendOk,
        zh: `出勤 ${a}/${f.totalSessions} 节 ${attendOk ? '≥' : '<'} ${pct.value}%`,
        en: `Attended ${a}/${f.totalSessions} ${attendOk ? '≥' : '<'} ${pct.value}%`,
        param: param(pct),
        evidence: [{ kind: 'ATTENDANCE_SESSION', ids: f.attendedSessionIds }],
      },
      {
        code: 'POOR_HOUSEHOLD',
        ok: !!v,
        zh: v ? `贫困家庭子女（${v.source} 核实 ${v.verifiedAt}）` : '贫困家庭身份未经核实',
        en: v ? `Poor household (verified by ${v.source})` : 'Poor household not verified',
      },
      { code: 'AMOUNT', ok: true, zh: `每人 ${per.value / 100} 元`, en: `${per.value / 100} per trainee`, param: param(per) },
    ];
    return { eligible: trace.every((t) => t.ok), amountFen: per.value, trace };
  },
};
