import { Actor, Clock, isPgError, Page, PageArgs, PgErrorCode, Role, shanghaiDate, shanghaiDayStart, toPage } from '@app/core';
import { TenantDirectory } from '@app/employers';
import { SeekerService } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { CourseEntity } from '../courses/course.entity';
import { InstitutionEntity } from '../institutions/institution.entity';
import { assertId, trainingError, TrainingExceptionCode } from '../training.exception';
import { TrainingClassStatus, TrainingClassType } from './class-type';
import { ClassCourseEntity, SessionEntity, TrainingClassEntity } from './class.entity';
import { EnrolmentEntity } from '../enrolments/enrolment.entity';
import { toClassModel, toSessionModel } from './class.mapper';
import { AddSessionsInput, ClassFilterInput, CreateClassInput } from './dto/class.input';
import { SessionModel, TrainingClassModel } from './models/class.model';

const MAX_SESSION_MS = 12 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** Classes 培训班 and their schedule of sessions 课次. */
@Injectable()
export class ClassService {
  constructor(
    @InjectRepository(TrainingClassEntity) private readonly classes: Repository<TrainingClassEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenants: TenantDirectory,
    private readonly seekers: SeekerService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CreateClassInput): Promise<TrainingClassModel> {
    if (input.endsOn < input.startsOn) {
      throw trainingError(TrainingExceptionCode.BAD_DATES);
    }
    if (input.type === TrainingClassType.CUSTOM_FOR_UNEMPLOYED && !input.sponsorTenantId) {
      throw trainingError(TrainingExceptionCode.SPONSOR_REQUIRED);
    }
    return this.dataSource.transaction(async (m) => {
      if (!(await m.exists(InstitutionEntity, { where: { id: input.institutionId } }))) {
        throw trainingError(TrainingExceptionCode.INSTITUTION_NOT_FOUND);
      }
      if (input.sponsorTenantId && !(await this.tenants.exists(input.sponsorTenantId, m))) {
        throw trainingError(TrainingExceptionCode.TENANT_NOT_FOUND);
      }
      const found = await m.count(CourseEntity, { where: { id: In(input.courseIds) } });
      if (found !== input.courseIds.length) {
        throw trainingError(TrainingExceptionCode.COURSES_NOT_FOUND);
      }
      const now = this.clock.now();
      const row = await m.save(
        TrainingClassEntity,
        m.create(TrainingClassEntity, {
          institutionId: input.institutionId,
          type: input.type,
          name: input.name.trim(),
          sponsorTenantId: input.sponsorTenantId ?? null,
          capacity: input.capacity,
          enrolledCount: 0,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          minAttendancePct: input.minAttendancePercent,
          requiresAssessment: input.requiresAssessment,
          passScore: input.passScore,
          status: TrainingClassStatus.OPEN,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await m.insert(
        ClassCourseEntity,
        input.courseIds.map((courseId, i) => ({ classId: row.id, courseId, position: i + 1 })),
      );
      return toClassModel(row);
    });
  }

  /**
   * Adds sessions to the schedule. Each lies within the class dates (Shanghai
   * calendar) and lasts at most 12 h; sessions of one class never overlap
   * (exclusion constraint). Times are fixed once set: attendance rows copy them.
   */
  async addSessions(actor: Actor, input: AddSessionsInput): Promise<SessionModel[]> {
    try {
      return await this.dataSource.transaction(async (m) => {
        const cls = await m.findOne(TrainingClassEntity, { where: { id: input.classId } });
        if (!cls) throw trainingError(TrainingExceptionCode.CLASS_NOT_FOUND);
        const courseIds = new Set((await m.find(ClassCourseEntity, { where: { classId: cls.id } })).map((c) => c.courseId));
        const from = shanghaiDayStart(cls.startsOn).getTime();
        const to = shanghaiDayStart(cls.endsOn).getTime() + DAY_MS;
        const now = this.clock.now();
        const rows = input.sessions.map((s, i) => {
          const field = `sessions.${i}`;
          if (s.endsAt.getTime() <= s.startsAt.getTime()) {
            throw trainingError(TrainingExceptionCode.BAD_SESSION_TIME, { field: `${field}.endsAt` });
          }
          if (s.endsAt.getTime() - s.startsAt.getTime() > MAX_SESSION_MS) {
            throw trainingError(TrainingExceptionCode.SESSION_TOO_LONG, { field: `${field}.endsAt` });
          }
          if (s.startsAt.getTime() < from || s.endsAt.getTime() > to) {
            throw trainingError(TrainingExceptionCode.SESSION_OUTSIDE_CLASS, { from: cls.startsOn, to: cls.endsOn }, { field: `${field}.startsAt` });
          }
          if (s.courseId && !courseIds.has(s.courseId)) {
            throw trainingError(TrainingExceptionCode.COURSE_NOT_IN_CLASS, { field: `${field}.courseId` });
          }
          return m.create(SessionEntity, {
            classId: cls.id,
            courseId: s.courseId ?? null,
            title: s.title ?? null,
            room: s.room ?? null,
            startsAt: s.startsAt,
            endsAt: s.endsAt,
            createdBy: actor.userId,
            createdAt: now,
          });
        });
        for (let i = 0; i < rows.length; i++) {
          const clashes = rows.some((o, j) => j !== i && o.startsAt < rows[i].endsAt && rows[i].startsAt < o.endsAt);
          const [existing] = clashes
            ? [true]
            : await m.query(`SELECT 1 FROM training_sessions WHERE class_id = $1 AND during && tstzrange($2, $3, '[)') LIMIT 1`, [
                cls.id,
                rows[i].startsAt,
                rows[i].endsAt,
              ]);
          if (existing) throw sessionsOverlap();
        }
        return (await m.save(SessionEntity, rows)).map(toSessionModel);
      });
    } catch (e) {
      if (isPgError(e, PgErrorCode.EXCLUSION_VIOLATION, 'training_sessions_no_overlap')) throw sessionsOverlap();
      throw e;
    }
  }

  async setStatus(classId: string, status: TrainingClassStatus): Promise<TrainingClassModel> {
    assertId(classId, TrainingExceptionCode.CLASS_NOT_FOUND);
    const res = await this.classes.update({ id: classId }, { status, updatedAt: this.clock.now() });
    if (!res.affected) throw trainingError(TrainingExceptionCode.CLASS_NOT_FOUND);
    return toClassModel(await this.classes.findOneByOrFail({ id: classId }));
  }

  async get(actor: Actor, classId: string): Promise<TrainingClassModel> {
    return toClassModel(await this.visibleOrThrow(actor, classId));
  }

  /**
   * A class as the caller may see it. Operators and auditors see all; HR only
   * classes their company sponsors; seekers every class except custom classes
   * 定制班 they are not enrolled in. Otherwise "not found", so existence does not leak.
   */
  async visibleOrThrow(actor: Actor, classId: string, m: EntityManager = this.dataSource.manager): Promise<TrainingClassEntity> {
    assertId(classId, TrainingExceptionCode.CLASS_NOT_FOUND);
    const cls = await m.findOne(TrainingClassEntity, { where: { id: classId } });
    if (!cls) throw trainingError(TrainingExceptionCode.CLASS_NOT_FOUND);
    if (actor.role === Role.OPERATOR || actor.role === Role.AUDITOR) return cls;
    if (actor.role === Role.HR && actor.tenantId && cls.sponsorTenantId === actor.tenantId) return cls;
    if (actor.role === Role.SEEKER) {
      if (cls.type !== TrainingClassType.CUSTOM_FOR_UNEMPLOYED) return cls;
      const me = await this.seekers.findByUser(actor.userId);
      if (me && (await m.exists(EnrolmentEntity, { where: { classId: cls.id, seekerId: me.id } }))) return cls;
    }
    throw trainingError(TrainingExceptionCode.CLASS_NOT_FOUND);
  }

  async list(actor: Actor, filter: ClassFilterInput, page: PageArgs): Promise<Page<TrainingClassModel>> {
    const qb = this.classes.createQueryBuilder('c');
    if (actor.role === Role.HR) qb.andWhere('c.sponsor_tenant_id = :t', { t: actor.tenantId });
    if (actor.role === Role.SEEKER) {
      qb.andWhere(`c.type <> 'CUSTOM_FOR_UNEMPLOYED' AND c.status = 'OPEN' AND c.ends_on >= :today`, { today: shanghaiDate(this.clock.now()) });
    }
    if (filter.type) qb.andWhere('c.type = :type', { type: filter.type });
    if (filter.institutionId) qb.andWhere('c.institution_id = :inst', { inst: filter.institutionId });
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    const [rows, total] = await qb.orderBy('c.starts_on', 'DESC').addOrderBy('c.id').skip(page.offset).take(page.first).getManyAndCount();
    return toPage(rows.map(toClassModel), total, page);
  }

  async sessionOrThrow(sessionId: string, m: EntityManager = this.dataSource.manager): Promise<SessionEntity> {
    assertId(sessionId, TrainingExceptionCode.SESSION_NOT_FOUND);
    const s = await m.findOne(SessionEntity, { where: { id: sessionId } });
    if (!s) throw trainingError(TrainingExceptionCode.SESSION_NOT_FOUND);
    return s;
  }

  // ---------- batch loaders ----------

  async findByIds(ids: readonly string[]): Promise<Map<string, TrainingClassEntity>> {
    const rows = ids.length ? await this.classes.find({ where: { id: In([...ids]) } }) : [];
    return new Map(rows.map((r) => [r.id, r]));
  }

  async sessionsFor(classIds: readonly string[]): Promise<Map<string, SessionEntity[]>> {
    const rows = classIds.length ? await this.sessions.find({ where: { classId: In([...classIds]) }, order: { startsAt: 'ASC' } }) : [];
    const map = new Map<string, SessionEntity[]>();
    for (const r of rows) map.set(r.classId, [...(map.get(r.classId) ?? []), r]);
    return map;
  }
}

const sessionsOverlap = () => trainingError(TrainingExceptionCode.SESSIONS_OVERLAP);
