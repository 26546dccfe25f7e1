import { shanghaiDate } from '@app/core';
import { ErasureContext, PersonalDataContributor } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CLASS_TYPE_ZH, SKILL_LEVEL_ZH, SkillLevel, TrainingClassType } from '../classes/class-type';

const ENROLMENT_STATUS_ZH: Record<string, string> = { ENROLLED: '在读', WITHDRAWN: '已退出', COMPLETED: '已结业' };
const CHECK_IN_ZH: Record<string, string> = { QR: '扫码签到', MANUAL: '教员登记' };

/**
 * What training keeps about a person: export (classes, attendance, assessments, certificates) and erasure. Erasure
 * withdraws the person's live enrolments in classes that have not ended (the seat is freed); attendance, assessments
 * and certificates stay as the institution's audited records (subsidy evidence), pointing to the pseudonymised profile.
 */
@Injectable()
export class TrainingPersonalData extends PersonalDataContributor {
  readonly key = 'training';
  readonly title = '培训、考勤、考核与证书 / Training, attendance, assessments and certificates';

  async erase(seekerId: string, m: EntityManager, ctx: ErasureContext): Promise<void> {
    await m.query(
      `WITH w AS (
         UPDATE training_enrolments e SET status = 'WITHDRAWN', withdrawn_at = $2, withdrawn_by = NULL
           FROM training_classes c
          WHERE c.id = e.class_id AND e.seeker_id = $1 AND e.status = 'ENROLLED' AND c.ends_on >= $3::date
         RETURNING e.class_id)
       UPDATE training_classes c SET enrolled_count = c.enrolled_count - n.k, updated_at = $2
         FROM (SELECT class_id, count(*)::int AS k FROM w GROUP BY class_id) n WHERE c.id = n.class_id`,
      [seekerId, ctx.now, shanghaiDate(ctx.now)],
    );
  }

  async collect(seekerId: string) {
    const [enrolments, attendance, assessments, certificates] = await Promise.all([
      this.db.query(
        `SELECT e.id AS "enrolmentId", c.name AS class, c.type, i.name AS institution, e.status, e.enrolled_at AS "enrolledAt",
                e.withdrawn_at AS "withdrawnAt", e.completed_at AS "completedAt"
           FROM training_enrolments e JOIN training_classes c ON c.id = e.class_id JOIN training_institutions i ON i.id = c.institution_id
          WHERE e.seeker_id = $1 ORDER BY e.enrolled_at`,
        [seekerId],
      ),
      this.db.query(
        `SELECT a.enrolment_id AS "enrolmentId", COALESCE(s.title, co.name) AS session, a.session_starts_at AS "sessionStartsAt",
                a.session_ends_at AS "sessionEndsAt", a.method, a.checked_in_at AS "checkedInAt"
           FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id LEFT JOIN training_courses co ON co.id = s.course_id
          WHERE a.seeker_id = $1 ORDER BY a.session_starts_at`,
        [seekerId],
      ),
      this.db.query(
        `SELECT enrolment_id AS "enrolmentId", score, passed, skill_level AS "skillLevel", to_char(assessed_on, 'YYYY-MM-DD') AS "assessedOn", note
           FROM training_assessments WHERE seeker_id = $1 ORDER BY assessed_on, created_at`,
        [seekerId],
      ),
      this.db.query(
        `SELECT c.certificate_no AS "certificateNo", c.enrolment_id AS "enrolmentId", i.name AS institution, c.skill_level AS "skillLevel",
                c.attended_sessions AS "attendedSessions", c.total_sessions AS "totalSessions", c.issued_at AS "issuedAt"
           FROM training_certificates c JOIN training_institutions i ON i.id = c.institution_id
          WHERE c.seeker_id = $1 ORDER BY c.issued_at`,
        [seekerId],
      ),
    ]);
    const level = (l: SkillLevel | null) => (l ? (SKILL_LEVEL_ZH[l] ?? l) : null);
    return {
      enrolments: enrolments.map((e: { type: TrainingClassType; status: string }) => ({
        ...e,
        typeZh: CLASS_TYPE_ZH[e.type] ?? e.type,
        statusZh: ENROLMENT_STATUS_ZH[e.status] ?? e.status,
      })),
      attendance: attendance.map((a: { method: string }) => ({ ...a, methodZh: CHECK_IN_ZH[a.method] ?? a.method })),
      assessments: assessments.map((a: { skillLevel: SkillLevel | null }) => ({ ...a, skillLevelZh: level(a.skillLevel) })),
      certificates: certificates.map((c: { skillLevel: SkillLevel | null }) => ({ ...c, skillLevelZh: level(c.skillLevel) })),
    };
  }
}
