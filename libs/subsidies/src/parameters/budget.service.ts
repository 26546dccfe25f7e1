import { Actor, Clock } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SubsidyAudit } from '../audit/subsidy-audit';
import { SubsidyItem } from '../subsidies.enums';
import { subsidiesError, SubsidiesExceptionCode as E } from '../subsidies.exception';

/** Yearly budgets per item and approval limits per bureau user; every change on the `parameters` audit chain. */
@Injectable()
export class BudgetService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: SubsidyAudit,
    private readonly clock: Clock,
  ) {}

  async setBudget(actor: Actor, item: SubsidyItem, year: number, amountFen: number): Promise<void> {
    if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw subsidiesError(E.AMOUNT_TOO_LARGE);
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO subsidy_budgets (item, year, amount_fen, set_by, set_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (item, year) DO UPDATE SET amount_fen = EXCLUDED.amount_fen, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at`,
        [item, year, amountFen, actor.userId, this.clock.now()],
      );
      await this.audit.append(m, 'parameters', 'BUDGET', { item, year, amountFen }, actor.userId);
    });
  }

  async setApprovalLimit(actor: Actor, userId: string, maxFen: number): Promise<void> {
    if (!Number.isSafeInteger(maxFen) || maxFen < 0) throw subsidiesError(E.AMOUNT_TOO_LARGE);
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO subsidy_approval_limits (user_id, max_fen, set_by, set_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id) DO UPDATE SET max_fen = EXCLUDED.max_fen, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at`,
        [userId, maxFen, actor.userId, this.clock.now()],
      );
      await this.audit.append(m, 'parameters', 'APPROVAL_LIMIT', { userId, maxFen }, actor.userId);
    });
  }
}
