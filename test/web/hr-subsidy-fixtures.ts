import type { TestApi } from '@app/testing';

/**
 * A company's subsidy claim in a given state, written straight into the test database (as test/subsidies/authz-fixtures.ts
 * does): the HR console only lists claims (subsidyClaims), and reaching RETURNED or APPROVED through the API takes the
 * whole review (eligible hires, budgets, limits, two auditors) that test/subsidies covers.
 */
export async function insertCompanyClaim(
  api: TestApi,
  c: {
    tenantId: string;
    item: string;
    status: string;
    claimedFen: number;
    approvedFen?: number;
    origin?: 'PROPOSAL' | 'MANUAL';
    returnedReason?: string;
    returnDeadline?: string;
  },
): Promise<string> {
  const now = api.clock.now();
  const [row] = await api.db.query(
    `INSERT INTO subsidy_claims (item, party_kind, party_id, party_name, tenant_id, status, origin, claimed_fen, approved_fen, returned_reason, return_deadline,
       created_at, updated_at, submitted_at)
     VALUES ($1, 'COMPANY', $2, '测试企业', $2, $3, $4, $5, $6, $7, $8, $9, $9, $9) RETURNING id`,
    [c.item, c.tenantId, c.status, c.origin ?? 'MANUAL', c.claimedFen, c.approvedFen ?? null, c.returnedReason ?? null, c.returnDeadline ?? null, now],
  );
  return row.id as string;
}
