// What 我的培训 and 培训签到 share: the documents and how a session is named and timed.
import { timeSpan } from '../shared/format';
import { api } from './api';
import { graphql } from './gql';
import type { SeekerMyTrainingQuery } from './gql/graphql';

export const MyTraining = graphql(`
  query SeekerMyTraining {
    myTraining {
      enrolmentId
      status
      completedAt
      attendedSessions
      totalSessions
      attendancePercent
      attendedSessionIds
      trainingClass {
        id
        name
        type
        startsOn
        endsOn
        minAttendancePercent
        requiresAssessment
        passScore
        institution {
          name
        }
        courses {
          id
          name
        }
        sessions {
          id
          title
          startsAt
          endsAt
          room
          courseId
        }
      }
      assessments {
        score
        passed
        skillLevel
        assessedOn
      }
      certificate {
        certificateNo
        skillLevel
        issuedAt
      }
    }
  }
`);
export type Mine = SeekerMyTrainingQuery['myTraining'][number];
export type Cls = Mine['trainingClass'];
export type Session = Cls['sessions'][number];

export const myTraining = () => api.run(MyTraining).then((d) => d.myTraining);

/** "2026-03-01 14:00–16:00", Beijing time (shared/format.ts). */
export const when = (s: Session): string => timeSpan(s.startsAt, s.endsAt);
export function sessionTitle(c: Pick<Cls, 'name' | 'courses'>, s: Session): string {
  const course = s.courseId ? c.courses.find((x) => x.id === s.courseId) : undefined;
  return s.title || (course ? course.name : c.name);
}

/** My enrolment holding the session, with the session itself. */
export async function findSession(sessionId: string): Promise<{ m: Mine; s: Session } | null> {
  for (const m of await myTraining()) {
    const s = m.trainingClass.sessions.find((x) => x.id === sessionId);
    if (s) return { m, s };
  }
  return null;
}
