import { Clock, PageArgs } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PayoutAuditTrail } from './payout-audit';
import { assertPayoutId, payoutsError, PayoutsExceptionCode } from './payouts.exception';

export type RecoveryStatus = 'DUE' | 'OFFSET' | 'RECOVERED' | 'WAIVED';
export type RecoveryOutcome = 'RECOVERED' | 'WAIVED';

export interface RecoveryRow {
  id: string;
  instructionId: string;
  claimLineId: string;
  item: string;
  hireId: string | null;
  payeeKind: string;
  payeeId: string;
  amountFen: number;
  reasonCode: string;
  reason: string | null;
  terminatedOn: string | null;
  status: RecoveryStatus;
  offsetBatchId: string | null;
  settledAt: Date | null;
  settleReason: string | null;
  createdAt: Date;
}

const COLUMNS = `id, instruction_id AS "instructionId", claim_line_id AS "claimLineId", item, hire_id AS "hireId", payee_kind AS "payeeKind",
  payee_id AS "payeeId", amount_fen AS "amountFen", reason_code AS "reasonCode", reason, to_char(terminated_on, 'YYYY-MM-DD') AS "terminatedOn",
  status, offset_batch_id AS "offsetBatchId", settled_at AS "settledAt", settle_reason AS "settleReason", created_at AS "createdAt"`;

/** Recoveries (clawbacks) of items 11/16 after a termination within the retention year: listed, and settled by the bureau with a reason. */
@Injectable()
export class RecoveryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: PayoutAuditTrail,
  ) {}

  async list(page: PageArgs, status?: RecoveryStatus | null): Promise<{ items: RecoveryRow[]; total: number }> {
    const where = status ? `WHERE status = $3` : '';
    const params: unknown[] = [page.first, page.offset, ...(status ? [status] : [])];
    const items = await this.dataSource.query(`SELECT ${COLUMNS} FROM subsidy_recoveries ${where} ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`, params);
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM subsidy_recoveries ${status ? 'WHERE status = $1' : ''}`,
      status ? [status] : [],
    );
    return { items, total: n };
  }

  /** The bureau marks a recovery as recovered (the money came back) or waived, with a reason; only a DUE one. */
  async settle(id: string, outcome: RecoveryOutcome, reason: string, actorId: string): Promise<RecoveryRow> {
    assertPayoutId(id, PayoutsExceptionCode.RECOVERY_NOT_FOUND);
    const why = reason?.trim();
    if (!why) throw payoutsError(PayoutsExceptionCode.REASON_REQUIRED);
    return this.dataSource.transaction(async (m) => {
      const [existing] = await m.query(`SELECT status FROM subsidy_recoveries WHERE id = $1 FOR UPDATE`, [id]);
      if (!existing) throw payoutsError(PayoutsExceptionCode.RECOVERY_NOT_FOUND);
      if (existing.status !== 'DUE') throw payoutsError(PayoutsExceptionCode.RECOVERY_SETTLED);
      await m.query(`UPDATE subsidy_recoveries SET status = $2, settled_by = $3, settled_at = $4, settle_reason = $5 WHERE id = $1 AND status = 'DUE'`, [
        id,
        outcome,
        actorId,
        this.clock.now(),
        why,
      ]);
      await this.audit.append(m, `recovery.${outcome.toLowerCase()}`, { recoveryId: id, reason: why }, actorId);
      const [row] = await m.query(`SELECT ${COLUMNS} FROM subsidy_recoveries WHERE id = $1`, [id]);
      return row as RecoveryRow;
    });
  }

  async retentionChecks(page: PageArgs): Promise<{ items: RetentionCheckRow[]; total: number }> {
    const items = await this.dataSource.query(
      `SELECT id, hire_id AS "hireId", tenant_id AS "tenantId", months, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", result,
              to_char(terminated_on, 'YYYY-MM-DD') AS "terminatedOn", checked_at AS "checkedAt"
         FROM subsidy_retention_checks ORDER BY due_on DESC, hire_id, months LIMIT $1 OFFSET $2`,
      [page.first, page.offset],
    );
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM subsidy_retention_checks`);
    return { items, total: n };
  }
}

export interface RetentionCheckRow {
  id: string;
  hireId: string;
  tenantId: string | null;
  months: number;
  dueOn: string;
  result: 'RETAINED' | 'LEFT' | null;
  terminatedOn: string | null;
  checkedAt: Date | null;
}
