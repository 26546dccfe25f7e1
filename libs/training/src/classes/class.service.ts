import { Actor, Clock, Page, PageArgs, Role, shanghaiDate, toPage } from '@app/core';
import { TenantEntity } from '@app/employers';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { CourseEntity } from '../courses/course.entity';
import { EXCLUSION_VIOLATION, pgError } from '../db-errors';
import { InstitutionEntity } from '../institutions/institution.entity';
import { assertId, CLASS_NOT_FOUND, SESSION_NOT_FOUND, TrainingException } from '../training.exception';
import { TrainingClassStatus, TrainingClassType } from './class-type';
import { ClassCourseEntity, SessionEntity, TrainingClassEntity } from './class.entity';
import { toClassModel, toSessionModel } from './class.mapper';
import { AddSessionsInput, ClassFilterInput, CreateClassInput } from './dto/class.input';
import { SessionModel, TrainingClassModel } from './models/class.model';
import { shanghaiDayStart } from './shanghai-time';

const MAX_SESSION_MS = 12 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** Classes 培训班 and their schedule of sessions 课次. */
@Injectable()
export class ClassService {
  constructor(
    @InjectRepository(TrainingClassEntity) private readonly classes: Repository<TrainingClassEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CreateClassInput): Promise<TrainingClassModel> {
    if (input.endsOn < input.startsOn) {
      throw new TrainingException('BAD_DATES', '结业日期不能早于开班日期', 'The end date is before the start date', 'endsOn');
    }
    if (input.type === TrainingClassType.CUSTOM_FOR_UNEMPLOYED && !input.sponsorTenantId) {
      throw new TrainingException('SPONSOR_REQUIRED', '先面试后培训定制班须指定用人企业', 'A custom class needs its sponsoring tenant', 'sponsorTenantId');
    }
    return this.dataSource.transaction(async (m) => {
      if (!(await m.exists(InstitutionEntity, { where: { id: input.institutionId } }))) {
        throw new TrainingException('NOT_FOUND', '培训机构不存在', 'Training institution not found', 'institutionId');
      }
      if (input.sponsorTenantId && !(await m.exists(TenantEntity, { where: { id: input.sponsorTenantId } }))) {
        throw new TrainingException('NOT_FOUND', '企业不存在', 'Tenant not found', 'sponsorTenantId');
      }
      const found = await m.count(CourseEntity, { where: { id: In(input.courseIds) } });
      if (found !== input.courseIds.length) {
        throw new TrainingException('NOT_FOUND', '部分课程不存在', 'Some courses do not exist', 'courseIds');
      }
      const now = this.clock.now();
      const row = await m.save(TrainingClassEntity, m.create(TrainingClassEntity, {
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
      }));
      await m.insert(ClassCourseEntity, input.courseIds.map((courseId, i) => ({ classId: row.id, courseId, position: i + 1 })));
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
        if (!cls) throw CLASS_NOT_FOUND();
        const courseIds = new Set((await m.find(ClassCourseEntity, { where: { classId: cls.id } })).map((c) => c.courseId));
        const from = shanghaiDayStart(cls.startsOn).getTime();
        const to = shanghaiDayStart(cls.endsOn).getTime() + DAY_MS;
        const now = this.clock.now();
        const rows = input.sessions.map((s, i) => {
          const field = `sessions.${i}`;
          if (s.endsAt.getTime() <= s.startsAt.getTime()) {
            throw new TrainingException('BAD_SESSION_TIME', '课次结束时间须晚于开始时间', 'A session must end after it starts', `${field}.endsAt`);
          }
          if (s.endsAt.getTime() - s.startsAt.getTime() > MAX_SESSION_MS) {
            throw new TrainingException('BAD_SESSION_TIME', '单个课次不能超过12小时', 'A session cannot last more than 12 hours', `${field}.endsAt`);
          }
          if (s.startsAt.getTime() < from || s.endsAt.getTime() > to) {
            throw new TrainingException('SESSION_OUTSIDE_CLASS', `课次须在开班日期 ${cls.startsOn} 至 ${cls.endsOn} 之间（北京时间）`, `Sessions must lie between ${cls.startsOn} and ${cls.endsOn} (Asia/Shanghai)`, `${field}.startsAt`);
          }
          if (s.courseId && !courseIds.has(s.courseId)) {
            throw new TrainingException('COURSE_NOT_IN_CLASS', '该课程不属于本培训班', 'The course is not part of this class', `${field}.courseId`);
          }
          return m.create(SessionEntity, {
            classId: cls.id, courseId: s.courseId ?? null, title: s.title ?? null, room: s.room ?? null,
            startsAt: s.startsAt, endsAt: s.endsAt, createdBy: actor.userId, createdAt: now,
          });
        });
        for (let i = 0; i < rows.length; i++) {
          const clashes = rows.some((o, j) => j !== i && o.startsAt < rows[i].endsAt && rows[i].startsAt < o.endsAt);
          const [existing] = clashes ? [true] : await m.query(
            `SELECT 1 FROM training_sessions WHERE class_id = $1 AND during && tstzrange($2, $3, '[)') LIMIT 1`,
            [cls.id, rows[i].startsAt, rows[i].endsAt],
          );
          if (existing) throw sessionsOverlap();
        }
        return (await m.save(SessionEntity, rows)).map(toSessionModel);
      });
    } catch (e) {
      const pg = pgError(e);
      if (pg?.code === EXCLUSION_VIOLATION && pg.constraint === 'training_sessions_no_overlap') throw sessionsOverlap();
      throw e;
    }
  }

  async setStatus(classId: string, status: TrainingClassStatus): Promise<TrainingClassModel> {
    assertId(classId, CLASS_NOT_FOUND);
    const res = await this.classes.update({ id: classId }, { status, updatedAt: this.clock.now() });
    if (!res.affected) throw CLASS_NOT_FOUND();
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
    assertId(classId, CLASS_NOT_FOUND);
    const cls = await m.findOne(TrainingClassEntity, { where: { id: classId } });
    if (!cls) throw CLASS_NOT_FOUND();
    if (actor.role === Role.OPERATOR || actor.role === Role.AUDITOR) return cls;
    if (actor.role === Role.HR && actor.tenantId && cls.sponsorTenantId === actor.tenantId) return cls;
    if (actor.role === Role.SEEKER) {
      if (cls.type !== TrainingClassType.CUSTOM_FOR_UNEMPLOYED) return cls;
      const [row] = await m.query(
        `SELECT 1 FROM training_enrolments e JOIN seekers s ON s.id = e.seeker_id WHERE e.class_id = $1 AND s.user_id = $2 LIMIT 1`,
        [cls.id, actor.userId],
      );
      if (row) return cls;
    }
    throw CLASS_NOT_FOUND();
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
    assertId(sessionId, SESSION_NOT_FOUND);
    const s = await m.findOne(SessionEntity, { where: { id: sessionId } });
    if (!s) throw SESSION_NOT_FOUND();
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

const sessionsOverlap = () => new TrainingException('SESSIONS_OVERLAP', '同一培训班的课次时间不能重叠', 'Sessions of one class cannot overlap', 'sessions');
