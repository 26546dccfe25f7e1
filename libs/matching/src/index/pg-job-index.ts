import { EDUCATION_RANK, MANDARIN_RANK } from '@app/talent';
import { DataSource } from 'typeorm';
import { JobHit, JobIndex, SeekerFacts } from './candidate-index';

const rankCase = (col: string, ranks: Record<string, number>) =>
  `CASE ${col} ${Object.entries(ranks)
    .map(([k, v]) => `WHEN '${k}' THEN ${Number(v)}`)
    .join(' ')} ELSE 0 END`;

/**
 * Open postings ranked for one seeker, straight from job_postings (open
 * postings are few; postings emit no outbox events yet). Order: fewest unmet
 * requirements, then a shift the seeker can work, then pay, then newest.
 * Postings the seeker already applied to are left out.
 */
export class PgJobIndex extends JobIndex {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async forSeeker(f: SeekerFacts, limit: number, offset: number): Promise<{ hits: JobHit[]; total: number }> {
    const rows: Array<{ id: string; gaps: number; shift_match: boolean; total: number }> = await this.ds.query(
      `SELECT p.id, g.gaps, (cardinality(p.shifts) = 0 OR p.shifts && $5::text[]) AS shift_match, count(*) OVER ()::int AS total
         FROM job_postings p
         CROSS JOIN LATERAL (SELECT
             (CASE WHEN p.min_mandarin_level IS NOT NULL AND ${rankCase('p.min_mandarin_level', MANDARIN_RANK)} > $2 THEN 1 ELSE 0 END
            + CASE WHEN p.min_typing_speed IS NOT NULL AND p.min_typing_speed > $3 THEN 1 ELSE 0 END
            + CASE WHEN p.min_education IS NOT NULL AND ${rankCase('p.min_education', EDUCATION_RANK)} > $4 THEN 1 ELSE 0 END) AS gaps) g
        WHERE p.status = 'OPEN' AND p.openings_left > 0
          AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.posting_id = p.id AND a.seeker_id = $1)
        ORDER BY g.gaps, shift_match DESC, p.salary_max_fen DESC, p.created_at DESC, p.id
        LIMIT $6 OFFSET $7`,
      [f.seekerId, f.mandarinRank, f.typingSpeed, f.educationRank, f.shifts, limit, offset],
    );
    let total = rows[0]?.total ?? 0;
    if (!rows.length && offset > 0) {
      const [c] = await this.ds.query(
        `SELECT count(*)::int AS n FROM job_postings p WHERE p.status = 'OPEN' AND p.openings_left > 0
            AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.posting_id = p.id AND a.seeker_id = $1)`,
        [f.seekerId],
      );
      total = c.n;
    }
    return { hits: rows.map((r) => ({ postingId: r.id, gaps: r.gaps, shiftMatch: r.shift_match })), total };
  }
}
