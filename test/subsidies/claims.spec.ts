/**
 * Issue 10 §2 and §5 at service level against the real database: the claim state machine with four eyes, approval
 * limits, budgets, the pinned rule version, visibility, the publicity list's masking, the never-twice key, the nightly
 * proposal's idempotency at a fixed Clock, and the audit chain detecting a row edited by SQL.
 */
import { Actor, Clock, CryptoService, Role } from '@app/core';
import {
  BudgetService,
  ClaimCreateService,
  ClaimQueryService,
  ClaimService,
  ParameterService,
  ProposalService,
  SubsidiesModule,
  SubsidyAudit,
  SubsidyItem,
  SubsidyReasonCode,
  verifyChain,
} from '@app/subsidies';
import { actorOf, createServiceModule } from '@app/testing';
import { TestingModule } from '@nestjs/testing';
import { spawnSync } from 'child_process';
import { DataSource } from 'typeorm';
import { SubsidyWorld } from './subsidy-world';

const code = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'OK',
    (e) => e.reason ?? e.code ?? String(e),
  );

describe('subsidy claims: state machine, four eyes, limits, budgets, visibility, audit', () => {
  let module: TestingModule;
  let db: DataSource;
  let w: SubsidyWorld;
  let claims: ClaimService;
  let create: ClaimCreateService;
  let query: ClaimQueryService;
  let params: ParameterService;
  let budgets: BudgetService;
  let proposals: ProposalService;
  let audit: SubsidyAudit;
  let op: Actor;
  let reviewer: Actor;
  let approver: Actor;

  beforeAll(async () => {
    ({ module, db } = await createServiceModule([SubsidiesModule]));
    w = new SubsidyWorld(db, module.get(CryptoService), module.get(Clock));
    w.setNow('2026-07-10T10:00:00+08:00');
    claims = module.get(ClaimService);
    create = module.get(ClaimCreateService);
    query = module.get(ClaimQueryService);
    params = module.get(ParameterService);
    budgets = module.get(BudgetService);
    proposals = module.get(ProposalService);
    audit = module.get(SubsidyAudit);
    op = actorOf(await w.staff(Role.OPERATOR), Role.OPERATOR);
    reviewer = actorOf(await w.staff(Role.AUDITOR), Role.AUDITOR);
    approver = actorOf(await w.staff(Role.AUDITOR), Role.AUDITOR);
    await budgets.setApprovalLimit(op, approver.userId, 1_000_000);
    await budgets.setBudget(op, SubsidyItem.ITEM_16, 2026, 10_000_000);
  });
  afterAll(() => module?.close());

  /** A company with a verified poor-household hire (12 months, social insurance): item 16 → 5,000. */
  async function company(name = '张小明') {
    const t = await w.tenant();
    const hr = actorOf(t.hrUserId, Role.HR, { tenantId: t.tenantId });
    const p = await w.seekerAccount({ name });
    await w.verifyCategory(p.seekerId, 'POOR_HOUSEHOLD', 'BUREAU_LIST');
    const hireId = await w.hireOn(t.tenantId, p.seekerId, { start: '2026-03-01', months: 12 });
    return { t, hr, p, hireId };
  }

  async function recommended() {
    const c = await company();
    const id = await create.create(c.hr, { item: SubsidyItem.ITEM_16, hireIds: [c.hireId] });
    await claims.submit(c.hr, id);
    await claims.startReview(reviewer, id);
    await claims.recommend(reviewer, id);
    return { ...c, id };
  }

  it('walks DRAFT → SUBMITTED → IN_REVIEW → RECOMMENDED → APPROVED → PUBLICITY with an event and an audit row each', async () => {
    const { id, hr } = await recommended();
    const after = await claims.decide(approver, id, []);
    expect(after.status).toBe('PUBLICITY');
    expect(after.approved_fen).toBe('500000');
    expect(after.publicity_ends_on).toBe('2026-07-17'); // 5 working days after Friday 2026-07-10
    const events = await query.events(id);
    expect(events.map((e) => e.to)).toEqual(['DRAFT', 'SUBMITTED', 'IN_REVIEW', 'RECOMMENDED', 'APPROVED', 'PUBLICITY']);
    expect(events[1].actorId).toBe(hr.userId);
    expect(events[4].actorId).toBe(approver.userId);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM subsidy_audit_log WHERE chain = 'claims' AND payload->>'claimId' = $1`, [id]);
    expect(n).toBe(6);
    expect((await verifyChain(db, 'claims')).ok).toBe(true);
  });

  it('four eyes: the reviewer cannot approve; the submitter cannot recommend', async () => {
    const { id } = await recommended();
    expect(await code(claims.decide(reviewer, id, []))).toBe('FOUR_EYES');
    const c = await company();
    const id2 = await create.create(op, { item: SubsidyItem.ITEM_16, hireIds: [c.hireId], tenantId: c.t.tenantId });
    const auditorAsSubmitter = actorOf(await w.staff(Role.AUDITOR), Role.AUDITOR);
    // an auditor is not the party: only the company (or the service centre for institutions) submits
    expect(await code(claims.submit(auditorAsSubmitter, id2))).toBe('NOT_THE_PARTY');
  });

  it('approval limits and the yearly budget are enforced with clear messages', async () => {
    const { id } = await recommended();
    const noLimit = actorOf(await w.staff(Role.AUDITOR), Role.AUDITOR);
    expect(await code(claims.decide(noLimit, id, []))).toBe('NO_APPROVAL_LIMIT');
    const small = actorOf(await w.staff(Role.AUDITOR), Role.AUDITOR);
    await budgets.setApprovalLimit(op, small.userId, 499_999);
    await claims.decide(small, id, []).catch((e) => {
      expect(e.reason).toBe('OVER_APPROVAL_LIMIT');
      expect(e.messageZh ?? e.message).toBeDefined();
    });
    expect(await code(claims.decide(small, id, []))).toBe('OVER_APPROVAL_LIMIT');
    // budget: set item 16's budget for the Clock's year to within 4,999 yuan of what this claim asks. What counts as
    // used is what the service counts (approved in that year, Asia/Shanghai): other test files of the run approve
    // item-16 claims of their own in the same database.
    const [{ used }] = await db.query(
      `SELECT COALESCE(sum(approved_fen), 0)::bigint AS used FROM subsidy_claims
        WHERE item = 'ITEM_16' AND approved_fen IS NOT NULL AND status IN ('APPROVED','PARTIALLY_APPROVED','PUBLICITY','INVESTIGATING','SCHEDULED','PAID','CLOSED','SUSPENDED')
          AND extract(year FROM decided_at AT TIME ZONE 'Asia/Shanghai') = $1`,
      [2026],
    );
    await budgets.setBudget(op, SubsidyItem.ITEM_16, 2026, Number(used) + 499_900);
    const e = await claims.decide(approver, id, []).catch((x) => x);
    expect(e.reason).toBe('OVER_BUDGET');
    expect(e.messageZh ?? e.getResponse?.()?.messageZh ?? JSON.stringify(e)).toContain('预算剩余 4,999 元');
    await budgets.setBudget(op, SubsidyItem.ITEM_11, 2026, 0);
    await budgets.setBudget(op, SubsidyItem.ITEM_16, 2026, 10_000_000);
    expect((await claims.decide(approver, id, [])).status).toBe('PUBLICITY');
  });

  it('no budget set for the item and year → refused', async () => {
    const c = await company();
    const id = await create.create(c.hr, { item: SubsidyItem.ITEM_11, hireIds: [c.hireId] });
    // item 11 requires the cooperation agreement before submission
    expect(await code(claims.submit(c.hr, id))).toBe('EVIDENCE_MISSING');
  });

  it('partial approval per line needs a reason code; the parameter changed after submission does not change the pinned amount', async () => {
    const { id } = await recommended();
    // the bureau raises item 16's award with effect from a date before the hire, after the claim was submitted
    await params.set(op, { key: 'item16.poor_household_fen', effectiveFrom: '2026-01-01', value: 600_000, sourceClause: '测试：提高奖励标准' });
    const [line] = await claims.lines([id]);
    expect(line.amount_fen).toBe(500_000);
    expect(await code(claims.decide(approver, id, [{ lineId: line.id, approvedAmountFen: 400_000 }]))).toBe('LINE_REASON_REQUIRED');
    expect(await code(claims.decide(approver, id, [{ lineId: line.id, approvedAmountFen: 500_001 }]))).toBe('LINE_AMOUNT_INVALID');
    const after = await claims.decide(approver, id, [{ lineId: line.id, approvedAmountFen: 400_000, reasonCode: SubsidyReasonCode.AMOUNT_REDUCED }]);
    expect(after.status).toBe('PUBLICITY');
    const [l2] = await claims.lines([id]);
    expect(l2).toMatchObject({
      status: 'REDUCED',
      approved_amount_fen: 400_000,
      amount_fen: 500_000,
      reason_code: 'AMOUNT_REDUCED',
      rule_version: line.rule_version,
    });
    const events = await query.events(id);
    expect(events.map((e) => e.to)).toContain('PARTIALLY_APPROVED');
    // a new claim for another hire now uses the new value
    const c = await company();
    const id2 = await create.create(c.hr, { item: SubsidyItem.ITEM_16, hireIds: [c.hireId] });
    expect((await claims.lines([id2]))[0].amount_fen).toBe(600_000);
    await params.set(op, { key: 'item16.poor_household_fen', effectiveFrom: '2026-01-01', value: 500_000, sourceClause: '测试：恢复原标准' });
  });

  it('never twice: the same hire cannot be claimed again until the first claim is withdrawn', async () => {
    const c = await company();
    const id = await create.create(c.hr, { item: SubsidyItem.ITEM_16, hireIds: [c.hireId] });
    expect(await code(create.create(c.hr, { item: SubsidyItem.ITEM_16, hireIds: [c.hireId] }))).toBe('ALREADY_CLAIMED');
    // the unique index itself refuses a second open line for the same key
    const [l] = await claims.lines([id]);
    await expect(
      db.query(
        `INSERT INTO subsidy_claim_lines (claim_id, item, party_kind, person_hash, period, fact_date, amount_fen, status, rule_version, trace, created_at)
         VALUES ($1, 'ITEM_16', 'COMPANY', $2, 'ONCE', '2026-03-01', 1, 'OPEN', 'x', '[]', now())`,
        [id, l.person_hash],
      ),
    ).rejects.toThrow(/subsidy_claim_lines_once/);
    await claims.withdraw(c.hr, id);
    const again = await create.create(c.hr, { item: SubsidyItem.ITEM_16, hireIds: [c.hireId] });
    expect(again).not.toBe(id);
  });

  it('visibility: a company sees only its claims, another company and other people get NOT_FOUND, the bureau sees all', async () => {
    const a = await company();
    const b = await company();
    const id = await create.create(a.hr, { item: SubsidyItem.ITEM_16, hireIds: [a.hireId] });
    expect((await claims.visible(a.hr, id)).id).toBe(id);
    expect(await code(claims.visible(b.hr, id))).toBe('NOT_FOUND');
    const stranger = await w.seekerAccount();
    expect(await code(claims.visible(actorOf(stranger.userId!, Role.SEEKER), id))).toBe('NOT_FOUND');
    expect(await code(claims.submit(b.hr, id))).toBe('NOT_FOUND');
    expect((await claims.visible(reviewer, id)).id).toBe(id);
    const listB = await query.list(b.hr, {}, { first: 100, offset: 0 }, w.clock.now());
    expect(listB.items.map((c) => c.id)).not.toContain(id);
    const listA = await query.list(a.hr, {}, { first: 100, offset: 0 }, w.clock.now());
    expect(listA.items.every((c) => c.tenantId === a.t.tenantId)).toBe(true);
    // another company's hire named in a claim is as if absent
    expect(await code(create.create(b.hr, { item: SubsidyItem.ITEM_16, hireIds: [a.hireId] }))).toBe('NOTHING_ELIGIBLE');
  });

  it('a person sees only their own subsidies (item 9 living allowance)', async () => {
    const me = await w.seekerAccount({ name: '李四' });
    const other = await w.seekerAccount();
    const tr = await w.trainedPerson({ seekerId: me.seekerId, endsOn: '2026-03-10', sessions: 3, attended: 3, score: 80 });
    const meActor = actorOf(me.userId!, Role.SEEKER);
    const id = await create.create(meActor, { item: SubsidyItem.ITEM_09, enrolmentIds: [tr.enrolmentId] });
    expect((await claims.lines([id])).map((l) => l.period)).toEqual(['2026-04', '2026-05', '2026-06']);
    expect((await query.mine(meActor)).map((c) => c.id)).toContain(id);
    expect(await query.mine(actorOf(other.userId!, Role.SEEKER))).toEqual([]);
    expect(await code(claims.visible(actorOf(other.userId!, Role.SEEKER), id))).toBe('NOT_FOUND');
    expect(await code(create.create(actorOf(other.userId!, Role.SEEKER), { item: SubsidyItem.ITEM_09, enrolmentIds: [tr.enrolmentId] }))).toBe(
      'NOTHING_ELIGIBLE',
    );
  });

  it('the publicity list masks names; an objection puts the claim under investigation', async () => {
    const { id } = await recommended();
    await claims.decide(approver, id, []);
    const list = await query.publicity(100);
    const mine = list.filter((e) => e.claimId === id);
    expect(mine).toHaveLength(1);
    expect(mine[0].personLabel).toBe('张*明');
    expect(JSON.stringify(list)).not.toContain('张小明');
    const after = await claims.objectToLine(reviewer, mine[0].lineId, '群众来电反映该员工已离职');
    expect(after.status).toBe('INVESTIGATING');
    expect((await query.publicity(100)).find((e) => e.lineId === mine[0].lineId)!.objected).toBe(true);
  });

  it('return for correction with a deadline; resubmitting after it is refused; reject and appeal reopen the review', async () => {
    const c = await company();
    const id = await create.create(c.hr, { item: SubsidyItem.ITEM_16, hireIds: [c.hireId] });
    await claims.submit(c.hr, id);
    await claims.startReview(reviewer, id);
    expect(await code(claims.returnForCorrection(reviewer, id, SubsidyReasonCode.EVIDENCE_MISSING, '2026-07-10'))).toBe('RETURN_DEADLINE_INVALID');
    const r = await claims.returnForCorrection(reviewer, id, SubsidyReasonCode.EVIDENCE_MISSING, '2026-07-20', '请补充社保缴费证明');
    expect(r).toMatchObject({ status: 'RETURNED', returned_reason: 'EVIDENCE_MISSING', return_deadline: '2026-07-20' });
    w.clock.advance(11 * 86_400_000); // 2026-07-21
    expect(await code(claims.submit(c.hr, id))).toBe('RETURN_DEADLINE_PASSED');
    w.setNow('2026-07-10T10:00:00+08:00');
    await claims.submit(c.hr, id);
    await claims.startReview(reviewer, id);
    await claims.recommend(reviewer, id);
    expect(await code(claims.reject(reviewer, id, SubsidyReasonCode.NOT_ELIGIBLE, '不符合'))).toBe('FOUR_EYES');
    const rej = await claims.reject(approver, id, SubsidyReasonCode.FACTS_MISMATCH, '合同与社保记录不符');
    expect(rej.status).toBe('REJECTED');
    expect((await claims.lines([id]))[0].status).toBe('REJECTED');
    expect(await code(claims.appeal(c.hr, id, ''))).toBe('NOTE_REQUIRED');
    const ap = await claims.appeal(c.hr, id, '已补充社保记录，请复核');
    expect(ap).toMatchObject({ status: 'IN_REVIEW', reviewer_id: null });
    expect((await claims.lines([id]))[0].status).toBe('OPEN');
    expect(await code(claims.withdraw(c.hr, id))).toBe('OK');
    expect(await code(claims.recommend(reviewer, id))).toBe('INVALID_TRANSITION');
  });

  it('the nightly proposal creates DRAFT claims for the parties entitled, and a re-run at the same Clock adds nothing', async () => {
    w.setNow('2026-07-31T23:50:00+08:00');
    const c = await company('王五');
    const t2 = await w.tenant();
    const p2 = await w.seekerAccount();
    await w.trainedPerson({
      seekerId: p2.seekerId,
      sponsorTenantId: t2.tenantId,
      endsOn: '2026-07-31',
      sessions: 5,
      attended: 4,
      score: 88,
      level: 'TECHNICIAN',
    });
    const first = await proposals.evaluateNow();
    expect(first.asOf).toBe('2026-07-31');
    const mineA = await query.list(c.hr, { status: 'DRAFT' as never }, { first: 100, offset: 0 }, w.clock.now());
    expect(mineA.items.filter((x) => x.origin === 'PROPOSAL').map((x) => [x.item, x.claimedFen])).toEqual([['ITEM_16', 500_000]]);
    const hr2 = actorOf(t2.hrUserId, Role.HR, { tenantId: t2.tenantId });
    const mineB = await query.list(hr2, {}, { first: 100, offset: 0 }, w.clock.now());
    expect(mineB.items.map((x) => [x.item, x.claimedFen, x.status])).toEqual([['ITEM_12', 160_000, 'DRAFT']]);
    const count = async () => (await db.query(`SELECT count(*)::int AS n FROM subsidy_claim_lines`))[0].n as number;
    const before = await count();
    const again = await proposals.evaluateNow();
    expect(again).toMatchObject({ claimsCreated: 0, linesCreated: 0 });
    expect(await count()).toBe(before);
    w.setNow('2026-07-10T10:00:00+08:00');
  });

  it('the double-dipping report lists a person in claims of two companies', async () => {
    const p = await w.seekerAccount({ name: '赵六' });
    await w.verifyCategory(p.seekerId, 'POOR_HOUSEHOLD', 'BUREAU_LIST');
    const a = await w.tenant();
    const b = await w.tenant();
    const h1 = await w.hireOn(a.tenantId, p.seekerId, { start: '2025-01-05', months: 12, terminatedOn: '2026-01-10' });
    const h2 = await w.hireOn(b.tenantId, p.seekerId, { start: '2026-02-01', months: 12 });
    await create.create(actorOf(a.hrUserId, Role.HR, { tenantId: a.tenantId }), { item: SubsidyItem.ITEM_16, hireIds: [h1] });
    await create.create(actorOf(b.hrUserId, Role.HR, { tenantId: b.tenantId }), { item: SubsidyItem.ITEM_11, hireIds: [h2] });
    const rows = await query.doubleDipping(100);
    const row = rows.find((r) => r.personLabel === '赵*');
    expect(row).toBeDefined();
    expect(row!.reasons).toEqual(['MULTIPLE_ITEMS', 'MULTIPLE_COMPANIES', 'MULTIPLE_YEARS']);
    expect(row!.claims.map((x) => [x.item, x.factDate])).toEqual([
      ['ITEM_16', '2025-01-05'],
      ['ITEM_11', '2026-02-01'],
    ]);
    // the same person under the same item again (another company): never twice
    const hrB = actorOf(b.hrUserId, Role.HR, { tenantId: b.tenantId });
    expect(await code(create.create(hrB, { item: SubsidyItem.ITEM_16, hireIds: [h2] }))).toBe('ALREADY_CLAIMED');
    // item 16 for a hire that has an item-11 line: declared not combinable
    const q = await w.seekerAccount();
    await w.verifyCategory(q.seekerId, 'POOR_HOUSEHOLD', 'BUREAU_LIST');
    const h3 = await w.hireOn(b.tenantId, q.seekerId, { start: '2026-02-01', months: 12 });
    await create.create(hrB, { item: SubsidyItem.ITEM_11, hireIds: [h3] });
    expect(await code(create.create(hrB, { item: SubsidyItem.ITEM_16, hireIds: [h3] }))).toBe('NOT_COMBINABLE');
  });

  it('audit chain: appended under a lock, verified; a row edited by SQL breaks it at that row (also through npm run audit:verify)', async () => {
    const ok = await verifyChain(db, 'claims');
    expect(ok.ok).toBe(true);
    expect(ok.rows).toBeGreaterThan(20);
    const head = await audit.head('claims');
    expect(head!.hash).toBe(ok.head);
    await db.query(`UPDATE subsidy_audit_log SET payload = jsonb_set(payload, '{note}', '"篡改"') WHERE chain = 'claims' AND seq = 5`);
    const bad = await verifyChain(db, 'claims');
    expect(bad).toMatchObject({ ok: false, brokenAt: { seq: 5, reason: 'HASH' }, rows: 4 });
    const run = spawnSync('npx', ['ts-node', '-r', 'tsconfig-paths/register', '-T', 'tools/audit-verify.ts'], {
      env: { ...process.env },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stdout).toContain('claims: BROKEN at seq 5 (HASH)');
    expect(run.stdout).toMatch(/parameters: OK, \d+ rows/);
    expect(run.status).toBe(2);
  }, 150_000);
});
