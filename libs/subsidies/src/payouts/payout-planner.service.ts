import { Clock, OutboxService, shanghaiDate } from '@app/core';
import { HiringReadModel } from '@app/employers';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ParameterService } from '../parameters/parameter.service';
import { SubsidyItem, SubsidyPartyKind } from '../subsidies.enums';
import { PayoutAuditTrail } from './payout-audit';
import { PAYOUT_PLANNED_TOPIC, PayoutPlannedEvent } from './payout-jobs';
import { LineToPlan, MONTHLY_ITEMS, planLine, PlannedInstruction } from './payout-plan';
import { payoutsError, PayoutsExceptionCode } from './payouts.exception';

interface ClaimRow {
  id: string;
  item: SubsidyItem;
  party_kind: SubsidyPartyKind;
  party_id: string;
  party_name: string;
  tenant_id: string | null;
  status: string;
}

interface LineRow {
  id: string;
  item: SubsidyItem;
  seeker_id: string | null;
  hire_id: string | null;
  fact_date: string;
  amount_fen: number;
  facts: Record<string, unknown>;
}

/** Claim statuses at or after approval: a claim in one of these may have its payouts planned. */
const PLANNABLE = ['APPROVED', 'PARTIALLY_APPROVED', 'PUBLICITY', 'SCHEDULED'];

/** What a planning call wrote. */
export interface PlanResult {
  created: number;
  totalFen: number;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/**
 * Turns an approved claim into payout instructions (issue 10 §3), inside the approval's own transaction: one row per
 * item, claim line and instalment (`idempotency_key` UNIQUE, so planning twice writes nothing the second time), an
 * outbox event `subsidy.payout.planned` for the worker (retention checks, instalments due today) and an audit entry.
 * Amounts are the approved line amounts; monthly items are split into instalments that add up to the fen.
 */
@Injectable()
export class PayoutPlanner {
  constructor(
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly hiring: HiringReadModel,
    private readonly audit: PayoutAuditTrail,
    private readonly parameters: ParameterService,
  ) {}

  async planApproved(manager: EntityManager, claimId: string): Promise<PlanResult> {
    const [claim]: ClaimRow[] = await manager.query(
      `SELECT id, item, party_kind, party_id, party_name, tenant_id, status FROM subsidy_claims WHERE id = $1 FOR SHARE`,
      [claimId],
    );
    if (!claim || !PLANNABLE.includes(claim.status)) throw payoutsError(PayoutsExceptionCode.CLAIM_NOT_APPROVED);
    const lines: LineRow[] = await manager.query(
      `SELECT id, item, seeker_id, hire_id, to_char(fact_date, 'YYYY-MM-DD') AS fact_date,
              COALESCE(approved_amount_fen, amount_fen) AS amount_fen, facts
         FROM subsidy_claim_lines WHERE claim_id = $1 AND status IN ('APPROVED','REDUCED') ORDER BY created_at, id`,
      [claimId],
    );
    const today = shanghaiDate(this.clock.now());
    const hireIds = lines.filter((l) => l.hire_id).map((l) => l.hire_id!);
    const contracts = new Map((hireIds.length ? await this.hiring.hireFacts({ hireIds }, manager) : []).map((c) => [c.hireId, c]));
    const monthly = await this.monthlyAmounts(manager, lines);

    const rows: Array<PlannedInstruction & { line: LineRow }> = [];
    for (const line of lines) {
      const facts = line.facts ?? {};
      const toPlan: LineToPlan = {
        lineId: line.id,
        item: line.item,
        amountFen: Number(line.amount_fen),
        months: num(facts.months),
        monthlyFen: num(facts.monthlyFen) ?? monthly.get(line.id) ?? null,
        hireId: line.hire_id,
        contractStart: (line.hire_id && contracts.get(line.hire_id)?.contractStart) || str(facts.contractStart),
        month: str(facts.month),
      };
      for (const p of planLine(toPlan, today)) rows.push({ ...p, line });
    }
    if (!rows.length) return { created: 0, totalFen: 0 };

    const now = this.clock.now();
    const inserted: Array<{ id: string; amount_fen: number }> = await manager.query(
      `INSERT INTO subsidy_payout_instructions
         (claim_id, claim_line_id, item, instalment_no, instalments, due_on, payee_kind, payee_id, payee_name, tenant_id, seeker_id, hire_id,
          school_id, amount_fen, idempotency_key, status, status_reason, created_at, updated_at)
       SELECT $1, x.line_id, x.item, x.instalment_no, x.instalments, x.due_on, $2, $3, $4, $5, x.seeker_id, x.hire_id, x.school_id,
              x.amount_fen, x.key, x.status, x.reason, $6, $6
         FROM unnest($7::uuid[], $8::text[], $9::int[], $10::int[], $11::date[], $12::uuid[], $13::uuid[], $14::uuid[], $15::int[], $16::text[],
                     $17::text[], $18::text[])
           AS x(line_id, item, instalment_no, instalments, due_on, seeker_id, hire_id, school_id, amount_fen, key, status, reason)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id, amount_fen`,
      [
        claim.id,
        claim.party_kind,
        claim.party_id,
        claim.party_name,
        claim.tenant_id,
        now,
        rows.map((r) => r.line.id),
        rows.map((r) => r.line.item),
        rows.map((r) => r.instalmentNo),
        rows.map((r) => r.instalments),
        rows.map((r) => r.dueOn),
        rows.map((r) => r.line.seeker_id),
        rows.map((r) => r.line.hire_id),
        rows.map((r) => str(r.line.facts?.schoolId)),
        rows.map((r) => r.amountFen),
        rows.map((r) => r.idempotencyKey),
        rows.map((r) => r.status),
        rows.map((r) => r.statusReason),
      ],
    );
    const totalFen = inserted.reduce((s, r) => s + Number(r.amount_fen), 0);
    if (inserted.length) {
      const event: PayoutPlannedEvent = { claimId: claim.id, instructions: inserted.length, totalFen };
      await this.outbox.record(manager, PAYOUT_PLANNED_TOPIC, claim.id, { ...event });
      await this.audit.append(manager, 'payout.planned', { claimId: claim.id, instructions: inserted.length, totalFen, on: today }, null);
    }
    return { created: inserted.length, totalFen };
  }

  /** The monthly amount of items 9 and 14 at each line's fact date (the dated parameter), to derive the months of a line that has none. */
  private async monthlyAmounts(manager: EntityManager, lines: LineRow[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const paramsOn = this.parameters.cache(manager);
    for (const l of lines) {
      if (!MONTHLY_ITEMS[l.item] || l.item === SubsidyItem.ITEM_17 || num(l.facts?.months) !== null) continue;
      const p = await paramsOn(l.fact_date);
      out.set(l.id, p.num(l.item === SubsidyItem.ITEM_09 ? 'item09.monthly_fen' : 'item14.monthly_fen').value);
    }
    return out;
  }
}
