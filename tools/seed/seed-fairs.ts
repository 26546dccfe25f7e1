import { weeklyOccurrences } from '@app/fairs';
import { randomBytes } from 'crypto';
import { EntityManager } from 'typeorm';
import { SeedContext } from './seed-more';

export interface FairsSummary {
  fairs: number;
  booths: number;
  companies: number;
  fairPostings: number;
  tickets: number;
}

const BOOTHS_PER_FAIR = 12;

/**
 * Job fairs (issue 11): the weekly Saturday 09:00–12:00 fair at the talent service centre, created 8 weeks ahead as
 * the scheduler would, with 12 booths each; at the first one, four companies with approved booths and up to two open
 * postings each (headcount at the fair ≤ openings left), and a few seekers with accounts registered (tickets). Called
 * by seed.ts inside its transaction, after the hiring pipeline.
 */
export async function seedFairs(m: EntityManager, ctx: SeedContext): Promise<FairsSummary> {
  const { rand, now } = ctx;
  const sum: FairsSummary = { fairs: 0, booths: 0, companies: 0, fairPostings: 0, tickets: 0 };
  const [series] = await m.query(
    `INSERT INTO fair_series (name, weekday, start_local, end_local, weeks_ahead, kind, level, region_code, mode, venue, admission_cap, booth_count, auto_publish, active, created_by, created_at)
     VALUES ('集宁区每周六招聘会', 6, '09:00', '12:00', 8, 'WEEKLY', 'COUNTY', '150902', 'HYBRID', '集宁区人才服务中心一楼招聘大厅', 800, $1, true, true, $2, $3) RETURNING id`,
    [BOOTHS_PER_FAIR, ctx.operatorId, now],
  );
  const fairIds: string[] = [];
  for (const occ of weeklyOccurrences(now, 6, '09:00', '12:00', 8)) {
    const [f] = await m.query(
      `INSERT INTO fairs (series_id, title, kind, level, region_code, mode, venue, starts_at, ends_at, status, admission_cap, published_at, created_by, created_at, updated_at)
       VALUES ($1, $2, 'WEEKLY', 'COUNTY', '150902', 'HYBRID', '集宁区人才服务中心一楼招聘大厅', $3, $4, 'PUBLISHED', 800, $5, $6, $5, $5) RETURNING id`,
      [series.id, `集宁区每周六招聘会（${Number(occ.date.slice(5, 7))}月${Number(occ.date.slice(8))}日周六）`, occ.startsAt, occ.endsAt, now, ctx.operatorId],
    );
    fairIds.push(f.id);
    sum.fairs++;
    for (let i = 1; i <= BOOTHS_PER_FAIR; i++) {
      await m.query(`INSERT INTO fair_booths (fair_id, number, zone) VALUES ($1, $2, $3)`, [f.id, `A${String(i).padStart(2, '0')}`, i <= 6 ? '东区' : '西区']);
      sum.booths++;
    }
  }

  // The first Saturday: four companies with their open postings.
  const first = fairIds[0];
  const booths: Array<{ id: string }> = await m.query(`SELECT id FROM fair_booths WHERE fair_id = $1 ORDER BY number`, [first]);
  for (const [i, tenantId] of ctx.tenantIds.slice(0, 4).entries()) {
    const postings: Array<{ id: string; openings_left: number }> = await m.query(
      `SELECT id, openings_left FROM job_postings WHERE tenant_id = $1 AND status = 'OPEN' AND openings_left > 0 ORDER BY created_at, id LIMIT 2`,
      [tenantId],
    );
    if (!postings.length) continue;
    const hr = ctx.hrByTenant.get(tenantId) ?? null;
    const [app] = await m.query(
      `INSERT INTO fair_booth_applications (fair_id, tenant_id, status, booth_id, applied_by, decided_by, decided_at, created_at, updated_at)
       VALUES ($1, $2, 'APPROVED', $3, $4, $5, $6, $6, $6) RETURNING id`,
      [first, tenantId, booths[i].id, hr, ctx.operatorId, now],
    );
    await m.query(`UPDATE fair_booths SET tenant_id = $1, assigned_at = $2 WHERE id = $3`, [tenantId, now, booths[i].id]);
    sum.companies++;
    for (const p of postings) {
      const headcount = Math.max(1, Math.min(p.openings_left, 2 + Math.floor(rand() * 4)));
      await m.query(
        `INSERT INTO fair_postings (fair_id, booth_application_id, tenant_id, booth_id, posting_id, headcount, code, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
        [first, app.id, tenantId, booths[i].id, p.id, headcount, randomBytes(12).toString('base64url'), now],
      );
      sum.fairPostings++;
    }
  }

  // A few seekers with accounts have registered for it.
  const seekers: Array<{ id: string }> = await m.query(`SELECT id FROM seekers WHERE user_id IS NOT NULL ORDER BY id_number_hash, id LIMIT 20`);
  for (const s of seekers) {
    await m.query(`INSERT INTO fair_tickets (fair_id, seeker_id, token, created_at) VALUES ($1, $2, $3, $4)`, [
      first,
      s.id,
      randomBytes(18).toString('base64url'),
      now,
    ]);
    sum.tickets++;
  }
  return sum;
}
