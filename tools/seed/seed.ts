import 'reflect-metadata';
import { AppConfig, CryptoService, dataSourceOptions, loadConfig, makeCreditCode, makeResidentId, profileCompletenessRow } from './seed-deps';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { Clock } from '../../libs/core/src/clock/clock';
import { shanghaiDateTime } from '../../libs/core/src/clock/shanghai-time';
import { regionDirectory } from '../../libs/talent/src/regions';
import { hanName, MONGOLIAN_F, MONGOLIAN_M, mulberry32 } from './names';
import { InterviewsSummary, SchoolsSummary, SeedContext, seedInterviews, seedSchools, seedTraining, TrainingSummary } from './seed-more';
import { seedSubsidiesMain } from './seed-subsidies';
import { FairsSummary, seedFairs } from './seed-fairs';

/**
 * Demo data for a platform a person can try at once: 12 tenants, 60 postings,
 * 5,000+ synthetic seekers spread over the 300 km region (more near the
 * base), schools, staff accounts, applications and hires, plus training
 * (classes, attendance, assessments, certificates), an order class,
 * internships and video interviews (seed-more.ts). Deterministic and
 * idempotent: a second run does nothing. Refused in production.
 */
const SEEKERS_FROM_ENV = Number(process.env.SEED_SEEKERS ?? 5200);
export const DEMO_PASSWORD = 'Demo-2026-talent';
/** The seeker count the sizes of training and internships are set for. */
const FULL_SIZE = 5200;

export interface SeedSummary {
  tenants: number;
  postings: number;
  seekers: number;
  schools: number;
  applications: number;
  hires: number;
  training: TrainingSummary;
  schoolPrograms: SchoolsSummary;
  interviews: InterviewsSummary;
}

const TENANTS = [
  ['北疆云联客服有限公司', 3000],
  ['草原之声呼叫中心有限公司', 2200],
  ['察哈尔数字服务有限公司', 1800],
  ['集宁远程坐席服务有限公司', 1500],
  ['阴山信息外包有限公司', 1200],
  ['乌兰察布智联客户服务有限公司', 2600],
  ['云端蒙汉双语服务中心有限公司', 600],
  ['霸王河数据标注有限公司', 800],
  ['老虎山金融外包服务有限公司', 1000],
  ['卓资山电商客服有限公司', 700],
  ['岱海文旅热线服务有限公司', 400],
  ['京蒙协作呼叫中心有限公司', 2000],
] as const;
const TITLES: Array<[string, number, number, string | null, number | null, string | null, string[]]> = [
  // title, min yuan, max yuan, min mandarin, min typing, min education, shifts
  ['呼入客服专员', 3200, 4500, '2B', 40, 'SECONDARY', ['TWO_SHIFT', 'THREE_SHIFT']],
  ['外呼营销专员', 3500, 6500, '2B', 35, 'SECONDARY', ['DAY']],
  ['在线文字客服', 3200, 4800, '3A', 60, 'HIGH_SCHOOL', ['TWO_SHIFT']],
  ['投诉处理专员', 4000, 5500, '2A', 50, 'JUNIOR_COLLEGE', ['DAY', 'TWO_SHIFT']],
  ['夜班客服（三班倒）', 3800, 5000, '2B', 40, 'SECONDARY', ['THREE_SHIFT', 'NIGHT']],
  ['蒙汉双语客服', 4000, 6000, '2B', 35, 'SECONDARY', ['TWO_SHIFT']],
  ['质检专员', 4200, 5800, '2A', 50, 'JUNIOR_COLLEGE', ['DAY']],
  ['班组长（储备）', 5000, 7500, '2A', 50, 'JUNIOR_COLLEGE', ['TWO_SHIFT']],
  ['客服培训师', 5500, 8000, '1B', 60, 'BACHELOR', ['DAY']],
  ['数据标注员', 3000, 4200, null, 50, 'HIGH_SCHOOL', ['DAY', 'TWO_SHIFT']],
];
const SCHOOLS: Array<[string, string, string]> = [
  ['乌兰察布职业学院', 'VOCATIONAL', '150902'],
  ['集宁师范学院', 'UNIVERSITY', '150902'],
  ['乌兰察布医学高等专科学校', 'VOCATIONAL', '150902'],
  ['丰镇市职业中学（示例）', 'SECONDARY', '150981'],
];
const MAJORS = [
  '客户服务管理',
  '市场营销',
  '电子商务',
  '计算机应用技术',
  '汉语言文学',
  '蒙古语言文学',
  '会计',
  '物流管理',
  '酒店管理',
  '护理',
  '旅游管理',
  '英语',
];

function pick<T>(rand: () => number, items: readonly T[], weights?: number[]): T {
  if (!weights) return items[Math.floor(rand() * items.length)];
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rand() * total;
  for (let i = 0; i < items.length; i++) if ((r -= weights[i]) < 0) return items[i];
  return items[items.length - 1];
}

/**
 * Loads the demo data into `ds` in one transaction. Returns null (and writes
 * nothing) when it is already there — the `operator` user exists. Refused in
 * production.
 */
export async function seedDemo(ds: DataSource, config: AppConfig, opts: { seekers?: number } = {}): Promise<SeedSummary | null> {
  if (config.app.nodeEnv === 'production') throw new Error('seed: refused in production');
  const seekerCount = opts.seekers ?? FULL_SIZE;
  const crypto = new CryptoService(config);
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM users WHERE username = 'operator'`);
  if (n > 0) return null;
  const rand = mulberry32(20261123);
  const hash = await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id });
  let more!: { training: TrainingSummary; schoolPrograms: SchoolsSummary; interviews: InterviewsSummary; fairs: FairsSummary };
  await ds.transaction(async (m) => {
    const staff = async (role: string, username: string, display: string, tenantId: string | null = null, schoolId: string | null = null) =>
      (
        await m.query(`INSERT INTO users (role, username, password_hash, display_name, tenant_id, school_id) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`, [
          role,
          username,
          hash,
          display,
          tenantId,
          schoolId,
        ])
      )[0].id as string;
    const operatorId = await staff('OPERATOR', 'operator', '人才服务中心 运营');
    await staff('AUDITOR', 'auditor', '市人社局 审核员');
    const schoolIds: string[] = [];
    const schoolAdminBySchool = new Map<string, string>();
    for (const [i, [name, kind, region]] of SCHOOLS.entries()) {
      const [{ id }] = await m.query(`INSERT INTO schools (name, kind, region_code) VALUES ($1,$2,$3) RETURNING id`, [name, kind, region]);
      schoolIds.push(id);
      schoolAdminBySchool.set(id, await staff('SCHOOL_ADMIN', `school${i + 1}`, `${name} 就业办`, null, id));
    }
    const tenantIds: string[] = [];
    const hrByTenant = new Map<string, string>();
    for (const [i, [name, seats]] of TENANTS.entries()) {
      const code = makeCreditCode(`91150900MA0N${String(1000 + i).padStart(5, '0')}`);
      const [{ id }] = await m.query(`INSERT INTO tenants (name, credit_code, seats, contact_name) VALUES ($1,$2,$3,$4) RETURNING id`, [
        name,
        code,
        seats,
        '人事部',
      ]);
      tenantIds.push(id);
      hrByTenant.set(id, await staff('HR', `hr${String(i + 1).padStart(2, '0')}`, `${name.slice(0, 4)} HR`, id));
      for (let k = 0; k < 5; k++) {
        const [title, lo, hi, mand, typing, edu, shifts] = TITLES[(i + k * 3) % TITLES.length];
        const headcount = pick(rand, [5, 10, 20, 30, 50, 80]);
        await m.query(
          `INSERT INTO job_postings (tenant_id, title, description, headcount, openings_left, salary_min_fen, salary_max_fen, shifts, min_mandarin_level, min_typing_speed, min_education, status)
           VALUES ($1,$2,$3,$4,$4,$5,$6,$7,$8,$9,$10,'OPEN')`,
          [id, title, `${name}招聘${title}，基地内上班，提供岗前培训，五险一金。`, headcount, lo * 100, hi * 100, shifts, mand, typing, edu],
        );
      }
    }

    // Seekers: counties within 300 km, weighted towards the base.
    const counties = regionDirectory()
      .withinKm(300)
      .filter((d) => !d.region.stat)
      .map((d) => ({ code: d.region.code, lat: d.region.lat!, lng: d.region.lng!, distanceKm: d.distanceKm }));
    const weights = counties.map((c) => (c.code === '150902' ? 12 : 1) / Math.pow(1 + c.distanceKm / 60, 1.6));
    const ids = new Set<string>();
    const rows: unknown[][] = [];
    for (let i = 0; i < seekerCount; i++) {
      const county = pick(rand, counties, weights);
      const female = rand() < 0.62;
      const birthYear = 2007 - Math.floor(Math.pow(rand(), 1.8) * 30);
      const birth = `${birthYear}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
      let idNumber = '';
      do {
        const seq = Math.floor(rand() * 500) * 2 + (female ? 0 : 1);
        idNumber = makeResidentId(county.code, birth, seq);
      } while (ids.has(idNumber));
      ids.add(idNumber);
      const mongolian = county.code.startsWith('15') && rand() < 0.12;
      const name = mongolian ? pick(rand, female ? MONGOLIAN_F : MONGOLIAN_M) : hanName(rand, female);
      const phone = `1${pick(rand, ['3', '5', '7', '8', '9'])}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
      const lat = county.lat + (rand() - 0.5) * 0.12;
      const lng = county.lng + (rand() - 0.5) * 0.16;
      const distance = Math.round(regionDirectory().distanceKm(lat, lng, config.app.baseLat, config.app.baseLng) * 10) / 10;
      const education = pick(rand, ['JUNIOR_HIGH', 'SECONDARY', 'HIGH_SCHOOL', 'JUNIOR_COLLEGE', 'BACHELOR', 'MASTER'], [6, 24, 18, 34, 16, 2]);
      const young = birthYear >= 2002;
      const graduationYear = young ? Math.min(2026, birthYear + (education === 'BACHELOR' ? 22 : education === 'JUNIOR_COLLEGE' ? 21 : 19)) : null;
      const categories: string[] = [];
      if (graduationYear && graduationYear >= 2025) categories.push('GRADUATE');
      if (rand() < 0.14) categories.push('UNEMPLOYED');
      if (rand() < 0.05) categories.push('POOR_HOUSEHOLD');
      if (rand() < 0.02) categories.push('DISABLED');
      const mandarin = pick(rand, [null, '3B', '3A', '2B', '2A', '1B'], [12, 3, 10, 36, 32, 7]);
      const typing = rand() < 0.9 ? Math.max(10, Math.round(45 + (rand() + rand() + rand() - 1.5) * 30)) : null;
      const months = rand() < 0.6 ? 0 : Math.floor(3 + rand() * 45);
      const shifts = ['DAY', 'TWO_SHIFT', 'THREE_SHIFT', 'NIGHT'].filter((_, k) => rand() < [0.8, 0.55, 0.3, 0.15][k]);
      const languages = ['普通话', ...(mongolian || rand() < 0.04 ? ['蒙古语'] : []), ...(rand() < 0.15 ? ['英语'] : [])];
      const school = graduationYear && rand() < 0.35 ? SCHOOLS[Math.floor(rand() * SCHOOLS.length)][0] : null;
      const major = graduationYear ? pick(rand, MAJORS) : null;
      const shared = rand() < 0.85;
      const row = {
        idNumberEnc: crypto.encrypt(idNumber),
        idNumberHash: crypto.hash('id', idNumber),
        name,
        gender: female ? 'FEMALE' : 'MALE',
        birthDate: birth,
        phoneEnc: crypto.encrypt(phone),
        phoneHash: crypto.hash('phone', phone),
        regionCode: county.code,
        lat,
        lng,
        distanceKm: distance,
        education,
        schoolName: school,
        major,
        graduationYear,
        mandarinLevel: mandarin,
        typingSpeed: typing,
        callCenterMonths: months,
        languages,
        shifts,
        categories,
        source: school ? 'SCHOOL' : pick(rand, ['SELF', 'FAIR', 'BUREAU'], [70, 20, 10]),
        shared,
      };
      rows.push([
        row.idNumberEnc,
        row.idNumberHash,
        row.name,
        row.gender,
        row.birthDate,
        row.phoneEnc,
        row.phoneHash,
        row.regionCode,
        row.lat,
        row.lng,
        row.distanceKm,
        row.education,
        row.schoolName,
        row.major,
        row.graduationYear,
        row.mandarinLevel,
        row.typingSpeed,
        row.callCenterMonths,
        row.languages,
        row.shifts,
        row.categories,
        profileCompletenessRow(row),
        row.source,
        row.shared,
      ]);
    }
    const cols = `id_number_enc, id_number_hash, name, gender, birth_date, phone_enc, phone_hash, region_code, lat, lng, distance_km, education, school_name, major,
      graduation_year, mandarin_level, typing_speed, call_center_months, languages, shifts, categories, completeness, source, shared_with_tenants`;
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const params: unknown[] = [];
      const values = chunk
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
      await m.query(`INSERT INTO seekers (${cols}) VALUES ${values}`, params);
    }
    await m.query(`INSERT INTO consents (seeker_id, scope, policy_version, granted_at, channel)
                   SELECT id, 'SHARE_WITH_TENANTS', '2026-11-v1', now() - (random() * interval '300 days'), 'SEED' FROM seekers WHERE shared_with_tenants`);
    // the schools' own lists brought these synthetic people in: their school records are confirmed (issue 8 §3)
    await m.query(`INSERT INTO seeker_schools (seeker_id, school_id, major, education, graduation_year, status, decided_at, decided_via)
                   SELECT s.id, sc.id, s.major, s.education, s.graduation_year, 'CONFIRMED', now(), 'NEW_PROFILE'
                     FROM seekers s JOIN schools sc ON sc.name = s.school_name`);
    // Training, with its own PRNG so the rows above stay exactly as before. It is written before the outbox events
    // below, in the same transaction: the worker relays them only after commit, and the search indexer then reads
    // each person's completed classes (candidate_documents.training_completed).
    const ctx: SeedContext = {
      rand: mulberry32(20261124),
      now: new Clock().now() /* TEST_NOW in the date-matrix runs */,
      scale: Math.min(1, seekerCount / FULL_SIZE),
      operatorId,
      schoolIds,
      schoolAdminBySchool,
      tenantIds,
      hrByTenant,
    };
    const training = await seedTraining(m, ctx);
    // The search index is fed from the outbox: one event per seeker.
    await m.query(`INSERT INTO outbox_events (topic, aggregate_id, payload) SELECT 'seeker.changed', id, '{"reason":"seed"}' FROM seekers`);

    // A believable pipeline: applications at every stage and some hires with contracts.
    const postings: Array<{ id: string; tenant_id: string }> = await m.query(`SELECT id, tenant_id FROM job_postings ORDER BY created_at, id`);
    const seekers: Array<{ id: string }> = await m.query(`SELECT id FROM seekers WHERE shared_with_tenants ORDER BY id LIMIT 600`);
    const stages = ['APPLIED', 'SCREENING', 'INTERVIEW', 'OFFER', 'HIRED', 'REJECTED', 'WITHDRAWN'];
    for (const [i, s] of seekers.entries()) {
      const p = postings[i % postings.length];
      const stage = pick(rand, stages, [30, 20, 15, 8, 12, 10, 5]);
      const [{ id: appId }] = await m.query(
        `INSERT INTO applications (posting_id, tenant_id, seeker_id, stage, created_at, updated_at) VALUES ($1,$2,$3,$4, now() - interval '20 days', now() - interval '2 days') RETURNING id`,
        [p.id, p.tenant_id, s.id, stage],
      );
      await m.query(`INSERT INTO application_events (application_id, from_stage, to_stage, actor_role) VALUES ($1, NULL, 'APPLIED', 'SEEKER')`, [appId]);
      if (stage !== 'APPLIED')
        await m.query(`INSERT INTO application_events (application_id, from_stage, to_stage, actor_role) VALUES ($1, 'APPLIED', $2, $3)`, [
          appId,
          stage,
          stage === 'WITHDRAWN' ? 'SEEKER' : 'HR',
        ]);
      if (stage === 'HIRED') {
        const taken = await m.query(
          `UPDATE job_postings SET openings_left = openings_left - 1, status = CASE WHEN openings_left = 1 THEN 'FILLED' ELSE status END WHERE id = $1 AND openings_left > 0 RETURNING id`,
          [p.id],
        );
        if (taken[0]?.length !== 0) {
          // Contracts started on the 1st of one of the last 10 months before the Clock's month (Asia/Shanghai), so the
          // demo's hires stay recent whatever the date (the subsidy rules look back from the Clock, not from 2026).
          const monthsBack = 1 + Math.floor(rand() * 10);
          const [cy, cm] = shanghaiDateTime(ctx.now).slice(0, 7).split('-').map(Number);
          const ym = cy * 12 + (cm - 1) - monthsBack;
          const start = `${Math.floor(ym / 12)}-${String((ym % 12) + 1).padStart(2, '0')}-01`;
          const lastMonth = cy * 12 + (cm - 1) - 1;
          const terminatedOn = `${Math.floor(lastMonth / 12)}-${String((lastMonth % 12) + 1).padStart(2, '0')}-01`;
          await m.query(
            `INSERT INTO hires (application_id, posting_id, tenant_id, seeker_id, contract_start, contract_months, social_insurance_start, terminated_on, termination_reason)
                         VALUES ($1,$2,$3,$4,$5,$6,$5,$7,$8)`,
            [appId, p.id, p.tenant_id, s.id, start, pick(rand, [12, 24, 36]), rand() < 0.2 && terminatedOn > start ? terminatedOn : null, null],
          );
          await m.query(`UPDATE hires SET termination_reason = '个人原因离职' WHERE application_id = $1 AND terminated_on IS NOT NULL`, [appId]);
        }
      }
    }

    // School programmes and interviews build on the students and the applications above.
    const schoolPrograms = await seedSchools(m, ctx);
    const interviews = await seedInterviews(m, ctx);
    const fairs = await seedFairs(m, ctx);
    more = { training, schoolPrograms, interviews, fairs };
  });
  const [counts] = await ds.query(
    `SELECT (SELECT count(*)::int FROM seekers) AS seekers, (SELECT count(*)::int FROM applications) AS applications, (SELECT count(*)::int FROM hires) AS hires`,
  );
  return { tenants: TENANTS.length, postings: TENANTS.length * 5, schools: SCHOOLS.length, ...counts, ...more };
}

async function main() {
  const config = loadConfig();
  if (config.app.nodeEnv === 'production') throw new Error('seed: refused in production');
  const ds = new DataSource(dataSourceOptions(config));
  await ds.initialize();
  try {
    const s = await seedDemo(ds, config, { seekers: SEEKERS_FROM_ENV });
    if (!s) {
      process.stdout.write('seed: demo data already present, nothing to do\n');
      return;
    }
    const t = s.training;
    const p = s.schoolPrograms;
    const iv = s.interviews;
    process.stdout.write(
      `seed: ${s.tenants} tenants, ${s.postings} postings, ${s.seekers} seekers, ${s.schools} schools, ${s.applications} applications, ${s.hires} hires; ` +
        `training: ${t.institutions} institutions, ${t.classes} classes, ${t.sessions} sessions, ${t.enrolments} enrolments, ${t.attendance} check-ins, ` +
        `${t.assessments} assessments, ${t.completed} completed with certificates; ` +
        `1 order class with ${p.orderClassStudents} students, ${p.internships} internships (${p.internshipMonths} monthly records); ` +
        `${iv.interviews} interviews (${iv.scheduled} scheduled, ${iv.proposed} awaiting a time, ${iv.completed} completed, ${iv.noShow} no-show); ` +
        `staff password ${DEMO_PASSWORD}\n`,
    );
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  main()
    .then(seedSubsidiesMain)
    .catch((e) => {
      process.stderr.write(`seed failed: ${e.stack ?? e}\n`);
      process.exit(1);
    });
}
