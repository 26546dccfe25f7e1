import { randomBytes, randomUUID } from 'crypto';
import { DataSource } from 'typeorm';

/** A claim line as the approval left it (SUB-A's claim tables; rows straight into the test database). */
export interface LineSpec {
  amountFen: number;
  approvedFen?: number;
  seekerId?: string | null;
  hireId?: string | null;
  facts?: Record<string, unknown>;
  status?: 'APPROVED' | 'REDUCED' | 'REJECTED';
}

export interface ClaimSpec {
  item: string;
  partyKind?: 'COMPANY' | 'SCHOOL' | 'TRAINING_INSTITUTION' | 'TRAINING_BASE' | 'PERSON';
  partyId?: string;
  partyName?: string;
  tenantId?: string | null;
  status?: string;
  lines: LineSpec[];
}

/** An approved claim with its lines, as the bureau's approval leaves it; returns the claim and line ids. */
export async function approvedClaim(db: DataSource, spec: ClaimSpec): Promise<{ claimId: string; lineIds: string[] }> {
  const now = new Date();
  const partyKind = spec.partyKind ?? 'COMPANY';
  const [claim] = await db.query(
    `INSERT INTO subsidy_claims (item, party_kind, party_id, party_name, tenant_id, status, origin, claimed_fen, approved_fen, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'MANUAL', $7, $8, $9, $9) RETURNING id`,
    [
      spec.item,
      partyKind,
      spec.partyId ?? spec.tenantId ?? randomUUID(),
      spec.partyName ?? '测试呼叫中心有限公司',
      spec.tenantId ?? null,
      spec.status ?? 'APPROVED',
      spec.lines.reduce((s, l) => s + l.amountFen, 0),
      spec.lines.reduce((s, l) => s + (l.approvedFen ?? l.amountFen), 0),
      now,
    ],
  );
  const lineIds: string[] = [];
  for (const l of spec.lines) {
    const [row] = await db.query(
      `INSERT INTO subsidy_claim_lines (claim_id, item, party_kind, person_hash, seeker_id, hire_id, period, fact_date, amount_fen, approved_amount_fen, status,
                                        rule_version, trace, facts, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'test-1', '[]'::jsonb, $12::jsonb, $13) RETURNING id`,
      [
        claim.id,
        spec.item,
        partyKind,
        randomBytes(32).toString('hex'),
        l.seekerId ?? null,
        l.hireId ?? null,
        randomUUID(),
        '2026-01-01',
        l.amountFen,
        l.approvedFen ?? null,
        l.status ?? (l.approvedFen !== undefined && l.approvedFen !== l.amountFen ? 'REDUCED' : 'APPROVED'),
        JSON.stringify(l.facts ?? {}),
        now,
      ],
    );
    lineIds.push(row.id);
  }
  return { claimId: claim.id, lineIds };
}

/** The two invariants every fault test ends with: one instruction per idempotency key; batches add up to the approved amounts, to the fen. */
export async function payoutInvariants(db: DataSource, claimIds: string[]) {
  const [dups] = await db.query(
    `SELECT count(*)::int - count(DISTINCT idempotency_key)::int AS n FROM subsidy_payout_instructions WHERE claim_id = ANY($1::uuid[])`,
    [claimIds],
  );
  const [approved] = await db.query(
    `SELECT COALESCE(sum(COALESCE(approved_amount_fen, amount_fen)), 0)::bigint AS fen FROM subsidy_claim_lines WHERE claim_id = ANY($1::uuid[]) AND status IN ('APPROVED','REDUCED')`,
    [claimIds],
  );
  const [instructed] = await db.query(
    `SELECT COALESCE(sum(amount_fen), 0)::bigint AS fen, count(*)::int AS n FROM subsidy_payout_instructions WHERE claim_id = ANY($1::uuid[])`,
    [claimIds],
  );
  const [batched] = await db.query(
    `SELECT COALESCE(sum(i.amount_fen), 0)::bigint AS fen, count(*)::int AS n, count(DISTINCT i.batch_id)::int AS batches
       FROM subsidy_payout_instructions i WHERE i.claim_id = ANY($1::uuid[]) AND i.batch_id IS NOT NULL`,
    [claimIds],
  );
  // Each batch's recorded total equals the sum of the instructions it holds (no instruction counted in two batches).
  const mismatched = await db.query(
    `SELECT b.id FROM subsidy_payment_batches b
       LEFT JOIN (SELECT batch_id, sum(amount_fen) AS fen, count(*) AS n FROM subsidy_payout_instructions GROUP BY batch_id) s ON s.batch_id = b.id
      WHERE b.total_fen <> COALESCE(s.fen, 0) OR b.count <> COALESCE(s.n, 0)`,
  );
  return {
    duplicateKeys: Number(dups.n),
    approvedFen: Number(approved.fen),
    instructedFen: Number(instructed.fen),
    instructions: Number(instructed.n),
    batchedFen: Number(batched.fen),
    batchedInstructions: Number(batched.n),
    batches: Number(batched.batches),
    batchesNotAddingUp: mismatched.length,
  };
}
