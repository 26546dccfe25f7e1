import { Actor, Clock, Page, PageArgs, Role, shanghaiDate, toPage } from '@app/core';
import { ApplicationEntity } from '@app/employers';
import { SeekerEntity, SeekerService } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { evaluateCompletion } from '../assessments/completion-rule';
import { CLASS_TYPE_ZH, PLACEMENT_CATEGORIES, TrainingClassStatus, TrainingClassType } from '../classes/class-type';
import { TrainingClassEntity } from '../classes/class.entity';
import { ClassService } from '../classes/class.service';
import { pgError, UNIQUE_VIOLATION } from '../db-errors';
import { assertId, CLASS_NOT_FOUND, ENROLMENT_NOT_FOUND, NO_PROFILE, TrainingException, trainingNotFound } from '../training.exception';
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
    private readonly classes: ClassService,
    private readonly clock: Clock,
  ) {}

  async enrolSelf(actor: Actor, classId: string): Promise<EnrolmentModel> {
    const seeker = await this.seekers.findByUser(actor.userId);
    if (!seeker || seeker.erasedAt) throw NO_PROFILE();
    return this.enrol((m) => this.enrolIn(m, actor, classId, seeker, 'SELF', null));
  }

  async enrolSeeker(actor: Actor, input: EnrolSeekerInput): Promise<EnrolmentModel> {
    const seeker = (await this.seekers.findByIds([input.seekerId])).get(input.seekerId);
    if (!seeker || seeker.erasedAt) throw trainingNotFound('人才档案', 'Seeker', 'seekerId');
    return this.enrol((m) => this.enrolIn(m, actor, input.classId, seeker, 'OPERATOR', null));
  }

  /** 先面试后培训: a conditional offer (application at OFFER) puts the person into the tenant's custom class. */
  async enrolFromOffer(actor: Actor, input: EnrolFromOfferInput): Promise<EnrolmentModel> {
    return this.enrol(async (m) => {
      const app = await m.findOne(ApplicationEntity, { where: { id: input.applicationId }, lock: { mode: 'pessimistic_read' } });
      if (!app || (actor.role === Role.HR && app.tenantId !== actor.tenantId)) throw trainingNotFound('投递记录', 'Application', 'applicationId');
      if (app.stage !== 'OFFER') {
        throw new TrainingException('OFFER_REQUIRED', '只有处于「录用意向」阶段的投递才能转入定制培训班', 'Only an application at stage OFFER can be enrolled in a custom class', 'applicationId');
      }
      const seeker = (await this.seekers.findByIds([app.seekerId])).get(app.seekerId);
      if (!seeker || seeker.erasedAt) throw trainingNotFound('人才档案', 'Seeker', 'applicationId');
      return this.enrolIn(m, actor, input.classId, seeker, 'OFFER', app);
    });
  }

  private async enrol(work: (m: EntityManager) => Promise<EnrolmentEntity>): Promise<EnrolmentModel> {
    try {
      return toEnrolmentModel(await this.dataSource.transaction(work));
    } catch (e) {
      const pg = pgError(e);
      if (pg?.code === UNIQUE_VIOLATION && pg.constraint === 'training_enrolments_one_live') throw alreadyEnrolled();
      throw e;
    }
  }

  private async enrolIn(
    m: EntityManager, actor: Actor, classId: string, seeker: SeekerEntity, source: EnrolmentSource, offer: ApplicationEntity | null,
  ): Promise<EnrolmentEntity> {
    assertId(classId, CLASS_NOT_FOUND);
    const cls = await m.findOne(TrainingClassEntity, { where: { id: classId } });
    if (!cls) throw CLASS_NOT_FOUND();
    // HR acts only on classes its own company sponsors.
    if (actor.role === Role.HR && cls.sponsorTenantId !== actor.tenantId) throw CLASS_NOT_FOUND();
    const now = this.clock.now();
    if (cls.status !== TrainingClassStatus.OPEN || shanghaiDate(now) > cls.endsOn) {
      throw new TrainingException('CLASS_CLOSED', '该培训班已截止报名', 'Enrolment for this class is closed', 'classId');
    }
    let application = offer;
    if (cls.type === TrainingClassType.CUSTOM_FOR_UNEMPLOYED) {
      if (application && application.tenantId !== cls.sponsorTenantId) {
        throw new TrainingException('OFFER_TENANT_MISMATCH', '该定制班不属于发出录用意向的企业', 'This custom class belongs to another company than the offer', 'classId');
      }
      if (!application) {
        application = await m.findOne(ApplicationEntity, {
          where: { seekerId: seeker.id, tenantId: cls.sponsorTenantId!, stage: 'OFFER' }, order: { updatedAt: 'DESC' },
        });
      }
      if (!application) {
        if (actor.role === Role.SEEKER) throw CLASS_NOT_FOUND();
        throw new TrainingException('OFFER_REQUIRED', '定制班只接收已获该企业录用意向的人员', 'A custom class only takes people holding a conditional offer from its company', 'seekerId');
      }
    } else if (source === 'OFFER') {
      throw new TrainingException('NOT_CUSTOM_CLASS', `「${CLASS_TYPE_ZH[cls.type]}」不是先面试后培训定制班`, 'Only custom classes take enrolments from offers', 'classId');
    }
    if (cls.type === TrainingClassType.PLACEMENT && !seeker.categories.some((c) => PLACEMENT_CATEGORIES.includes(c))) {
      throw new TrainingException('NOT_ELIGIBLE', '安置人员培训班面向贫困家庭人员和残疾人', 'Placement classes are for people from poor households and disabled people', 'classId');
    }
    if (await m.exists(EnrolmentEntity, { where: { classId: cls.id, seekerId: seeker.id, status: In([...LIVE]) } })) throw alreadyEnrolled();

    const seat = await m
      .createQueryBuilder()
      .update(TrainingClassEntity)
      .set({ enrolledCount: () => 'enrolled_count + 1', updatedAt: now })
      .where(`id = :id AND status = 'OPEN' AND enrolled_count < capacity`, { id: cls.id })
      .execute();
    if (!seat.affected) throw new TrainingException('CLASS_FULL', '该培训班名额已满', 'This class is full', 'classId');

    return m.save(EnrolmentEntity, m.create(EnrolmentEntity, {
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
    }));
  }

  async withdrawSelf(actor: Actor, classId: string): Promise<EnrolmentModel> {
    const seeker = await this.seekers.findByUser(actor.userId);
    if (!seeker) throw NO_PROFILE();
    assertId(classId, CLASS_NOT_FOUND);
    return this.dataSource.transaction(async (m) => {
      const e = await m.findOne(EnrolmentEntity, {
        where: { classId, seekerId: seeker.id, status: In([...LIVE]) }, lock: { mode: 'pessimistic_write' },
      });
      if (!e) throw ENROLMENT_NOT_FOUND();
      return toEnrolmentModel(await this.withdrawIn(m, e, actor));
    });
  }

  async withdrawEnrolment(actor: Actor, enrolmentId: string): Promise<EnrolmentModel> {
    assertId(enrolmentId, ENROLMENT_NOT_FOUND);
    return this.dataSource.transaction(async (m) => {
      const e = await m.findOne(EnrolmentEntity, { where: { id: enrolmentId }, lock: { mode: 'pessimistic_write' } });
      if (!e) throw ENROLMENT_NOT_FOUND();
      if (e.status === 'WITHDRAWN') return toEnrolmentModel(e);
      return toEnrolmentModel(await this.withdrawIn(m, e, actor));
    });
  }

  private async withdrawIn(m: EntityManager, e: EnrolmentEntity, actor: Actor): Promise<EnrolmentEntity> {
    if (e.status === 'COMPLETED') {
      throw new TrainingException('ALREADY_COMPLETED', '已结业，不能退出', 'Completed training cannot be withdrawn from', 'enrolmentId');
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
    const q = this.dataSource.getRepository(EnrolmentEntity).createQueryBuilder('e').where('e.class_id = :c', { c: cls.id });
    if (actor.role === Role.HR) {
      // The sponsor's HR gets no row at all (not even attendance figures) for a trainee who neither shares with the
      // base's companies nor applied to this company: the order-class rule of libs/schools (issue 8).
      q.andWhere(
        `EXISTS (SELECT 1 FROM seekers s WHERE s.id = e.seeker_id AND s.erased_at IS NULL
                   AND (s.shared_with_tenants OR EXISTS (SELECT 1 FROM applications a WHERE a.seeker_id = s.id AND a.tenant_id = :t)))`,
        { t: actor.tenantId },
      );
    }
    const [rows, total] = await q.orderBy('e.enrolled_at', 'ASC').addOrderBy('e.id', 'ASC').skip(page.offset).take(page.first).getManyAndCount();
    const seekerIds = rows.map((r) => r.seekerId);
    const [seekers, facts, applicants] = await Promise.all([
      this.seekers.findByIds(seekerIds), this.progressOf(cls, seekerIds), this.applicantsOf(actor, seekerIds),
    ]);
    const view = actor.role === Role.HR ? 'TENANT' : 'STAFF';
    // HR sees a trainee's (masked) profile under the talent pool's rule: consent to share, or an application to its company.
    const shown = (s: SeekerEntity) => actor.role !== Role.HR || (s.sharedWithTenants && !s.erasedAt) || applicants.has(s.id);
    const items = rows.map((e) => {
      const f = facts.get(e.seekerId) ?? { attended: 0, passed: false };
      const v = evaluateCompletion({
        totalSessions: facts.totalSessions, attendedSessions: f.attended, minAttendancePct: cls.minAttendancePct,
        requiresAssessment: cls.requiresAssessment, passedAssessment: f.passed,
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
    const rows: Array<{ seeker_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT seeker_id FROM applications WHERE tenant_id = $1 AND seeker_id = ANY($2::uuid[])`,
      [actor.tenantId, seekerIds],
    );
    return new Set(rows.map((r) => r.seeker_id));
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

const alreadyEnrolled = () => new TrainingException('ALREADY_ENROLLED', '已报名该培训班', 'Already enrolled in this class', 'classId');
