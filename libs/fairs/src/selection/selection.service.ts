import { Actor, Clock, Role } from '@app/core';
import { ApplicationService, HireCommand, HireUseCase, HiringReadModel, PostingService, Stage, TenantDirectory } from '@app/employers';
import { InterviewService } from '@app/interviews';
import { SeekerService } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import {
  FairBoothEntity,
  FairCheckinEntity,
  FairPostingEntity,
  FairPostingScanEntity,
  FairSelectionEntity,
  FairTicketEntity,
  SelectionKind,
} from '../fairs.entities';
import { assertFairId, fairsError, FairsExceptionCode } from '../fairs.exception';
import { FairService } from '../fairs/fair.service';
import { BoothSeekerInput, HireAtFairInput, ScheduleFairInterviewInput } from './dto/selection.input';
import { FairBoothVisitorModel, FairMatchModel, FairPostingScanModel, FairSelectionModel } from './models/selection.model';

/**
 * Two-way selection 双向选择 at a fair: HR at a booth scans a seeker's ticket to record a conversation, marks intent,
 * schedules a follow-up video interview (interviews' service) or hires on the spot (employers' hire use case); the
 * seeker marks postings of interest. HR intent + seeker interest on the same fair posting is a mutual selection, seen
 * by those two sides only: another company's HR gets NOT_FOUND.
 */
@Injectable()
export class SelectionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly fairs: FairService,
    private readonly seekers: SeekerService,
    private readonly hiring: HiringReadModel,
    private readonly applications: ApplicationService,
    private readonly hire: HireUseCase,
    private readonly interviews: InterviewService,
    private readonly postings: PostingService,
    private readonly tenants: TenantDirectory,
  ) {}

  /** A posting QR scanned (public): recorded, attributed to the seeker when signed in as one. */
  async scanned(code: string, actor?: Actor | null): Promise<FairPostingScanModel> {
    const fp = typeof code === 'string' && code.length <= 64 ? await this.dataSource.getRepository(FairPostingEntity).findOne({ where: { code } }) : null;
    if (!fp) throw fairsError(FairsExceptionCode.FAIR_POSTING_NOT_FOUND);
    const seeker = actor?.role === Role.SEEKER ? await this.seekers.findByUser(actor.userId) : null;
    await this.dataSource
      .getRepository(FairPostingScanEntity)
      .insert({ fairPostingId: fp.id, fairId: fp.fairId, seekerId: seeker?.id ?? null, scannedAt: this.clock.now() });
    const booth = fp.boothId ? await this.dataSource.getRepository(FairBoothEntity).findOne({ where: { id: fp.boothId } }) : null;
    return { postingId: fp.postingId, fairId: fp.fairId, fairPostingId: fp.id, boothNumber: booth?.number ?? null };
  }

  /** A fair posting of the caller's company; anything else is NOT_FOUND. */
  private async ownFairPosting(actor: Actor, fairPostingId: string): Promise<FairPostingEntity> {
    assertFairId(fairPostingId, FairsExceptionCode.FAIR_POSTING_NOT_FOUND);
    const fp = await this.dataSource.getRepository(FairPostingEntity).findOne({ where: { id: fairPostingId } });
    if (!fp || fp.tenantId !== actor.tenantId) throw fairsError(FairsExceptionCode.FAIR_POSTING_NOT_FOUND);
    return fp;
  }

  /** The seeker behind a ticket of this fair; a foreign or unknown token is refused. */
  private async seekerOfTicket(fairId: string, token: string): Promise<string> {
    const t = await this.dataSource.getRepository(FairTicketEntity).findOne({ where: { token } });
    if (!t || t.cancelledAt) throw fairsError(FairsExceptionCode.TICKET_INVALID);
    if (t.fairId !== fairId) throw fairsError(FairsExceptionCode.TICKET_OTHER_FAIR);
    return t.seekerId;
  }

  private async mark(
    fp: FairPostingEntity,
    seekerId: string,
    side: 'SEEKER' | 'HR',
    kind: SelectionKind,
    byUserId: string,
    note: string | null = null,
    refId: string | null = null,
  ): Promise<FairSelectionModel> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(FairSelectionEntity)
      .values({ fairId: fp.fairId, fairPostingId: fp.id, tenantId: fp.tenantId, seekerId, side, kind, note, refId, byUserId, createdAt: this.clock.now() })
      .orIgnore()
      .execute();
    const row = await this.dataSource.getRepository(FairSelectionEntity).findOneByOrFail({ fairPostingId: fp.id, seekerId, side, kind });
    return { ...toSelectionModel(row), mutual: await this.isMutual(fp.id, seekerId) };
  }

  private async isMutual(fairPostingId: string, seekerId: string): Promise<boolean> {
    const rows = await this.dataSource.getRepository(FairSelectionEntity).find({
      where: [
        { fairPostingId, seekerId, side: 'HR', kind: 'INTENT' },
        { fairPostingId, seekerId, side: 'SEEKER', kind: 'INTEREST' },
      ],
    });
    return rows.length === 2;
  }

  async recordConversation(actor: Actor, input: BoothSeekerInput): Promise<FairSelectionModel> {
    const fp = await this.ownFairPosting(actor, input.fairPostingId);
    const seekerId = await this.seekerOfTicket(fp.fairId, input.token);
    return this.mark(fp, seekerId, 'HR', 'CONVERSATION', actor.userId, input.note?.trim() || null);
  }

  async markIntent(actor: Actor, input: BoothSeekerInput): Promise<FairSelectionModel> {
    const fp = await this.ownFairPosting(actor, input.fairPostingId);
    const seekerId = await this.seekerOfTicket(fp.fairId, input.token);
    return this.mark(fp, seekerId, 'HR', 'INTENT', actor.userId, input.note?.trim() || null);
  }

  /** The seeker marks a posting at a fair as interesting. */
  async markInterest(actor: Actor, fairPostingId: string): Promise<FairSelectionModel> {
    assertFairId(fairPostingId, FairsExceptionCode.FAIR_POSTING_NOT_FOUND);
    const fp = await this.dataSource.getRepository(FairPostingEntity).findOne({ where: { id: fairPostingId } });
    if (!fp || fp.status === 'WITHDRAWN') throw fairsError(FairsExceptionCode.FAIR_POSTING_NOT_FOUND);
    const seeker = await this.seekers.findByUser(actor.userId);
    if (!seeker) throw fairsError(FairsExceptionCode.NO_PROFILE);
    return this.mark(fp, seeker.id, 'SEEKER', 'INTEREST', actor.userId);
  }

  /** The seeker's application to the fair posting (it must exist: the seeker applies by scanning the QR). */
  private async applicationOf(fp: FairPostingEntity, seekerId: string) {
    const [app] = await this.hiring.applicationsToPostings([fp.postingId], new Date(0), [seekerId]);
    if (!app) throw fairsError(FairsExceptionCode.NOT_CHECKED_IN, { field: 'token' });
    return app;
  }

  /** A follow-up video interview at a confirmed time, through the interviews context. */
  async scheduleInterview(actor: Actor, input: ScheduleFairInterviewInput): Promise<FairSelectionModel> {
    const fp = await this.ownFairPosting(actor, input.fairPostingId);
    const seekerId = await this.seekerOfTicket(fp.fairId, input.token);
    const app = await this.applicationOf(fp, seekerId);
    if (app.stage === 'APPLIED') await this.applications.move(actor, { applicationId: app.applicationId, to: stage('SCREENING') });
    const iv = await this.interviews.schedule(actor, {
      applicationId: app.applicationId,
      slots: [{ startsAt: input.startsAt, durationMinutes: input.durationMinutes }],
      confirmed: true,
    });
    return this.mark(fp, seekerId, 'HR', 'INTERVIEW', actor.userId, input.note?.trim() || null, iv.id);
  }

  /** Hire on the spot: the application is moved to OFFER and hired through employers' hire flow (its rules apply). */
  async hireAtFair(actor: Actor, input: HireAtFairInput): Promise<FairSelectionModel> {
    const fp = await this.ownFairPosting(actor, input.fairPostingId);
    const seekerId = await this.seekerOfTicket(fp.fairId, input.token);
    if (!(await this.dataSource.getRepository(FairCheckinEntity).findOne({ where: { fairId: fp.fairId, seekerId } }))) {
      throw fairsError(FairsExceptionCode.NOT_CHECKED_IN);
    }
    const app = await this.applicationOf(fp, seekerId);
    if (app.stage === 'APPLIED') await this.applications.move(actor, { applicationId: app.applicationId, to: stage('SCREENING') });
    if (app.stage === 'APPLIED' || app.stage === 'SCREENING' || app.stage === 'INTERVIEW') {
      await this.applications.move(actor, { applicationId: app.applicationId, to: stage('OFFER') });
    }
    const hire = await this.hire.execute(
      HireCommand.create({ actor, applicationId: app.applicationId, contractStart: input.contractStart, contractMonths: input.contractMonths }),
    );
    return this.mark(fp, seekerId, 'HR', 'HIRED', actor.userId, input.note?.trim() || null, hire.id);
  }

  /** Checked-in seekers who applied to this company's postings at the fair (profiles masked as for any applicant). */
  async boothVisitors(actor: Actor, fairId: string): Promise<FairBoothVisitorModel[]> {
    assertFairId(fairId);
    const fps = await this.dataSource.getRepository(FairPostingEntity).find({ where: { fairId, tenantId: actor.tenantId! } });
    if (!fps.length) throw fairsError(FairsExceptionCode.NOT_AT_FAIR);
    const checkins = await this.dataSource.getRepository(FairCheckinEntity).find({ where: { fairId }, order: { checkedInAt: 'DESC' } });
    if (!checkins.length) return [];
    const apps = await this.hiring.applicationsToPostings(
      fps.map((f) => f.postingId),
      new Date(0),
      checkins.map((c) => c.seekerId),
    );
    const seekers = await this.seekers.findByIds(apps.map((a) => a.seekerId));
    const marks = await this.dataSource
      .getRepository(FairSelectionEntity)
      .find({ where: { fairId, tenantId: actor.tenantId!, seekerId: In(apps.map((a) => a.seekerId).concat(['00000000-0000-0000-0000-000000000000'])) } });
    const postings = await this.postings.findByIds(fps.map((f) => f.postingId));
    const byPosting = new Map(fps.map((f) => [f.postingId, f]));
    const checkedAt = new Map(checkins.map((c) => [c.seekerId, c.checkedInAt]));
    return apps.flatMap((a) => {
      const s = seekers.get(a.seekerId);
      const fp = byPosting.get(a.postingId)!;
      if (!s) return [];
      const mine = marks.filter((mk) => mk.seekerId === a.seekerId && mk.fairPostingId === fp.id);
      return [
        {
          seeker: this.seekers.toModel(s, 'TENANT'),
          applicationId: a.applicationId,
          fairPostingId: fp.id,
          postingTitle: postings.get(a.postingId)?.title ?? '',
          stage: a.stage,
          checkedInAt: checkedAt.get(a.seekerId)!,
          hrMarks: mine.filter((mk) => mk.side === 'HR').map((mk) => mk.kind as FairBoothVisitorModel['hrMarks'][number]),
          seekerInterested: mine.some((mk) => mk.side === 'SEEKER' && mk.kind === 'INTEREST'),
        },
      ];
    });
  }

  /** Mutual selections at a fair: the seeker's own, or the caller company's. */
  async matches(actor: Actor, fairId: string): Promise<FairMatchModel[]> {
    assertFairId(fairId);
    let where: string;
    let param: string;
    if (actor.role === Role.SEEKER) {
      const seeker = await this.seekers.findByUser(actor.userId);
      if (!seeker) return [];
      where = 'hr.seeker_id = $2';
      param = seeker.id;
    } else {
      where = 'hr.tenant_id = $2';
      param = actor.tenantId!;
    }
    const rows: Array<{ fair_posting_id: string; seeker_id: string; at: Date }> = await this.dataSource.query(
      `SELECT hr.fair_posting_id, hr.seeker_id, greatest(hr.created_at, sk.created_at) AS at
         FROM fair_selections hr JOIN fair_selections sk
           ON sk.fair_posting_id = hr.fair_posting_id AND sk.seeker_id = hr.seeker_id AND sk.side = 'SEEKER' AND sk.kind = 'INTEREST'
        WHERE hr.fair_id = $1 AND hr.side = 'HR' AND hr.kind = 'INTENT' AND ${where}
        ORDER BY at DESC`,
      [fairId, param],
    );
    return this.matchModels(actor, rows);
  }

  /** One mutual selection by fair posting and seeker: only its two sides see it; everyone else gets NOT_FOUND. */
  async match(actor: Actor, fairPostingId: string, seekerId: string): Promise<FairMatchModel> {
    assertFairId(fairPostingId, FairsExceptionCode.FAIR_POSTING_NOT_FOUND);
    assertFairId(seekerId, FairsExceptionCode.FAIR_POSTING_NOT_FOUND);
    const fp = await this.dataSource.getRepository(FairPostingEntity).findOne({ where: { id: fairPostingId } });
    const own = actor.role === Role.SEEKER ? (await this.seekers.findByUser(actor.userId))?.id === seekerId : fp?.tenantId === actor.tenantId;
    if (!fp || !own || !(await this.isMutual(fairPostingId, seekerId))) throw fairsError(FairsExceptionCode.SELECTION_NOT_FOUND);
    const [row] = await this.dataSource.query(
      `SELECT fair_posting_id, seeker_id, max(created_at) AS at FROM fair_selections WHERE fair_posting_id = $1 AND seeker_id = $2 GROUP BY 1, 2`,
      [fairPostingId, seekerId],
    );
    return (await this.matchModels(actor, [row]))[0];
  }

  private async matchModels(actor: Actor, rows: Array<{ fair_posting_id: string; seeker_id: string; at: Date }>): Promise<FairMatchModel[]> {
    if (!rows.length) return [];
    const fps = await this.dataSource.getRepository(FairPostingEntity).find({ where: { id: In(rows.map((r) => r.fair_posting_id)) } });
    const fpById = new Map(fps.map((f) => [f.id, f]));
    const postings = await this.postings.findByIds(fps.map((f) => f.postingId));
    const names = await this.tenants.names(fps.map((f) => f.tenantId));
    const boothIds = fps.flatMap((f) => (f.boothId ? [f.boothId] : []));
    const booths = boothIds.length ? await this.dataSource.getRepository(FairBoothEntity).find({ where: { id: In(boothIds) } }) : [];
    const seekers = actor.role === Role.HR ? await this.seekers.findByIds(rows.map((r) => r.seeker_id)) : new Map();
    return rows.map((r) => {
      const fp = fpById.get(r.fair_posting_id)!;
      const s = seekers.get(r.seeker_id);
      return {
        fairId: fp.fairId,
        fairPostingId: fp.id,
        postingId: fp.postingId,
        companyName: names.get(fp.tenantId) ?? '',
        postingTitle: postings.get(fp.postingId)?.title ?? '',
        boothNumber: booths.find((b) => b.id === fp.boothId)?.number ?? null,
        seeker: s ? this.seekers.toModel(s, 'TENANT') : null,
        at: new Date(r.at),
      };
    });
  }
}

function toSelectionModel(r: FairSelectionEntity): Omit<FairSelectionModel, 'mutual'> {
  return { id: r.id, fairId: r.fairId, fairPostingId: r.fairPostingId, side: r.side, kind: r.kind as FairSelectionModel['kind'], createdAt: r.createdAt };
}

/** ApplicationService.move takes the GraphQL stage enum, whose values are the stage names. */
function stage(s: Stage): never {
  return s as never;
}
