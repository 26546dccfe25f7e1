import { Actor, Clock, isPgError, Page, PageArgs, PgErrorCode, Role, shanghaiDate, toPage } from '@app/core';
import { ApplicationRef, HiringReadModel } from '@app/employers';
import { SeekerEntity, SeekerService } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { evaluateCompletion } from '../assessments/completion-rule';
import { CLASS_TYPE_ZH, PLACEMENT_CATEGORIES, TrainingClassStatus, TrainingClassType } from '../classes/class-type';
import { TrainingClassEntity } from '../classes/class.entity';
import { ClassService } from '../classes/class.service';
import { assertId, trainingError, TrainingExceptionCode } from '../training.exception';
import { EnrolFromOfferInput, EnrolSeekerInput } from './dto/enrolment.input';
import { EnrolmentEntity, EnrolmentSource } from './enrolment.entity';
import { toEnrolmentModel } from './enrolment.mapper';
import { EnrolmentModel, TraineeModel } from './models/enrolment.model';

const LIVE = ['ENROLLED', 'COMPLETED'] as const;

/**
 * Enrolment 报名. Seats are taken with a guarded UPDATE
 * (enrolled_count < capacity) inside the enrolment's transaction, so
 * concurrent enrolments never overbook; a CHECK constraint backs it up.
 */
@Injectable()
export class EnrolmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly seekers: SeekerService,
    private readonly hiring: HiringReadModel,
    private readonly classes: ClassService,
    private readonly clock: Clock,
  ) {}

  async enrolSelf(actor: Actor, classId: string): Promise<EnrolmentModel> {
    const seeker = await this.seekers.findByUser(actor.userId);
    if (!seeker || seeker.erasedAt) throw trainingError(TrainingExceptionCode.NO_PROFILE);
    return this.enrol((m) => this.enrolIn(m, actor, classId, seeker, 'SELF', null));
  }

  async enrolSeeker(actor: Actor, input: EnrolSeekerInput): Promise<EnrolmentModel> {
    const seeker = (await this.seekers.findByIds([input.seekerId])).get(input.seekerId);
    if (!seeker || seeker.erasedAt) throw trainingError(TrainingExceptionCode.SEEKER_NOT_FOUND);
    return this.enrol((m) => this.enrolIn(m, actor, input.classId, seeker, 'OPERATOR', null));
  }

  /** 先面试后培训: a conditional offer (application at OFFER) puts the person into the tenant's custom class. */
  async enrolFromOffer(actor: Actor, input: EnrolFromOfferInput): Promise<EnrolmentModel> {
    return this.enrol(async (m) => {
      const app = await this.hiring.application(input.applicationId, m, true);
      if (!app || (actor.role === Role.HR && app.tenantId !== actor.tenantId)) throw trainingError(TrainingExceptionCode.APPLICATION_NOT_FOUND);
      if (app.stage !== 'OFFER') {
        throw trainingError(TrainingExceptionCode.OFFER_REQUIRED);
      }
      const seeker = (await this.seekers.findByIds([app.seekerId])).get(app.seekerId);
      if (!seeker || seeker.erasedAt) throw trainingError(TrainingExceptionCode.SEEKER_NOT_FOUND, { field: 'applicationId' });
      return this.enrolIn(m, actor, input.classId, seeker, 'OFFER', app);
    });
  }

  private async enrol(work: (m: EntityManager) => Promise<EnrolmentEntity>): Promise<EnrolmentModel> {
    try {
      return toEnrolmentModel(await this.dataSource.transaction(work));
    } catch (e) {
      if (isPgError(e, PgErrorCode.UNIQUE_VIOLATION, 'training_enrolments_one_live')) throw alreadyEnrolled();
      throw e;
    }
  }

  private async enrolIn(
    m: EntityManager,
    actor: Actor,
    classId: string,
    seeker: SeekerEntity,
    source: EnrolmentSource,
    offer: ApplicationRef | null,
  ): Promise<EnrolmentEntity> {
    assertId(classId, TrainingExceptionCode.CLASS_NOT_FOUND);
    const cls = await m.findOne(TrainingClassEntity, { where: { id: classId } });
    if (!cls) throw trainingError(TrainingExceptionCode.CLASS_NOT_FOUND);
    // HR acts only on classes its own company sponsors.
    if (actor.role === Role.HR && cls.sponsorTenantId !== actor.tenantId) throw trainingError(TrainingExceptionCode.CLASS_NOT_FOUND);
    const now = this.clock.now();
    if (cls.status !== TrainingClassStatus.OPEN || shanghaiDate(now) > cls.endsOn) {
      throw trainingError(TrainingExceptionCode.CLASS_CLOSED);
    }
    let application = offer;
    if (cls.type === TrainingClassType.CUSTOM_FOR_UNEMPLOYED) {
      if (application && application.tenantId !== cls.sponsorTenantId) {
        throw trainingError(TrainingExceptionCode.OFFER_TENANT_MISMATCH);
      }
      if (!application) {
        application = await this.hiring.latestOffer(seeker.id, cls.sponsorTenantId!, m);
      }
      if (!application) {
        if (actor.role === Role.SEEKER) throw trainingError(TrainingExceptionCode.CLASS_NOT_FOUND);
        throw trainingError(TrainingExceptionCode.CUSTOM_CLASS_NEEDS_OFFER);
      }
    } else if (source === 'OFFER') {
      throw trainingError(TrainingExceptionCode.NOT_CUSTOM_CLASS, { classTypeZh: CLASS_TYPE_ZH[cls.type] });
    }
    if (cls.type === TrainingClassType.PLACEMENT && !seeker.categories.some((c) => PLACEMENT_CATEGORIES.includes(c))) {
      throw trainingError(TrainingExceptionCode.NOT_ELIGIBLE);
    }
    if (await m.exists(EnrolmentEntity, { where: { classId: cls.id, seekerId: seeker.id, status: In([...LIVE]) } })) throw alreadyEnrolled();

    const seat = await m
      .createQueryBuilder()
      .update(TrainingClassEntity)
      .set({ enrolledCount: () => 'enrolled_count + 1', updatedAt: now })
      .where(`id = :id AND status = 'OPEN' AND enrolled_count < capacity`, { id: cls.id })
      .execute();
    if (!seat.affected) throw trainingError(TrainingExceptionCode.CLASS_FULL);

    return m.save(
      EnrolmentEntity,
      m.create(EnrolmentEntity, {
        classId: cls.id,
        seekerId: seeker.id,
        status: 'ENROLLED',
        source,
        applicationId: application?.id ?? null,
        enrolledBy: actor.userId,
        enrolledAt: now,
        withdrawnAt: null,
        withdrawnBy: null,
        completedAt: null,
      }),
    );
  }

  async withdrawSelf(actor: Actor, classId: string): Promise<EnrolmentModel> {
    const seeker = await this.seekers.findByUser(actor.userId);
    if (!seeker) throw trainingError(TrainingExceptionCode.NO_PROFILE);
    assertId(classId, TrainingExceptionCode.CLASS_NOT_FOUND);
    return this.dataSource.transaction(async (m) => {
      const e = await m.findOne(EnrolmentEntity, {
        where: { classId, seekerId: seeker.id, status: In([...LIVE]) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!e) throw trainingError(TrainingExceptionCode.ENROLMENT_NOT_FOUND);
      return toEnrolmentModel(await this.withdrawIn(m, e, actor));
    });
  }

  async withdrawEnrolment(actor: Actor, enrolmentId: string): Promise<EnrolmentModel> {
    assertId(enrolmentId, TrainingExceptionCode.ENROLMENT_NOT_FOUND);
    return this.dataSource.transaction(async (m) => {
      const e = await m.findOne(EnrolmentEntity, { where: { id: enrolmentId }, lock: { mode: 'pessimistic_write' } });
      if (!e) throw trainingError(TrainingExceptionCode.ENROLMENT_NOT_FOUND);
      if (e.status === 'WITHDRAWN') return toEnrolmentModel(e);
      return toEnrolmentModel(await this.withdrawIn(m, e, actor));
    });
  }

  private async withdrawIn(m: EntityManager, e: EnrolmentEntity, actor: Actor): Promise<EnrolmentEntity> {
    if (e.status === 'COMPLETED') {
      throw trainingError(TrainingExceptionCode.ALREADY_COMPLETED);
    }
    const now = this.clock.now();
    await m.update(EnrolmentEntity, { id: e.id }, { status: 'WITHDRAWN', withdrawnAt: now, withdrawnBy: actor.userId });
    await m.query(`UPDATE training_classes SET enrolled_count = enrolled_count - 1, updated_at = $2 WHERE id = $1`, [e.classId, now]);
    return { ...e, status: 'WITHDRAWN', withdrawnAt: now, withdrawnBy: actor.userId };
  }

  /**
   * Trainees of a class. Operators and auditors see them as staff; HR only for
   * classes its company sponsors, masked as the talent pool shows them, and only
   * trainees who consented to share or applied to that company.
   */
  async trainees(actor: Actor, classId: string, page: PageArgs): Promise<Page<TraineeModel>> {
    const cls = await this.classes.visibleOrThrow(actor, classId);
    let rows: EnrolmentEntity[];
    let total: number;
    if (actor.role === Role.HR) {
      // The sponsor's HR gets no row at all (not even attendance figures) for a trainee who neither shares with the
      // base's companies nor applied to this company: the order-class rule of libs/schools (issue 8). The rule needs
      // the talent pool's consent and employers' applications, so the class's enrolments (bounded by its capacity)
      // are filtered here and then paged.
      const all = await this.dataSource.getRepository(EnrolmentEntity).find({ where: { classId: cls.id }, order: { enrolledAt: 'ASC', id: 'ASC' } });
      const ids = all.map((e) => e.seekerId);
      const people = await this.seekers.findByIds(ids);
      const applied = await this.hiring.applicantsAt(actor.tenantId!, ids);
      const visible = all.filter((e) => {
        const s = people.get(e.seekerId);
        return !!s && !s.erasedAt && (s.sharedWithTenants || applied.has(s.id));
      });
      rows = visible.slice(page.offset, page.offset + page.first);
      total = visible.length;
    } else {
      [rows, total] = await this.dataSource
        .getRepository(EnrolmentEntity)
        .createQueryBuilder('e')
        .where('e.class_id = :c', { c: cls.id })
        .orderBy('e.enrolled_at', 'ASC')
        .addOrderBy('e.id', 'ASC')
        .skip(page.offset)
        .take(page.first)
        .getManyAndCount();
    }
    const seekerIds = rows.map((r) => r.seekerId);
    const [seekers, facts, applicants] = await Promise.all([
      this.seekers.findByIds(seekerIds),
      this.progressOf(cls, seekerIds),
      this.applicantsOf(actor, seekerIds),
    ]);
    const view = actor.role === Role.HR ? 'TENANT' : 'STAFF';
    // HR sees a trainee's (masked) profile under the talent pool's rule: consent to share, or an application to its company.
    const shown = (s: SeekerEntity) => actor.role !== Role.HR || (s.sharedWithTenants && !s.erasedAt) || applicants.has(s.id);
    const items = rows.map((e) => {
      const f = facts.get(e.seekerId) ?? { attended: 0, passed: false };
      const v = evaluateCompletion({
        totalSessions: facts.totalSessions,
        attendedSessions: f.attended,
        minAttendancePct: cls.minAttendancePct,
        requiresAssessment: cls.requiresAssessment,
        passedAssessment: f.passed,
      });
      const s = seekers.get(e.seekerId);
      return {
        ...toEnrolmentModel(e),
        attendedSessions: f.attended,
        totalSessions: facts.totalSessions,
        attendancePercent: v.attendancePct,
        passedAssessment: f.passed,
        seeker: s && shown(s) ? this.seekers.toModel(s, view) : null,
      };
    });
    return toPage(items, total, page);
  }

  private async applicantsOf(actor: Actor, seekerIds: string[]): Promise<Set<string>> {
    if (actor.role !== Role.HR || !seekerIds.length) return new Set();
    return this.hiring.applicantsAt(actor.tenantId!, seekerIds);
  }

  /** Sessions attended and whether an assessment was passed, per person in one class. */
  private async progressOf(cls: TrainingClassEntity, seekerIds: string[]) {
    const map = new Map<string, { attended: number; passed: boolean }>() as Map<string, { attended: number; passed: boolean }> & { totalSessions: number };
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM training_sessions WHERE class_id = $1`, [cls.id]);
    map.totalSessions = n;
    if (!seekerIds.length) return map;
    const rows: Array<{ seeker_id: string; attended: number; passed: boolean }> = await this.dataSource.query(
      `SELECT s.id AS seeker_id,
              (SELECT count(*)::int FROM training_attendance a WHERE a.class_id = $1 AND a.seeker_id = s.id) AS attended,
              EXISTS (SELECT 1 FROM training_assessments x WHERE x.class_id = $1 AND x.seeker_id = s.id AND x.passed) AS passed
         FROM unnest($2::uuid[]) AS s(id)`,
      [cls.id, seekerIds],
    );
    for (const r of rows) map.set(r.seeker_id, { attended: r.attended, passed: r.passed });
    return map;
  }
}

const alreadyEnrolled = () => trainingError(TrainingExceptionCode.ALREADY_ENROLLED);
