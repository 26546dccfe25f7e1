import { EntityManager } from 'typeorm';

/**
 * The parts of the demo seed beyond the hiring pipeline: training (classes,
 * sessions, enrolments, attendance, assessments, certificates), school
 * programmes (an order class and internships) and video interviews. Called
 * by seed.ts inside its one transaction, so a broken rule (exclusion
 * constraint, CHECK) fails the whole seed.
 *
 * Calendar dates are Asia/Shanghai and are placed relative to the day the
 * seed runs (finished classes in the past, an open class and interviews in the
 * coming days); every choice comes from the seeded PRNG. Instants are stored
 * as UTC (09:00 Shanghai = 01:00Z).
 */

export type Rand = () => number;

export interface SeedContext {
  rand: Rand;
  now: Date;
  /** 1 for the default 5,200 seekers; smaller seeds get proportionally fewer trainees and interns. */
  scale: number;
  operatorId: string;
  /** In the seed's SCHOOLS order. */
  schoolIds: string[];
  schoolAdminBySchool: Map<string, string>;
  tenantIds: string[];
  hrByTenant: Map<string, string>;
}

// ---------- Shanghai calendar helpers (UTC+8, no daylight saving) ----------

const DAY_MS = 86_400_000;

export function shanghaiDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}
/** The instant of hh:mm Shanghai time on a Shanghai calendar date. */
export function at(date: string, hh: number, mm = 0): Date {
  return new Date(`${date}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`);
}
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
/** Fixed-date public holidays (元旦, 劳动节, 国庆节); the lunar ones (春节 …) are not modelled. */
const HOLIDAYS = ['01-01', '05-01', '05-02', '05-03', '05-04', '05-05', '10-01', '10-02', '10-03', '10-04', '10-05', '10-06', '10-07'];
function isWorkday(date: string): boolean {
  const w = weekday(date);
  return w >= 1 && w <= 5 && !HOLIDAYS.includes(date.slice(5));
}
/** `count` working days (Mon–Fri, not a holiday) from `date` on (inclusive). */
function workdaysFrom(date: string, count: number): string[] {
  const out: string[] = [];
  for (let d = date; out.length < count; d = addDays(d, 1)) if (isWorkday(d)) out.push(d);
  return out;
}
function firstOfMonth(date: string): string {
  return `${date.slice(0, 7)}-01`;
}
function addMonths(monthStart: string, n: number): string {
  const [y, m] = monthStart.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 10);
}
function lastOfMonth(monthStart: string): string {
  return addDays(addMonths(monthStart, 1), -1);
}
function addMinutes(d: Date, min: number): Date {
  return new Date(d.getTime() + min * 60_000);
}
function earliest(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

// ---------- small helpers ----------

function int(rand: Rand, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}
function pickOne<T>(rand: Rand, items: readonly T[], weights?: number[]): T {
  if (!weights) return items[Math.floor(rand() * items.length)];
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rand() * total;
  for (let i = 0; i < items.length; i++) if ((r -= weights[i]) < 0) return items[i];
  return items[items.length - 1];
}
/** k distinct items, in random order (partial Fisher–Yates on a copy). */
function sample<T>(rand: Rand, items: readonly T[], k: number): T[] {
  const a = [...items];
  const n = Math.min(k, a.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rand() * (a.length - i));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, n);
}

/** Multi-row INSERT in chunks that stay under PostgreSQL's 65,535 parameters. */
async function insertRows(m: EntityManager, table: string, cols: string[], rows: unknown[][], returning?: string): Promise<any[]> {
  const out: any[] = [];
  const per = Math.max(1, Math.floor(60000 / cols.length));
  for (let i = 0; i < rows.length; i += per) {
    const params: unknown[] = [];
    const values = rows
      .slice(i, i + per)
      .map(
        (r) =>
          `(${r
            .map((v) => {
              params.push(v);
              return `$${params.length}`;
            })
            .join(',')})`,
      )
      .join(',');
    const res = await m.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${values}${returning ? ` RETURNING ${returning}` : ''}`, params);
    if (returning) out.push(...res);
  }
  return out;
}

// =====================================================================================
// Training 培训
// =====================================================================================

interface PoolSeeker {
  id: string;
  categories: string[];
  months: number;
  graduationYear: number | null;
}

type Fate = 'COMPLETE' | 'LOW_ATTENDANCE' | 'FAILED' | 'WITHDRAWN_EARLY' | 'WITHDRAWN_LATE' | 'IN_PROGRESS';

interface ClassPlan {
  type: 'NEW_HIRE' | 'PROMOTION' | 'GRADUATE_SHORT' | 'PLACEMENT';
  /** From the year the class starts. */
  name: (year: string) => string;
  external: boolean;
  capacity: number;
  /** Enrolment rows (withdrawn included), before pool limits. */
  enrolments: number;
  days: string[];
  sessionsPerDay: 1 | 2;
  courses: string[];
  open: boolean;
  room: string;
  pool: PoolSeeker[];
  skillLevels: boolean;
}

export interface TrainingSummary {
  institutions: number;
  classes: number;
  sessions: number;
  enrolments: number;
  completed: number;
  attendance: number;
  assessments: number;
  certificates: number;
}

const SESSION_TIMES: Array<[number, number, number, number]> = [
  [9, 0, 11, 30], // 上午 09:00–11:30
  [14, 0, 16, 30], // 下午 14:00–16:30
];

export async function seedTraining(m: EntityManager, ctx: SeedContext): Promise<TrainingSummary> {
  const { rand, now, operatorId } = ctx;
  const today = shanghaiDay(now);

  // The base centre is registered by the Training migration (only one may exist); the seed adds one external institution.
  let [base] = await m.query(`SELECT id FROM training_institutions WHERE kind = 'BASE_CENTRE'`);
  if (!base) {
    [base] = await m.query(
      `INSERT INTO training_institutions (name, kind, region_code, contact_name, created_by) VALUES ('乌兰察布呼叫中心基地人才服务中心', 'BASE_CENTRE', '150902', '培训部', $1) RETURNING id`,
      [operatorId],
    );
  }
  const [external] = await m.query(
    `INSERT INTO training_institutions (name, kind, region_code, contact_name, created_by, created_at) VALUES ($1, 'EXTERNAL', '150902', $2, $3, $4) RETURNING id`,
    ['集宁区智汇职业技能培训学校', '教务处 赵老师', operatorId, at(addDays(today, -120), 10)],
  );

  const courseRows: Array<{ id: string; name: string }> = await m.query(`SELECT id, name FROM training_courses WHERE from_plan`);
  const course = new Map(courseRows.map((c) => [c.name, c.id]));
  const courseId = (name: string) => {
    const id = course.get(name);
    if (!id) throw new Error(`seed: plan course ${name} missing (Training migration)`);
    return id;
  };

  // Consenting people only: their training shows in the talent pool and in matching.
  const people: PoolSeeker[] = (
    await m.query(
      `SELECT id, categories, call_center_months, graduation_year FROM seekers
        WHERE shared_with_tenants AND erased_at IS NULL ORDER BY id_number_hash`,
    )
  ).map((r: any) => ({ id: r.id, categories: r.categories ?? [], months: r.call_center_months ?? 0, graduationYear: r.graduation_year }));
  const PLACEMENT_CATEGORIES = ['POOR_HOUSEHOLD', 'DISABLED']; // libs/training/src/classes/class-type.ts
  const s = (n: number) => Math.max(6, Math.round(n * ctx.scale));

  // Finished classes lie in separate weeks, so one person can be in several without overlapping sessions.
  const plans: ClassPlan[] = [
    {
      type: 'PROMOTION',
      name: (y) => `${y}年储备班组长（晋升）培训班`,
      external: false,
      capacity: 60,
      enrolments: s(56),
      days: workdaysFrom(addDays(today, -84), 4),
      sessionsPerDay: 2,
      open: false,
      room: '基地实训楼 A301',
      skillLevels: true,
      courses: ['《点燃营销人员工作的动力》', '《从平凡走向卓越系列》', '《客户心理分析》', '《职业道德与个人修养》', '《我是优秀管理者系列》'],
      pool: people.filter((p) => p.months >= 6),
    },
    {
      type: 'GRADUATE_SHORT',
      name: (y) => `${y}届毕业生呼叫中心短训班`,
      external: true,
      capacity: 120,
      enrolments: s(112),
      days: workdaysFrom(addDays(today, -56), 5),
      sessionsPerDay: 2,
      open: false,
      room: '多媒体教室 2',
      skillLevels: false,
      courses: ['《拥有积极心态系列》', '《客户沟通技巧与礼仪》', '《呼入电话服务技巧》', '《职业道德与个人修养》'],
      pool: people.filter((p) => p.graduationYear != null),
    },
    {
      type: 'PLACEMENT',
      name: (y) => `${y}年贫困家庭及残疾人员安置培训班`,
      external: false,
      capacity: 50,
      enrolments: s(46),
      days: workdaysFrom(addDays(today, -35), 5),
      sessionsPerDay: 1,
      open: false,
      room: '基地实训楼 A105（无障碍教室）',
      skillLevels: false,
      courses: ['《拥有积极心态系列》', '《客户沟通技巧与礼仪》', '《呼入电话服务技巧》'],
      // Placement classes take only people from poor households and disabled people (enrolment.service.ts).
      pool: people.filter((p) => p.categories.some((c) => PLACEMENT_CATEGORIES.includes(c))),
    },
    {
      // Open: started a few days ago, most sessions still ahead; seekers can still sign up.
      type: 'NEW_HIRE',
      name: (y) => `${y}年新员工入职培训班（第四期）`,
      external: false,
      capacity: 120,
      enrolments: s(84),
      days: workdaysFrom(addDays(today, -4), 8),
      sessionsPerDay: 2,
      open: true,
      room: '基地实训楼 A302',
      skillLevels: false,
      courses: ['《拥有积极心态系列》', '《客户沟通技巧与礼仪》', '《客户服务心态分析与调适》', '《呼入电话服务技巧》', '《客诉处理技巧》'],
      pool: people,
    },
  ];

  const sum: TrainingSummary = { institutions: 2, classes: 0, sessions: 0, enrolments: 0, completed: 0, attendance: 0, assessments: 0, certificates: 0 };
  const certificates: unknown[][] = [];
  const certOrder: Array<{ issuedAt: Date }> = [];

  for (const plan of plans) {
    const startsOn = plan.days[0];
    const endsOn = plan.days[plan.days.length - 1];
    const name = plan.name(startsOn.slice(0, 4));
    const chosen = sample(rand, plan.pool, Math.min(plan.enrolments, plan.pool.length));
    // Fates first: enrolled_count must equal the live (not withdrawn) enrolments and fit the capacity.
    const fates: Fate[] = chosen.map(() => {
      if (plan.open) return rand() < 0.06 ? 'WITHDRAWN_EARLY' : 'IN_PROGRESS';
      const r = rand();
      return r < 0.04 ? 'WITHDRAWN_EARLY' : r < 0.07 ? 'WITHDRAWN_LATE' : r < 0.12 ? 'LOW_ATTENDANCE' : r < 0.17 ? 'FAILED' : 'COMPLETE';
    });
    const live = fates.filter((f) => !f.startsWith('WITHDRAWN')).length;
    if (live > plan.capacity) throw new Error(`seed: ${name} over capacity`);
    const createdAt = at(addDays(startsOn, -21), 10);
    const [cls] = await m.query(
      `INSERT INTO training_classes (institution_id, type, name, capacity, enrolled_count, starts_on, ends_on, min_attendance_pct, requires_assessment,
                                     pass_score, status, created_by, created_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,80,true,60,$8,$9,$10,$11) RETURNING id`,
      [
        plan.external ? external.id : base.id,
        plan.type,
        name,
        plan.capacity,
        live,
        startsOn,
        endsOn,
        plan.open ? 'OPEN' : 'CLOSED',
        operatorId,
        createdAt,
        plan.open ? createdAt : at(endsOn, 18),
      ],
    );
    sum.classes++;
    await insertRows(
      m,
      'training_class_courses',
      ['class_id', 'course_id', 'position'],
      plan.courses.map((c, i) => [cls.id, courseId(c), i + 1]),
    );

    // Sessions: each course taught in consecutive sessions, in the class's order.
    const sessionRows: unknown[][] = [];
    const total = plan.days.length * plan.sessionsPerDay;
    let k = 0;
    for (const day of plan.days) {
      for (const [h1, m1, h2, m2] of SESSION_TIMES.slice(0, plan.sessionsPerDay)) {
        const c = plan.courses[Math.floor((k * plan.courses.length) / total)];
        sessionRows.push([
          cls.id,
          courseId(c),
          `${c.replace(/[《》]/g, '')}${h1 < 12 ? '（上午）' : '（下午）'}`,
          plan.room,
          at(day, h1, m1),
          at(day, h2, m2),
          operatorId,
          createdAt,
        ]);
        k++;
      }
    }
    const sessions: Array<{ id: string; starts_at: Date; ends_at: Date }> = (
      await insertRows(
        m,
        'training_sessions',
        ['class_id', 'course_id', 'title', 'room', 'starts_at', 'ends_at', 'created_by', 'created_at'],
        sessionRows,
        'id, starts_at, ends_at',
      )
    ).sort((a, b) => new Date(a.starts_at).getTime() - new Date(b.starts_at).getTime());
    sum.sessions += sessions.length;
    const firstDayEnd = at(startsOn, 18);

    // Enrolments (by the operator: the seeded people have no accounts of their own).
    const assessedOn = endsOn;
    const completedAt = at(assessedOn, 17, 30);
    const enrolRows = chosen.map((p, i) => {
      const enrolledAt = at(addDays(startsOn, -int(rand, 3, 14)), int(rand, 9, 16), int(rand, 0, 59));
      const f = fates[i];
      const withdrawnAt = f === 'WITHDRAWN_EARLY' ? at(addDays(startsOn, -1), 16) : f === 'WITHDRAWN_LATE' ? firstDayEnd : null;
      return [
        cls.id,
        p.id,
        f === 'COMPLETE' ? 'COMPLETED' : withdrawnAt ? 'WITHDRAWN' : 'ENROLLED',
        'OPERATOR',
        operatorId,
        enrolledAt,
        withdrawnAt,
        withdrawnAt ? operatorId : null,
        f === 'COMPLETE' ? completedAt : null,
      ];
    });
    const enrolled: Array<{ id: string; seeker_id: string }> = await insertRows(
      m,
      'training_enrolments',
      ['class_id', 'seeker_id', 'status', 'source', 'enrolled_by', 'enrolled_at', 'withdrawn_at', 'withdrawn_by', 'completed_at'],
      enrolRows,
      'id, seeker_id',
    );
    const enrolmentOf = new Map(enrolled.map((e) => [e.seeker_id, e.id]));
    sum.enrolments += enrolled.length;

    // Attendance: completers miss at most what the 80 % rule allows; others fall short; the open class only has its past sessions.
    const maxMiss = total - Math.ceil((80 * total) / 100);
    const attendanceRows: unknown[][] = [];
    const assessmentRows: unknown[][] = [];
    const attendedBy = new Map<string, number>();
    for (const [i, p] of chosen.entries()) {
      const f = fates[i];
      let attend: number[];
      if (f === 'WITHDRAWN_EARLY') attend = [];
      else if (f === 'WITHDRAWN_LATE') attend = sessions.map((_, j) => j).filter((j) => new Date(sessions[j].ends_at) <= firstDayEnd);
      else if (f === 'IN_PROGRESS') attend = sessions.map((_, j) => j).filter((j) => new Date(sessions[j].ends_at) < now && rand() < 0.93);
      else {
        const miss =
          f === 'LOW_ATTENDANCE' ? int(rand, maxMiss + 1, Math.max(maxMiss + 1, Math.floor(total / 2))) : rand() < 0.6 ? 0 : int(rand, 1, Math.max(1, maxMiss));
        const missed = new Set(
          sample(
            rand,
            sessions.map((_, j) => j),
            miss,
          ),
        );
        attend = sessions.map((_, j) => j).filter((j) => !missed.has(j));
      }
      for (const j of attend) {
        const se = sessions[j];
        const qr = rand() < 0.8;
        // A QR check-in is the trainee's own (role SEEKER, as attendance.service.ts records it; the seeded people have no
        // user account, so recorded_by stays empty); a manual mark is the instructor's, i.e. the operator's.
        attendanceRows.push([
          se.id,
          cls.id,
          enrolmentOf.get(p.id),
          p.id,
          se.starts_at,
          se.ends_at,
          qr ? 'QR' : 'MANUAL',
          qr ? null : operatorId,
          qr ? 'SEEKER' : 'OPERATOR',
          qr ? addMinutes(new Date(se.starts_at), -int(rand, 2, 25)) : addMinutes(new Date(se.starts_at), int(rand, 5, 40)),
        ]);
      }
      attendedBy.set(p.id, attend.length);
      if (plan.open || f.startsWith('WITHDRAWN')) continue;
      // Assessment on the last day: completers pass; FAILED fail; LOW_ATTENDANCE may pass the test but not the attendance rule.
      const passed = f === 'COMPLETE' || (f === 'LOW_ATTENDANCE' && rand() < 0.5);
      const score = passed ? int(rand, 62, 98) : int(rand, 32, 58);
      const level = passed && plan.skillLevels ? (score >= 93 ? 'TECHNICIAN' : score >= 80 ? 'ADVANCED_WORKER' : null) : null;
      assessmentRows.push([
        enrolmentOf.get(p.id),
        cls.id,
        p.id,
        score,
        passed,
        level,
        assessedOn,
        operatorId,
        passed ? (level ? '考核合格，认定技能等级' : '考核合格') : '考核未通过，可申请补考',
        at(assessedOn, 16, int(rand, 0, 50)),
      ]);
    }
    await insertRows(
      m,
      'training_attendance',
      [
        'session_id',
        'class_id',
        'enrolment_id',
        'seeker_id',
        'session_starts_at',
        'session_ends_at',
        'method',
        'recorded_by',
        'recorded_role',
        'checked_in_at',
      ],
      attendanceRows,
    );
    sum.attendance += attendanceRows.length;
    const assessments: Array<{ id: string; seeker_id: string; passed: boolean; skill_level: string | null }> = await insertRows(
      m,
      'training_assessments',
      ['enrolment_id', 'class_id', 'seeker_id', 'score', 'passed', 'skill_level', 'assessed_on', 'assessor_user_id', 'note', 'created_at'],
      assessmentRows,
      'id, seeker_id, passed, skill_level',
    );
    sum.assessments += assessments.length;
    const passOf = new Map(assessments.filter((a) => a.passed).map((a) => [a.seeker_id, a]));

    // Certificates for the completed: one per enrolment, numbered below in issue order.
    for (const [i, p] of chosen.entries()) {
      if (fates[i] !== 'COMPLETE') continue;
      const pass = passOf.get(p.id)!;
      certificates.push([
        enrolmentOf.get(p.id),
        cls.id,
        p.id,
        plan.external ? external.id : base.id,
        pass.id,
        pass.skill_level,
        Math.min(attendedBy.get(p.id)!, total),
        total,
        completedAt,
        operatorId,
      ]);
      certOrder.push({ issuedAt: completedAt });
      sum.completed++;
    }
  }

  // 证书编号 as assessment.service.ts makes them: WLCB-PX-<year in Shanghai>-<6-digit number from training_certificate_no_seq>.
  const order = certificates.map((_, i) => i).sort((a, b) => certOrder[a].issuedAt.getTime() - certOrder[b].issuedAt.getTime() || a - b);
  const numbers: number[] = certificates.length
    ? (await m.query(`SELECT nextval('training_certificate_no_seq')::int AS n FROM generate_series(1, $1)`, [certificates.length]))
        .map((r: any) => r.n)
        .sort((a: number, b: number) => a - b)
    : [];
  const certRows = order.map((idx, k) => {
    const row = certificates[idx];
    const issuedAt = row[8] as Date;
    return [`WLCB-PX-${shanghaiDay(issuedAt).slice(0, 4)}-${String(numbers[k]).padStart(6, '0')}`, ...row];
  });
  await insertRows(
    m,
    'training_certificates',
    [
      'certificate_no',
      'enrolment_id',
      'class_id',
      'seeker_id',
      'institution_id',
      'assessment_id',
      'skill_level',
      'attended_sessions',
      'total_sessions',
      'issued_at',
      'issued_by',
    ],
    certRows,
  );
  sum.certificates = certRows.length;
  return sum;
}

// =====================================================================================
// Schools 院校合作: order class 订单班 and internships 实习实训
// =====================================================================================

export interface SchoolsSummary {
  orderClasses: number;
  orderClassStudents: number;
  internships: number;
  internshipMonths: number;
}

const POSITIONS = ['呼入客服实习生', '在线文字客服实习生', '外呼专员实习生', '质检助理实习生', '数据标注实习生'];
const EVALUATIONS = ['EXCELLENT', 'GOOD', 'PASS', 'FAIL'] as const;
const EVALUATION_COMMENT: Record<(typeof EVALUATIONS)[number], string[]> = {
  EXCELLENT: ['表现突出，业务考核名列前茅，建议优先录用', '服务态度好，客户满意度高'],
  GOOD: ['工作认真，沟通顺畅', '能独立处理常见来电，进步明显'],
  PASS: ['基本胜任，业务熟练度有待提高', '能完成任务，需加强系统操作'],
  FAIL: ['缺勤较多，需加强劳动纪律', '未能达到岗位基本要求'],
};

export async function seedSchools(m: EntityManager, ctx: SeedContext): Promise<SchoolsSummary> {
  const { rand, now } = ctx;
  const today = shanghaiDay(now);
  const sum: SchoolsSummary = { orderClasses: 0, orderClassStudents: 0, internships: 0, internshipMonths: 0 };
  const students: Array<{ seeker_id: string; school_id: string; school_name: string; graduation_year: number | null }> = await m.query(
    `SELECT ss.seeker_id, ss.school_id, sc.name AS school_name, ss.graduation_year
       FROM seeker_schools ss JOIN seekers s ON s.id = ss.seeker_id AND s.erased_at IS NULL JOIN schools sc ON sc.id = ss.school_id
      WHERE ss.status = 'CONFIRMED'
      ORDER BY s.id_number_hash, sc.name`,
  );
  if (!students.length) return sum;

  // The order class: at the first school (乌兰察布职业学院, admin school1) unless it has too few students, for its latest
  // graduating year, sponsored by the largest tenant.
  const bySchool = new Map<string, typeof students>();
  for (const st of students) bySchool.set(st.school_id, [...(bySchool.get(st.school_id) ?? []), st]);
  const largest = [...bySchool.keys()].sort(
    (a, b) => bySchool.get(b)!.length - bySchool.get(a)!.length || ctx.schoolIds.indexOf(a) - ctx.schoolIds.indexOf(b),
  )[0];
  const schoolId = ctx.schoolIds.find((id) => (bySchool.get(id)?.length ?? 0) >= 10) ?? largest;
  const own = bySchool.get(schoolId)!;
  const gradYear = Math.max(...own.map((st) => st.graduation_year ?? 0)) || Number(today.slice(0, 4));
  const cohort = own.filter((st) => st.graduation_year === gradYear);
  const picked = sample(rand, cohort.length >= 10 ? cohort : own, 32);
  const sponsor = ctx.tenantIds[0];
  const [{ name: sponsorName }] = await m.query(`SELECT name FROM tenants WHERE id = $1`, [sponsor]);
  const admin = ctx.schoolAdminBySchool.get(schoolId) ?? null;
  const ocCreated = at(`${gradYear - 1}-08-20`, 10);
  const [oc] = await m.query(
    `INSERT INTO order_classes (school_id, tenant_id, kind, name, major, quota, promised_hires, curriculum, start_date, end_date, created_by, created_at, updated_at)
     VALUES ($1,$2,'ORDER',$3,'客户服务管理',40,30,$4,$5,$6,$7,$8,$8) RETURNING id`,
    [
      schoolId,
      sponsor,
      `${sponsorName.replace(/有限公司$/, '')}订单班（${gradYear}届）`,
      '《客户沟通技巧与礼仪》《呼入电话服务技巧》《客诉处理技巧》课堂教学，企业导师授课与跟岗实训，共 320 学时；结业考核合格者优先录用。',
      `${gradYear - 1}-09-01`,
      `${gradYear}-06-30`,
      admin,
      ocCreated,
    ],
  );
  await insertRows(
    m,
    'order_class_students',
    ['order_class_id', 'seeker_id', 'added_by', 'added_at'],
    picked.map((st) => [oc.id, st.seeker_id, admin, addMinutes(ocCreated, int(rand, 60, 14 * 24 * 60))]),
  );
  sum.orderClasses = 1;
  sum.orderClassStudents = picked.length;

  // Internships: distinct students (so never two placements of one person at once), past and ongoing, with monthly records.
  const count = Math.min(36, Math.max(8, Math.round(30 * ctx.scale)));
  const seen = new Set<string>();
  const oncePerPerson = students.filter((st) => !seen.has(st.seeker_id) && !!seen.add(st.seeker_id));
  const interns = sample(rand, oncePerPerson, count);
  const lastRecordable = addMonths(firstOfMonth(today), -1); // months are recorded once they are over
  const months: unknown[][] = [];
  for (const st of interns) {
    const tenantId = pickOne(rand, ctx.tenantIds);
    const start = addDays(today, -int(rand, 30, 200));
    const end = addDays(addMonths(firstOfMonth(start), int(rand, 2, 6)), int(rand, -1, 13));
    const schoolAdmin = ctx.schoolAdminBySchool.get(st.school_id) ?? null;
    const [it] = await m.query(
      `INSERT INTO internships (school_id, tenant_id, seeker_id, position, start_date, end_date, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
      [st.school_id, tenantId, st.seeker_id, pickOne(rand, POSITIONS), start, end, schoolAdmin, at(addDays(start, -7), 10)],
    );
    sum.internships++;
    for (let mo = firstOfMonth(start); mo <= firstOfMonth(end) && mo <= lastRecordable; mo = addMonths(mo, 1)) {
      const from = start > mo ? start : mo;
      const to = end < lastOfMonth(mo) ? end : lastOfMonth(mo);
      let workdays = 0;
      for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkday(d)) workdays++;
      if (workdays < 5) continue; // a few days at either end are folded into the neighbouring month's record
      const evaluation = pickOne(rand, EVALUATIONS, [25, 45, 24, 6]);
      const days = Math.max(1, workdays - (evaluation === 'FAIL' ? int(rand, 4, 8) : int(rand, 0, 2)));
      const byHr = rand() < 0.5;
      months.push([
        it.id,
        mo,
        days,
        evaluation,
        pickOne(rand, EVALUATION_COMMENT[evaluation]),
        byHr ? ctx.hrByTenant.get(tenantId) : schoolAdmin,
        byHr ? 'HR' : 'SCHOOL_ADMIN',
        earliest(at(addDays(lastOfMonth(mo), int(rand, 1, 5)), 10), addMinutes(now, -60)),
      ]);
    }
  }
  await insertRows(
    m,
    'internship_months',
    ['internship_id', 'month', 'attendance_days', 'evaluation', 'comment', 'recorded_by', 'recorded_role', 'recorded_at'],
    months,
  );
  sum.internshipMonths = months.length;
  return sum;
}

// =====================================================================================
// Video interviews 远程视频面试
// =====================================================================================

export interface InterviewsSummary {
  templates: number;
  interviews: number;
  scheduled: number;
  proposed: number;
  completed: number;
  noShow: number;
}

const CRITERIA = [
  { name: '普通话', weight: 30, description: '发音标准、吐字清晰' },
  { name: '语速与表达', weight: 20, description: '语速适中、表达有条理' },
  { name: '应变能力', weight: 25, description: '模拟客诉场景中的处理' },
  { name: '打字与系统操作', weight: 15, description: '边听边录入的速度与准确' },
  { name: '服务意识', weight: 10, description: '耐心、礼貌、同理心' },
];
/** Slot starts in the office day, Shanghai time; interviews last 30 minutes. */
const SLOT_TIMES: Array<[number, number]> = [
  [9, 30],
  [10, 15],
  [11, 0],
  [14, 0],
  [14, 45],
  [15, 30],
  [16, 15],
];
const INTERVIEW_MINUTES = 30;

export async function seedInterviews(m: EntityManager, ctx: SeedContext): Promise<InterviewsSummary> {
  const { rand, now } = ctx;
  const today = shanghaiDay(now);
  const sum: InterviewsSummary = { templates: 0, interviews: 0, scheduled: 0, proposed: 0, completed: 0, noShow: 0 };

  // One scorecard template per tenant (the HR app's scorecard beside the video needs one).
  const templateOf = new Map<string, string>();
  for (const tenantId of ctx.tenantIds) {
    const [t] = await m.query(
      `INSERT INTO scorecard_templates (tenant_id, name, criteria, created_by, created_at) VALUES ($1, '客服岗位初面评分表', $2::jsonb, $3, $4) RETURNING id`,
      [tenantId, JSON.stringify(CRITERIA), ctx.hrByTenant.get(tenantId), at(addDays(today, -45), 11)],
    );
    templateOf.set(tenantId, t.id);
    sum.templates++;
  }

  const apps: Array<{ id: string; tenant_id: string; seeker_id: string }> = await m.query(
    `SELECT a.id, a.tenant_id, a.seeker_id FROM applications a JOIN seekers s ON s.id = a.seeker_id
      WHERE a.stage = 'INTERVIEW' ORDER BY s.id_number_hash, a.id`,
  );
  const chosen = sample(rand, apps, 16);
  const future = workdaysFrom(addDays(today, 1), 4);
  const past = (() => {
    const out: string[] = [];
    for (let d = addDays(today, -1); out.length < 6; d = addDays(d, -1)) if (isWorkday(d)) out.push(d);
    return out;
  })();
  // Holds per interviewer and per person: SCHEDULED interviews and open slots never overlap (exclusion constraints).
  const busy = new Map<string, Array<[number, number]>>();
  const free = (key: string, a: Date, b: Date) => !(busy.get(key) ?? []).some(([x, y]) => a.getTime() < y && x < b.getTime());
  const take = (key: string, a: Date, b: Date) => busy.set(key, [...(busy.get(key) ?? []), [a.getTime(), b.getTime()]]);
  const futureSlot = (hr: string, seeker: string): [Date, Date] => {
    const offset = Math.floor(rand() * future.length * SLOT_TIMES.length);
    for (let i = 0; i < future.length * SLOT_TIMES.length; i++) {
      const n = (offset + i) % (future.length * SLOT_TIMES.length);
      const [h, mi] = SLOT_TIMES[n % SLOT_TIMES.length];
      const a = at(future[Math.floor(n / SLOT_TIMES.length)], h, mi);
      const b = addMinutes(a, INTERVIEW_MINUTES);
      if (free(`hr:${hr}`, a, b) && free(`seeker:${seeker}`, a, b)) {
        take(`hr:${hr}`, a, b);
        take(`seeker:${seeker}`, a, b);
        return [a, b];
      }
    }
    throw new Error('seed: no free interview slot');
  };

  for (const [i, app] of chosen.entries()) {
    const hr = ctx.hrByTenant.get(app.tenant_id)!;
    // Of 16: five held with an outcome and one no-show (past), two waiting for the seeker to pick a time, eight scheduled.
    const kind = i === 0 ? 'NO_SHOW' : i % 8 < 3 ? 'COMPLETED' : i % 8 === 3 ? 'PROPOSED' : 'SCHEDULED';
    let startsAt: Date | null = null;
    let endsAt: Date | null = null;
    let createdAt: Date;
    let updatedAt: Date;
    const slots: Array<[Date, Date, string, Date | null]> = [];
    if (kind === 'COMPLETED' || kind === 'NO_SHOW') {
      const [h, mi] = pickOne(rand, SLOT_TIMES);
      startsAt = at(pickOne(rand, past), h, mi);
      endsAt = addMinutes(startsAt, INTERVIEW_MINUTES);
      createdAt = addMinutes(startsAt, -int(rand, 2, 4) * 24 * 60 - int(rand, 0, 300));
      updatedAt = addMinutes(endsAt, int(rand, 5, 40));
      slots.push([startsAt, endsAt, 'CHOSEN', updatedAt]);
    } else if (kind === 'PROPOSED') {
      createdAt = addMinutes(now, -int(rand, 60, 20 * 60));
      updatedAt = createdAt;
      for (let k = 0; k < 3; k++) {
        const [a, b] = futureSlot(hr, app.seeker_id);
        slots.push([a, b, 'OPEN', null]);
      }
    } else {
      [startsAt, endsAt] = futureSlot(hr, app.seeker_id);
      createdAt = addMinutes(now, -int(rand, 60, 3 * 24 * 60));
      updatedAt = addMinutes(createdAt, int(rand, 10, 50));
      slots.push([startsAt, endsAt, 'CHOSEN', null]);
    }
    const outcome = kind === 'NO_SHOW' ? 'NO_SHOW' : kind === 'COMPLETED' ? (rand() < 0.65 ? 'PASS' : 'FAIL') : null;
    const [iv] = await m.query(
      `INSERT INTO interviews (tenant_id, application_id, seeker_id, hr_user_id, status, starts_at, ends_at, outcome, created_by, created_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$4,$9,$10) RETURNING id`,
      [app.tenant_id, app.id, app.seeker_id, hr, kind, startsAt, endsAt, outcome, createdAt, updatedAt],
    );
    await insertRows(
      m,
      'interview_slots',
      ['interview_id', 'tenant_id', 'hr_user_id', 'starts_at', 'ends_at', 'state', 'released_at', 'created_at'],
      slots.map(([a, b, state, released]) => [iv.id, app.tenant_id, hr, a, b, state, released, createdAt]),
    );
    // The move to INTERVIEW happened when the interview was arranged.
    await m.query(`UPDATE application_events SET created_at = $2, actor_user_id = $3 WHERE application_id = $1 AND to_stage = 'INTERVIEW'`, [
      app.id,
      addMinutes(createdAt, -1),
      hr,
    ]);
    sum.interviews++;
    if (kind === 'SCHEDULED') sum.scheduled++;
    if (kind === 'PROPOSED') sum.proposed++;
    if (kind === 'NO_SHOW') sum.noShow++;
    if (kind !== 'COMPLETED') continue;
    sum.completed++;

    // PASS/FAIL need a scorecard, final once the outcome is in; the application moves on as the outcome use case does.
    const good = outcome === 'PASS';
    const ratings = CRITERIA.map((c) => ({ criterion: c.name, score: good ? int(rand, 3, 5) : int(rand, 1, 3), note: null }));
    if (good && ratings.every((r) => r.score < 4)) ratings[0].score = 4;
    const weights = CRITERIA.reduce((a, c) => a + c.weight, 0);
    const weighted = Math.round((CRITERIA.reduce((a, c, k) => a + ratings[k].score * c.weight, 0) * 100) / weights);
    await m.query(
      `INSERT INTO interview_scorecards (interview_id, tenant_id, template_id, template_name, criteria, ratings, notes, weighted_score_x100, recorded_by, created_at, updated_at, finalized_at)
       VALUES ($1,$2,$3,'客服岗位初面评分表',$4::jsonb,$5::jsonb,$6,$7,$8,$9,$10,$10)`,
      [
        iv.id,
        app.tenant_id,
        templateOf.get(app.tenant_id),
        JSON.stringify(CRITERIA),
        JSON.stringify(ratings),
        good ? '普通话标准，模拟来电应答流畅，建议录用' : '表达不够清晰，客诉场景应对欠缺',
        weighted,
        hr,
        addMinutes(startsAt!, 20),
        updatedAt,
      ],
    );
    const to = good ? 'OFFER' : 'REJECTED';
    await m.query(`UPDATE applications SET stage = $2, updated_at = $3 WHERE id = $1`, [app.id, to, updatedAt]);
    await m.query(
      `INSERT INTO application_events (application_id, from_stage, to_stage, actor_user_id, actor_role, reason, created_at) VALUES ($1,'INTERVIEW',$2,$3,'HR',$4,$5)`,
      [app.id, to, hr, good ? '视频面试通过' : '视频面试未通过', updatedAt],
    );
  }
  return sum;
}
