import { Actor, Clock, OutboxService, shanghaiDate } from '@app/core';
import { SEEKER_CHANGED } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TrainingClassEntity } from '../classes/class.entity';
import { EnrolmentEntity } from '../enrolments/enrolment.entity';
import { toEnrolmentModel } from '../enrolments/enrolment.mapper';
import { assertId, trainingError, TrainingExceptionCode } from '../training.exception';
import { AssessmentEntity, CertificateEntity } from './assessment.entity';
import { toAssessmentModel, toCertificateModel } from './assessment.mapper';
import { evaluateCompletion, isPass } from './completion-rule';
import { RecordAssessmentInput } from './dto/assessment.input';
import { AssessmentResultModel, ClassCompletionRunModel, CompletionModel } from './models/assessment.model';

/**
 * Assessments 考核 and completion 结业. Completion follows the class rule
 * (minimum attendance + passed assessment, see completion-rule.ts); on
 * completion a certificate with a unique number is issued, once per enrolment.
 */
@Injectable()
export class AssessmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async record(actor: Actor, input: RecordAssessmentInput): Promise<AssessmentResultModel> {
    const result = await this.dataSource.transaction(async (m) => {
      const e = await m.findOne(EnrolmentEntity, { where: { id: input.enrolmentId }, lock: { mode: 'pessimistic_write' } });
      if (!e) throw trainingError(TrainingExceptionCode.ENROLMENT_NOT_FOUND);
      if (e.status === 'WITHDRAWN') {
        throw trainingError(TrainingExceptionCode.TRAINEE_WITHDRAWN);
      }
      const cls = await m.findOneOrFail(TrainingClassEntity, { where: { id: e.classId } });
      const today = shanghaiDate(this.clock.now());
      if (input.assessedOn > today) throw trainingError(TrainingExceptionCode.BAD_DATE);
      if (input.assessedOn < cls.startsOn) throw trainingError(TrainingExceptionCode.ASSESSED_BEFORE_CLASS);
      const passed = isPass(input.score, cls.passScore);
      if (input.skillLevel && !passed) {
        throw trainingError(TrainingExceptionCode.SKILL_LEVEL_NEEDS_PASS);
      }
      const assessment = await m.save(
        AssessmentEntity,
        m.create(AssessmentEntity, {
          enrolmentId: e.id,
          classId: e.classId,
          seekerId: e.seekerId,
          score: input.score,
          passed,
          skillLevel: input.skillLevel ?? null,
          assessedOn: input.assessedOn,
          assessorUserId: actor.userId,
          note: input.note ?? null,
          createdAt: this.clock.now(),
        }),
      );
      const { enrolment, completion, certificate } = await this.completeIfDue(m, e, cls, actor);
      return {
        assessment: toAssessmentModel(assessment),
        enrolment: toEnrolmentModel(enrolment),
        completion,
        certificate: certificate && toCertificateModel(certificate),
      };
    });
    if (result.certificate) await this.outbox.kick();
    return result;
  }

  /** Evaluates every open enrolment of a class, e.g. after attendance was marked late. */
  async evaluateClass(actor: Actor, classId: string): Promise<ClassCompletionRunModel> {
    assertId(classId, TrainingExceptionCode.CLASS_NOT_FOUND);
    const run = await this.dataSource.transaction(async (m) => {
      const cls = await m.findOne(TrainingClassEntity, { where: { id: classId } });
      if (!cls) throw trainingError(TrainingExceptionCode.CLASS_NOT_FOUND);
      const open = await m.find(EnrolmentEntity, { where: { classId, status: 'ENROLLED' }, lock: { mode: 'pessimistic_write' }, order: { enrolledAt: 'ASC' } });
      let newlyCompleted = 0;
      for (const e of open) {
        const r = await this.completeIfDue(m, e, cls, actor);
        if (r.enrolment.status === 'COMPLETED') newlyCompleted++;
      }
      return { evaluated: open.length, newlyCompleted };
    });
    if (run.newlyCompleted) await this.outbox.kick();
    return run;
  }

  /** The enrolment must be locked by the caller. */
  private async completeIfDue(m: EntityManager, e: EnrolmentEntity, cls: TrainingClassEntity, actor: Actor) {
    const [facts] = await m.query(
      `SELECT (SELECT count(*)::int FROM training_sessions WHERE class_id = $1) AS total,
              (SELECT count(*)::int FROM training_attendance WHERE class_id = $1 AND seeker_id = $2) AS attended`,
      [cls.id, e.seekerId],
    );
    const pass = await m.findOne(AssessmentEntity, {
      where: { classId: cls.id, seekerId: e.seekerId, passed: true },
      order: { assessedOn: 'DESC', createdAt: 'DESC' },
    });
    const verdict = evaluateCompletion({
      totalSessions: facts.total,
      attendedSessions: facts.attended,
      minAttendancePct: cls.minAttendancePct,
      requiresAssessment: cls.requiresAssessment,
      passedAssessment: !!pass,
    });
    const completion: CompletionModel = {
      complete: verdict.complete,
      attendanceMet: verdict.attendanceMet,
      assessmentMet: verdict.assessmentMet,
      attendedSessions: Math.min(facts.attended, facts.total),
      totalSessions: facts.total,
      attendancePercent: verdict.attendancePct,
    };
    let certificate = await m.findOne(CertificateEntity, { where: { enrolmentId: e.id } });
    if (e.status !== 'ENROLLED' || !verdict.complete) return { enrolment: e, completion, certificate };

    const now = this.clock.now();
    await m.update(EnrolmentEntity, { id: e.id }, { status: 'COMPLETED', completedAt: now });
    const [{ n }] = await m.query(`SELECT nextval('training_certificate_no_seq')::int AS n`);
    certificate = await m.save(
      CertificateEntity,
      m.create(CertificateEntity, {
        certificateNo: certificateNumber(now, n),
        enrolmentId: e.id,
        classId: cls.id,
        seekerId: e.seekerId,
        institutionId: cls.institutionId,
        assessmentId: pass?.id ?? null,
        skillLevel: pass?.skillLevel ?? null,
        attendedSessions: completion.attendedSessions,
        totalSessions: facts.total,
        issuedAt: now,
        issuedBy: actor.userId,
      }),
    );
    // Matching re-reads the person (completed training counts); later, subsidies react to it too.
    await this.outbox.record(m, SEEKER_CHANGED, e.seekerId, { reason: 'training.completed', classId: cls.id, certificateNo: certificate.certificateNo });
    return { enrolment: { ...e, status: 'COMPLETED' as const, completedAt: now }, completion, certificate };
  }
}

/** 证书编号: WLCB-PX-<year in Shanghai>-<6-digit sequence>, e.g. WLCB-PX-2026-000042. */
export function certificateNumber(issuedAt: Date, seq: number): string {
  return `WLCB-PX-${shanghaiDate(issuedAt).slice(0, 4)}-${String(seq).padStart(6, '0')}`;
}
