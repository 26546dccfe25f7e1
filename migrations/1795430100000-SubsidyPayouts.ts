import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Subsidy payouts (issue 10 §3): payout instructions written in the approval transaction (one per item, claim line
 * and instalment: `idempotency_key` UNIQUE), payment batches (the bureau's bank file), the bank's receipts 回单,
 * recoveries (clawbacks) and the 3/6/12-month retention checks of subsidised hires.
 *
 * Exactly once: an instruction moves DUE → BATCHED only through `UPDATE … WHERE status = 'DUE'` inside the batch's
 * transaction, so a batch job run twice (or by two workers) finds nothing left the second time; a batch request key
 * (the job id) is UNIQUE as well. Amounts are integer fen, never negative: a clawback is a recovery row, and an
 * offset against a later payout is recorded on the batch (offset_fen) and on the recovery, never as a negative line.
 */
export class SubsidyPayouts1795430100000 implements MigrationInterface {
  name = 'SubsidyPayouts1795430100000';

  async up(q: QueryRunner): Promise<void> {
    const items = `'ITEM_08','ITEM_09','ITEM_10','ITEM_11','ITEM_12','ITEM_13','ITEM_14','ITEM_15','ITEM_16','ITEM_17'`;
    const parties = `'COMPANY','SCHOOL','TRAINING_INSTITUTION','TRAINING_BASE','PERSON'`;
    await q.query(`
      CREATE TABLE subsidy_payment_batches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_key text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('DRAFT','SENT','RECEIPTED','RECONCILE')),
        due_through date NOT NULL,
        total_fen bigint NOT NULL DEFAULT 0 CHECK (total_fen >= 0),
        offset_fen bigint NOT NULL DEFAULT 0 CHECK (offset_fen >= 0),
        count int NOT NULL DEFAULT 0 CHECK (count >= 0),
        payee_count int NOT NULL DEFAULT 0 CHECK (payee_count >= 0),
        file_name text NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        receipted_at timestamptz,
        CONSTRAINT subsidy_batches_offset_le_total CHECK (offset_fen <= total_fen)
      )`);
    await q.query(`CREATE INDEX subsidy_payment_batches_created ON subsidy_payment_batches (created_at DESC, id)`);

    await q.query(`
      CREATE TABLE subsidy_payout_instructions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id uuid NOT NULL REFERENCES subsidy_claims(id),
        claim_line_id uuid NOT NULL REFERENCES subsidy_claim_lines(id),
        item text NOT NULL CHECK (item IN (${items})),
        instalment_no smallint NOT NULL CHECK (instalment_no >= 1),
        instalments smallint NOT NULL CHECK (instalments >= instalment_no),
        due_on date NOT NULL,
        payee_kind text NOT NULL CHECK (payee_kind IN (${parties})),
        payee_id uuid NOT NULL,
        payee_name text NOT NULL,
        tenant_id uuid,
        seeker_id uuid,
        hire_id uuid,
        school_id uuid,
        amount_fen integer NOT NULL CHECK (amount_fen >= 0),
        idempotency_key text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('PLANNED','DUE','BATCHED','PAID','UNKNOWN','CANCELLED','HELD')),
        status_reason text,
        batch_id uuid REFERENCES subsidy_payment_batches(id),
        bank_ref text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT subsidy_instructions_batched_has_batch CHECK (status NOT IN ('BATCHED','PAID','UNKNOWN') OR batch_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX subsidy_instructions_due ON subsidy_payout_instructions (due_on) WHERE status IN ('PLANNED','DUE')`);
    await q.query(`CREATE INDEX subsidy_instructions_batch ON subsidy_payout_instructions (batch_id) WHERE batch_id IS NOT NULL`);
    await q.query(`CREATE INDEX subsidy_instructions_claim ON subsidy_payout_instructions (claim_id)`);
    await q.query(`CREATE INDEX subsidy_instructions_hire ON subsidy_payout_instructions (hire_id) WHERE hire_id IS NOT NULL`);
    await q.query(`CREATE INDEX subsidy_instructions_seeker ON subsidy_payout_instructions (seeker_id) WHERE seeker_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE subsidy_receipts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        batch_id uuid NOT NULL REFERENCES subsidy_payment_batches(id),
        instruction_id uuid NOT NULL REFERENCES subsidy_payout_instructions(id),
        outcome text NOT NULL CHECK (outcome IN ('PAID','FAILED','UNKNOWN')),
        bank_ref text,
        note text,
        recorded_by uuid REFERENCES users(id) ON DELETE SET NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX subsidy_receipts_batch ON subsidy_receipts (batch_id, recorded_at)`);

    await q.query(`
      CREATE TABLE subsidy_recoveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        instruction_id uuid NOT NULL UNIQUE REFERENCES subsidy_payout_instructions(id),
        claim_line_id uuid NOT NULL REFERENCES subsidy_claim_lines(id),
        item text NOT NULL CHECK (item IN (${items})),
        hire_id uuid,
        payee_kind text NOT NULL,
        payee_id uuid NOT NULL,
        amount_fen integer NOT NULL CHECK (amount_fen > 0),
        reason_code text NOT NULL,
        reason text,
        terminated_on date,
        status text NOT NULL CHECK (status IN ('DUE','OFFSET','RECOVERED','WAIVED')),
        offset_batch_id uuid REFERENCES subsidy_payment_batches(id),
        settled_by uuid REFERENCES users(id) ON DELETE SET NULL,
        settled_at timestamptz,
        settle_reason text,
        created_at timestamptz NOT NULL,
        CONSTRAINT subsidy_recoveries_settled CHECK (status = 'DUE' OR settled_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX subsidy_recoveries_due ON subsidy_recoveries (payee_kind, payee_id) WHERE status = 'DUE'`);

    await q.query(`
      CREATE TABLE subsidy_retention_checks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hire_id uuid NOT NULL,
        tenant_id uuid,
        months smallint NOT NULL CHECK (months IN (3, 6, 12)),
        due_on date NOT NULL,
        result text CHECK (result IN ('RETAINED','LEFT')),
        terminated_on date,
        checked_at timestamptz,
        created_at timestamptz NOT NULL,
        UNIQUE (hire_id, months)
      )`);
    await q.query(`CREATE INDEX subsidy_retention_checks_open ON subsidy_retention_checks (due_on) WHERE result IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE subsidy_retention_checks`);
    await q.query(`DROP TABLE subsidy_recoveries`);
    await q.query(`DROP TABLE subsidy_receipts`);
    await q.query(`DROP TABLE subsidy_payout_instructions`);
    await q.query(`DROP TABLE subsidy_payment_batches`);
  }
}
