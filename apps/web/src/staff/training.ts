// What the 培训管理 and check-in screens share: a session's fields, which session is "today's", titles, tabs.
import { timeSpan, today } from '../shared/format';
import type { TrainingClassType } from '../shared/gql/schema-enums';
import { t } from '../shared/i18n';
import { label, TRAINING_TYPE } from '../shared/labels';
import { graphql } from './gql';
import type { StaffSessionFragment } from './gql/graphql';

export const SessionFields = graphql(`
  fragment StaffSession on TrainingSession {
    id
    title
    room
    courseId
    startsAt
    endsAt
    startsAtLocal
    endsAtLocal
  }
`);
export type Session = StaffSessionFragment;
export interface ClassLike {
  courses: Array<{ id: string; name: string }>;
  sessions: Session[];
}

export const TRAINING_TABS: Array<[string, string, string]> = [
  ['/training', '培训班', 'Classes'],
  ['/training/new', '新建培训班', 'New class'],
  ['/training/stats', '培训统计', 'Figures'],
];

export const ended = (s: Session, now: number): boolean => Date.parse(s.endsAt) <= now;
export const isToday = (s: Session): boolean => s.startsAtLocal.slice(0, 10) === today();

/** Today's first session still to come or running; else today's first; else the next one; else the last. */
export function defaultSession(sessions: Session[], now = Date.now()): Session | undefined {
  const todays = sessions.filter(isToday);
  return todays.find((s) => !ended(s, now)) || todays[0] || sessions.find((s) => !ended(s, now)) || sessions[sessions.length - 1];
}

/** The session's title, else its course, else "第 n 次课". */
export function sessionTitle(c: ClassLike, s: Session): string {
  if (s.title) return s.title;
  const course = s.courseId ? c.courses.find((x) => x.id === s.courseId) : undefined;
  if (course) return course.name;
  const n = c.sessions.findIndex((x) => x.id === s.id) + 1;
  return t(`第 ${n} 次课`, `Session ${n}`);
}

/** "2026-03-02 09:00–11:30" in Beijing time (the API's *Local fields). */
export const span = (s: Session): string => timeSpan(s.startsAtLocal, s.endsAtLocal);

/** The class's type: the API's Chinese name, or ours in English. */
export const typeName = (type: TrainingClassType, typeZh?: string): string => t(typeZh || label(TRAINING_TYPE, type), label(TRAINING_TYPE, type));

export const ResultFields = graphql(`
  fragment StaffAssessmentResult on AssessmentResult {
    assessment {
      score
      passed
      skillLevel
      assessedOn
    }
    enrolment {
      status
    }
    completion {
      complete
      attendanceMet
      assessmentMet
      attendancePercent
      attendedSessions
      totalSessions
    }
    certificate {
      certificateNo
      skillLevel
    }
  }
`);
