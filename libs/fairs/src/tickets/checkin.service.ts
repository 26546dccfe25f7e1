import { Actor, Clock, shanghaiDateTime } from '@app/core';
import { maskName, SeekerService } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OPEN_FOR_CHECKIN } from '../fair.enums';
import { CheckinMethod, FairCheckinEntity, FairTicketEntity } from '../fairs.entities';
import { fairsError, FairsExceptionCode } from '../fairs.exception';
import { FairService } from '../fairs/fair.service';
import { CheckInByIdNumberInput, CheckInTicketInput } from './dto/ticket.input';
import { FairCheckinModel } from './models/ticket.model';

export interface CheckinOutcome {
  row: FairCheckinEntity;
  /** The person was checked in before this request (a retried or repeated scan). */
  repeated: boolean;
}

/**
 * Check-in at the entrance: exactly one per person per fair (UNIQUE (fair_id, seeker_id) in the database). The insert
 * is ON CONFLICT DO NOTHING and the existing row is read back, so a scanner that retries, or twenty scans of the same
 * ticket at once, all get the same check-in. A token that is no ticket is TICKET_INVALID; a ticket of another fair is
 * TICKET_OTHER_FAIR.
 */
@Injectable()
export class CheckinService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly fairs: FairService,
    private readonly seekers: SeekerService,
  ) {}

  /** Staff scan a ticket's QR. */
  async checkIn(actor: Actor, input: CheckInTicketInput): Promise<FairCheckinModel> {
    const fair = await this.fairs.entity(input.fairId);
    const ticket = await this.dataSource.getRepository(FairTicketEntity).findOne({ where: { token: input.token } });
    if (!ticket || ticket.cancelledAt) throw fairsError(FairsExceptionCode.TICKET_INVALID);
    if (ticket.fairId !== fair.id) throw fairsError(FairsExceptionCode.TICKET_OTHER_FAIR);
    if (!OPEN_FOR_CHECKIN.includes(fair.status)) throw fairsError(FairsExceptionCode.CHECKIN_CLOSED);
    const out = await this.insertCheckin(this.dataSource.manager, fair.id, ticket.seekerId, ticket.id, 'SCAN', actor.userId, input.idempotencyKey ?? null);
    return this.toModel(out.row, out.repeated, null);
  }

  /** Staff type the ID number of a registered person (no phone, no QR). Not registered (or no profile): NOT_REGISTERED. */
  async checkInByIdNumber(actor: Actor, input: CheckInByIdNumberInput): Promise<FairCheckinModel> {
    const fair = await this.fairs.entity(input.fairId);
    if (!OPEN_FOR_CHECKIN.includes(fair.status)) throw fairsError(FairsExceptionCode.CHECKIN_CLOSED);
    const seekerId = await this.seekers.idByIdNumber(input.idNumber);
    const ticket = seekerId ? await this.dataSource.getRepository(FairTicketEntity).findOne({ where: { fairId: fair.id, seekerId } }) : null;
    if (!ticket || ticket.cancelledAt) throw fairsError(FairsExceptionCode.NOT_REGISTERED);
    const out = await this.insertCheckin(this.dataSource.manager, fair.id, ticket.seekerId, ticket.id, 'ID_NUMBER', actor.userId, null);
    return this.toModel(out.row, out.repeated, null);
  }

  /** The one insert: idempotent per (fair, person). */
  async insertCheckin(
    m: EntityManager,
    fairId: string,
    seekerId: string,
    ticketId: string | null,
    method: CheckinMethod,
    by: string | null,
    idempotencyKey: string | null,
  ): Promise<CheckinOutcome> {
    const inserted = await m
      .createQueryBuilder()
      .insert()
      .into(FairCheckinEntity)
      .values({ fairId, seekerId, ticketId, method, checkedInBy: by, idempotencyKey, checkedInAt: this.clock.now() })
      .orIgnore()
      .returning(['id'])
      .execute();
    const row = await m.findOneByOrFail(FairCheckinEntity, { fairId, seekerId });
    return { row, repeated: !inserted.raw.length };
  }

  /** Whether a person checked in at a fair (FAIR-B's booth queues and the selection rules). */
  async isCheckedIn(fairId: string, seekerId: string): Promise<boolean> {
    return !!(await this.dataSource.getRepository(FairCheckinEntity).findOne({ where: { fairId, seekerId }, select: { id: true } }));
  }

  async toModel(row: FairCheckinEntity, repeated: boolean, ticketToken: string | null): Promise<FairCheckinModel> {
    const seeker = (await this.seekers.findByIds([row.seekerId])).get(row.seekerId);
    return {
      id: row.id,
      fairId: row.fairId,
      method: row.method as FairCheckinModel['method'],
      checkedInAt: row.checkedInAt,
      checkedInAtLocal: shanghaiDateTime(row.checkedInAt),
      repeated,
      nameMasked: maskName(seeker?.name ?? ''),
      ticketToken,
    };
  }
}
