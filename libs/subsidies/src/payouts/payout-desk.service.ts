import { Actor, Clock, PageArgs, shanghaiDate } from '@app/core';
import { Injectable } from '@nestjs/common';
import type { Writable } from 'stream';
import { BatchInstructionRow, BatchRow, PaymentBatchService, ReceiptLine } from './payment-batch.service';
import { maskPayeeName } from './payout-plan';
import { payoutsError, PayoutsExceptionCode } from './payouts.exception';
import { RecoveryOutcome, RecoveryService, RecoveryStatus } from './recovery.service';

/** What the bureau's desk (GraphQL and the bank-file download) asks of payouts; output shaped and masked here. */
@Injectable()
export class PayoutDeskService {
  constructor(
    private readonly batchService: PaymentBatchService,
    private readonly recoveryService: RecoveryService,
    private readonly clock: Clock,
  ) {}

  async batches(page: PageArgs) {
    const { items, total } = await this.batchService.list(page);
    return { items: items.map(toBatchModel), total };
  }

  async batch(id: string) {
    return toBatchModel(await this.batchService.get(id));
  }

  /** A batch of everything due through the date (today by default); NOTHING_DUE when there is none. */
  async createBatch(actor: Actor, dueThrough: string | null) {
    const through = dueThrough ?? shanghaiDate(this.clock.now());
    const made = await this.batchService.createBatch(through, `manual-${actor.userId}-${this.clock.now().getTime()}`, actor.userId);
    if (!made) throw payoutsError(PayoutsExceptionCode.NOTHING_DUE);
    return toBatchModel(made.batch);
  }

  async recordReceipt(actor: Actor, batchId: string, lines: ReceiptLine[]) {
    return toBatchModel(await this.batchService.recordReceipt(batchId, lines, actor.userId));
  }

  async batchInstructions(batchId: string) {
    return (await this.batchService.instructions(batchId)).map(toInstructionModel);
  }

  recoveries(page: PageArgs, status: RecoveryStatus | null) {
    return this.recoveryService.list(page, status);
  }

  settleRecovery(actor: Actor, id: string, outcome: RecoveryOutcome, reason: string) {
    return this.recoveryService.settle(id, outcome, reason, actor.userId);
  }

  retentionChecks(page: PageArgs) {
    return this.recoveryService.retentionChecks(page);
  }

  /** The bank file (404 before any byte for an unknown batch); the first download marks the batch SENT. */
  async bankFileName(batchId: string): Promise<string> {
    return (await this.batchService.get(batchId)).fileName;
  }

  async writeBankFile(actor: Actor, batchId: string, out: Writable): Promise<void> {
    await this.batchService.markSent(batchId, actor.userId);
    await this.batchService.writeBankFile(batchId, out);
  }
}

export function toBatchModel(b: BatchRow) {
  return { ...b, netFen: b.totalFen - b.offsetFen };
}

export function toInstructionModel(i: BatchInstructionRow) {
  return { ...i, payeeName: maskPayeeName(i.payeeKind, i.payeeName) };
}
