import { AppConfig, Clock, dataSourceOptions, loadConfig } from '@app/core';
import { useIsolatedDatabase } from '@app/testing';
import { TrainingRecordService } from '@app/training';
import { DataSource } from 'typeorm';
import { seedDemo, SeedSummary } from '../tools/seed/seed';

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
});
