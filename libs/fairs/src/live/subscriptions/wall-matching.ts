import { MANDARIN_RANK } from '@app/talent';
import { FairWallModel } from '../wall/models/fair-wall.model';

/** One open posting of a fair as the matching SQL sees it (passed as a jsonb parameter: no other context's table is named). */
export interface MatchPosting {
  i: number;
  fp: string;
  max_fen: number;
  shifts: string[];
  mand: number | null;
  typing: number | null;
}

/** The postings of a wall that still have places, indexed for the matching SQL. */
export function matchPostings(wall: FairWallModel): {
  list: MatchPosting[];
  byIndex: Map<number, { company: string; title: string; min: number; max: number; fp: string }>;
} {
  const list: MatchPosting[] = [];
  const byIndex = new Map<number, { company: string; title: string; min: number; max: number; fp: string }>();
  for (const c of wall.companies) {
    for (const p of c.postings) {
      if (p.openingsLeft <= 0) continue;
      const i = list.length;
      list.push({
        i,
        fp: p.fairPostingId,
        max_fen: p.salaryMaxFen,
        shifts: p.shifts,
        mand: p.minMandarinLevel ? (MANDARIN_RANK[p.minMandarinLevel] ?? null) : null,
        typing: p.minTypingSpeed,
      });
      byIndex.set(i, { company: c.name, title: p.title, min: p.salaryMinFen, max: p.salaryMaxFen, fp: p.fairPostingId });
    }
  }
  return { list, byIndex };
}

/**
 * Set-based matching of wall subscriptions against one fair's postings. $1 postings (jsonb), $2 the fair's region
 * code, $3 its kind, $4/$5 the fair's coordinates (null when unknown: distance subscriptions then do not match).
 * `where` narrows the subscriptions (its parameters start at $6). Rows: subscription, user, sms, matching indexes.
 */
export function matchSql(where: string, limit?: string): string {
  return `
    WITH p AS (
      SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(i int, fp uuid, max_fen int, shifts text[], mand int, typing int)
    ), s AS (
      SELECT s.id, s.user_id, s.sms, s.shifts, s.pay_floor_fen, s.mandarin_rank, s.typing_speed
        FROM fair_wall_subscriptions s
       WHERE s.active AND ${where}
         AND (cardinality(s.region_prefixes) = 0 OR EXISTS (SELECT 1 FROM unnest(s.region_prefixes) r WHERE $2::text LIKE r || '%'))
         AND (cardinality(s.fair_kinds) = 0 OR $3::text = ANY (s.fair_kinds))
         AND (s.max_distance_km IS NULL OR ($4::float8 IS NOT NULL AND
              2 * 6371.0088 * asin(sqrt(power(sin(radians($4::float8 - s.home_lat) / 2), 2)
                + cos(radians(s.home_lat)) * cos(radians($4::float8)) * power(sin(radians($5::float8 - s.home_lng) / 2), 2))) <= s.max_distance_km))
       ORDER BY s.id ${limit ? `LIMIT ${limit}` : ''}
    )
    SELECT s.id, s.user_id, s.sms,
           coalesce(array_agg(p.i ORDER BY p.i) FILTER (WHERE p.i IS NOT NULL), '{}') AS matches
      FROM s
      LEFT JOIN p ON (cardinality(s.shifts) = 0 OR p.shifts && s.shifts)
                 AND (s.pay_floor_fen IS NULL OR p.max_fen >= s.pay_floor_fen)
                 AND (p.mand IS NULL OR coalesce(s.mandarin_rank, 0) >= p.mand)
                 AND (p.typing IS NULL OR coalesce(s.typing_speed, 0) >= p.typing)
     GROUP BY s.id, s.user_id, s.sms
     ORDER BY s.id`;
}

export interface MatchRow {
  id: string;
  user_id: string;
  sms: boolean;
  matches: number[];
}
