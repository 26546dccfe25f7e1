import { SubsidyItem, SubsidyPartyKind } from '../subsidies.enums';
import { param, SubsidyRule, TraceNode } from './rule';

export type SkillLevel = 'ADVANCED_WORKER' | 'TECHNICIAN' | 'SENIOR_TECHNICIAN';
const LEVEL: Record<SkillLevel, { zh: string; en: string; key: string }> = {
  ADVANCED_WORKER: { zh: '高级工', en: 'advanced worker', key: 'item12.advanced_worker_fen' },
  TECHNICIAN: { zh: '技师', en: 'technician', key: 'item12.technician_fen' },
  SENIOR_TECHNICIAN: { zh: '高级技师', en: 'senior technician', key: 'item12.senior_technician_fen' },
};

/** Item 12: skill-upgrade training passed by assessment; one-time 1,400 / 1,600 / 2,000 per 高级工 / 技师 / 高级技师 trained or recruited. */
export interface Item12Facts {
  enrolmentId: string;
  attendedSessionIds: string[];
  totalSessions: number;
  assessmentId: string | null;
  score: number | null;
  passed: boolean | null;
  skillLevel: SkillLevel | null;
  assessedOn: string | null;
  certificateNo: string | null;
}

export const item12: SubsidyRule<Item12Facts> = {
  item: SubsidyItem.ITEM_12,
  codeVersion: 1,
  parties: [SubsidyPartyKind.COMPANY],
  requiredEvidence: [],
  notCombinableWith: [],
  factDate: (f) => f.assessedOn ?? '1900-01-01',
  evaluate(f, p) {
    const pct = p.num('item12.min_attendance_pct');
    const attended = f.attendedSessionIds.length;
    // integers only: attended / total ≥ pct %  ⇔  attended × 100 ≥ pct × total
    const attendOk = f.totalSessions > 0 && attended * 100 >= pct.value * f.totalSessions;
    const shown = f.totalSessions ? Math.floor((attended * 100) / f.totalSessions) : 0;
    const trace: TraceNode[] = [
      {
        code: 'ATTENDANCE',
        ok: attendOk,
        zh: `出勤 ${attended}/${f.totalSessions} 节（${shown}%）${attendOk ? '≥' : '<'} ${pct.value}%`,
        en: `Attended ${attended}/${f.totalSessions} sessions (${shown}%) ${attendOk ? '≥' : '<'} ${pct.value}%`,
        param: param(pct),
        evidence: [{ kind: 'ATTENDANCE_SESSION', ids: f.attendedSessionIds }],
      },
      {
        code: 'ASSESSMENT',
        ok: !!f.passed,
        zh: f.assessmentId ? `考核 ${f.score} 分 ${f.passed ? '合格' : '不合格'}（${f.assessedOn}）` : '无考核记录',
        en: f.assessmentId ? `Assessed ${f.score} ${f.passed ? 'passed' : 'failed'} (${f.assessedOn})` : 'No assessment',
        evidence: f.assessmentId ? [{ kind: 'ASSESSMENT', ids: [f.assessmentId] }] : undefined,
      },
    ];
    const level = f.skillLevel ? LEVEL[f.skillLevel] : null;
    trace.push({
      code: 'SKILL_LEVEL',
      ok: !!level,
      zh: level ? `${level.zh}${f.certificateNo ? `证书 ${f.certificateNo}` : ''}` : '未取得高级工及以上等级',
      en: level ? `${level.en}${f.certificateNo ? ` certificate ${f.certificateNo}` : ''}` : 'No advanced-worker or higher level',
      evidence: f.certificateNo ? [{ kind: 'CERTIFICATE', ids: [f.certificateNo] }] : undefined,
    });
    const amount = level ? p.num(level.key) : null;
    if (amount) trace[2].param = param(amount);
    return { eligible: trace.every((t) => t.ok), amountFen: amount?.value ?? 0, trace };
  },
};
