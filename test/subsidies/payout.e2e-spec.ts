/**
 * Payouts of approved subsidy claims (issue 10 §3) at service level against the real PostgreSQL: planning in the
 * approval transaction (idempotent), instalments, batches made exactly once, receipts, stop facts, retention
 * (item 11 held / not awarded, item 16 clawed back and offset), retention checks, the bank file and the audit chain.
 */
import { Clock, CryptoService, OUTBOX_JOB_ID_SQL, shanghaiDate } from '@app/core';
import {
  addDays,
  addMonths,
  batchFileName,
  PaymentBatchService,
  PayoutPlanner,
  PayoutsException,
  PayoutSweepService,
  RecoveryService,
  SubsidyAudit,
  SubsidyPayoutsModule,
} from '@app/subsidies';
import { createServiceModule } from '@app/testing';
import { TestingModule } from '@nestjs/testing';
import * as ExcelJS from 'exceljs';
import { PassThrough } from 'stream';
import { DataSource } from 'typeorm';
import { World } from '../architecture/world';
import { approvedClaim, payoutInvariants } from './payout-world';

describe('subsidy payouts (service level, real PostgreSQL)', () => {
  let module: TestingModule;
  let db: DataSource;
  let w: World;
  let planner: PayoutPlanner;
  let batches: PaymentBatchService;
  let sweeps: PayoutSweepService;
  let recoveries: RecoveryService;
  let today: string;

  const plan = (claimId: string) => db.transaction((m) => planner.planApproved(m, claimId));
  const instructions = (claimId: string) =>
    db.query(
      `SELECT id, idempotency_key, instalment_no, instalments, to_char(due_on, 'YYYY-MM-DD') AS due_on, amount_fen, status, status_reason, batch_id
         FROM subsidy_payout_instructions WHERE claim_id = $1 ORDER BY claim_line_id, instalment_no`,
      [claimId],
    );
  /** Everything due now is batched under a fresh key, so each test starts from an empty DUE list. */
  const drain = () => batches.createBatch(addDays(today, 4000), `drain-${Math.random()}`);

  beforeAll(async () => {
    ({ module, db } = await createServiceModule([SubsidyPayoutsModule]));
    w = new World(db, module.get(CryptoService), module.get(Clock));
    planner = module.get(PayoutPlanner);
    batches = module.get(PaymentBatchService);
    sweeps = module.get(PayoutSweepService);
    recoveries = module.get(RecoveryService);
    today = shanghaiDate(module.get(Clock).now());
  });
  afterAll(() => module.close());

  it('approval writes one instruction per line and instalment, an outbox event and an audit entry; planning again writes nothing', async () => {
    const t = await w.tenant();
    const { claimId, lineIds } = await approvedClaim(db, {
      item: 'ITEM_16',
      tenantId: t.tenantId,
      partyId: t.tenantId,
      lines: [{ amountFen: 500_000 }, { amountFen: 100_000 }],
    });
    expect(await plan(claimId)).toEqual({ created: 2, totalFen: 600_000 });
    expect(await plan(claimId)).toEqual({ created: 0, totalFen: 0 });
    const rows = await instructions(claimId);
    expect(rows.map((r: any) => [r.idempotency_key, r.status, r.due_on, r.amount_fen]).sort()).toEqual(
      [
        [`ITEM_16:${lineIds[0]}:1`, 'DUE', today, 500_000],
        [`ITEM_16:${lineIds[1]}:1`, 'DUE', today, 100_000],
      ].sort(),
    );
    const events = await db.query(`SELECT topic, payload, ${OUTBOX_JOB_ID_SQL} AS job_id FROM outbox_events WHERE aggregate_id = $1`, [claimId]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ topic: 'subsidy.payout.planned', payload: { claimId, instructions: 2, totalFen: 600_000 } });
    const audit = await db.query(`SELECT kind, payload FROM subsidy_audit_log WHERE chain = 'payouts' AND payload->>'claimId' = $1`, [claimId]);
    expect(audit).toEqual([{ kind: 'payout.planned', payload: expect.objectContaining({ claimId, instructions: 2, totalFen: 600_000 }) }]);
    expect((await module.get(SubsidyAudit).verify('payouts')).ok).toBe(true);
  });

  it('a claim not approved gets no instructions', async () => {
    const { claimId } = await approvedClaim(db, { item: 'ITEM_16', status: 'IN_REVIEW', lines: [{ amountFen: 500_000 }] });
    await expect(plan(claimId)).rejects.toMatchObject({ code: 'CLAIM_NOT_APPROVED' });
    expect(await instructions(claimId)).toHaveLength(0);
  });

  it('monthly items are split into instalments that add up to the approved fen; a reduced line pays the reduced amount', async () => {
    const person = await w.seekerAccount();
    const nine = await approvedClaim(db, {
      item: 'ITEM_09',
      partyKind: 'PERSON',
      partyName: '王晓燕',
      lines: [{ amountFen: 300_000, seekerId: person.seekerId, facts: { months: 6 } }],
    });
    await plan(nine.claimId);
    const rows = await instructions(nine.claimId);
    expect(rows.map((r: any) => [r.instalment_no, r.instalments, r.due_on, r.amount_fen, r.status])).toEqual(
      [0, 1, 2, 3, 4, 5].map((k) => [k + 1, 6, addMonths(today, k), 50_000, k === 0 ? 'DUE' : 'PLANNED']),
    );
    // 100,001 fen over 3 months of item 17: 33,334 + 33,334 + 33,333.
    const t = await w.tenant();
    const intern = await approvedClaim(db, {
      item: 'ITEM_17',
      tenantId: t.tenantId,
      partyId: t.tenantId,
      lines: [{ amountFen: 100_001, facts: { months: 3 } }],
    });
    await plan(intern.claimId);
    expect((await instructions(intern.claimId)).map((r: any) => r.amount_fen)).toEqual([33_334, 33_334, 33_333]);
    // Item 9 without a month count: derived from the dated monthly parameter (500 元) — 150,000 fen is 3 months.
    const derived = await approvedClaim(db, {
      item: 'ITEM_09',
      partyKind: 'PERSON',
      partyName: '李四',
      lines: [{ amountFen: 150_000, seekerId: person.seekerId }],
    });
    await plan(derived.claimId);
    expect((await instructions(derived.claimId)).map((r: any) => r.amount_fen)).toEqual([50_000, 50_000, 50_000]);
    // A reduced line: the approved amount, not the claimed one; a rejected line: nothing.
    const reduced = await approvedClaim(db, {
      item: 'ITEM_12',
      tenantId: t.tenantId,
      partyId: t.tenantId,
      lines: [
        { amountFen: 200_000, approvedFen: 160_000 },
        { amountFen: 140_000, status: 'REJECTED' },
      ],
    });
    expect(await plan(reduced.claimId)).toEqual({ created: 1, totalFen: 160_000 });
    expect(await payoutInvariants(db, [nine.claimId, intern.claimId, derived.claimId, reduced.claimId])).toMatchObject({
      duplicateKeys: 0,
      approvedFen: 300_000 + 100_001 + 150_000 + 160_000,
      instructedFen: 300_000 + 100_001 + 150_000 + 160_000,
    });
  });

  it('a batch takes every due instruction once: the same request twice returns the same batch, five racing requests make one batch', async () => {
    await drain();
    const t = await w.tenant();
    const claims = [];
    for (let i = 0; i < 4; i++) {
      const c = await approvedClaim(db, {
        item: 'ITEM_16',
        tenantId: t.tenantId,
        partyId: t.tenantId,
        lines: [{ amountFen: 100_000 + i }, { amountFen: 500_000 }],
      });
      await plan(c.claimId);
      claims.push(c.claimId);
    }
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => batches.createBatch(today, `race-${today}-${i}-${Math.random()}`)));
    const made = results.filter((r) => r?.created);
    expect(made).toHaveLength(1);
    expect(results.filter((r) => r === null)).toHaveLength(4);
    const batch = made[0]!.batch;
    expect(batch).toMatchObject({ status: 'DRAFT', count: 8, totalFen: 4 * 500_000 + 100_000 * 4 + 6, payeeCount: 1, fileName: batchFileName(batch.id) });
    // The same request key again: the same batch, nothing new.
    const again = await batches.createBatch(today, batch.requestKey);
    expect(again).toMatchObject({ created: false, batch: { id: batch.id, count: 8 } });
    expect(await payoutInvariants(db, claims)).toMatchObject({
      duplicateKeys: 0,
      batchedInstructions: 8,
      batches: 1,
      batchedFen: batch.totalFen,
      batchesNotAddingUp: 0,
    });
  });

  it('receipts: PAID is final, UNKNOWN waits for reconciliation and is never batched again, FAILED goes into the next batch', async () => {
    await drain();
    const t = await w.tenant();
    const c = await approvedClaim(db, {
      item: 'ITEM_12',
      tenantId: t.tenantId,
      partyId: t.tenantId,
      lines: [{ amountFen: 140_000 }, { amountFen: 160_000 }, { amountFen: 200_000 }],
    });
    await plan(c.claimId);
    const made = (await batches.createBatch(today, `receipt-${Math.random()}`))!;
    const [a, b, d] = (await instructions(c.claimId)).sort((x: any, y: any) => x.amount_fen - y.amount_fen);
    let batch = await batches.recordReceipt(made.batch.id, [{ instructionId: a.id, outcome: 'PAID', bankRef: 'BK001' }], null);
    expect(batch.status).toBe('SENT');
    batch = await batches.recordReceipt(
      made.batch.id,
      [
        { instructionId: b.id, outcome: 'UNKNOWN' },
        { instructionId: d.id, outcome: 'FAILED', note: '账户冻结' },
      ],
      null,
    );
    expect(batch.status).toBe('RECONCILE');
    const byAmount = async () => (await instructions(c.claimId)).sort((x: any, y: any) => x.amount_fen - y.amount_fen);
    expect((await byAmount()).map((r: any) => [r.amount_fen, r.status])).toEqual([
      [140_000, 'PAID'],
      [160_000, 'UNKNOWN'],
      [200_000, 'DUE'],
    ]);
    await expect(batches.recordReceipt(made.batch.id, [{ instructionId: a.id, outcome: 'PAID' }], null)).rejects.toMatchObject({
      code: 'LINE_ALREADY_SETTLED',
    });
    await expect(batches.recordReceipt(made.batch.id, [{ instructionId: d.id, outcome: 'PAID' }], null)).rejects.toMatchObject({ code: 'LINE_NOT_IN_BATCH' });
    // The next batch takes the failed line only, never the unknown one.
    const next = (await batches.createBatch(today, `receipt-next-${Math.random()}`))!;
    expect(next.batch).toMatchObject({ count: 1, totalFen: 200_000 });
    // Reconciliation: the bank confirms the unknown line was paid.
    batch = await batches.recordReceipt(made.batch.id, [{ instructionId: b.id, outcome: 'PAID', bankRef: 'BK002' }], null);
    expect(batch.status).toBe('RECEIPTED');
    const receipts = await db.query(`SELECT outcome FROM subsidy_receipts WHERE instruction_id = $1 ORDER BY recorded_at, id`, [b.id]);
    expect(receipts.map((r: any) => r.outcome).sort()).toEqual(['PAID', 'UNKNOWN']);
  });

  it('the bank file: one row per payee, a person masked, totals in yuan from fen; the file name comes from the batch id', async () => {
    await drain();
    const person = await w.seekerAccount();
    const t = await w.tenant('北疆云联客服有限公司');
    const p = await approvedClaim(db, {
      item: 'ITEM_13',
      partyKind: 'PERSON',
      partyId: person.seekerId,
      partyName: '王晓燕',
      lines: [{ amountFen: 3_500_000 }],
    });
    const c = await approvedClaim(db, {
      item: 'ITEM_16',
      tenantId: t.tenantId,
      partyId: t.tenantId,
      partyName: t.name,
      lines: [{ amountFen: 500_000 }, { amountFen: 100_000 }],
    });
    await plan(p.claimId);
    await plan(c.claimId);
    const made = (await batches.createBatch(today, `file-${Math.random()}`))!;
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (b) => chunks.push(b));
    await batches.writeBankFile(made.batch.id, out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as any);
    const rows = wb.worksheets[0]
      .getSheetValues()
      .filter(Boolean)
      .map((r: any) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['序号', '收款方类型', '收款方', '收款方编号', '笔数', '应付金额（元）', '抵扣追回（元）', '实付金额（元）', '用途']);
    const body = rows.slice(1, -1);
    expect(body).toHaveLength(2);
    expect(body).toEqual(
      expect.arrayContaining([
        expect.arrayContaining(['个人', '王**', person.seekerId, 1, '35000.00', '0.00', '35000.00']),
        expect.arrayContaining(['企业', '北疆云联客服有限公司', t.tenantId, 2, '6000.00', '0.00', '6000.00']),
      ]),
    );
    expect(rows[rows.length - 1].slice(0, 8)).toEqual(['合计', undefined, undefined, undefined, 3, '41000.00', '0.00', '41000.00']);
    expect(JSON.stringify(rows)).not.toContain('王晓燕');
  });

  it('stop facts: item 9 ends when the person is hired, item 14 when the student leaves school — only what is not yet due', async () => {
    const hired = await w.seekerAccount();
    const nine = await approvedClaim(db, {
      item: 'ITEM_09',
      partyKind: 'PERSON',
      partyId: hired.seekerId,
      lines: [{ amountFen: 300_000, seekerId: hired.seekerId, facts: { months: 6 } }],
    });
    await plan(nine.claimId);
    const student = await w.seekerAccount();
    const schoolId = await w.school();
    const linkId = await w.schoolLink(student.seekerId, schoolId, 'CONFIRMED');
    const fourteen = await approvedClaim(db, {
      item: 'ITEM_14',
      partyKind: 'PERSON',
      partyId: student.seekerId,
      lines: [{ amountFen: 200_000, seekerId: student.seekerId, facts: { months: 4, schoolId } }],
    });
    await plan(fourteen.claimId);
    // Nothing has happened yet: the sweep stops nothing.
    let r = await sweeps.sweep(today);
    expect((await instructions(nine.claimId)).filter((x: any) => x.status === 'CANCELLED')).toHaveLength(0);
    // The person is hired today; the student's link is no longer confirmed.
    const t = await w.tenant();
    await w.hire(t.tenantId, hired.seekerId);
    await db.query(`UPDATE seeker_schools SET status = 'DECLINED' WHERE id = $1`, [linkId]);
    r = await sweeps.sweep(today);
    expect(r.stoppedHired).toBe(5);
    expect(r.stoppedLeftSchool).toBe(3);
    expect((await instructions(nine.claimId)).map((x: any) => [x.status, x.status_reason])).toEqual([
      ['DUE', null],
      ...Array(5).fill(['CANCELLED', 'STOP_HIRED']),
    ]);
    expect((await instructions(fourteen.claimId)).map((x: any) => x.status)).toEqual(['DUE', 'CANCELLED', 'CANCELLED', 'CANCELLED']);
    // Again: nothing more.
    r = await sweeps.sweep(today);
    expect(r.stoppedHired + r.stoppedLeftSchool).toBe(0);
  });

  it('item 16: a termination on day 364 claws the paid reward back with the reason; on day 365 it does not; the recovery is offset against the next payout', async () => {
    await drain();
    const t = await w.tenant();
    const early = await w.seekerAccount();
    const late = await w.seekerAccount();
    const h1 = await w.hire(t.tenantId, early.seekerId);
    const h2 = await w.hire(t.tenantId, late.seekerId);
    const start = addDays(today, -400);
    await db.query(`UPDATE hires SET contract_start = $2, contract_months = 24 WHERE id = ANY($1::uuid[])`, [[h1.hireId, h2.hireId], start]);
    const c = await approvedClaim(db, {
      item: 'ITEM_16',
      tenantId: t.tenantId,
      partyId: t.tenantId,
      lines: [
        { amountFen: 500_000, hireId: h1.hireId, seekerId: early.seekerId },
        { amountFen: 100_000, hireId: h2.hireId, seekerId: late.seekerId },
      ],
    });
    await plan(c.claimId);
    const paid = (await batches.createBatch(today, `clawback-${Math.random()}`))!;
    await batches.recordReceipt(
      paid.batch.id,
      (await instructions(c.claimId)).map((i: any) => ({ instructionId: i.id, outcome: 'PAID' as const })),
      null,
    );
    await db.query(`UPDATE hires SET terminated_on = $2, termination_reason = '个人原因辞职' WHERE id = $1`, [h1.hireId, addDays(start, 364)]);
    await db.query(`UPDATE hires SET terminated_on = $2, termination_reason = '合同期满前协商解除' WHERE id = $1`, [h2.hireId, addDays(start, 365)]);
    const r = await sweeps.sweep(today);
    expect(r.recoveriesDue).toBe(1);
    const [rec] = (await recoveries.list({ first: 100, offset: 0 })).items.filter((x) => x.hireId === h1.hireId);
    expect(rec).toMatchObject({
      item: 'ITEM_16',
      amountFen: 500_000,
      reasonCode: 'CONTRACT_TERMINATED',
      reason: '个人原因辞职',
      terminatedOn: addDays(start, 364),
      status: 'DUE',
    });
    expect((await recoveries.list({ first: 100, offset: 0 })).items.filter((x) => x.hireId === h2.hireId)).toHaveLength(0);
    expect((await sweeps.sweep(today)).recoveriesDue).toBe(0);
    // The company's next payout: the recovery is offset in its batch (gross stays the approved amount; net is reduced).
    const next = await approvedClaim(db, { item: 'ITEM_12', tenantId: t.tenantId, partyId: t.tenantId, lines: [{ amountFen: 600_000 }] });
    await plan(next.claimId);
    const offsetBatch = (await batches.createBatch(today, `offset-${Math.random()}`))!;
    expect(offsetBatch.batch).toMatchObject({ totalFen: 600_000, offsetFen: 500_000 });
    const [after] = (await recoveries.list({ first: 100, offset: 0 })).items.filter((x) => x.id === rec.id);
    expect(after).toMatchObject({ status: 'OFFSET', offsetBatchId: offsetBatch.batch.id });
    await expect(recoveries.settle(rec.id, 'WAIVED', '误报', (await w.tenant()).hrUserId)).rejects.toMatchObject({ code: 'RECOVERY_SETTLED' });
  });

  it('a recovery the bureau settles by hand: recovered or waived, with a reason', async () => {
    const t = await w.tenant();
    const s = await w.seekerAccount();
    const h = await w.hire(t.tenantId, s.seekerId);
    await db.query(`UPDATE hires SET contract_start = $2 WHERE id = $1`, [h.hireId, addDays(today, -100)]);
    const c = await approvedClaim(db, { item: 'ITEM_16', tenantId: t.tenantId, partyId: t.tenantId, lines: [{ amountFen: 100_000, hireId: h.hireId }] });
    await plan(c.claimId);
    await drain();
    await db.query(`UPDATE hires SET terminated_on = $2, termination_reason = '试用期不合格' WHERE id = $1`, [h.hireId, addDays(today, -1)]);
    await sweeps.sweep(today);
    const [rec] = (await recoveries.list({ first: 100, offset: 0 }, 'DUE')).items.filter((x) => x.hireId === h.hireId);
    expect(rec.amountFen).toBe(100_000);
    await expect(recoveries.settle(rec.id, 'WAIVED', '  ', t.hrUserId)).rejects.toBeInstanceOf(PayoutsException);
    const done = await recoveries.settle(rec.id, 'RECOVERED', '企业已退回 1000 元', t.hrUserId);
    expect(done).toMatchObject({ status: 'RECOVERED', settleReason: '企业已退回 1000 元' });
    const audit = await db.query(`SELECT kind FROM subsidy_audit_log WHERE chain = 'payouts' AND payload->>'recoveryId' = $1 ORDER BY seq`, [rec.id]);
    expect(audit.map((a: any) => a.kind)).toEqual(['recovery.due', 'recovery.recovered']);
  });

  it('item 11: the award is held for the retention year — not awarded after a termination inside it, released when the year is over', async () => {
    const t = await w.tenant();
    const [a, b] = [await w.seekerAccount(), await w.seekerAccount()];
    const ha = await w.hire(t.tenantId, a.seekerId);
    const hb = await w.hire(t.tenantId, b.seekerId);
    const start = addDays(today, -30);
    await db.query(`UPDATE hires SET contract_start = $2 WHERE id = ANY($1::uuid[])`, [[ha.hireId, hb.hireId], start]);
    const c = await approvedClaim(db, {
      item: 'ITEM_11',
      tenantId: t.tenantId,
      partyId: t.tenantId,
      lines: [
        { amountFen: 50_000, hireId: ha.hireId },
        { amountFen: 50_000, hireId: hb.hireId },
      ],
    });
    await plan(c.claimId);
    expect((await instructions(c.claimId)).map((i: any) => [i.status, i.due_on])).toEqual([
      ['HELD', addDays(start, 365)],
      ['HELD', addDays(start, 365)],
    ]);
    // A held award is never batched.
    await drain();
    expect((await instructions(c.claimId)).every((i: any) => i.batch_id === null)).toBe(true);
    await db.query(`UPDATE hires SET terminated_on = $2, termination_reason = '个人原因' WHERE id = $1`, [ha.hireId, addDays(today, -1)]);
    expect((await sweeps.sweep(today)).notAwarded).toBe(1);
    // The year is over for the other: released.
    const r = await sweeps.sweep(addDays(start, 365));
    expect(r.released).toBeGreaterThanOrEqual(1);
    const rows = await db.query(`SELECT hire_id, status, status_reason FROM subsidy_payout_instructions WHERE claim_id = $1`, [c.claimId]);
    expect(rows.find((x: any) => x.hire_id === ha.hireId)).toMatchObject({ status: 'CANCELLED', status_reason: 'NOT_AWARDED_TERMINATED' });
    expect(rows.find((x: any) => x.hire_id === hb.hireId)).toMatchObject({ status: 'DUE', status_reason: 'RETAINED_ONE_YEAR' });
  });

  it('3/6/12-month retention checks of every subsidised hire, answered when their day comes', async () => {
    const t = await w.tenant();
    const [a, b] = [await w.seekerAccount(), await w.seekerAccount()];
    const ha = await w.hire(t.tenantId, a.seekerId);
    const hb = await w.hire(t.tenantId, b.seekerId);
    const start = '2026-01-31';
    await db.query(`UPDATE hires SET contract_start = $2 WHERE id = ANY($1::uuid[])`, [[ha.hireId, hb.hireId], start]);
    await db.query(`UPDATE hires SET terminated_on = '2026-05-15', termination_reason = '个人原因' WHERE id = $1`, [hb.hireId]);
    const c = await approvedClaim(db, {
      item: 'ITEM_12',
      tenantId: t.tenantId,
      partyId: t.tenantId,
      lines: [
        { amountFen: 140_000, hireId: ha.hireId },
        { amountFen: 140_000, hireId: hb.hireId },
      ],
    });
    await plan(c.claimId);
    await sweeps.afterPlanned(c.claimId);
    await sweeps.afterPlanned(c.claimId);
    const checks = async () =>
      db.query(
        `SELECT hire_id, months, to_char(due_on, 'YYYY-MM-DD') AS due_on, result FROM subsidy_retention_checks WHERE hire_id = ANY($1::uuid[]) ORDER BY hire_id = $2 DESC, months`,
        [[ha.hireId, hb.hireId], ha.hireId],
      );
    expect((await checks()).map((x: any) => [x.months, x.due_on])).toEqual([
      [3, '2026-04-30'],
      [6, '2026-07-31'],
      [12, '2027-01-31'],
      [3, '2026-04-30'],
      [6, '2026-07-31'],
      [12, '2027-01-31'],
    ]);
    await sweeps.sweep('2026-08-01');
    expect((await checks()).map((x: any) => x.result)).toEqual(['RETAINED', 'RETAINED', null, 'RETAINED', 'LEFT', null]);
  });
});
