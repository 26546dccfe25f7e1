import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SubsidyAudit } from '../audit/subsidy-audit';

/**
 * The one place payouts append to the subsidies audit trail (issue 10 §5, chain `payouts`): every payout state change
 * (planned, batched, paid / failed / unknown, held, cancelled, recovery due / offset / recovered / waived, batch sent),
 * in the caller's transaction.
 */
@Injectable()
export class PayoutAuditTrail {
  constructor(private readonly audit: SubsidyAudit) {}

  async append(m: EntityManager, kind: string, payload: Record<string, unknown>, actorId: string | null): Promise<void> {
    await this.audit.append(m, 'payouts', kind, payload, actorId ?? 'system');
  }
}
