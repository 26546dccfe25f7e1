import { AppConfig, Clock, dataSourceOptions, loadConfig, shanghaiDate } from '@app/core';
import { SubsidyItem, verifyChain } from '@app/subsidies';
import { useIsolatedDatabase } from '@app/testing';
import { TrainingRecordService } from '@app/training';
import { DataSource } from 'typeorm';
import { seedDemo, SeedSummary } from '../tools/seed/seed';
import { seedSubsidies, SubsidiesSummary } from '../tools/seed/seed-subsidies';

/**
 * The demo seed (tools/seed) at a small size, in a database of its own (it
 * creates the `operator`, `hr01` … accounts other files would trip over):
 * the training, school and interview rows exist and keep the rules the
 * services keep.
 */
describe('demo seed (real PostgreSQL)', () => {
  let dropDatabase: () => Promise<void>;
  let ds: DataSource;
  let config: AppConfig;
  let summary: SeedSummary | null;
  let subsidies: SubsidiesSummary | null;
  const q = (sql: string, params: unknown[] = []) => ds.query(sql, params);
  const one = async (sql: string, params: unknown[] = []) => (await q(sql, params))[0];
  // The seed places dates relative to the app's Clock (TEST_NOW in tools/test.sh's date runs), not PostgreSQL's now().
  const now = () => new Clock().now();

  beforeAll(async () => {
    dropDatabase = await useIsolatedDatabase();
    config = loadConfig({ ...process.env, NODE_ENV: 'test' });
    ds = new DataSource(dataSourceOptions(config));
    await ds.initialize();
    summary = await seedDemo(ds, config, { seekers: 400 });
  });
  // The subsidies step boots a Nest context on the same database (tools/seed/seed-subsidies.ts).
  beforeAll(async () => {
    subsidies = await seedSubsidies(config);
  }, 90_000);
  afterAll(async () => {
    await ds?.destroy();
    await dropDatabase?.();
  });

  it('creates the pipeline and the new parts, and a second run does nothing', async () => {
    expect(summary).toMatchObject({ tenants: 12, postings: 60, seekers: 400, schools: 4 });
    expect(summary!.training).toMatchObject({ institutions: 2, classes: 4 });
    expect(summary!.training.completed).toBeGreaterThan(10);
    expect(summary!.schoolPrograms.orderClasses).toBe(1);
    expect(summary!.schoolPrograms.internships).toBeGreaterThanOrEqual(8);
    expect(summary!.interviews.interviews).toBeGreaterThanOrEqual(10);
    const before = await one(`SELECT (SELECT count(*)::int FROM training_enrolments) AS e, (SELECT count(*)::int FROM interviews) AS i`);
    expect(await seedDemo(ds, config, { seekers: 400 })).toBeNull();
    expect(await one(`SELECT (SELECT count(*)::int FROM training_enrolments) AS e, (SELECT count(*)::int FROM interviews) AS i`)).toEqual(before);
    await expect(seedDemo(ds, { ...config, app: { ...config.app, nodeEnv: 'production' } } as AppConfig)).rejects.toThrow(/refused in production/);
  });

  it('training: seats, completion rule, certificates, placement eligibility, consent', async () => {
    const classes = await q(
      `SELECT c.type, c.status, c.capacity, c.enrolled_count,
              (SELECT count(*)::int FROM training_enrolments e WHERE e.class_id = c.id AND e.status <> 'WITHDRAWN') AS live,
              (SELECT count(*)::int FROM training_sessions s WHERE s.class_id = c.id AND s.starts_at > $1) AS future,
              (SELECT count(*)::int FROM training_class_courses cc JOIN training_courses co ON co.id = cc.course_id AND co.from_plan WHERE cc.class_id = c.id) AS courses
         FROM training_classes c ORDER BY c.starts_on`,
      [now()],
    );
    expect(new Set(classes.map((c: any) => c.type)).size).toBe(4);
    for (const c of classes) {
      expect(c.enrolled_count).toBe(c.live);
      expect(c.live).toBeLessThanOrEqual(c.capacity);
      expect(c.courses).toBeGreaterThanOrEqual(3);
    }
    expect(classes.some((c: any) => c.status === 'OPEN' && c.future > 0)).toBe(true);
    expect(await q(`SELECT kind FROM training_institutions ORDER BY kind`)).toEqual([{ kind: 'BASE_CENTRE' }, { kind: 'EXTERNAL' }]);

    // Every certificate belongs to a COMPLETED enrolment that met the class rule; every completion has one.
    const bad = await one(
      `SELECT
         (SELECT count(*)::int FROM training_certificates ce JOIN training_enrolments e ON e.id = ce.enrolment_id WHERE e.status <> 'COMPLETED') AS cert_not_completed,
         (SELECT count(*)::int FROM training_enrolments e WHERE e.status = 'COMPLETED' AND NOT EXISTS (SELECT 1 FROM training_certificates ce WHERE ce.enrolment_id = e.id)) AS completed_without_cert,
         (SELECT count(*)::int FROM training_enrolments e JOIN training_classes c ON c.id = e.class_id WHERE e.status = 'COMPLETED' AND (
            (SELECT count(*) FROM training_attendance a WHERE a.enrolment_id = e.id) * 100 < c.min_attendance_pct * (SELECT count(*) FROM training_sessions s WHERE s.class_id = c.id)
            OR NOT EXISTS (SELECT 1 FROM training_assessments x WHERE x.enrolment_id = e.id AND x.passed AND x.score >= c.pass_score))) AS completed_against_rule,
         (SELECT count(*)::int FROM training_certificates WHERE certificate_no !~ '^WLCB-PX-[0-9]{4}-[0-9]{6}$') AS bad_numbers,
         (SELECT count(*)::int FROM training_enrolments e JOIN training_classes c ON c.id = e.class_id JOIN seekers s ON s.id = e.seeker_id
           WHERE c.type = 'PLACEMENT' AND NOT (s.categories && ARRAY['POOR_HOUSEHOLD','DISABLED'])) AS placement_ineligible,
         (SELECT count(*)::int FROM training_enrolments e JOIN seekers s ON s.id = e.seeker_id WHERE NOT s.shared_with_tenants) AS not_consenting,
         (SELECT count(*)::int FROM training_attendance WHERE checked_in_at > $1) AS future_checkins`,
      [now()],
    );
    expect(bad).toEqual({
      cert_not_completed: 0,
      completed_without_cert: 0,
      completed_against_rule: 0,
      bad_numbers: 0,
      placement_ineligible: 0,
      not_consenting: 0,
      future_checkins: 0,
    });
    const methods = await q(`SELECT DISTINCT method, recorded_role::text AS role FROM training_attendance ORDER BY 1`);
    expect(methods).toEqual([
      { method: 'MANUAL', role: 'OPERATOR' },
      { method: 'QR', role: 'SEEKER' },
    ]);
  });

  it('the search indexer sees the completions (the query it reads training with)', async () => {
    const completers: Array<{ seeker_id: string; n: number }> = await q(
      `SELECT seeker_id, count(*)::int AS n FROM training_enrolments WHERE status = 'COMPLETED' GROUP BY seeker_id`,
    );
    const read = await new TrainingRecordService(ds, undefined as never).completedTrainingFor(completers.map((c) => c.seeker_id));
    expect(read.size).toBe(completers.length);
    for (const c of completers) expect(read.get(c.seeker_id)!.length).toBe(c.n);
    // Each of them has a pending seeker.changed event, relayed by the worker after the seed's commit.
    const [{ missing }] = await q(
      `SELECT count(*)::int AS missing FROM unnest($1::uuid[]) AS s(id)
        WHERE NOT EXISTS (SELECT 1 FROM outbox_events o WHERE o.topic = 'seeker.changed' AND o.aggregate_id = s.id AND o.relayed_at IS NULL)`,
      [completers.map((c) => c.seeker_id)],
    );
    expect(missing).toBe(0);
  });

  it('schools: the order class takes its own students within quota; internships and monthly records lie within dates', async () => {
    const oc = await one(
      `SELECT oc.kind, oc.quota, oc.promised_hires, count(x.seeker_id)::int AS students,
              count(x.seeker_id) FILTER (WHERE NOT EXISTS (SELECT 1 FROM seeker_schools ss WHERE ss.seeker_id = x.seeker_id AND ss.school_id = oc.school_id AND ss.status = 'CONFIRMED'))::int AS outsiders
         FROM order_classes oc LEFT JOIN order_class_students x ON x.order_class_id = oc.id GROUP BY oc.id`,
    );
    expect(oc.kind).toBe('ORDER');
    expect(oc.students).toBeGreaterThan(0);
    expect(oc.students).toBeLessThanOrEqual(oc.quota);
    expect(oc.promised_hires).toBeLessThanOrEqual(oc.quota);
    expect(oc.outsiders).toBe(0);
    const it = await one(
      `SELECT (SELECT count(*)::int FROM internships i WHERE NOT EXISTS (SELECT 1 FROM seeker_schools ss WHERE ss.seeker_id = i.seeker_id AND ss.school_id = i.school_id AND ss.status = 'CONFIRMED')) AS outsiders,
              (SELECT count(*)::int FROM internship_months) AS months,
              (SELECT count(*)::int FROM internship_months im JOIN internships i ON i.id = im.internship_id
                WHERE im.month < date_trunc('month', i.start_date) OR im.month > i.end_date
                   OR im.attendance_days > extract(day FROM (im.month + interval '1 month' - interval '1 day'))) AS outside`,
    );
    expect(it).toMatchObject({ outsiders: 0, outside: 0 });
    expect(it.months).toBeGreaterThan(0);
  });

  it('interviews: scheduled ones ahead in office hours with the tenant HR; outcomes moved the application', async () => {
    const rows = await q(
      `SELECT i.status, i.outcome, i.starts_at, a.stage, u.role::text AS hr_role, u.tenant_id = i.tenant_id AS own_hr,
              extract(hour FROM i.starts_at AT TIME ZONE 'Asia/Shanghai')::int AS hour,
              (SELECT finalized_at IS NOT NULL FROM interview_scorecards sc WHERE sc.interview_id = i.id) AS final_scorecard
         FROM interviews i JOIN applications a ON a.id = i.application_id JOIN users u ON u.id = i.hr_user_id`,
    );
    for (const r of rows) expect(r).toMatchObject({ hr_role: 'HR', own_hr: true });
    const scheduled = rows.filter((r: any) => r.status === 'SCHEDULED');
    expect(scheduled.length).toBeGreaterThan(0);
    for (const r of scheduled) {
      expect(new Date(r.starts_at).getTime()).toBeGreaterThan(now().getTime());
      expect(r.hour).toBeGreaterThanOrEqual(9);
      expect(r.hour).toBeLessThan(18);
      expect(r.stage).toBe('INTERVIEW');
    }
    const done = rows.filter((r: any) => r.status === 'COMPLETED');
    expect(done.length).toBeGreaterThan(0);
    for (const r of done) {
      expect(r.stage).toBe(r.outcome === 'PASS' ? 'OFFER' : 'REJECTED');
      expect(r.final_scorecard).toBe(true);
      expect(new Date(r.starts_at).getTime()).toBeLessThan(now().getTime());
    }
  });

  it('subsidies: proposed drafts, claims in review, returned, recommended by auditor for auditor2, approved in publicity; a second run adds nothing', async () => {
    const today = shanghaiDate(now());
    expect(subsidies).toMatchObject({ inReview: 3, returned: 1, recommended: 1, approved: 1 });
    expect(subsidies!.proposal.claimsCreated).toBeGreaterThanOrEqual(9);
    const byStatus: Array<{ status: string; n: number }> = await q(`SELECT status, count(*)::int AS n FROM subsidy_claims GROUP BY status ORDER BY status`);
    const n = (status: string) => byStatus.find((r) => r.status === status)?.n ?? 0;
    expect(n('DRAFT')).toBeGreaterThanOrEqual(3);
    expect(n('DRAFT')).toBe(subsidies!.drafts);
    expect({ inReview: n('IN_REVIEW'), returned: n('RETURNED'), recommended: n('RECOMMENDED'), publicity: n('PUBLICITY') }).toEqual({
      inReview: 3,
      returned: 1,
      recommended: 1,
      publicity: 1,
    });
    // every draft was proposed by the nightly evaluation, not typed in
    expect(await one(`SELECT count(*)::int AS n FROM subsidy_claims WHERE status = 'DRAFT' AND origin <> 'PROPOSAL'`)).toEqual({ n: 0 });

    const users = await q(`SELECT username, id FROM users WHERE username IN ('auditor', 'auditor2') AND role = 'AUDITOR' ORDER BY username`);
    expect(users.map((u: any) => u.username)).toEqual(['auditor', 'auditor2']);
    const [auditor, auditor2] = users.map((u: any) => u.id);
    const returned = await one(
      `SELECT returned_reason, to_char(return_deadline, 'YYYY-MM-DD') AS deadline, reviewer_id FROM subsidy_claims WHERE status = 'RETURNED'`,
    );
    expect(returned.returned_reason).toBe('EVIDENCE_MISSING');
    expect(returned.deadline > today).toBe(true);
    expect(returned.reviewer_id).toBe(auditor);
    const recommended = await one(`SELECT reviewer_id, approver_id, recommended_at FROM subsidy_claims WHERE status = 'RECOMMENDED'`);
    expect(recommended).toMatchObject({ reviewer_id: auditor, approver_id: null });
    expect(recommended.recommended_at).not.toBeNull();
    const approved = await one(
      `SELECT c.id, c.reviewer_id, c.approver_id, c.approved_fen::int AS approved, to_char(c.publicity_ends_on, 'YYYY-MM-DD') AS ends,
              (SELECT sum(l.approved_amount_fen)::int FROM subsidy_claim_lines l WHERE l.claim_id = c.id) AS lines,
              (SELECT sum(i.amount_fen)::int FROM subsidy_payout_instructions i WHERE i.claim_id = c.id) AS planned
         FROM subsidy_claims c WHERE c.status = 'PUBLICITY'`,
    );
    expect(approved).toMatchObject({ reviewer_id: auditor, approver_id: auditor2 });
    expect(approved.approved).toBeGreaterThan(0);
    expect(approved.lines).toBe(approved.approved);
    expect(approved.planned).toBe(approved.approved); // the payout instructions add up to the approved amount
    expect(approved.ends > today).toBe(true);
    const events = await q(`SELECT to_status FROM subsidy_claim_events WHERE claim_id = $1 ORDER BY at, id`, [approved.id]);
    expect(events.map((e: any) => e.to_status)).toEqual(['DRAFT', 'SUBMITTED', 'IN_REVIEW', 'RECOMMENDED', 'APPROVED', 'PUBLICITY']);

    // Amounts in fen from the rules: every line's trace passed, and item 16's award is the parameter value it pinned.
    const lines = await q(`SELECT l.item, l.amount_fen, l.trace, l.claim_id FROM subsidy_claim_lines l`);
    expect(lines.length).toBeGreaterThanOrEqual(subsidies!.proposal.claimsCreated);
    for (const l of lines) {
      expect(l.amount_fen).toBeGreaterThan(0);
      expect(l.trace.every((t: any) => t.ok)).toBe(true);
    }
    const item16 = await q(
      `SELECT l.amount_fen, v.value::text::int AS value FROM subsidy_claim_lines l
         JOIN subsidy_parameter_values v ON v.id = ANY(l.param_value_ids) AND v.param_key IN ('item16.poor_household_fen', 'item16.unemployed_graduate_fen')
        WHERE l.item = 'ITEM_16'`,
    );
    expect(item16.length).toBe(lines.filter((l: any) => l.item === 'ITEM_16').length);
    expect(item16.length).toBeGreaterThanOrEqual(6);
    for (const r of item16) expect(r.amount_fen).toBe(r.value);
    expect(
      await one(
        `SELECT count(*)::int AS n FROM subsidy_claims c WHERE claimed_fen <> (SELECT sum(amount_fen) FROM subsidy_claim_lines l WHERE l.claim_id = c.id)`,
      ),
    ).toEqual({
      n: 0,
    });
    // company claims are the companies' (their HR sees them in 补贴申报)
    expect(await one(`SELECT count(*)::int AS n FROM subsidy_claims WHERE party_kind = 'COMPANY' AND (tenant_id IS NULL OR tenant_id <> party_id)`)).toEqual({
      n: 0,
    });

    // Budgets for the Clock's year for every item, approval limits for both auditors.
    const year = Number(today.slice(0, 4));
    const budgets = await q(`SELECT item FROM subsidy_budgets WHERE year = $1 AND amount_fen > 0 ORDER BY item`, [year]);
    expect(budgets.map((b: any) => b.item)).toEqual(Object.values(SubsidyItem).sort());
    const limits = await q(`SELECT user_id FROM subsidy_approval_limits WHERE max_fen >= $1 ORDER BY user_id`, [approved.approved]);
    expect(limits.map((l: any) => l.user_id).sort()).toEqual([auditor, auditor2].sort());
    for (const chain of ['claims', 'parameters']) expect((await verifyChain(ds, chain)).ok).toBe(true);

    // Idempotent, and refused in production.
    const before = await one(
      `SELECT (SELECT count(*)::int FROM subsidy_claims) AS c, (SELECT count(*)::int FROM subsidy_claim_events) AS e, (SELECT count(*)::int FROM subsidy_audit_log) AS a`,
    );
    expect(await seedSubsidies(config)).toBeNull();
    expect(
      await one(
        `SELECT (SELECT count(*)::int FROM subsidy_claims) AS c, (SELECT count(*)::int FROM subsidy_claim_events) AS e, (SELECT count(*)::int FROM subsidy_audit_log) AS a`,
      ),
    ).toEqual(before);
    await expect(seedSubsidies({ ...config, app: { ...config.app, nodeEnv: 'production' } } as AppConfig)).rejects.toThrow(/refused in production/);
  }, 60_000);
});
