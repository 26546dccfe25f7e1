import { Actor } from '@app/core';
import { SeekerService } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AssessmentEntity, CertificateEntity } from '../assessments/assessment.entity';
import { toAssessmentModel, toCertificateModel } from '../assessments/assessment.mapper';
import { evaluateCompletion } from '../assessments/completion-rule';
import { AttendanceEntity } from '../attendance/attendance.entity';
import { SkillLevel, TrainingClassType } from '../classes/class-type';
import { TrainingClassEntity } from '../classes/class.entity';
import { toClassModel } from '../classes/class.mapper';
import { EnrolmentEntity } from '../enrolments/enrolment.entity';
import { toEnrolmentModel } from '../enrolments/enrolment.mapper';
import { MyTrainingModel } from './models/training-record.model';

/** One completed training of a person, as other contexts (matching, subsidies) read it. */
export interface CompletedTraining {
  classId: string;
  className: string;
  classType: TrainingClassType;
  completedAt: Date;
  /** Course names in teaching order. */
  courseNames: string[];
  skillLevel: SkillLevel | null;
  certificateNo: string | null;
}

/** One enrolment as the subsidies context reads it (issue 10 items 9, 12, 15): attendance, the latest assessment, the certificate. */
export interface TrainingFact {
  enrolmentId: string;
  seekerId: string;
  classId: string;
  className: string;
  institutionId: string;
  institutionName: string;
  sponsorTenantId: string | null;
  enrolmentStatus: string;
  /** YYYY-MM-DD in Asia/Shanghai, or null while not completed. */
  completedOn: string | null;
  classEndsOn: string;
  totalSessions: number;
  attendedSessionIds: string[];
  assessmentId: string | null;
  score: number | null;
  passed: boolean | null;
  skillLevel: SkillLevel | null;
  assessedOn: string | null;
  certificateNo: string | null;
}

/** A person's training record: what they enrolled in, attended, passed and completed. */
@Injectable()
export class TrainingRecordService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly seekers: SeekerService,
  ) {}

  async myTraining(actor: Actor): Promise<MyTrainingModel[]> {
    const seeker = await this.seekers.findByUser(actor.userId);
    if (!seeker) return [];
    const m = this.dataSource.manager;
    const enrolments = await m.find(EnrolmentEntity, { where: { seekerId: seeker.id }, order: { enrolledAt: 'DESC' } });
    if (!enrolments.length) return [];
    const classIds = [...new Set(enrolments.map((e) => e.classId))];
    const [classes, attendance, assessments, certificates, totals] = await Promise.all([
      m.find(TrainingClassEntity, { where: { id: In(classIds) } }),
      m.find(AttendanceEntity, { where: { seekerId: seeker.id, classId: In(classIds) }, order: { sessionStartsAt: 'ASC' } }),
      m.find(AssessmentEntity, { where: { seekerId: seeker.id, classId: In(classIds) }, order: { assessedOn: 'ASC', createdAt: 'ASC' } }),
      m.find(CertificateEntity, { where: { seekerId: seeker.id } }),
      this.dataSource.query(`SELECT class_id, count(*)::int AS n FROM training_sessions WHERE class_id = ANY($1::uuid[]) GROUP BY class_id`, [classIds]),
    ]);
    const classById = new Map(classes.map((c) => [c.id, c]));
    const total = new Map<string, number>(totals.map((r: { class_id: string; n: number }) => [r.class_id, r.n]));
    const certByEnrolment = new Map(certificates.map((c) => [c.enrolmentId, c]));
    return enrolments.map((e) => {
      const cls = classById.get(e.classId)!;
      const attended = attendance.filter((a) => a.classId === e.classId);
      const mine = assessments.filter((a) => a.classId === e.classId);
      const verdict = evaluateCompletion({
        totalSessions: total.get(e.classId) ?? 0,
        attendedSessions: attended.length,
        minAttendancePct: cls.minAttendancePct,
        requiresAssessment: cls.requiresAssessment,
        passedAssessment: mine.some((a) => a.passed),
      });
      const cert = certByEnrolment.get(e.id);
      const em = toEnrolmentModel(e);
      return {
        enrolmentId: e.id,
        status: em.status,
        source: em.source,
        enrolledAt: e.enrolledAt,
        withdrawnAt: e.withdrawnAt,
        completedAt: e.completedAt,
        trainingClass: toClassModel(cls),
        attendedSessions: Math.min(attended.length, total.get(e.classId) ?? 0),
        totalSessions: total.get(e.classId) ?? 0,
        attendancePercent: verdict.attendancePct,
        attendedSessionIds: attended.map((a) => a.sessionId),
        assessments: mine.map(toAssessmentModel),
        certificate: cert ? toCertificateModel(cert) : null,
      };
    });
  }

  /**
   * Completed training per person, oldest first — for matching ("has completed
   * 《呼入电话服务技巧》") and the profile. People without any are absent from the map.
   */
  async completedTrainingFor(seekerIds: readonly string[]): Promise<Map<string, CompletedTraining[]>> {
    const map = new Map<string, CompletedTraining[]>();
    if (!seekerIds.length) return map;
    const rows: Array<{
      seeker_id: string;
      class_id: string;
      class_name: string;
      class_type: TrainingClassType;
      completed_at: Date;
      course_names: string[];
      skill_level: SkillLevel | null;
      certificate_no: string | null;
    }> = await this.dataSource.query(
      `SELECT e.seeker_id, c.id AS class_id, c.name AS class_name, c.type AS class_type, e.completed_at,
              cert.skill_level, cert.certificate_no,
              COALESCE((SELECT array_agg(co.name ORDER BY cc.position)
                          FROM training_class_courses cc JOIN training_courses co ON co.id = cc.course_id
                         WHERE cc.class_id = c.id), '{}') AS course_names
         FROM training_enrolments e
         JOIN training_classes c ON c.id = e.class_id
         LEFT JOIN training_certificates cert ON cert.enrolment_id = e.id
        WHERE e.seeker_id = ANY($1::uuid[]) AND e.status = 'COMPLETED'
        ORDER BY e.seeker_id, e.completed_at, e.id`,
      [[...new Set(seekerIds)]],
    );
    for (const r of rows) {
      const item: CompletedTraining = {
        classId: r.class_id,
        className: r.class_name,
        classType: r.class_type,
        completedAt: r.completed_at,
        courseNames: r.course_names,
        skillLevel: r.skill_level,
        certificateNo: r.certificate_no,
      };
      map.set(r.seeker_id, [...(map.get(r.seeker_id) ?? []), item]);
    }
    return map;
  }

  /**
   * Enrolments (not withdrawn) with their attendance, latest assessment and certificate, for the subsidies context's
   * rules: by enrolment id, or those of classes ending in [endsFrom, endsTo] (YYYY-MM-DD, inclusive).
   */
  async trainingFacts(f: { enrolmentIds?: readonly string[]; endsFrom?: string; endsTo?: string }, m?: EntityManager): Promise<TrainingFact[]> {
    const rows: TrainingFact[] = await (m ?? this.dataSource.manager).query(
      `SELECT e.id AS "enrolmentId", e.seeker_id AS "seekerId", c.id AS "classId", c.name AS "className",
              i.id AS "institutionId", i.name AS "institutionName", c.sponsor_tenant_id AS "sponsorTenantId", e.status AS "enrolmentStatus",
              to_char(e.completed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "completedOn", to_char(c.ends_on, 'YYYY-MM-DD') AS "classEndsOn",
              (SELECT count(*)::int FROM training_sessions s WHERE s.class_id = c.id) AS "totalSessions",
              COALESCE((SELECT array_agg(a.session_id::text ORDER BY a.session_starts_at) FROM training_attendance a WHERE a.enrolment_id = e.id), '{}') AS "attendedSessionIds",
              asm.id AS "assessmentId", asm.score, asm.passed, asm.skill_level AS "skillLevel", to_char(asm.assessed_on, 'YYYY-MM-DD') AS "assessedOn",
              cert.certificate_no AS "certificateNo"
         FROM training_enrolments e
         JOIN training_classes c ON c.id = e.class_id
         JOIN training_institutions i ON i.id = c.institution_id
         LEFT JOIN LATERAL (SELECT * FROM training_assessments x WHERE x.enrolment_id = e.id ORDER BY x.created_at DESC, x.id DESC LIMIT 1) asm ON true
         LEFT JOIN training_certificates cert ON cert.enrolment_id = e.id
        WHERE e.status <> 'WITHDRAWN'
          AND ($1::uuid[] IS NULL OR e.id = ANY($1::uuid[]))
          AND ($2::date IS NULL OR c.ends_on >= $2::date)
          AND ($3::date IS NULL OR c.ends_on <= $3::date)
        ORDER BY c.ends_on, e.id`,
      [f.enrolmentIds ? [...f.enrolmentIds] : null, f.endsFrom ?? null, f.endsTo ?? null],
    );
    return rows;
  }
}
