import { Actor, Clock, shanghaiDateTime } from '@app/core';
import { maskName, SeekerService } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OPEN_FOR_CHECKIN } from '../fair.enums';
import { CheckinMethod, FairCheckinEntity, FairTicketEntity } from '../fairs.entities';
import { assertFairId, fairsError, FairsExceptionCode } from '../fairs.exception';
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

  /**
   * Staff scan a ticket's QR. The entrance's hot path (a big fair's opening half hour): the fair and the ticket in one
   * look-up, the check-in in one statement, the name in one — each a single round trip.
   */
  async checkIn(actor: Actor, input: CheckInTicketInput): Promise<FairCheckinModel> {
    assertFairId(input.fairId);
    const [found] = await this.dataSource.query(
      `SELECT f.status, t.id AS ticket_id, t.fair_id AS ticket_fair_id, t.seeker_id, t.cancelled_at
         FROM fairs f LEFT JOIN fair_tickets t ON t.token = $2
        WHERE f.id = $1`,
      [input.fairId, input.token],
    );
    if (!found) throw fairsError(FairsExceptionCode.NOT_FOUND);
    if (!found.ticket_id || found.cancelled_at) throw fairsError(FairsExceptionCode.TICKET_INVALID);
    if (found.ticket_fair_id !== input.fairId) throw fairsError(FairsExceptionCode.TICKET_OTHER_FAIR);
    if (!OPEN_FOR_CHECKIN.includes(found.status)) throw fairsError(FairsExceptionCode.CHECKIN_CLOSED);
    const out = await this.insertCheckin(
      this.dataSource.manager,
      input.fairId,
      found.seeker_id,
      found.ticket_id,
      'SCAN',
      actor.userId,
      input.idempotencyKey ?? null,
    );
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
    // The insert and, when the person was already checked in, the existing row — in one statement. A row committed by a
    // racing scan after this statement's snapshot is not visible to its SELECT: then it is read again.
    const rows: Array<Record<string, unknown>> = await m.query(
      `WITH ins AS (
         INSERT INTO fair_checkins (fair_id, seeker_id, ticket_id, method, checked_in_by, idempotency_key, checked_in_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING *)
       SELECT *, true AS inserted FROM ins
       UNION ALL
       SELECT *, false AS inserted FROM fair_checkins WHERE fair_id = $1 AND seeker_id = $2 AND NOT EXISTS (SELECT 1 FROM ins)`,
      [fairId, seekerId, ticketId, method, by, idempotencyKey, this.clock.now()],
    );
    if (rows[0]) return { row: toCheckinEntity(rows[0]), repeated: !rows[0].inserted };
    const row = await m.findOneByOrFail(FairCheckinEntity, { fairId, seekerId });
    return { row, repeated: true };
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

function toCheckinEntity(r: Record<string, unknown>): FairCheckinEntity {
  return {
    id: r.id as string,
    fairId: r.fair_id as string,
    seekerId: r.seeker_id as string,
    ticketId: (r.ticket_id as string | null) ?? null,
    method: r.method as CheckinMethod,
    checkedInBy: (r.checked_in_by as string | null) ?? null,
    idempotencyKey: (r.idempotency_key as string | null) ?? null,
    checkedInAt: r.checked_in_at as Date,
  };
}
