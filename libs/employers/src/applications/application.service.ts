import { Actor, Clock, NotifyPayload, OutboxService, PageArgs, Role, toPage } from '@app/core';
import { SeekerService } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { ApplicationEntity, ApplicationEventEntity, ApplicationNoteEntity, PostingEntity, Stage } from '../employers.entities';
import { employersError, EmployersExceptionCode } from '../employers.exception';
import { AddNoteInput, ApplicationFilterInput, MoveApplicationInput } from './dto/application.input';
import { HR_MOVES, SEEKER_CAN_WITHDRAW, STAGE_ZH } from './stage-machine';

@Injectable()
export class ApplicationService {
  constructor(
    @InjectRepository(ApplicationEntity) private readonly applications: Repository<ApplicationEntity>,
    @InjectRepository(ApplicationEventEntity) private readonly events: Repository<ApplicationEventEntity>,
    @InjectRepository(ApplicationNoteEntity) private readonly notes: Repository<ApplicationNoteEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly seekers: SeekerService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** A seeker applies to an open posting; one application per posting. */
  async apply(actor: Actor, postingId: string): Promise<ApplicationEntity> {
    const seeker = await this.seekers.findByUser(actor.userId);
    if (!seeker) throw employersError(EmployersExceptionCode.NO_PROFILE);
    const app = await this.dataSource.transaction(async (m) => {
      const posting = await m.findOne(PostingEntity, { where: { id: postingId } });
      if (!posting || posting.status !== 'OPEN') throw employersError(EmployersExceptionCode.POSTING_NOT_OPEN);
      const now = this.clock.now();
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(ApplicationEntity)
        .values({ postingId, tenantId: posting.tenantId, seekerId: seeker.id, stage: 'APPLIED', createdAt: now, updatedAt: now })
        .orIgnore()
        .returning('*')
        .execute();
      if (!inserted.raw.length) throw employersError(EmployersExceptionCode.ALREADY_APPLIED);
      const id = inserted.raw[0].id as string;
      await this.recordEvent(m, id, null, 'APPLIED', actor, null);
      return m.findOneOrFail(ApplicationEntity, { where: { id } });
    });
    return app;
  }

  /** Loads an application the caller may act on: HR of its tenant, or the seeker who made it. */
  async accessibleOrThrow(actor: Actor, id: string, manager?: EntityManager, lock = false): Promise<ApplicationEntity> {
    const m = manager ?? this.dataSource.manager;
    const app = await m.findOne(ApplicationEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!app) throw employersError(EmployersExceptionCode.APPLICATION_NOT_FOUND);
    if (actor.role === Role.HR && app.tenantId === actor.tenantId) return app;
    if (actor.role === Role.SEEKER) {
      const seeker = await this.seekers.findByUser(actor.userId);
      if (seeker && seeker.id === app.seekerId) return app;
    }
    throw employersError(EmployersExceptionCode.APPLICATION_NOT_FOUND);
  }

  async move(actor: Actor, input: MoveApplicationInput): Promise<ApplicationEntity> {
    const app = await this.dataSource.transaction(async (m) => {
      const app = await this.accessibleOrThrow(actor, input.applicationId, m, true);
      const to = input.to as Stage;
      if (!HR_MOVES[app.stage].includes(to)) {
        throw employersError(EmployersExceptionCode.INVALID_TRANSITION, { fromZh: STAGE_ZH[app.stage], toZh: STAGE_ZH[to], from: app.stage, to });
      }
      await this.changeStage(m, app, to, actor, input.reason ?? null);
      return app;
    });
    await this.outbox.kick();
    return app;
  }

  async withdraw(actor: Actor, id: string): Promise<ApplicationEntity> {
    return this.dataSource.transaction(async (m) => {
      const app = await this.accessibleOrThrow(actor, id, m, true);
      if (actor.role !== Role.SEEKER) throw employersError(EmployersExceptionCode.APPLICATION_NOT_FOUND);
      if (!SEEKER_CAN_WITHDRAW.includes(app.stage)) {
        throw employersError(EmployersExceptionCode.CANNOT_WITHDRAW, { stageZh: STAGE_ZH[app.stage], stage: app.stage });
      }
      await this.changeStage(m, app, 'WITHDRAWN', actor, null, false);
      return app;
    });
  }

  /** Stage change with its event row and, for the seeker, a notification through the outbox. */
  async changeStage(m: EntityManager, app: ApplicationEntity, to: Stage, actor: Actor, reason: string | null, notify = true): Promise<void> {
    const from = app.stage;
    app.stage = to;
    app.updatedAt = this.clock.now();
    await m.update(ApplicationEntity, { id: app.id }, { stage: to, updatedAt: app.updatedAt });
    await this.recordEvent(m, app.id, from, to, actor, reason);
    if (!notify) return;
    const userId = (await this.seekers.findByIds([app.seekerId], m)).get(app.seekerId)?.userId;
    const [row] = userId
      ? await m.query(
          `SELECT p.title, t.name AS company FROM applications a JOIN job_postings p ON p.id = a.posting_id JOIN tenants t ON t.id = a.tenant_id WHERE a.id = $1`,
          [app.id],
        )
      : [];
    if (userId && row) {
      const payload: NotifyPayload = {
        userId,
        kind: 'APPLICATION_STAGE',
        title: `投递进度：${STAGE_ZH[to]}`,
        body: `${row.company}「${row.title}」：${STAGE_ZH[to]}`,
        sms: to === 'OFFER' || to === 'HIRED' || to === 'INTERVIEW',
      };
      await this.outbox.record(m, 'notify.application_stage', app.id, payload as unknown as Record<string, unknown>);
    }
  }

  private async recordEvent(m: EntityManager, applicationId: string, from: Stage | null, to: Stage, actor: Actor, reason: string | null) {
    await m.insert(ApplicationEventEntity, {
      applicationId,
      fromStage: from,
      toStage: to,
      actorUserId: actor.userId,
      actorRole: actor.role,
      reason,
      createdAt: this.clock.now(),
    });
  }

  async listForTenant(actor: Actor, filter: ApplicationFilterInput, page: PageArgs) {
    const where: Record<string, unknown> = { tenantId: actor.tenantId };
    if (filter.postingId) where.postingId = filter.postingId;
    if (filter.stage) where.stage = filter.stage;
    const [rows, total] = await this.applications.findAndCount({ where, order: { updatedAt: 'DESC', id: 'ASC' }, skip: page.offset, take: page.first });
    return toPage(rows, total, page);
  }

  async listMine(actor: Actor): Promise<ApplicationEntity[]> {
    const seeker = await this.seekers.findByUser(actor.userId);
    if (!seeker) return [];
    return this.applications.find({ where: { seekerId: seeker.id }, order: { createdAt: 'DESC' }, take: 200 });
  }

  async addNote(actor: Actor, input: AddNoteInput): Promise<ApplicationNoteEntity> {
    const app = await this.accessibleOrThrow(actor, input.applicationId);
    if (actor.role !== Role.HR) throw employersError(EmployersExceptionCode.APPLICATION_NOT_FOUND);
    return this.notes.save(
      this.notes.create({ applicationId: app.id, tenantId: app.tenantId, authorUserId: actor.userId, body: input.body, createdAt: this.clock.now() }),
    );
  }

  /** Batch loaders for resolvers. Notes are filtered by tenant again, as a second lock. */
  async eventsFor(ids: readonly string[]): Promise<Map<string, ApplicationEventEntity[]>> {
    const rows = ids.length ? await this.events.find({ where: { applicationId: In([...ids]) }, order: { id: 'ASC' } }) : [];
    return groupBy(rows, (r) => r.applicationId);
  }

  async notesFor(tenantId: string, ids: readonly string[]): Promise<Map<string, ApplicationNoteEntity[]>> {
    const rows = ids.length ? await this.notes.find({ where: { applicationId: In([...ids]), tenantId }, order: { createdAt: 'ASC' } }) : [];
    return groupBy(rows, (r) => r.applicationId);
  }
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
  return map;
}
