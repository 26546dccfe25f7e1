/**
 * The bureau's payout desk over GraphQL and REST (issue 10 §3–4), against the real API: batches, the bank file
 * download (AUDITOR only), receipts, recoveries, retention checks; errors in zh-CN and English; other roles refused.
 */
import { Clock, CryptoService, Role, shanghaiDate } from '@app/core';
import { addDays, PayoutPlanner, PayoutSweepService } from '@app/subsidies';
import { createTestApi, insertStaff, signInStaff, tenantWithHr, TestApi, useIsolatedDatabase } from '@app/testing';
import * as ExcelJS from 'exceljs';
import { World } from '../architecture/world';
import { approvedClaim } from './payout-world';

describe('payout desk over GraphQL and REST (real API, PostgreSQL, Redis)', () => {
  let api: TestApi;
  let dropDatabase: () => Promise<void>;
  let auditor: string;
  let operatorToken: string;
  let hr: { tenantId: string; hrToken: string };
  let w: World;
  let today: string;

  beforeAll(async () => {
    dropDatabase = await useIsolatedDatabase(); // batches take every due payout: no other file's claims here
    api = await createTestApi();
    const a = await insertStaff(api, Role.AUDITOR);
    auditor = await signInStaff(api, a.username, a.password);
    const o = await insertStaff(api, Role.OPERATOR);
    operatorToken = await signInStaff(api, o.username, o.password);
    hr = await tenantWithHr(api);
    w = new World(api.db, api.app.get(CryptoService), api.app.get(Clock));
    today = shanghaiDate(api.clock.now());
  });
  afterAll(async () => {
    await api.close();
    await dropDatabase();
  });

  const plan = (claimId: string) => api.db.transaction((m) => api.app.get(PayoutPlanner, { strict: false }).planApproved(m, claimId));
  const BATCH = `id status totalFen offsetFen netFen count payeeCount fileName dueThrough instructions { id item payeeKind payeeName amountFen status instalmentNo instalments }`;

  it('the bureau batches what is due, downloads the bank file, records the receipt; HR and seekers are refused', async () => {
    const person = await w.seekerAccount();
    const p = await approvedClaim(api.db, {
      item: 'ITEM_09',
      partyKind: 'PERSON',
      partyId: person.seekerId,
      partyName: '王晓燕',
      lines: [{ amountFen: 150_000, seekerId: person.seekerId, facts: { months: 3 } }],
    });
    const c = await approvedClaim(api.db, {
      item: 'ITEM_16',
      status: 'SCHEDULED',
      tenantId: hr.tenantId,
      partyId: hr.tenantId,
      partyName: '北疆云联客服',
      lines: [{ amountFen: 500_000 }],
    });
    await plan(p.claimId);
    await plan(c.claimId);

    // Refused before anything happens.
    const refused = await api.gql(`mutation { createSubsidyPaymentBatch { id } }`, {}, hr.hrToken);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(`{ subsidyPaymentBatches(first: 5) { total } }`, {}, hr.hrToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const made = (await api.ok(`mutation { createSubsidyPaymentBatch { ${BATCH} } }`, {}, auditor)).createSubsidyPaymentBatch;
    expect(made).toMatchObject({
      status: 'DRAFT',
      totalFen: 550_000,
      offsetFen: 0,
      netFen: 550_000,
      count: 2,
      payeeCount: 2,
      dueThrough: today,
      fileName: `WLCB-SUBSIDY-BATCH-${made.id}.xlsx`,
    });
    const personLine = made.instructions.find((i: any) => i.payeeKind === 'PERSON');
    expect(personLine).toMatchObject({ item: 'ITEM_09', payeeName: '王**', amountFen: 50_000, status: 'BATCHED', instalmentNo: 1, instalments: 3 });
    expect(JSON.stringify(made)).not.toContain('王晓燕');

    // Nothing more is due: a clear error, zh-CN and English.
    const none = await api.gql(`mutation { createSubsidyPaymentBatch { id } }`, {}, operatorToken);
    expect(none.errors?.[0]).toMatchObject({ message: '当前没有到期待支付的补贴', extensions: { code: 'NOTHING_DUE', messageEn: 'No payout is due' } });

    // The bank file: HR gets 403, an unknown batch 404, the auditor the xlsx (and the batch is SENT).
    const path = `/subsidies/payment-batches/${made.id}/bank-file.xlsx`;
    expect((await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${hr.hrToken}` } })).status).toBe(403);
    expect(
      (
        await fetch(`${api.url}/subsidies/payment-batches/00000000-0000-4000-8000-000000000000/bank-file.xlsx`, {
          headers: { authorization: `Bearer ${auditor}` },
        })
      ).status,
    ).toBe(404);
    const res = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain(made.fileName);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as any);
    const sheet = wb.worksheets[0];
    expect(sheet.rowCount).toBe(4); // header, two payees, total
    expect(sheet.getRow(4).getCell(8).value).toBe('5500.00');
    expect((await api.ok(`query($id: ID!) { subsidyPaymentBatch(id: $id) { status } }`, { id: made.id }, auditor)).subsidyPaymentBatch.status).toBe('SENT');

    // The receipt: the operator may not record it; a line twice is refused; then both PAID → RECEIPTED.
    const lines = made.instructions.map((i: any) => ({ instructionId: i.id, outcome: 'PAID', bankRef: `BK-${i.id.slice(0, 6)}` }));
    const RECORD = `mutation($i: RecordSubsidyReceiptInput!) { recordSubsidyReceipt(input: $i) { status netFen } }`;
    expect((await api.gql(RECORD, { i: { batchId: made.id, lines } }, operatorToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const twice = await api.gql(RECORD, { i: { batchId: made.id, lines: [lines[0], lines[0]] } }, auditor);
    expect(twice.errors?.[0]).toMatchObject({ message: '第2条回单明细重复', extensions: { code: 'DUPLICATE_RECEIPT_LINE', field: 'lines' } });
    expect((await api.ok(RECORD, { i: { batchId: made.id, lines } }, auditor)).recordSubsidyReceipt).toEqual({ status: 'RECEIPTED', netFen: 550_000 });
    // The company's claim (one payment) is now PAID, with its event; the person's (two instalments still to come) is not.
    const status = async (id: string) => (await api.db.query(`SELECT status FROM subsidy_claims WHERE id = $1`, [id]))[0].status;
    expect(await status(c.claimId)).toBe('PAID');
    expect(await status(p.claimId)).toBe('APPROVED');
    expect(await api.db.query(`SELECT from_status, to_status FROM subsidy_claim_events WHERE claim_id = $1`, [c.claimId])).toEqual([
      { from_status: 'SCHEDULED', to_status: 'PAID' },
    ]);
    const page = (await api.ok(`{ subsidyPaymentBatches(first: 10) { total items { id status } } }`, {}, operatorToken)).subsidyPaymentBatches;
    expect(page).toEqual({ total: 1, items: [{ id: made.id, status: 'RECEIPTED' }] });
  });

  it('a clawback appears among the recoveries and the bureau waives it with a reason; retention checks are listed', async () => {
    const s = await w.seekerAccount();
    const h = await w.hire(hr.tenantId, s.seekerId);
    await api.db.query(`UPDATE hires SET contract_start = $2 WHERE id = $1`, [h.hireId, addDays(today, -200)]);
    const c = await approvedClaim(api.db, {
      item: 'ITEM_16',
      tenantId: hr.tenantId,
      partyId: hr.tenantId,
      lines: [{ amountFen: 500_000, hireId: h.hireId, seekerId: s.seekerId }],
    });
    await plan(c.claimId);
    const sweeps = api.app.get(PayoutSweepService, { strict: false });
    await sweeps.afterPlanned(c.claimId);
    await api.ok(`mutation { createSubsidyPaymentBatch { id } }`, {}, auditor);
    await api.db.query(`UPDATE hires SET terminated_on = $2, termination_reason = '个人原因辞职' WHERE id = $1`, [h.hireId, addDays(today, -10)]);
    await sweeps.sweep(today);
    const recs = (
      await api.ok(`{ subsidyRecoveries(first: 10, status: DUE) { total items { id item amountFen reasonCode reason status hireId } } }`, {}, auditor)
    ).subsidyRecoveries;
    expect(recs.items).toEqual([
      expect.objectContaining({
        item: 'ITEM_16',
        amountFen: 500_000,
        reasonCode: 'CONTRACT_TERMINATED',
        reason: '个人原因辞职',
        status: 'DUE',
        hireId: h.hireId,
      }),
    ]);
    const SETTLE = `mutation($i: SettleSubsidyRecoveryInput!) { settleSubsidyRecovery(input: $i) { status settleReason } }`;
    expect((await api.gql(SETTLE, { i: { id: recs.items[0].id, outcome: 'WAIVED', reason: '企业破产清算' } }, hr.hrToken)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await api.ok(SETTLE, { i: { id: recs.items[0].id, outcome: 'WAIVED', reason: '企业破产清算' } }, auditor)).settleSubsidyRecovery).toEqual({
      status: 'WAIVED',
      settleReason: '企业破产清算',
    });
    const again = await api.gql(SETTLE, { i: { id: recs.items[0].id, outcome: 'RECOVERED', reason: '重复' } }, auditor);
    expect(again.errors?.[0]).toMatchObject({ message: '该追回记录已处理', extensions: { code: 'RECOVERY_SETTLED' } });
    const checks = (await api.ok(`{ subsidyRetentionChecks(first: 10) { total items { hireId months result terminatedOn } } }`, {}, operatorToken))
      .subsidyRetentionChecks;
    expect(checks.items.filter((x: any) => x.hireId === h.hireId).map((x: any) => [x.months, x.result, x.terminatedOn])).toEqual(
      expect.arrayContaining([
        [3, 'RETAINED', null],
        [6, 'RETAINED', null], // the termination came on day 190, after the 6-month check (day ≤ 184)
        [12, null, null],
      ]),
    );
  });
  it('a paid claim is closed (办结) once its retention year is over — not before, and only once', async () => {
    const status = async (id: string) => (await api.db.query(`SELECT status FROM subsidy_claims WHERE id = $1`, [id]))[0].status;
    const sweeps = api.app.get(PayoutSweepService, { strict: false });
    const claimFor = async (startedDaysAgo: number) => {
      const s = await w.seekerAccount();
      const h = await w.hire(hr.tenantId, s.seekerId);
      await api.db.query(`UPDATE hires SET contract_start = $2 WHERE id = $1`, [h.hireId, addDays(today, -startedDaysAgo)]);
      const c = await approvedClaim(api.db, {
        item: 'ITEM_16',
        status: 'SCHEDULED',
        tenantId: hr.tenantId,
        partyId: hr.tenantId,
        lines: [{ amountFen: 500_000, hireId: h.hireId, seekerId: s.seekerId }],
      });
      await plan(c.claimId);
      await sweeps.afterPlanned(c.claimId);
      return c.claimId;
    };
    const overAYear = await claimFor(400); // the 12-month check fell due 35 days ago
    const recent = await claimFor(100);
    const made = (await api.ok(`mutation { createSubsidyPaymentBatch { id instructions { id } } }`, {}, auditor)).createSubsidyPaymentBatch;
    const lines = made.instructions.map((i: any) => ({ instructionId: i.id, outcome: 'PAID', bankRef: `BK-${i.id.slice(0, 6)}` }));
    await api.ok(`mutation($i: RecordSubsidyReceiptInput!) { recordSubsidyReceipt(input: $i) { status } }`, { i: { batchId: made.id, lines } }, auditor);
    expect([await status(overAYear), await status(recent)]).toEqual(['PAID', 'PAID']);

    const first = await sweeps.sweep(today);
    expect([await status(overAYear), await status(recent)]).toEqual(['CLOSED', 'PAID']);
    expect(first.closed).toBeGreaterThanOrEqual(1);
    expect(await api.db.query(`SELECT from_status, to_status FROM subsidy_claim_events WHERE claim_id = $1 ORDER BY id`, [overAYear])).toEqual([
      { from_status: 'SCHEDULED', to_status: 'PAID' },
      { from_status: 'PAID', to_status: 'CLOSED' },
    ]);
    expect((await sweeps.sweep(today)).closed).toBe(0);
    expect(await status(recent)).toBe('PAID');

    // The claim list as a spreadsheet, with the desk's filters: the bureau and the service centre only.
    const get = (q: string, token: string) => fetch(`${api.url}/subsidies/claims.xlsx${q}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await get('?status=CLOSED', hr.hrToken)).status).toBe(403);
    const bad = await get('?status=DONE', auditor);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('筛选条件无效：status');
    const res = await get('?status=CLOSED', operatorToken);
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition')!)).toContain(`补贴申报清单-已办结-${today.replace(/-/g, '')}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as any);
    const rows = wb.worksheets[0].getSheetValues().slice(1) as unknown[][];
    const closed: Array<{ id: string }> = await api.db.query(`SELECT id FROM subsidy_claims WHERE status = 'CLOSED' ORDER BY created_at, id`);
    expect(rows.map((r) => r[1])).toEqual(['申报编号', ...closed.map((c) => c.id)]);
    const mine = rows.find((r) => r[1] === overAYear)!;
    expect(mine.slice(2, 9)).toEqual(['第16条 吸纳就业一次性奖励', '企业', expect.any(String), '已办结', '手工申报', '5000.00', '5000.00']);
  });

  it("every list of the desk downloads as xlsx with the page's rows: recoveries, retention checks, batches, double-dipping", async () => {
    const sheet = async (path: string, name: RegExp) => {
      const res = await fetch(`${api.url}/subsidies/${path}`, { headers: { authorization: `Bearer ${auditor}` } });
      expect(res.status).toBe(200);
      expect(decodeURIComponent(res.headers.get('content-disposition')!)).toMatch(name);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await res.arrayBuffer()) as any);
      return (wb.worksheets[0].getSheetValues().slice(1) as unknown[][]).map((r) => r.slice(1));
    };
    const day = today.replace(/-/g, '');
    const company = (await api.db.query(`SELECT name FROM tenants WHERE id = $1`, [hr.tenantId]))[0].name;

    // Recoveries, filtered like the page: the waived one of the test above, the company by name, the reasons.
    const waived = await sheet('recoveries.xlsx?status=WAIVED', new RegExp(`补贴追回清单-免于追回-${day}\\.xlsx`));
    expect(waived).toEqual([
      ['补贴事项', '追回对象类型', '追回对象', '金额（元）', '解除合同日期', '原因', '状态', '处理时间', '处理说明', '产生时间'],
      [
        '第16条 吸纳就业一次性奖励',
        '企业',
        company,
        '5000.00',
        addDays(today, -10),
        '个人原因辞职',
        '免于追回',
        expect.any(String),
        '企业破产清算',
        expect.any(String),
      ],
    ]);
    const bad = await fetch(`${api.url}/subsidies/recoveries.xlsx?status=GONE`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('筛选条件无效：status');

    // Retention checks: every check the list has, with the company's name.
    const checks = (await api.ok(`{ subsidyRetentionChecks(first: 100) { total items { hireId months dueOn } } }`, {}, auditor)).subsidyRetentionChecks;
    const retention = await sheet('retention-checks.xlsx', new RegExp(`留任核查清单-${day}\\.xlsx`));
    expect(retention[0]).toEqual(['录用编号', '企业', '核查月数', '核查日', '结果', '解除合同日期', '核查时间']);
    expect(retention.slice(1).map((r) => [r[0], r[2], r[3]])).toEqual(checks.items.map((c: any) => [c.hireId, c.months, c.dueOn]));
    expect(retention.slice(1).every((r) => r[1] === company)).toBe(true);

    // Batches: the same rows as the page, amounts in yuan from fen.
    const batches = (await api.ok(`{ subsidyPaymentBatches(first: 100) { total items { id totalFen netFen } } }`, {}, auditor)).subsidyPaymentBatches;
    const batchRows = await sheet('payment-batches.xlsx', new RegExp(`补贴支付批次-${day}\\.xlsx`));
    expect(batchRows.slice(1).map((r) => [r[0], r[5], r[7]])).toEqual(
      batches.items.map((b: any) => [b.id, (b.totalFen / 100).toFixed(2), (b.netFen / 100).toFixed(2)]),
    );
    expect(batchRows.length - 1).toBe(batches.total);

    // Double-dipping: one person in two companies' claims → one row per claim line, the reason in Chinese, no ID number.
    const s = await w.seekerAccount({ name: '赵重复' });
    const other = await tenantWithHr(api);
    const a = await approvedClaim(api.db, {
      item: 'ITEM_16',
      tenantId: hr.tenantId,
      partyId: hr.tenantId,
      partyName: '甲公司',
      lines: [{ amountFen: 500_000, seekerId: s.seekerId }],
    });
    const b = await approvedClaim(api.db, {
      item: 'ITEM_16',
      tenantId: other.tenantId,
      partyId: other.tenantId,
      partyName: '乙公司',
      lines: [{ amountFen: 500_000, seekerId: s.seekerId }],
    });
    await api.db.query(`UPDATE subsidy_claim_lines SET person_hash = $2, person_label = '赵**' WHERE claim_id = ANY($1::uuid[])`, [
      [a.claimId, b.claimId],
      'f'.repeat(64),
    ]);
    const report = (await api.ok(`{ subsidyDoubleDipping(first: 100) { personKey reasonZh claims { claimId } } }`, {}, auditor)).subsidyDoubleDipping;
    const dips = await sheet('double-dipping.xlsx', new RegExp(`交叉重复享受报告-${day}\\.xlsx`));
    expect(dips.slice(1).map((r) => [r[1], r[2], r[9]])).toEqual(report.flatMap((p: any) => p.claims.map((c: any) => [p.personKey, p.reasonZh, c.claimId])));
    const mine = dips.filter((r) => r[1] === 'f'.repeat(12));
    expect(mine.map((r) => [r[0], r[4], r[7]])).toEqual([
      ['赵**', '甲公司', '5000.00'],
      ['赵**', '乙公司', '5000.00'],
    ]);
    expect(mine[0][2]).toContain('同一人员在多家单位申报');
    expect(JSON.stringify(dips)).not.toContain('赵重复');
  });
});
