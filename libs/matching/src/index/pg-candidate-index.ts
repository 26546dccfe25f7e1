import { DataSource } from 'typeorm';
import { CandidateDocument, GeoBase } from '../documents/candidate-document';
import { queryWords, termsAreExact } from '../documents/text-terms';
import { CandidateFilter, CandidateHit, CandidateIndex, CandidateQuery, CandidateSearchResult, FacetName, MAX_WINDOW } from './candidate-index';

/** earth() in earthdistance is 6378.168 km, our distances use the mean radius: widen the box accordingly (+1 m). */
const EARTH_BOX_SCALE = 6378168 / 6371008.8;

const COLUMNS: Array<[keyof CandidateDocument, string, string]> = [
  ['id', 'seeker_id', 'uuid'],
  ['name', 'name', 'text'],
  ['schoolName', 'school_name', 'text'],
  ['major', 'major', 'text'],
  ['searchText', 'search_text', 'text'],
  ['terms', 'terms', 'text[]'],
  ['countyCode', 'county_code', 'text'],
  ['prefectureCode', 'prefecture_code', 'text'],
  ['lat', 'lat', 'double precision'],
  ['lng', 'lng', 'double precision'],
  ['distanceKm', 'distance_km', 'double precision'],
  ['education', 'education', 'text'],
  ['educationRank', 'education_rank', 'smallint'],
  ['graduationYear', 'graduation_year', 'smallint'],
  ['mandarinLevel', 'mandarin_level', 'text'],
  ['mandarinRank', 'mandarin_rank', 'smallint'],
  ['typingSpeed', 'typing_speed', 'smallint'],
  ['callCenterMonths', 'call_center_months', 'smallint'],
  ['languages', 'languages', 'text[]'],
  ['shifts', 'shifts', 'text[]'],
  ['categories', 'categories', 'text[]'],
  ['completeness', 'completeness', 'smallint'],
  ['trainingCompleted', 'training_completed', 'smallint'],
  ['baseScore', 'base_score', 'integer'],
];

const FACET_COLUMN: Record<Exclude<FacetName, 'category'>, string> = {
  county: 'county_code::text',
  prefecture: 'prefecture_code::text',
  education: 'education',
};

/** Collects positional parameters. */
class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** Mean earth radius (km), as matching_km(). */
const EARTH_KM = 6371.0088;

/**
 * A lat/lng box containing every point within radiusKm (haversine) of the centre,
 * widened by a little; lng is unbounded near the poles or across the antimeridian.
 */
export function latLngBox(geo: { lat: number; lng: number; radiusKm: number }): {
  latMin: number;
  latMax: number;
  lngMin: number | null;
  lngMax: number | null;
} {
  const ang = geo.radiusKm / EARTH_KM; // radians
  const pad = 1e-6;
  const dLat = (ang * 180) / Math.PI + pad;
  const s = Math.sin(Math.min(ang, Math.PI / 2)) / Math.cos((geo.lat * Math.PI) / 180);
  const latMin = geo.lat - dLat;
  const latMax = geo.lat + dLat;
  if (ang >= Math.PI / 2 || s >= 1 || latMin <= -90 || latMax >= 90) return { latMin, latMax, lngMin: null, lngMax: null };
  const dLng = (Math.asin(s) * 180) / Math.PI + pad;
  if (geo.lng - dLng < -180 || geo.lng + dLng > 180) return { latMin, latMax, lngMin: null, lngMax: null };
  return { latMin, latMax, lngMin: geo.lng - dLng, lngMax: geo.lng + dLng };
}

/**
 * Whether a radius query away from the base should scan the earth_pt GiST.
 * The planner cannot estimate cube containment (fixed 0.001 selectivity), so it
 * would always AND the box bitmap in; for a wide radius in this regional pool
 * the box holds most documents (150 km: ~60 %), which costs far more than it
 * removes. With text terms (the selective part) the box becomes a plain filter.
 */
function useGeoIndex(q: CandidateQuery): boolean {
  if (!q.geo) return false;
  const hasTerms = !!q.text && queryWords(q.text).some((w) => w.terms.length > 0);
  return !hasTerms || q.geo.radiusKm < GEO_INDEX_MAX_KM_WITH_TEXT;
}
const GEO_INDEX_MAX_KM_WITH_TEXT = 30;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

/**
 * PostgreSQL engine (the embedded default) on candidate_documents:
 * radius via earthdistance (GiST on earth_pt, exact haversine recheck) or, for
 * the configured base, the precomputed distance_km; Chinese text via the terms
 * GIN index plus a substring recheck (left out where the terms decide); fit order
 * via the base_score index, which covers every filter column, so frequent text
 * is searched by an index-only walk in fit order. Hits and the capped count come
 * from one statement (the first MAX_WINDOW + 1 rows); facets are exact over all matches.
 */
export class PgCandidateIndex extends CandidateIndex {
  readonly engine = 'postgres' as const;
  private readonly table: string;

  /** `ds` may be a DataSource or an EntityManager (one connection, e.g. inside a transaction). */
  constructor(
    private readonly ds: Pick<DataSource, 'query'>,
    private readonly base: GeoBase,
    table = 'candidate_documents',
    private readonly tuning: { walkMinTextFrequency?: number; walkBudget?: number } = {},
  ) {
    super();
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`bad table name ${table}`);
    this.table = table;
  }

  async ensureReady(): Promise<void> {
    // The schema is the migration's.
  }

  async upsert(docs: CandidateDocument[]): Promise<void> {
    for (let i = 0; i < docs.length; i += 1000) await this.upsertChunk(docs.slice(i, i + 1000));
  }

  private async upsertChunk(docs: CandidateDocument[]): Promise<void> {
    if (!docs.length) return;
    // Last writer by source time wins; the newest row per id within one chunk.
    const newest = new Map<string, CandidateDocument>();
    for (const d of docs) if (!newest.has(d.id) || newest.get(d.id)!.sourceUpdatedAt <= d.sourceUpdatedAt) newest.set(d.id, d);
    const recordDef = [...COLUMNS.map(([k, , t]) => `"${k}" ${t}`), `"sourceUpdatedAt" double precision`].join(', ');
    const cols = COLUMNS.map(([, c]) => c);
    const set = [...cols.filter((c) => c !== 'seeker_id'), 'earth_pt', 'source_updated_at', 'indexed_at'].map((c) => `${c} = EXCLUDED.${c}`).join(', ');
    await this.ds.query(
      `INSERT INTO ${this.table} (${cols.join(', ')}, earth_pt, source_updated_at, indexed_at)
       SELECT ${COLUMNS.map(([k]) => `x."${k}"`).join(', ')},
              CASE WHEN x.lat IS NULL OR x.lng IS NULL THEN NULL ELSE ll_to_earth(x.lat, x.lng) END,
              to_timestamp(x."sourceUpdatedAt" / 1000.0), now()
         FROM jsonb_to_recordset($1::jsonb) AS x(${recordDef})
       ON CONFLICT (seeker_id) DO UPDATE SET ${set}
        WHERE ${this.table}.source_updated_at <= EXCLUDED.source_updated_at`,
      [JSON.stringify([...newest.values()])],
    );
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length) await this.ds.query(`DELETE FROM ${this.table} WHERE seeker_id = ANY($1::uuid[])`, [ids]);
  }

  async count(): Promise<number> {
    const [r] = await this.ds.query(`SELECT count(*)::int AS n FROM ${this.table}`);
    return r.n;
  }

  async get(ids: string[]): Promise<Map<string, CandidateDocument>> {
    if (!ids.length) return new Map();
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT ${COLUMNS.map(([k, c]) => `${c} AS "${k}"`).join(', ')}, (extract(epoch FROM source_updated_at) * 1000)::float8 AS "sourceUpdatedAt"
         FROM ${this.table} WHERE seeker_id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(
      rows.map((r) => {
        const d = r as unknown as CandidateDocument;
        d.countyCode = d.countyCode?.trim() ?? null;
        d.prefectureCode = d.prefectureCode?.trim() ?? null;
        d.sourceUpdatedAt = Math.round(Number(r.sourceUpdatedAt));
        return [d.id, d];
      }),
    );
  }

  /** A contiguous run of ids from a random starting point (uuids are random, so this is a fair sample). */
  async sampleIds(n: number): Promise<string[]> {
    const from = randomUuid();
    const after: Array<{ id: string }> = await this.ds.query(
      `SELECT seeker_id AS id FROM ${this.table} WHERE seeker_id >= $1::uuid ORDER BY seeker_id LIMIT $2`,
      [from, n],
    );
    const wrap: Array<{ id: string }> =
      after.length < n
        ? await this.ds.query(`SELECT seeker_id AS id FROM ${this.table} WHERE seeker_id < $1::uuid ORDER BY seeker_id LIMIT $2`, [from, n - after.length])
        : [];
    return [...after, ...wrap].map((r) => r.id);
  }

  // ---------- search ----------

  private isBase(geo: CandidateQuery['geo']): boolean {
    return !!geo && Math.abs(geo.lat - this.base.lat) < 1e-9 && Math.abs(geo.lng - this.base.lng) < 1e-9;
  }

  /** WHERE clause (without the sort branch) and the distance expression. */
  where(q: CandidateQuery, p: Params, walk = false): { where: string[]; distance: string } {
    const w: string[] = [];
    const f: CandidateFilter = q.filter ?? {};
    if (f.minMandarinRank) w.push(`d.mandarin_rank >= ${p.add(f.minMandarinRank)}`);
    if (f.minTypingSpeed) w.push(`d.typing_speed >= ${p.add(f.minTypingSpeed)}`);
    if (f.minCallCenterMonths) w.push(`d.call_center_months >= ${p.add(f.minCallCenterMonths)}`);
    if (f.minEducationRank) w.push(`d.education_rank >= ${p.add(f.minEducationRank)}`);
    if (f.educations?.length) w.push(`d.education = ANY(${p.add(f.educations)}::text[])`);
    if (f.categoriesAny?.length) w.push(`d.categories && ${p.add(f.categoriesAny)}::text[]`);
    if (f.shiftsAny?.length) w.push(`d.shifts && ${p.add(f.shiftsAny)}::text[]`);
    if (f.graduationYearMin != null) w.push(`d.graduation_year >= ${p.add(f.graduationYearMin)}`);
    if (f.graduationYearMax != null) w.push(`d.graduation_year <= ${p.add(f.graduationYearMax)}`);
    if (f.countyCodes?.length) w.push(`d.county_code = ANY(${p.add(f.countyCodes)}::bpchar[])`);
    if (f.prefectureCodes?.length) w.push(`d.prefecture_code = ANY(${p.add(f.prefectureCodes)}::bpchar[])`);
    if (f.excludeIds?.length) w.push(`NOT (d.seeker_id = ANY(${p.add(f.excludeIds)}::uuid[]))`);
    let distance = 'd.distance_km';
    if (q.geo) {
      if (this.isBase(q.geo)) {
        w.push(`d.distance_km <= ${p.add(q.geo.radiusKm)}`);
      } else {
        const lat = p.add(q.geo.lat);
        const lng = p.add(q.geo.lng);
        const r = p.add(q.geo.radiusKm);
        if (!walk && useGeoIndex(q)) {
          w.push(`earth_box(ll_to_earth(${lat}, ${lng}), ${r}::float8 * 1000 * ${EARTH_BOX_SCALE} + 1) @> d.earth_pt`);
        } else {
          // Text drives the scan (see useGeoIndex): a cheap, conservative lat/lng box as a plain filter.
          const b = latLngBox(q.geo);
          w.push(`d.lat BETWEEN ${p.add(b.latMin)}::float8 AND ${p.add(b.latMax)}::float8`);
          if (b.lngMin != null) w.push(`d.lng BETWEEN ${p.add(b.lngMin)}::float8 AND ${p.add(b.lngMax)}::float8`);
        }
        w.push(`matching_km(d.lat, d.lng, ${lat}, ${lng}) <= ${r}`);
        distance = `matching_km(d.lat, d.lng, ${lat}, ${lng})`;
      }
    }
    if (q.text) {
      for (const word of queryWords(q.text)) {
        if (word.terms.length) w.push(`d.terms @> ${p.add(word.terms)}::text[]`);
        if (!word.terms.length || !termsAreExact(word)) w.push(`d.search_text LIKE ${p.add(`%${escapeLike(word.substring)}%`)}`);
      }
    }
    return { where: w, distance };
  }

  private orderBy(q: CandidateQuery, p: Params): string {
    const sort = q.sort ?? { by: 'SCORE' };
    if (sort.by === 'DISTANCE') {
      if (q.geo && !this.isBase(q.geo)) return `d.earth_pt <-> ll_to_earth(${p.add(q.geo.lat)}, ${p.add(q.geo.lng)}), d.seeker_id`;
      return 'd.distance_km, d.seeker_id';
    }
    if (sort.by === 'RECENT') return 'd.source_updated_at DESC, d.seeker_id';
    return 'd.base_score DESC, d.seeker_id';
  }

  /** The SQL of a search, exposed for EXPLAIN in the benchmark. */
  sql(
    q: CandidateQuery,
    walkBudget?: number,
  ): { hits: { text: string; values: unknown[]; window: boolean }; count?: { text: string; values: unknown[] }; facets?: { text: string; values: unknown[] } } {
    const limit = Math.max(0, Math.min(q.limit, MAX_WINDOW - q.offset));
    const sort = q.sort ?? { by: 'SCORE' };
    const t = this.table;

    const hp = new Params();
    const { where, distance } = this.where(q, hp, !!walkBudget);
    const cond = (extra?: string) => [...where, ...(extra ? [extra] : [])].join(' AND ') || 'true';
    let hits: string;
    let window = false;
    if (sort.by === 'SCORE' && sort.boostShifts?.length && sort.boostPoints) {
      const shifts = hp.add(sort.boostShifts);
      const boost = hp.add(Math.round(sort.boostPoints * 100));
      const n = hp.add(q.offset + limit);
      const branch = (match: boolean) =>
        `(SELECT d.seeker_id, d.base_score + ${match ? `${boost}::int` : '0'} AS rank_key, ${distance} AS distance_km
            FROM ${t} d WHERE ${cond(`${match ? '' : 'NOT '}(d.shifts && ${shifts}::text[])`)}
           ORDER BY d.base_score DESC, d.seeker_id LIMIT ${n})`;
      hits = `SELECT seeker_id, rank_key, distance_km FROM (${branch(true)} UNION ALL ${branch(false)}) u
               ORDER BY rank_key DESC, seeker_id LIMIT ${hp.add(limit)} OFFSET ${hp.add(q.offset)}`;
    } else {
      // One pass: the first MAX_WINDOW + 1 rows in order give the page and the capped count.
      // With a walk budget, only the first `walkBudget` documents in fit order are looked at
      // (an index-only walk of candidate_documents_score); see search().
      const from = walkBudget && sort.by === 'SCORE' ? `(SELECT * FROM ${t} ORDER BY base_score DESC, seeker_id LIMIT ${hp.add(walkBudget)}) d` : `${t} d`;
      hits = `SELECT d.seeker_id, d.base_score AS rank_key, ${distance} AS distance_km FROM ${from} WHERE ${cond()}
               ORDER BY ${this.orderBy(q, hp)} LIMIT ${MAX_WINDOW + 1}`;
      window = true;
    }

    let count: { text: string; values: unknown[] } | undefined;
    if (!window) {
      const cp = new Params();
      const cw = this.where(q, cp).where.join(' AND ') || 'true';
      count = {
        text: `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${t} d WHERE ${cw} ORDER BY ${this.orderBy(q, cp)} LIMIT ${MAX_WINDOW + 1}) x`,
        values: cp.values,
      };
    }

    let facets: { text: string; values: unknown[] } | undefined;
    if (q.facets?.length) {
      const fp = new Params();
      const fw = this.where(q, fp).where.join(' AND ') || 'true';
      // One aggregation over the matches (a few hundred groups), the facets are sums over the groups.
      const parts = q.facets.map((f) =>
        f === 'category'
          ? `SELECT 'category' AS f, c AS k, sum(g.n)::int AS n FROM g, unnest(g.categories) c GROUP BY 2`
          : `SELECT '${f}' AS f, ${FACET_COLUMN[f]} AS k, sum(g.n)::int AS n FROM g GROUP BY 2`,
      );
      facets = {
        text: `WITH g AS MATERIALIZED (SELECT d.county_code, d.prefecture_code, d.education, d.categories, count(*) AS n
                                     FROM ${t} d WHERE ${fw} GROUP BY 1, 2, 3, 4)
               ${parts.join(' UNION ALL ')}`,
        values: fp.values,
      };
    }
    return { hits: { text: hits, values: hp.values, window }, count, facets };
  }

  /**
   * Fraction of documents holding the query's rarest word (planner statistics of
   * terms; a word missing from the most common elements counts as rare), or null without text.
   */
  private async textFrequency(q: CandidateQuery): Promise<number | null> {
    if (!q.text) return null;
    const words = queryWords(q.text).filter((w) => w.terms.length);
    if (!words.length) return null;
    const stats = await this.termStats();
    let f = 1;
    for (const w of words) for (const term of w.terms) f = Math.min(f, stats.get(term) ?? 0);
    return f;
  }

  private termStatsCache?: { at: number; stats: Promise<Map<string, number>> };
  private termStats(): Promise<Map<string, number>> {
    const now = Date.now();
    if (!this.termStatsCache || now - this.termStatsCache.at > 10 * 60_000) {
      const stats = (
        this.ds.query(
          `SELECT most_common_elems::text::text[] AS e, most_common_elem_freqs AS f FROM pg_stats
          WHERE schemaname = current_schema() AND tablename = $1 AND attname = 'terms'`,
          [this.table],
        ) as Promise<Array<{ e: string[] | null; f: number[] | null }>>
      ).then(
        (rows) => {
          const m = new Map<string, number>();
          const r = rows[0];
          if (r?.e && r.f) r.e.forEach((e, i) => m.set(e, Number(r.f![i])));
          return m;
        },
        () => new Map<string, number>(),
      );
      this.termStatsCache = { at: now, stats };
    }
    return this.termStatsCache.stats;
  }

  /** The statements search() starts with (the walk when it applies), for EXPLAIN in the benchmark. */
  async statements(q: CandidateQuery): Promise<ReturnType<PgCandidateIndex['sql']>> {
    return (await this.walks(q)) ? this.sql(q, this.walkBudget) : this.sql(q);
  }

  private get walkBudget(): number {
    return this.tuning.walkBudget ?? WALK_BUDGET;
  }

  private async walks(q: CandidateQuery): Promise<boolean> {
    const sort = q.sort ?? { by: 'SCORE' };
    if (sort.by !== 'SCORE' || (sort.boostShifts?.length && sort.boostPoints)) return false;
    const f = await this.textFrequency(q);
    return f != null && f >= (this.tuning.walkMinTextFrequency ?? WALK_MIN_TEXT_FREQUENCY);
  }

  async search(q: CandidateQuery): Promise<CandidateSearchResult> {
    // Frequent text in fit order: the GIN bitmap would fetch a large share of the heap
    // (e.g. a school name: 12 % of documents) only to keep the best 1,001. Walking the
    // covering score index instead finds them without touching the heap; the walk has a
    // budget, and if it ends before MAX_WINDOW + 1 hits the plain statement decides.
    if (await this.walks(q)) {
      const w = this.sql(q, this.walkBudget);
      const run = [
        () => this.ds.query(w.hits.text, w.hits.values) as Promise<HitRow[]>,
        () => (w.facets ? (this.ds.query(w.facets.text, w.facets.values) as Promise<FacetRow[]>) : Promise.resolve([])),
      ] as const;
      const [all, facetRows] = this.ds instanceof DataSource ? await Promise.all([run[0](), run[1]()]) : [await run[0](), await run[1]()];
      if (all.length > MAX_WINDOW) return this.result(q, all, null, facetRows, true);
      const s = this.sql(q);
      return this.result(q, await this.ds.query(s.hits.text, s.hits.values), null, facetRows, true);
    }
    const s = this.sql(q);
    const run = [
      () => this.ds.query(s.hits.text, s.hits.values) as Promise<HitRow[]>,
      () => (s.count ? (this.ds.query(s.count.text, s.count.values) as Promise<Array<{ n: number }>>) : Promise.resolve(null)),
      () => (s.facets ? (this.ds.query(s.facets.text, s.facets.values) as Promise<FacetRow[]>) : Promise.resolve([])),
    ] as const;
    // A pool runs the statements side by side; a single connection (EntityManager of a transaction) one after the other.
    const [all, countRows, facetRows] =
      this.ds instanceof DataSource ? await Promise.all([run[0](), run[1](), run[2]()]) : [await run[0](), await run[1](), await run[2]()];
    return this.result(q, all, countRows, facetRows, s.hits.window);
  }

  private result(q: CandidateQuery, all: HitRow[], countRows: Array<{ n: number }> | null, facetRows: FacetRow[], window: boolean): CandidateSearchResult {
    const limit = Math.max(0, Math.min(q.limit, MAX_WINDOW - q.offset));
    // A window statement returned the first MAX_WINDOW + 1 rows: the page is a slice and the count is its length.
    const rows = window ? all.slice(q.offset, q.offset + limit) : all;
    const hits: CandidateHit[] = rows.map((r) => ({
      seekerId: r.seeker_id,
      rankKey: Number(r.rank_key),
      distanceKm: r.distance_km == null ? null : Number(r.distance_km),
    }));
    const n = countRows ? countRows[0].n : all.length;
    const facets: CandidateSearchResult['facets'] = {};
    for (const f of q.facets ?? []) facets[f] = {};
    for (const r of facetRows) if (r.k != null) facets[r.f]![r.k.trim()] = r.n;
    return { hits, total: Math.min(n, MAX_WINDOW), totalCapped: n > MAX_WINDOW, facets };
  }
}

type HitRow = { seeker_id: string; rank_key: number; distance_km: number | null };
type FacetRow = { f: FacetName; k: string | null; n: number };
/** Text held by at least this share of documents is searched by walking the score index. */
const WALK_MIN_TEXT_FREQUENCY = 0.03;
/** How many documents (in fit order) the walk looks at before handing over to the planner. */
const WALK_BUDGET = 150_000;

function randomUuid(): string {
  return globalThis.crypto.randomUUID();
}
