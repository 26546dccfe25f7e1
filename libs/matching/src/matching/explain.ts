import { PostingEntity } from '@app/employers';
import { EDUCATION_RANK, EDUCATION_ZH, Education, MANDARIN_RANK, MANDARIN_ZH, SeekerEntity } from '@app/talent';
import { CLASS_TYPE_ZH, CompletedTraining, SKILL_LEVEL_ZH } from '@app/training';

export const SHIFT_ZH: Record<string, string> = { DAY: '白班', TWO_SHIFT: '两班倒', THREE_SHIFT: '三班倒', NIGHT: '夜班' };

/**
 * Why a candidate ranks where they do, in the words HR uses:
 * "85 km · 普通话二甲 · 打字 62 字/分 · 3个月呼叫中心经验 · 已完成新员工入职课程（技师）".
 */
export function candidateReasons(
  s: SeekerEntity,
  posting: Pick<PostingEntity, 'shifts'>,
  distanceKm: number | null,
  training: readonly CompletedTraining[] = [],
): string[] {
  const out: string[] = [];
  if (distanceKm != null) out.push(`${Math.round(distanceKm)} km`);
  if (s.mandarinLevel) out.push(`普通话${MANDARIN_ZH[s.mandarinLevel] ?? s.mandarinLevel}`);
  if (s.typingSpeed != null) out.push(`打字 ${s.typingSpeed} 字/分`);
  out.push(s.callCenterMonths ? `${s.callCenterMonths}个月呼叫中心经验` : '无呼叫中心经验');
  if (s.education) out.push(EDUCATION_ZH[s.education] ?? s.education);
  const shared = (s.shifts ?? []).filter((x) => posting.shifts.includes(x));
  if (shared.length) out.push(`可${shared.map((x) => SHIFT_ZH[x] ?? x).join('/')}`);
  if (training.length) out.push(trainingReason(training));
  return out;
}

/** The most recent completed class by type, with the highest certified skill level: "已完成新员工入职课程（技师）等2个培训". */
export function trainingReason(training: readonly CompletedTraining[]): string {
  const latest = [...training].sort((a, b) => new Date(b.completedAt).getTime() - new Date(a.completedAt).getTime())[0];
  const rank = { ADVANCED_WORKER: 1, TECHNICIAN: 2, SENIOR_TECHNICIAN: 3 } as const;
  const best = training
    .map((t) => t.skillLevel)
    .filter((l): l is NonNullable<typeof l> => !!l)
    .sort((a, b) => rank[b] - rank[a])[0];
  const more = training.length > 1 ? `等${training.length}个培训` : '';
  return `已完成${CLASS_TYPE_ZH[latest.classType] ?? latest.className}${best ? `（${SKILL_LEVEL_ZH[best]}）` : ''}${more}`;
}

const EDUCATION_EN: Record<Education, string> = {
  PRIMARY: 'primary school',
  JUNIOR_HIGH: 'junior high school',
  SECONDARY: 'secondary vocational school',
  HIGH_SCHOOL: 'senior high school',
  JUNIOR_COLLEGE: 'junior college (dazhuan)',
  BACHELOR: "bachelor's degree",
  MASTER: "master's degree",
  DOCTOR: 'doctorate',
};
/** "2A" → "2-A", as the Putonghua (Mandarin) test certificate writes it. */
const mandarinEn = (level: string) => level.replace(/^(\d)([AB])$/, '$1-$2');

export interface Gap {
  code: 'MANDARIN' | 'TYPING' | 'EDUCATION';
  message: string;
  messageEn: string;
}

/** What the seeker lacks for a posting's hard requirements ("需要普通话二乙", "需要打字 50 字/分"). */
export function postingGaps(
  s: Pick<SeekerEntity, 'mandarinLevel' | 'typingSpeed' | 'education'>,
  p: Pick<PostingEntity, 'minMandarinLevel' | 'minTypingSpeed' | 'minEducation'>,
): Gap[] {
  const gaps: Gap[] = [];
  if (p.minMandarinLevel && (MANDARIN_RANK[s.mandarinLevel ?? ''] ?? 0) < (MANDARIN_RANK[p.minMandarinLevel] ?? 0)) {
    gaps.push({
      code: 'MANDARIN',
      message: `需要普通话${MANDARIN_ZH[p.minMandarinLevel] ?? p.minMandarinLevel}`,
      messageEn: `Requires Mandarin level ${mandarinEn(p.minMandarinLevel)} or above`,
    });
  }
  if (p.minTypingSpeed != null && p.minTypingSpeed > 0 && (s.typingSpeed ?? 0) < p.minTypingSpeed) {
    gaps.push({ code: 'TYPING', message: `需要打字 ${p.minTypingSpeed} 字/分`, messageEn: `Requires typing ${p.minTypingSpeed} characters/min` });
  }
  const need = p.minEducation as Education | null;
  if (need && (s.education ? EDUCATION_RANK[s.education] : 0) < EDUCATION_RANK[need]) {
    gaps.push({ code: 'EDUCATION', message: `需要${EDUCATION_ZH[need]}及以上学历`, messageEn: `Requires ${EDUCATION_EN[need] ?? need} or above` });
  }
  return gaps;
}
