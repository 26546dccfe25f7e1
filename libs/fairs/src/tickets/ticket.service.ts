import { Actor, AppConfig, Clock, CryptoService, shanghaiDateTime, SmsSender } from '@app/core';
import { SeekerService } from '@app/talent';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OPEN_FOR_SEEKERS } from '../fair.enums';
import { FairCheckinEntity, FairEntity, FairTicketEntity } from '../fairs.entities';
import { assertFairId, fairsError, FairsExceptionCode } from '../fairs.exception';
import { FairService } from '../fairs/fair.service';
import { CheckinService } from './checkin.service';
import { RegisterWalkInInput } from './dto/ticket.input';
import { FairCheckinModel, FairTicketModel, FairVisitModel } from './models/ticket.model';

/**
 * Seekers' registration for a fair: a ticket whose QR holds only a random token. Pre-registration on the phone (one
 * ticket per person per fair, within the admission cap) and walk-ins at the desk, where staff type the ID number: the
 * profile is matched or created through talent's interface by the ID hash, the person's phone receives a sign-in link,
 * and the desk sees nothing but the check-in.
 */
@Injectable()
export class TicketService {
  private readonly logger = new Logger('FairTickets');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly crypto: CryptoService,
    private readonly fairs: FairService,
    private readonly seekers: SeekerService,
    private readonly checkins: CheckinService,
    private readonly sms: SmsSender,
    private readonly config: AppConfig,
  ) {}

  /** The seeker registers; a second call returns the same ticket. */
  async register(actor: Actor, fairId: string): Promise<FairTicketModel> {
    const ticket = await this.dataSource.transaction(async (m) => {
      const fair = await this.fairs.lock(m, fairId);
      if (fair.status === 'DRAFT') throw fairsError(FairsExceptionCode.NOT_FOUND);
      const seeker = await this.seekers.findByUser(actor.userId);
      if (!seeker) throw fairsError(FairsExceptionCode.NO_PROFILE);
      const existing = await m.findOne(FairTicketEntity, { where: { fairId, seekerId: seeker.id } });
      if (existing && !existing.cancelledAt) return existing;
      if (!OPEN_FOR_SEEKERS.includes(fair.status) || fair.endsAt.getTime() <= this.clock.now().getTime()) {
        throw fairsError(FairsExceptionCode.NOT_OPEN_FOR_SEEKERS);
      }
      return this.issue(m, fair, seeker.id, false, actor.userId, existing);
    });
    return this.toModel(ticket);
  }

  /** Issues a ticket inside the caller's transaction, which holds the fair row locked (the admission cap is counted under it). */
  private async issue(
    m: EntityManager,
    fair: FairEntity,
    seekerId: string,
    walkIn: boolean,
    by: string,
    existing?: FairTicketEntity | null,
  ): Promise<FairTicketEntity> {
    if (fair.admissionCap) {
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM fair_tickets WHERE fair_id = $1 AND cancelled_at IS NULL`, [fair.id]);
      if (n >= fair.admissionCap) throw fairsError(FairsExceptionCode.FAIR_FULL);
    }
    if (existing) {
      await m.update(FairTicketEntity, { id: existing.id }, { cancelledAt: null });
      return m.findOneByOrFail(FairTicketEntity, { id: existing.id });
    }
    return m.save(
      FairTicketEntity,
      m.create(FairTicketEntity, { fairId: fair.id, seekerId, token: this.crypto.randomToken(18), walkIn, registeredBy: by, createdAt: this.clock.now() }),
    );
  }

  async mine(actor: Actor, fairId: string): Promise<FairTicketModel | null> {
    assertFairId(fairId);
    const seeker = await this.seekers.findByUser(actor.userId);
    if (!seeker) return null;
    const t = await this.dataSource.getRepository(FairTicketEntity).findOne({ where: { fairId, seekerId: seeker.id } });
    return t && !t.cancelledAt ? this.toModel(t) : null;
  }

  /**
   * A walk-in registered by staff: profile matched or created by the ID hash (talent), a ticket (walk-in), the check-in,
   * and a sign-in link by SMS to the phone typed. Any failure (malformed ID, full fair) gives the desk one vague error.
   */
  async registerWalkIn(actor: Actor, input: RegisterWalkInInput): Promise<FairCheckinModel> {
    const checkin = await this.dataSource.transaction(async (m) => {
      const fair = await this.fairs.lock(m, input.fairId);
      if (!OPEN_FOR_SEEKERS.includes(fair.status)) throw fairsError(FairsExceptionCode.CHECKIN_CLOSED);
      const match = await this.seekers.matchOrCreateWalkIn({ idNumber: input.idNumber, name: input.name, phone: input.phone }, m);
      if (!match) throw fairsError(FairsExceptionCode.WALK_IN_FAILED);
      const existing = await m.findOne(FairTicketEntity, { where: { fairId: fair.id, seekerId: match.seekerId } });
      const ticket = existing && !existing.cancelledAt ? existing : await this.issue(m, fair, match.seekerId, true, actor.userId, existing);
      const c = await this.checkins.insertCheckin(m, fair.id, match.seekerId, ticket.id, 'ID_NUMBER', actor.userId, null);
      return { ...c, ticketToken: ticket.token };
    });
    const link = `${this.config.app.publicUrl.replace(/\/$/, '')}/#/login`;
    try {
      await this.sms.send(input.phone.replace(/^\+?86/, ''), `【乌兰察布云人才】您已在招聘会现场登记。用本手机号登录即可查看岗位、投递和完善档案：${link}`);
    } catch (e) {
      this.logger.warn(`walk-in sign-in SMS failed: ${(e as Error).message}`);
    }
    return this.checkins.toModel(checkin.row, checkin.repeated, checkin.ticketToken);
  }

  async myVisits(actor: Actor): Promise<FairVisitModel[]> {
    const seeker = await this.seekers.findByUser(actor.userId);
    if (!seeker) return [];
    const rows = await this.dataSource.getRepository(FairCheckinEntity).find({ where: { seekerId: seeker.id }, order: { checkedInAt: 'DESC' }, take: 100 });
    const out: FairVisitModel[] = [];
    for (const r of rows) {
      const f = await this.fairs.entity(r.fairId);
      out.push({
        fairId: f.id,
        fairTitle: f.title,
        whenLocal: shanghaiDateTime(f.startsAt),
        venue: f.venue,
        checkedInAt: r.checkedInAt,
        method: r.method as FairVisitModel['method'],
      });
    }
    return out;
  }

  async toModel(t: FairTicketEntity): Promise<FairTicketModel> {
    const f = await this.fairs.entity(t.fairId);
    const c = await this.dataSource.getRepository(FairCheckinEntity).findOne({ where: { fairId: t.fairId, seekerId: t.seekerId } });
    return {
      id: t.id,
      fairId: t.fairId,
      fairTitle: f.title,
      whenLocal: `${shanghaiDateTime(f.startsAt)}–${shanghaiDateTime(f.endsAt).slice(11)}`,
      venue: f.venue,
      token: t.token,
      qrUrl: `${this.config.app.publicUrl.replace(/\/$/, '')}/fairs/tickets/${encodeURIComponent(t.token)}.png`,
      walkIn: t.walkIn,
      checkedInAt: c?.checkedInAt ?? null,
      createdAt: t.createdAt,
    };
  }
}
