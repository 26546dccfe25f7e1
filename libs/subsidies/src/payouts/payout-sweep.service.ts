import { Clock } from '@app/core';
import { HireFact, HiringReadModel } from '@app/employers';
import { SchoolMembershipRead } from '@app/schools';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SubsidyItem } from '../subsidies.enums';
import { PayoutAuditTrail } from './payout-audit';
import { addMonths, RETENTION_CHECK_MONTHS, RETENTION_DAYS, terminatedWithinRetention } from './payout-plan';
import { PaymentBatchService } from './payment-batch.service';

export interface SweepResult {
  stoppedHired: number;
  stoppedLeftSchool: number;
  notAwarded: number;
  recoveriesDue: number;
  released: number;
  retentionChecksCreated: number;
  retentionChecksDone: number;
  promoted: number;
  closed: number;
}

/** Reason codes written on instructions the sweep stops. */
export const STOP_REASON = {
  HIRED: 'STOP_HIRED',
  LEFT_SCHOOL: 'STOP_LEFT_SCHOOL',
  NOT_AWARDED: 'NOT_AWARDED_TERMINATED',
  TERMINATED: 'CANCELLED_TERMINATED',
} as const;

const CANCELLABLE = ['PLANNED', 'DUE', 'HELD'];
const PAID_OR_GOING = ['BATCHED', 'PAID', 'UNKNOWN'];

/**
 * The daily sweep of payouts (issue 10 §3), all from PostgreSQL — due dates live in the database, not in delayed
 * Redis jobs, so a lost job or a flushed Redis loses nothing; every step is idempotent:
 * - stop facts, read through other contexts' read interfaces: item 9's person hired (employers' HiringReadModel)
 *   cancels the not-yet-due instalments; a student no longer confirmed at a school (schools' SchoolMembershipRead)
 *   stops item 14;
 * - retention (items 11 and 16 need the contract to last a year): a termination within 365 days of the start cancels
 *   an item-11 award still held (不予奖励) and turns a paid item-16 reward into a recovery due, with the termination's
 *   reason; an item-11 award whose year is over is released;
 * - 3/6/12-month retention checks of every subsidised hire, created and then answered when their day comes;
 * - instalments whose day has come become DUE;
 * - a PAID claim is CLOSED (办结) once nothing can change it any more: no payment open, no recovery due, and every
 *   item-11/16 hire on it past its 12-month retention check.
 */
@Injectable()
export class PayoutSweepService {
  private readonly logger = new Logger(PayoutSweepService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly hiring: HiringReadModel,
    private readonly schools: SchoolMembershipRead,
    private readonly batches: PaymentBatchService,
    private readonly audit: PayoutAuditTrail,
  ) {}

  async sweep(today = this.batches.today()): Promise<SweepResult> {
    const r: SweepResult = {
      stoppedHired: await this.stopHired(today),
      stoppedLeftSchool: await this.stopLeftSchool(today),
      ...(await this.retention(today)),
      retentionChecksCreated: await this.createRetentionChecks(),
      retentionChecksDone: await this.answerRetentionChecks(today),
      promoted: await this.batches.promoteDue(this.dataSource.manager, today),
      closed: 0,
    };
    r.closed = await this.batches.closeFinishedClaims();
    this.logger.debug(`payout sweep ${today}: ${JSON.stringify(r)}`);
    return r;
  }

  /** After an approval (the planned event): the claim's hires get their retention checks, today's instalments become DUE. */
  async afterPlanned(claimId: string, today = this.batches.today()): Promise<void> {
    const hires: Array<{ hire_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT hire_id FROM subsidy_payout_instructions WHERE claim_id = $1 AND hire_id IS NOT NULL`,
      [claimId],
    );
    await this.createRetentionChecks(hires.map((h) => h.hire_id));
    await this.batches.promoteDue(this.dataSource.manager, today);
  }

  private async cancel(m: EntityManager, where: string, params: unknown[], reason: string, detail: Record<string, unknown>): Promise<number> {
    const [rows] = await m.query(
      `UPDATE subsidy_payout_instructions SET status = 'CANCELLED', status_reason = $${params.length + 1}, updated_at = $${params.length + 2}
        WHERE ${where} RETURNING id, idempotency_key`,
      [...params, reason, this.clock.now()],
    );
    for (const row of rows as Array<{ id: string; idempotency_key: string }>)
      await this.audit.append(m, 'payout.cancelled', { instructionId: row.id, key: row.idempotency_key, reason, ...detail }, null);
    return rows.length;
  }

  /** Item 9 stops when the person is hired: instalments not yet due after the contract start are cancelled. */
  private async stopHired(today: string): Promise<number> {
    const people: Array<{ seeker_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT seeker_id FROM subsidy_payout_instructions WHERE item = $1 AND status = 'PLANNED' AND seeker_id IS NOT NULL`,
      [SubsidyItem.ITEM_09],
    );
    if (!people.length) return 0;
    const first = new Map<string, HireFact>();
    for (const c of await this.hiring.hireFacts({ seekerIds: people.map((p) => p.seeker_id), contractStartTo: today }))
      if (!first.has(c.seekerId)) first.set(c.seekerId, c);
    let n = 0;
    for (const [seekerId, c] of first)
      n += await this.dataSource.transaction((m) =>
        this.cancel(
          m,
          `item = $1 AND seeker_id = $2 AND status = 'PLANNED' AND due_on > $3::date`,
          [SubsidyItem.ITEM_09, seekerId, c.contractStart],
          STOP_REASON.HIRED,
          {
            hireId: c.hireId,
            hiredOn: c.contractStart,
          },
        ),
      );
    return n;
  }

  /** Item 14 stops when the student is no longer a confirmed student (of the school on the line, or of any school). */
  private async stopLeftSchool(today: string): Promise<number> {
    const rows: Array<{ seeker_id: string; school_id: string | null }> = await this.dataSource.query(
      `SELECT DISTINCT seeker_id, school_id FROM subsidy_payout_instructions WHERE item = $1 AND status = 'PLANNED' AND seeker_id IS NOT NULL`,
      [SubsidyItem.ITEM_14],
    );
    if (!rows.length) return 0;
    const links = await this.schools.confirmedSchoolsOf(rows.map((r) => r.seeker_id));
    const studying = new Set(links.map((l) => `${l.seekerId}:${l.schoolId}`));
    const anySchool = new Set(links.map((l) => l.seekerId));
    let n = 0;
    for (const r of rows) {
      const still = r.school_id ? studying.has(`${r.seeker_id}:${r.school_id}`) : anySchool.has(r.seeker_id);
      if (still) continue;
      n += await this.dataSource.transaction((m) =>
        this.cancel(
          m,
          `item = $1 AND seeker_id = $2 AND status = 'PLANNED' AND due_on > $3::date AND school_id IS NOT DISTINCT FROM $4::uuid`,
          [SubsidyItem.ITEM_14, r.seeker_id, today, r.school_id],
          STOP_REASON.LEFT_SCHOOL,
          { schoolId: r.school_id },
        ),
      );
    }
    return n;
  }

  /** Items 11 and 16: terminations within the retention year; item 11 awards whose year is over are released. */
  private async retention(today: string): Promise<Pick<SweepResult, 'notAwarded' | 'recoveriesDue' | 'released'>> {
    const hires: Array<{ hire_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT hire_id FROM subsidy_payout_instructions
        WHERE item IN ($1, $2) AND hire_id IS NOT NULL AND status IN ('PLANNED','DUE','HELD','BATCHED','PAID','UNKNOWN')
          AND NOT EXISTS (SELECT 1 FROM subsidy_recoveries r WHERE r.instruction_id = subsidy_payout_instructions.id)`,
      [SubsidyItem.ITEM_11, SubsidyItem.ITEM_16],
    );
    const contracts = hires.length ? await this.hiring.hireFacts({ hireIds: hires.map((h) => h.hire_id) }) : [];
    let notAwarded = 0;
    let recoveriesDue = 0;
    for (const c of contracts) {
      if (!c.terminatedOn || c.terminatedOn > today || !terminatedWithinRetention(c.contractStart, c.terminatedOn)) continue;
      const detail = { hireId: c.hireId, contractStart: c.contractStart, terminatedOn: c.terminatedOn, retentionDays: RETENTION_DAYS };
      await this.dataSource.transaction(async (m) => {
        notAwarded += await this.cancel(
          m,
          `hire_id = $1 AND item = $2 AND status = ANY($3::text[])`,
          [c.hireId, SubsidyItem.ITEM_11, CANCELLABLE],
          STOP_REASON.NOT_AWARDED,
          detail,
        );
        await this.cancel(
          m,
          `hire_id = $1 AND item = $2 AND status = ANY($3::text[])`,
          [c.hireId, SubsidyItem.ITEM_16, CANCELLABLE],
          STOP_REASON.TERMINATED,
          detail,
        );
        // Money already paid (or on its way) for either item is clawed back.
        const created: Array<{ id: string; instruction_id: string; amount_fen: number }> = await m.query(
          `INSERT INTO subsidy_recoveries (instruction_id, claim_line_id, item, hire_id, payee_kind, payee_id, amount_fen, reason_code, reason, terminated_on, status, created_at)
           SELECT id, claim_line_id, item, hire_id, payee_kind, payee_id, amount_fen, 'CONTRACT_TERMINATED', $3, $4, 'DUE', $5
             FROM subsidy_payout_instructions
            WHERE hire_id = $1 AND item = ANY($2::text[]) AND status = ANY($6::text[]) AND amount_fen > 0
           ON CONFLICT (instruction_id) DO NOTHING
           RETURNING id, instruction_id, amount_fen`,
          [c.hireId, [SubsidyItem.ITEM_11, SubsidyItem.ITEM_16], c.terminationReason ?? '', c.terminatedOn, this.clock.now(), PAID_OR_GOING],
        );
        for (const r of created)
          await this.audit.append(m, 'recovery.due', { recoveryId: r.id, instructionId: r.instruction_id, amountFen: Number(r.amount_fen), ...detail }, null);
        recoveriesDue += created.length;
      });
    }
    // Item 11 awards held for the retention year: released once the year is over without a termination inside it.
    const released = await this.dataSource.transaction(async (m) => {
      const [rows] = await m.query(
        `UPDATE subsidy_payout_instructions SET status = 'DUE', status_reason = 'RETAINED_ONE_YEAR', updated_at = $3
          WHERE item = $1 AND status = 'HELD' AND due_on <= $2::date RETURNING id, hire_id`,
        [SubsidyItem.ITEM_11, today, this.clock.now()],
      );
      for (const r of rows as Array<{ id: string; hire_id: string }>)
        await this.audit.append(m, 'payout.released', { instructionId: r.id, hireId: r.hire_id }, null);
      return (rows as unknown[]).length;
    });
    return { notAwarded, recoveriesDue, released };
  }

  /** 3/6/12-month retention checks of every subsidised hire (of these hires, or of all). Idempotent. */
  async createRetentionChecks(hireIds?: string[]): Promise<number> {
    const ids =
      hireIds ??
      (
        await this.dataSource.query(
          `SELECT DISTINCT i.hire_id FROM subsidy_payout_instructions i WHERE i.hire_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM subsidy_retention_checks c WHERE c.hire_id = i.hire_id AND c.months = 12)`,
        )
      ).map((r: { hire_id: string }) => r.hire_id);
    if (!ids.length) return 0;
    const contracts = await this.hiring.hireFacts({ hireIds: ids });
    const rows = contracts.flatMap((c) => RETENTION_CHECK_MONTHS.map((months) => ({ c, months, dueOn: addMonths(c.contractStart, months) })));
    if (!rows.length) return 0;
    const inserted = await this.dataSource.query(
      `INSERT INTO subsidy_retention_checks (hire_id, tenant_id, months, due_on, created_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::date[], $5::timestamptz[])
       ON CONFLICT (hire_id, months) DO NOTHING RETURNING id`,
      [rows.map((r) => r.c.hireId), rows.map((r) => r.c.tenantId), rows.map((r) => r.months), rows.map((r) => r.dueOn), rows.map(() => this.clock.now())],
    );
    return inserted.length;
  }

  /** Checks whose day has come: RETAINED, or LEFT with the termination date. */
  private async answerRetentionChecks(today: string): Promise<number> {
    const open: Array<{ id: string; hire_id: string; due_on: string }> = await this.dataSource.query(
      `SELECT id, hire_id, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM subsidy_retention_checks WHERE result IS NULL AND due_on <= $1::date`,
      [today],
    );
    if (!open.length) return 0;
    const contracts = new Map((await this.hiring.hireFacts({ hireIds: open.map((o) => o.hire_id) })).map((c) => [c.hireId, c]));
    const now = this.clock.now();
    let n = 0;
    for (const o of open) {
      const c = contracts.get(o.hire_id);
      if (!c) continue;
      const left = !!c.terminatedOn && c.terminatedOn <= o.due_on;
      const [rows] = await this.dataSource.query(
        `UPDATE subsidy_retention_checks SET result = $2, terminated_on = $3, checked_at = $4 WHERE id = $1 AND result IS NULL RETURNING id`,
        [o.id, left ? 'LEFT' : 'RETAINED', left ? c.terminatedOn : null, now],
      );
      n += rows.length;
    }
    return n;
  }
}
