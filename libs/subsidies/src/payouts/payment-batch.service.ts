import { Clock, PageArgs, shanghaiDate } from '@app/core';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import * as ExcelJS from 'exceljs';
import type { Writable } from 'stream';
import { DataSource, EntityManager } from 'typeorm';
import { ClaimService } from '../claims/claim.service';
import { ITEM_LABEL, PARTY_KIND_ZH, SubsidyClaimStatus, SubsidyItem, SubsidyPartyKind } from '../subsidies.enums';
import { PayoutAuditTrail } from './payout-audit';
import { PAYOUT_FAULT_HOOKS, PayoutFaultHooks } from './payout-jobs';
import { batchFileName, maskPayeeName } from './payout-plan';
import { assertPayoutId, payoutsError, PayoutsExceptionCode } from './payouts.exception';

export type BatchStatus = 'DRAFT' | 'SENT' | 'RECEIPTED' | 'RECONCILE';
export type ReceiptOutcome = 'PAID' | 'FAILED' | 'UNKNOWN';

export interface BatchRow {
  id: string;
  requestKey: string;
  status: BatchStatus;
  dueThrough: string;
  totalFen: number;
  offsetFen: number;
  count: number;
  payeeCount: number;
  fileName: string;
  createdAt: Date;
  sentAt: Date | null;
  receiptedAt: Date | null;
}

export interface BatchInstructionRow {
  id: string;
  claimId: string;
  claimLineId: string;
  item: SubsidyItem;
  instalmentNo: number;
  instalments: number;
  dueOn: string;
  payeeKind: SubsidyPartyKind;
  payeeId: string;
  payeeName: string;
  amountFen: number;
  idempotencyKey: string;
  status: string;
  bankRef: string | null;
}

export interface ReceiptLine {
  instructionId: string;
  outcome: ReceiptOutcome;
  bankRef?: string | null;
  note?: string | null;
}

const BATCH_COLUMNS = `id, request_key AS "requestKey", status, to_char(due_through, 'YYYY-MM-DD') AS "dueThrough", total_fen::float8 AS "totalFen",
  offset_fen::float8 AS "offsetFen", count, payee_count AS "payeeCount", file_name AS "fileName", created_at AS "createdAt", sent_at AS "sentAt",
  receipted_at AS "receiptedAt"`;
const INSTRUCTION_COLUMNS = `id, claim_id AS "claimId", claim_line_id AS "claimLineId", item, instalment_no AS "instalmentNo", instalments,
  to_char(due_on, 'YYYY-MM-DD') AS "dueOn", payee_kind AS "payeeKind", payee_id AS "payeeId", payee_name AS "payeeName", amount_fen AS "amountFen",
  idempotency_key AS "idempotencyKey", status, bank_ref AS "bankRef"`;

/** Serialises batch creation across processes (two workers, a worker and the bureau's button). */
const BATCH_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('subsidy_payment_batches'))`;

class NothingDue extends Error {}

/**
 * Payment batches (the bureau's bank file) and the bank's receipts 回单. A batch takes every DUE instruction through
 * a date with one conditional UPDATE (`WHERE status = 'DUE'`) in one transaction, under an advisory lock: a batch job
 * run twice, by two workers, or beside the bureau's button never pays an instruction twice — the second run finds
 * the request key taken or nothing left. Recoveries due from a payee are offset against that payee's payout in the
 * batch. A receipt line marks PAID; FAILED returns the instruction to DUE for the next batch; UNKNOWN is kept for
 * reconciliation and never batched again until a receipt says what happened.
 */
@Injectable()
export class PaymentBatchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: PayoutAuditTrail,
    private readonly moduleRef: ModuleRef,
    @Optional() @Inject(PAYOUT_FAULT_HOOKS) private readonly hooks: PayoutFaultHooks | null = null,
  ) {}

  /**
   * The claims part (SubsidiesModule imports this module, so it is looked up, not injected): a claim whose every
   * instruction is settled moves SCHEDULED → PAID. Absent where only the payouts part runs (service-level tests).
   */
  private claimService(): ClaimService | null {
    try {
      return this.moduleRef.get(ClaimService, { strict: false });
    } catch {
      return null;
    }
  }

  /** Instructions whose day has come (Asia/Shanghai) become DUE. Idempotent. */
  async promoteDue(m: EntityManager, through: string): Promise<number> {
    const rows = await m.query(
      `UPDATE subsidy_payout_instructions SET status = 'DUE', updated_at = $2 WHERE status = 'PLANNED' AND due_on <= $1::date RETURNING id`,
      [through, this.clock.now()],
    );
    return rows[1] ?? (Array.isArray(rows[0]) ? rows[0].length : 0);
  }

  /**
   * Makes the batch of everything due through `dueThrough`, once per request key. Returns the batch (the existing one
   * when the key was used before) and whether this call made it; null when nothing is due.
   */
  async createBatch(dueThrough: string, requestKey: string, createdBy: string | null = null): Promise<{ batch: BatchRow; created: boolean } | null> {
    try {
      const result = await this.dataSource.transaction(async (m) => {
        await m.query(BATCH_LOCK_SQL);
        const [existing] = await m.query(`SELECT ${BATCH_COLUMNS} FROM subsidy_payment_batches WHERE request_key = $1`, [requestKey]);
        if (existing) return { batch: existing as BatchRow, created: false };
        const now = this.clock.now();
        await this.promoteDue(m, dueThrough);
        const id = randomUUID();
        await m.query(
          `INSERT INTO subsidy_payment_batches (id, request_key, status, due_through, file_name, created_by, created_at) VALUES ($1, $2, 'DRAFT', $3, $4, $5, $6)`,
          [id, requestKey, dueThrough, batchFileName(id), createdBy, now],
        );
        // The guard: only rows still DUE move, so whatever another run took is not taken again.
        const marked: Array<{ payee_kind: string; payee_id: string; amount_fen: number }> = await m
          .query(
            `UPDATE subsidy_payout_instructions SET status = 'BATCHED', batch_id = $1, updated_at = $3
            WHERE status = 'DUE' AND due_on <= $2::date RETURNING payee_kind, payee_id, amount_fen`,
            [id, dueThrough, now],
          )
          .then((r) => r[0]);
        if (!marked.length) throw new NothingDue();
        const gross = new Map<string, { kind: string; id: string; fen: number }>();
        for (const r of marked) {
          const k = `${r.payee_kind}:${r.payee_id}`;
          const g = gross.get(k) ?? { kind: r.payee_kind, id: r.payee_id, fen: 0 };
          g.fen += Number(r.amount_fen);
          gross.set(k, g);
        }
        const offsetFen = await this.offsetRecoveries(m, id, [...gross.values()], now);
        const totalFen = marked.reduce((s, r) => s + Number(r.amount_fen), 0);
        await m.query(`UPDATE subsidy_payment_batches SET total_fen = $2, offset_fen = $3, count = $4, payee_count = $5 WHERE id = $1`, [
          id,
          totalFen,
          offsetFen,
          marked.length,
          gross.size,
        ]);
        await this.audit.append(m, 'payout.batched', { batchId: id, requestKey, dueThrough, count: marked.length, totalFen, offsetFen }, createdBy);
        await this.hooks?.beforeCommit?.();
        const [batch] = await m.query(`SELECT ${BATCH_COLUMNS} FROM subsidy_payment_batches WHERE id = $1`, [id]);
        return { batch: batch as BatchRow, created: true };
      });
      if (result.created) await this.hooks?.afterCommit?.();
      return result;
    } catch (e) {
      if (e instanceof NothingDue) return null;
      throw e;
    }
  }

  /** Recoveries due from payees in this batch, whole ones, oldest first, while they fit in the payee's payout. */
  private async offsetRecoveries(m: EntityManager, batchId: string, payees: Array<{ kind: string; id: string; fen: number }>, now: Date): Promise<number> {
    const due: Array<{ id: string; payee_kind: string; payee_id: string; amount_fen: number }> = await m.query(
      `SELECT id, payee_kind, payee_id, amount_fen FROM subsidy_recoveries
        WHERE status = 'DUE' AND (payee_kind || ':' || payee_id) = ANY($1::text[]) ORDER BY created_at, id FOR UPDATE`,
      [payees.map((p) => `${p.kind}:${p.id}`)],
    );
    const left = new Map(payees.map((p) => [`${p.kind}:${p.id}`, p.fen]));
    const taken: string[] = [];
    let total = 0;
    for (const r of due) {
      const k = `${r.payee_kind}:${r.payee_id}`;
      const room = left.get(k) ?? 0;
      if (Number(r.amount_fen) > room) continue;
      left.set(k, room - Number(r.amount_fen));
      taken.push(r.id);
      total += Number(r.amount_fen);
    }
    if (taken.length) {
      await m.query(
        `UPDATE subsidy_recoveries SET status = 'OFFSET', offset_batch_id = $2, settled_at = $3, settle_reason = $4 WHERE id = ANY($1::uuid[]) AND status = 'DUE'`,
        [taken, batchId, now, `抵扣：支付批次 ${batchId} / offset against payment batch ${batchId}`],
      );
      for (const id of taken) await this.audit.append(m, 'recovery.offset', { recoveryId: id, batchId }, null);
    }
    return total;
  }

  async list(page: PageArgs): Promise<{ items: BatchRow[]; total: number }> {
    const items = await this.dataSource.query(`SELECT ${BATCH_COLUMNS} FROM subsidy_payment_batches ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`, [
      page.first,
      page.offset,
    ]);
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM subsidy_payment_batches`);
    return { items, total: n };
  }

  async get(id: string): Promise<BatchRow> {
    assertPayoutId(id, PayoutsExceptionCode.BATCH_NOT_FOUND);
    const [row] = await this.dataSource.query(`SELECT ${BATCH_COLUMNS} FROM subsidy_payment_batches WHERE id = $1`, [id]);
    if (!row) throw payoutsError(PayoutsExceptionCode.BATCH_NOT_FOUND);
    return row;
  }

  /** The instructions a batch took (those a FAILED receipt returned to DUE are listed through their receipts, not here). */
  instructions(batchId: string): Promise<BatchInstructionRow[]> {
    return this.dataSource.query(`SELECT ${INSTRUCTION_COLUMNS} FROM subsidy_payout_instructions WHERE batch_id = $1 ORDER BY payee_kind, payee_id, item, id`, [
      batchId,
    ]);
  }

  /**
   * Records the bank's receipt 回单 for lines of a batch. PAID is final; FAILED (the bank refused the line) returns it
   * to DUE for the next batch; UNKNOWN marks it for reconciliation — never batched again until a receipt settles it.
   */
  async recordReceipt(batchId: string, lines: ReceiptLine[], actorId: string | null): Promise<BatchRow> {
    await this.get(batchId);
    const seen = new Set<string>();
    lines.forEach((l, i) => {
      if (seen.has(l.instructionId)) throw payoutsError(PayoutsExceptionCode.DUPLICATE_RECEIPT_LINE, { n: i + 1 });
      seen.add(l.instructionId);
    });
    await this.dataSource.transaction(async (m) => {
      const now = this.clock.now();
      const [batch] = await m.query(`SELECT id FROM subsidy_payment_batches WHERE id = $1 FOR UPDATE`, [batchId]);
      const current: Array<{ id: string; status: string }> = await m.query(
        `SELECT id, status FROM subsidy_payout_instructions WHERE batch_id = $1 AND id = ANY($2::uuid[]) FOR UPDATE`,
        [batch.id, lines.map((l) => l.instructionId).filter((x) => /^[0-9a-f-]{36}$/i.test(x))],
      );
      const byId = new Map(current.map((c) => [c.id, c.status]));
      lines.forEach((l, i) => {
        const status = byId.get(l.instructionId);
        if (!status) throw payoutsError(PayoutsExceptionCode.LINE_NOT_IN_BATCH, { n: i + 1 });
        if (status === 'PAID') throw payoutsError(PayoutsExceptionCode.LINE_ALREADY_SETTLED, { n: i + 1 });
      });
      for (const l of lines) {
        const bankRef = l.bankRef?.trim() || null;
        await m.query(
          `INSERT INTO subsidy_receipts (batch_id, instruction_id, outcome, bank_ref, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [batchId, l.instructionId, l.outcome, bankRef, l.note?.trim() || null, actorId, now],
        );
        if (l.outcome === 'PAID')
          await m.query(`UPDATE subsidy_payout_instructions SET status = 'PAID', bank_ref = $2, updated_at = $3 WHERE id = $1`, [
            l.instructionId,
            bankRef,
            now,
          ]);
        else if (l.outcome === 'UNKNOWN')
          await m.query(`UPDATE subsidy_payout_instructions SET status = 'UNKNOWN', updated_at = $2 WHERE id = $1`, [l.instructionId, now]);
        else
          await m.query(
            `UPDATE subsidy_payout_instructions SET status = 'DUE', batch_id = NULL, status_reason = 'BANK_FAILED', updated_at = $2 WHERE id = $1`,
            [l.instructionId, now],
          );
        await this.audit.append(m, `payout.${l.outcome.toLowerCase()}`, { batchId, instructionId: l.instructionId, bankRef }, actorId);
      }
      await this.settleClaims(
        m,
        lines.filter((l) => l.outcome === 'PAID').map((l) => l.instructionId),
      );
      const [{ open, unknown }] = await m.query(
        `SELECT count(*) FILTER (WHERE status = 'BATCHED')::int AS open, count(*) FILTER (WHERE status = 'UNKNOWN')::int AS unknown
           FROM subsidy_payout_instructions WHERE batch_id = $1`,
        [batchId],
      );
      const status: BatchStatus = unknown > 0 ? 'RECONCILE' : open > 0 ? 'SENT' : 'RECEIPTED';
      await m.query(
        `UPDATE subsidy_payment_batches SET status = $2, sent_at = COALESCE(sent_at, $3), receipted_at = CASE WHEN $2 = 'RECEIPTED' THEN $3 ELSE receipted_at END
          WHERE id = $1`,
        [batchId, status, now],
      );
    });
    return this.get(batchId);
  }

  /** Claims of these paid instructions with nothing left to pay (no instalment planned, due, held, batched or unknown) are PAID. */
  private async settleClaims(m: EntityManager, paidInstructionIds: string[]): Promise<void> {
    const claims = this.claimService();
    if (!claims || !paidInstructionIds.length) return;
    const done: Array<{ claim_id: string }> = await m.query(
      `SELECT c.claim_id FROM (SELECT DISTINCT claim_id FROM subsidy_payout_instructions WHERE id = ANY($1::uuid[])) c
        WHERE NOT EXISTS (SELECT 1 FROM subsidy_payout_instructions i WHERE i.claim_id = c.claim_id AND i.status IN ('PLANNED','DUE','HELD','BATCHED','UNKNOWN'))`,
      [paidInstructionIds],
    );
    for (const { claim_id } of done)
      await claims.advanceForPayout(m, claim_id, SubsidyClaimStatus.PAID, '补贴已全部支付（银行回单）/ paid in full (bank receipt)');
  }

  /**
   * PAID claims with nothing left that could change them become CLOSED (办结): no instalment planned, due, held, batched
   * or unknown, no recovery due, and — for the items with a retention year (11, 16) — every hire on the claim has its
   * 12-month retention check answered (a termination inside the year would still turn into a recovery). Idempotent.
   */
  async closeFinishedClaims(): Promise<number> {
    const claims = this.claimService();
    if (!claims) return 0;
    const done: Array<{ id: string }> = await this.dataSource.query(
      `SELECT c.id FROM subsidy_claims c
        WHERE c.status = 'PAID'
          AND NOT EXISTS (SELECT 1 FROM subsidy_payout_instructions i WHERE i.claim_id = c.id AND i.status IN ('PLANNED','DUE','HELD','BATCHED','UNKNOWN'))
          AND NOT EXISTS (SELECT 1 FROM subsidy_payout_instructions i JOIN subsidy_recoveries r ON r.instruction_id = i.id
                           WHERE i.claim_id = c.id AND r.status = 'DUE')
          AND NOT EXISTS (SELECT 1 FROM subsidy_payout_instructions i
                           WHERE i.claim_id = c.id AND i.hire_id IS NOT NULL AND i.item = ANY($1::text[])
                             AND NOT EXISTS (SELECT 1 FROM subsidy_retention_checks k WHERE k.hire_id = i.hire_id AND k.months = 12 AND k.result IS NOT NULL))`,
      [[SubsidyItem.ITEM_11, SubsidyItem.ITEM_16]],
    );
    for (const { id } of done)
      await this.dataSource.transaction((t) =>
        claims.advanceForPayout(t, id, SubsidyClaimStatus.CLOSED, '支付完毕且留存期满，办结 / paid and past retention: closed'),
      );
    return done.length;
  }

  /** The file is handed to the bank: DRAFT → SENT (first download). */
  async markSent(batchId: string, actorId: string | null): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const rows = await m.query(`UPDATE subsidy_payment_batches SET status = 'SENT', sent_at = $2 WHERE id = $1 AND status = 'DRAFT' RETURNING id`, [
        batchId,
        this.clock.now(),
      ]);
      if (rows[0]?.length) await this.audit.append(m, 'batch.sent', { batchId }, actorId);
    });
  }

  /**
   * The bank file: one row per payee (organisations by name; a person's name masked, PIPL), the instructions it pays,
   * the gross, the recovery offset and the net, in yuan with two decimals (computed from fen). Deterministic for a batch.
   */
  async writeBankFile(batchId: string, out: Writable): Promise<void> {
    const batch = await this.get(batchId);
    const rows: Array<{ payee_kind: SubsidyPartyKind; payee_id: string; payee_name: string; n: number; gross: number; items: SubsidyItem[] }> =
      await this.dataSource.query(
        `SELECT payee_kind, payee_id, min(payee_name) AS payee_name, count(*)::int AS n, sum(amount_fen)::float8 AS gross, array_agg(DISTINCT item ORDER BY item) AS items
           FROM subsidy_payout_instructions WHERE batch_id = $1 GROUP BY payee_kind, payee_id ORDER BY payee_kind, payee_id`,
        [batchId],
      );
    const offsets: Array<{ payee_kind: string; payee_id: string; fen: number }> = await this.dataSource.query(
      `SELECT payee_kind, payee_id, sum(amount_fen)::float8 AS fen FROM subsidy_recoveries WHERE offset_batch_id = $1 GROUP BY payee_kind, payee_id`,
      [batchId],
    );
    const offsetOf = new Map(offsets.map((o) => [`${o.payee_kind}:${o.payee_id}`, Number(o.fen)]));
    const yuan = (fen: number) => (fen / 100).toFixed(2);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    wb.creator = '乌兰察布市人力资源和社会保障局';
    wb.created = new Date(batch.createdAt);
    const ws = wb.addWorksheet('代发明细', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { width: 6 },
      { width: 10 },
      { width: 30 },
      { width: 38, style: { numFmt: '@' } },
      { width: 8 },
      { width: 14, style: { numFmt: '@' } },
      { width: 14, style: { numFmt: '@' } },
      { width: 14, style: { numFmt: '@' } },
      { width: 40 },
    ];
    const head = ws.addRow(['序号', '收款方类型', '收款方', '收款方编号', '笔数', '应付金额（元）', '抵扣追回（元）', '实付金额（元）', '用途']);
    head.font = { bold: true };
    head.commit();
    rows.forEach((r, i) => {
      const off = offsetOf.get(`${r.payee_kind}:${r.payee_id}`) ?? 0;
      ws.addRow([
        i + 1,
        PARTY_KIND_ZH[r.payee_kind],
        maskPayeeName(r.payee_kind, r.payee_name),
        r.payee_id,
        r.n,
        yuan(Number(r.gross)),
        yuan(off),
        yuan(Number(r.gross) - off),
        r.items.map((it) => ITEM_LABEL[it]?.zh ?? it).join('；'),
      ]).commit();
    });
    const total = ws.addRow([
      '合计',
      null,
      null,
      null,
      batch.count,
      yuan(batch.totalFen),
      yuan(batch.offsetFen),
      yuan(batch.totalFen - batch.offsetFen),
      `批次 ${batch.id}`,
    ]);
    total.font = { bold: true };
    total.commit();
    ws.commit();
    await wb.commit();
  }

  /** For the daily sweep: today's date in Asia/Shanghai. */
  today(): string {
    return shanghaiDate(this.clock.now());
  }
}
