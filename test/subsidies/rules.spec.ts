/**
 * Issue 10 §1: each rule, eligible and not, from facts recorded in the real test database (read through the other
 * contexts' read interfaces), with the parameters in force on the date of the fact that matters.
 */
import { Clock, CryptoService, Role } from '@app/core';
import {
  EntitlementService,
  evaluate,
  item08,
  item10,
  item13,
  item17,
  ParameterService,
  renderTrace,
  SubsidiesModule,
  SubsidyFactsReader,
  SubsidyItem,
} from '@app/subsidies';
import { actorOf, createServiceModule } from '@app/testing';
import { TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { SubsidyWorld } from './subsidy-world';

describe('subsidy rules (items 8–17) over recorded facts', () => {
  let module: TestingModule;
  let db: DataSource;
  let w: SubsidyWorld;
  let ents: EntitlementService;
  let facts: SubsidyFactsReader;
  let params: ParameterService;

  beforeAll(async () => {
    ({ module, db } = await createServiceModule([SubsidiesModule]));
    w = new SubsidyWorld(db, module.get(CryptoService), module.get(Clock));
    ents = module.get(EntitlementService);
    facts = module.get(SubsidyFactsReader);
    params = module.get(ParameterService);
  });
  afterAll(() => module?.close());

  async function item12For(o: {
    sessions: number;
    attended: number;
    score: number;
    level: 'ADVANCED_WORKER' | 'TECHNICIAN' | 'SENIOR_TECHNICIAN';
    endsOn: string;
  }) {
    const t = await w.tenant();
    const p = await w.seekerAccount();
    const tr = await w.trainedPerson({ seekerId: p.seekerId, sponsorTenantId: t.tenantId, ...o });
    const [e] = await ents.forTrainings(await facts.trainings({ enrolmentIds: [tr.enrolmentId] }), '2026-12-01', undefined, { items: [SubsidyItem.ITEM_12] });
    return { e, tr, t };
  }

  describe('item 12 skill upgrade', () => {
    it('attendance 16/20 (80%) and a pass as 技师 → 1,600 元, with the evidence rows in the trace', async () => {
      const { e, tr, t } = await item12For({ sessions: 20, attended: 16, score: 86, level: 'TECHNICIAN', endsOn: '2026-06-30' });
      expect(e.partyId).toBe(t.tenantId);
      expect(e.evaluation.eligible).toBe(true);
      expect(e.evaluation.amountFen).toBe(160_000);
      expect(e.evaluation.factDate).toBe('2026-06-30');
      const zh = renderTrace(e.evaluation.trace, true, e.evaluation.amountFen, 'zh');
      expect(zh).toContain('出勤 16/20 节（80%）≥ 80% ✓');
      expect(zh).toContain('考核 86 分 合格');
      expect(zh).toMatch(/技师证书 WLCB-PX-T-\w+ ✓ → 1,600 元$/);
      const att = e.evaluation.trace.find((n) => n.code === 'ATTENDANCE')!;
      expect(att.evidence![0].ids).toEqual(tr.sessionIds.slice(0, 16));
      expect(att.param).toMatchObject({ key: 'item12.min_attendance_pct', effectiveFrom: '2017-01-01' });
      expect(e.evaluation.trace.find((n) => n.code === 'ASSESSMENT')!.evidence![0].ids).toEqual([tr.assessmentId]);
    });

    it('attendance 15/19 (79%) is not enough', async () => {
      const { e } = await item12For({ sessions: 19, attended: 15, score: 90, level: 'TECHNICIAN', endsOn: '2026-06-30' });
      expect(e.evaluation.eligible).toBe(false);
      expect(e.evaluation.amountFen).toBe(0);
      expect(renderTrace(e.evaluation.trace, false, 0, 'zh')).toContain('出勤 15/19 节（78%）< 80% ✗');
    });

    it('高级工 1,400 and 高级技师 2,000', async () => {
      expect((await item12For({ sessions: 5, attended: 5, score: 70, level: 'ADVANCED_WORKER', endsOn: '2026-05-10' })).e.evaluation.amountFen).toBe(140_000);
      expect((await item12For({ sessions: 5, attended: 4, score: 95, level: 'SENIOR_TECHNICIAN', endsOn: '2026-05-10' })).e.evaluation.amountFen).toBe(200_000);
    });

    it('uses the parameter value in force on the assessment date, never today', async () => {
      const op = actorOf(await w.staff(Role.OPERATOR), Role.OPERATOR);
      await params.set(op, { key: 'item12.technician_fen', effectiveFrom: '2026-09-01', value: 180_000, sourceClause: '测试：调整后的技师补贴标准' });
      const before = await item12For({ sessions: 5, attended: 5, score: 80, level: 'TECHNICIAN', endsOn: '2026-08-31' });
      const after = await item12For({ sessions: 5, attended: 5, score: 80, level: 'TECHNICIAN', endsOn: '2026-09-01' });
      expect(before.e.evaluation.amountFen).toBe(160_000);
      expect(after.e.evaluation.amountFen).toBe(180_000);
      expect(after.e.evaluation.ruleVersion).toContain('item12.technician_fen=2026-09-01');
      // history kept: both rows are there
      const p = (await params.list()).find((x) => x.key === 'item12.technician_fen')!;
      expect(p.history.map((h) => h.value)).toEqual([180_000, 160_000]);
    });
  });

  describe('item 16 hiring reward (verified categories only)', () => {
    async function hired(o: { months: number; cat?: 'poor' | 'grad' | 'declared'; insurance?: string | null; terminatedOn?: string }) {
      const t = await w.tenant();
      const p = await w.seekerAccount();
      if (o.cat === 'poor') await w.verifyCategory(p.seekerId, 'POOR_HOUSEHOLD', 'BUREAU_LIST');
      if (o.cat === 'grad') {
        await w.verifyCategory(p.seekerId, 'GRADUATE', 'SCHOOL');
        await w.verifyCategory(p.seekerId, 'UNEMPLOYED', 'BUREAU_LIST');
      }
      if (o.cat === 'declared') await w.declareCategory(p.seekerId, 'POOR_HOUSEHOLD');
      const hireId = await w.hireOn(t.tenantId, p.seekerId, { start: '2026-03-01', months: o.months, insurance: o.insurance, terminatedOn: o.terminatedOn });
      const [e] = await ents.forHires(await facts.hires({ hireIds: [hireId] }), '2026-12-01');
      return e.evaluation;
    }

    it('a verified poor-household hire with a 12-month contract and social insurance → 5,000', async () => {
      const ev = await hired({ months: 12, cat: 'poor' });
      expect(ev).toMatchObject({ eligible: true, amountFen: 500_000, factDate: '2026-03-01' });
    });
    it('an 11-month contract is not enough', async () => {
      const ev = await hired({ months: 11, cat: 'poor' });
      expect(ev.eligible).toBe(false);
      expect(renderTrace(ev.trace, false, 0, 'zh')).toContain('劳动合同 11 个月 ≥ 12 个月（2026-03-01 起） ✗');
    });
    it('a registered-unemployed graduate → 1,000; a self-declared poor household → nothing', async () => {
      expect(await hired({ months: 24, cat: 'grad' })).toMatchObject({ eligible: true, amountFen: 100_000 });
      const declared = await hired({ months: 24, cat: 'declared' });
      expect(declared.eligible).toBe(false);
      expect(declared.trace[0].zh).toContain('无经核实');
    });
    it('no social insurance → not eligible', async () => {
      expect((await hired({ months: 12, cat: 'poor', insurance: null })).eligible).toBe(false);
    });
  });

  describe('item 11 per-trainee reward: a termination within the year voids it', () => {
    async function terminated(on: string | null) {
      const t = await w.tenant();
      const p = await w.seekerAccount();
      const hireId = await w.hireOn(t.tenantId, p.seekerId, { start: '2025-03-01', months: 24, terminatedOn: on });
      const [e] = await ents.forHires(await facts.hires({ hireIds: [hireId] }), '2026-12-01', undefined, { items: [SubsidyItem.ITEM_11] });
      return e.evaluation;
    }
    it('terminated on day 364 → 不予奖励; day 366 → awarded 500', async () => {
      const d364 = await terminated('2026-02-28');
      expect(d364.eligible).toBe(false);
      expect(d364.trace.find((n) => n.code === 'RETAINED')!.zh).toContain('在职 364 天 < 365 天');
      const d366 = await terminated('2026-03-02');
      expect(d366).toMatchObject({ eligible: true, amountFen: 50_000 });
    });
  });

  describe('item 9 living allowance, monthly until hired', () => {
    it('500 for each whole month after completion, up to the month the person is hired', async () => {
      const p = await w.seekerAccount();
      const tr = await w.trainedPerson({ seekerId: p.seekerId, endsOn: '2026-01-20', sessions: 3, attended: 3, score: 75 });
      const t = await w.tenant();
      await w.hireOn(t.tenantId, p.seekerId, { start: '2026-04-15', months: 12 });
      const list = await ents.forTrainings(await facts.trainings({ enrolmentIds: [tr.enrolmentId] }), '2026-12-01', undefined, {
        items: [SubsidyItem.ITEM_09],
      });
      expect(list.map((e) => [e.period, e.evaluation.eligible, e.evaluation.amountFen])).toEqual([
        ['2026-02', true, 50_000],
        ['2026-03', true, 50_000],
        ['2026-04', false, 0],
      ]);
    });
    it('a month is only claimed once it is over (asOf 2026-03-31 → February only)', async () => {
      const p = await w.seekerAccount();
      const tr = await w.trainedPerson({ seekerId: p.seekerId, endsOn: '2026-01-31', sessions: 3, attended: 3, score: 75 });
      const list = await ents.forTrainings(await facts.trainings({ enrolmentIds: [tr.enrolmentId] }), '2026-03-31', undefined, {
        items: [SubsidyItem.ITEM_09],
      });
      expect(list.map((e) => e.period)).toEqual(['2026-02']);
    });
  });

  describe('item 15 free training of a poor-household trainee (the institution)', () => {
    it('verified → 2,800 to the institution; unverified → not proposed', async () => {
      const p = await w.seekerAccount();
      await w.verifyCategory(p.seekerId, 'POOR_HOUSEHOLD', 'SERVICE_CENTRE');
      const tr = await w.trainedPerson({ seekerId: p.seekerId, endsOn: '2026-05-20', sessions: 5, attended: 4, score: 70 });
      const [e] = await ents.forTrainings(await facts.trainings({ enrolmentIds: [tr.enrolmentId] }), '2026-12-01', undefined, { items: [SubsidyItem.ITEM_15] });
      expect(e).toMatchObject({ partyKind: 'TRAINING_INSTITUTION', partyId: tr.institutionId });
      expect(e.evaluation).toMatchObject({ eligible: true, amountFen: 280_000 });
      const q = await w.seekerAccount();
      const tq = await w.trainedPerson({ seekerId: q.seekerId, endsOn: '2026-05-20', sessions: 5, attended: 5, score: 70 });
      expect(
        await ents.forTrainings(await facts.trainings({ enrolmentIds: [tq.enrolmentId] }), '2026-12-01', undefined, { items: [SubsidyItem.ITEM_15] }),
      ).toEqual([]);
    });
  });

  describe('declared-fact items (8, 10, 13, 17) with the seeded parameters', () => {
    it('item 8: 100–500 trained → 1,000,000; more than 500 → 2,000,000; not operating a year yet → no', async () => {
      const p = await params.at('2026-01-01');
      expect(evaluate(item08, { certifiedOn: '2025-01-01', asOf: '2026-01-01', trainedCount: 500 }, p)).toMatchObject({
        eligible: true,
        amountFen: 100_000_000,
      });
      expect(evaluate(item08, { certifiedOn: '2025-01-01', asOf: '2026-01-01', trainedCount: 501 }, p)).toMatchObject({
        eligible: true,
        amountFen: 200_000_000,
      });
      expect(evaluate(item08, { certifiedOn: '2025-01-02', asOf: '2026-01-01', trainedCount: 300 }, p).eligible).toBe(false);
      expect(evaluate(item08, { certifiedOn: '2025-01-01', asOf: '2026-01-01', trainedCount: 99 }, p).eligible).toBe(false);
    });
    it('item 10: 100,000 per 100 registered students, and so on', async () => {
      const p = await params.at('2026-01-01');
      expect(evaluate(item10, { major: '呼叫中心服务与管理', certifiedOn: '2026-01-01', registeredStudents: 250 }, p).amountFen).toBe(20_000_000);
      expect(evaluate(item10, { major: '呼叫中心服务与管理', certifiedOn: '2026-01-01', registeredStudents: 99 }, p).eligible).toBe(false);
    });
    it('item 13: 500 per m², capped at 70 m², after 36 months of social insurance, first home only', async () => {
      const p = await params.at('2026-01-01');
      expect(evaluate(item13, { purchaseOn: '2026-01-01', continuousInsuranceMonths: 36, firstHome: true, areaCentiM2: 8950 }, p)).toMatchObject({
        eligible: true,
        amountFen: 3_500_000,
      });
      expect(evaluate(item13, { purchaseOn: '2026-01-01', continuousInsuranceMonths: 36, firstHome: true, areaCentiM2: 6050 }, p).amountFen).toBe(3_025_000);
      expect(evaluate(item13, { purchaseOn: '2026-01-01', continuousInsuranceMonths: 35, firstHome: true, areaCentiM2: 6000 }, p).eligible).toBe(false);
      expect(evaluate(item13, { purchaseOn: '2026-01-01', continuousInsuranceMonths: 40, firstHome: false, areaCentiM2: 6000 }, p).eligible).toBe(false);
    });
    it('item 17: not eligible until the operator enters the minimum wage; then 60% of the zone figure', async () => {
      const f = {
        internshipId: '00000000-0000-4000-8000-000000000001',
        month: '2026-04',
        internshipMonths: 6,
        seats: 600,
        certifiedBase: true,
        regionCode: '150902',
      };
      const none = evaluate(item17, f, await params.at('2026-04-01'));
      expect(none.eligible).toBe(false);
      expect(none.trace.find((n) => n.code === 'MIN_WAGE')!.zh).toContain('未录入最低工资标准');
      const op = actorOf(await w.staff(Role.OPERATOR), Role.OPERATOR);
      await params.set(op, {
        key: 'item17.min_wage_monthly_fen',
        effectiveFrom: '2026-01-01',
        value: { '150900': 198_000 },
        sourceClause: '内蒙古自治区最低工资标准（测试值）',
      });
      expect(evaluate(item17, f, await params.at('2026-04-01'))).toMatchObject({ eligible: true, amountFen: 118_800 });
      expect(evaluate(item17, { ...f, internshipMonths: 2 }, await params.at('2026-04-01')).eligible).toBe(false);
    });
  });
});
