import { distanceKm } from '@app/talent';
import { Logger } from '@nestjs/common';
import type { Index, Meilisearch, Settings, Task } from 'meilisearch/dist/index.js';
import { CandidateDocument, GeoBase } from '../documents/candidate-document';
import { queryWords } from '../documents/text-terms';
import { MatchingException, matchingError, MatchingExceptionCode, searchUnavailable } from '../matching.exception';
import { CandidateFilter, CandidateHit, CandidateIndex, CandidateQuery, CandidateSearchResult, FacetName, MAX_WINDOW } from './candidate-index';

type MeiliModule = typeof import('meilisearch/dist/index.js');

/**
 * meilisearch ships ES modules only. Node ≥ 20.19 can require() them; jest's
 * CommonJS loader cannot, so take Node's own require.
 */
function loadMeili(): MeiliModule {
  const nodeModule = (process as unknown as { getBuiltinModule(n: string): typeof import('module') }).getBuiltinModule('module');
  return nodeModule.createRequire(__filename)('meilisearch') as MeiliModule;
}

/** The stored shape: the common document, `_geo` for Meilisearch, terms as words. */
interface MeiliDoc extends Omit<CandidateDocument, 'lat' | 'lng'> {
  _geo?: { lat: number; lng: number };
}

const FACET_ATTR: Record<FacetName, string> = { county: 'countyCode', prefecture: 'prefectureCode', category: 'categories', education: 'education' };

/**
 * Index settings, set by code on start-up (idempotent). Checked against the Meilisearch reference for the
 * server compose pins (v1.51, the one the client 0.62 targets): filter syntax (`IN [..]`, `NOT attr IN [..]`,
 * which also keeps documents without the attribute, `_geoRadius(lat, lng, metres)`), `_geoPoint(lat, lng):asc`
 * sorting (needs `_geo` sortable), exhaustive `totalHits` and facet counts with `hitsPerPage: 0` (page mode;
 * never mixed with limit/offset in one query), `matchingStrategy: 'all'`, `localizedAttributes` with `cmn`,
 * `typoTolerance.disableOnNumbers`, `pagination.maxTotalHits`, `faceting.maxValuesPerFacet`. No mismatch found;
 * what only a real server proves is left to `npm run matching:compare` (README).
 */
export const MEILI_SETTINGS: Settings = {
  searchableAttributes: ['name', 'terms', 'schoolName', 'major'],
  filterableAttributes: [
    'id',
    '_geo',
    'countyCode',
    'prefectureCode',
    'education',
    'educationRank',
    'mandarinRank',
    'typingSpeed',
    'callCenterMonths',
    'graduationYear',
    'shifts',
    'categories',
    'languages',
  ],
  sortableAttributes: ['baseScore', 'id', '_geo', 'sourceUpdatedAt', 'distanceKm'],
  // An explicit sort orders strictly (text only filters), as in the PostgreSQL engine; without one, relevance.
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
  // Chinese words are 1–4 characters: typos there turn 王晓燕 into 王晓艳. Names and
  // the n-gram field are exact, numbers never get typos; long Latin words (majors) may.
  typoTolerance: { enabled: true, disableOnNumbers: true, disableOnAttributes: ['name', 'terms'], minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  localizedAttributes: [{ attributePatterns: ['name', 'terms', 'schoolName', 'major'], locales: ['cmn'] }],
  pagination: { maxTotalHits: MAX_WINDOW + 1 },
  faceting: { maxValuesPerFacet: 1000 },
};

const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const list = (xs: string[]) => `[${xs.map(q).join(', ')}]`;

/**
 * Meilisearch engine on the official client. Documents are the same as the
 * PostgreSQL engine's; writes wait for their task so a resolved upsert/remove
 * is visible to search (consent withdrawal leaves the index before the job
 * completes). Ordering between writes for one seeker comes from the indexer
 * (advisory lock per seeker), since Meilisearch has no conditional upsert.
 */
export class MeiliCandidateIndex extends CandidateIndex {
  readonly engine = 'meilisearch' as const;
  private readonly logger = new Logger(MeiliCandidateIndex.name);
  private readonly meili: MeiliModule;
  private readonly client: Meilisearch;
  private readonly index: Index<MeiliDoc>;
  private ready?: Promise<void>;

  constructor(
    private readonly host: string,
    apiKey: string | undefined,
    private readonly base: GeoBase,
    private readonly uid = 'candidates',
    private readonly taskTimeoutMs = 30_000,
  ) {
    super();
    this.meili = loadMeili();
    this.client = new this.meili.Meilisearch({ host, apiKey, timeout: 10_000 });
    this.index = this.client.index<MeiliDoc>(uid);
  }

  /** Turns client errors into MatchingException with zh+en messages. */
  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof MatchingException) throw e;
      if (e instanceof this.meili.MeilisearchRequestError || e instanceof this.meili.MeilisearchRequestTimeOutError) {
        throw searchUnavailable(this.host, `${what}: ${(e as Error).message}`);
      }
      if (e instanceof this.meili.MeilisearchTaskTimeOutError) {
        throw matchingError(MatchingExceptionCode.SEARCH_TIMEOUT, { what });
      }
      if (e instanceof this.meili.MeilisearchApiError) {
        const code = e.cause?.code ?? 'unknown';
        throw matchingError(MatchingExceptionCode.SEARCH_ERROR, { what, code, detail: e.message });
      }
      throw e;
    }
  }

  private async waitOk(what: string, p: { waitTask(o?: { timeout?: number; interval?: number }): Promise<Task> }): Promise<void> {
    const task = await p.waitTask({ timeout: this.taskTimeoutMs, interval: 25 });
    if (task.status !== 'succeeded') {
      const err = task.error ? `${task.error.code}: ${task.error.message}` : task.status;
      throw matchingError(MatchingExceptionCode.SEARCH_TASK_FAILED, { what, detail: err });
    }
  }

  ensureReady(): Promise<void> {
    this.ready ??= this.call('settings', async () => {
      await this.waitOk('createIndex', this.client.createIndex(this.uid, { primaryKey: 'id' })).catch((e) => {
        if (!(e instanceof MatchingException && /index_already_exists/.test(e.messageEn))) throw e;
      });
      await this.waitOk('updateSettings', this.index.updateSettings(MEILI_SETTINGS));
      this.logger.log(`Meilisearch index "${this.uid}" ready at ${this.host}`);
    }).catch((e) => {
      this.ready = undefined; // try again next time
      throw e;
    });
    return this.ready;
  }

  private toMeili(d: CandidateDocument): MeiliDoc {
    const { lat, lng, ...rest } = d;
    return { ...rest, ...(lat != null && lng != null ? { _geo: { lat, lng } } : {}) };
  }

  async upsert(docs: CandidateDocument[]): Promise<void> {
    if (!docs.length) return;
    await this.ensureReady();
    await this.call('upsert', async () => {
      const tasks = [];
      for (let i = 0; i < docs.length; i += 5000) {
        tasks.push(
          this.index.addDocuments(
            docs.slice(i, i + 5000).map((d) => this.toMeili(d)),
            { primaryKey: 'id' },
          ),
        );
      }
      for (const t of tasks) await this.waitOk('upsert', t);
    });
  }

  async remove(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.ensureReady();
    await this.call('remove', () => this.waitOk('remove', this.index.deleteDocuments(ids)));
  }

  async count(): Promise<number> {
    await this.ensureReady();
    return this.call('count', async () => (await this.index.getStats()).numberOfDocuments);
  }

  async get(ids: string[]): Promise<Map<string, CandidateDocument>> {
    if (!ids.length) return new Map();
    await this.ensureReady();
    const res = await this.call('get', () => this.index.getDocuments({ filter: `id IN ${list(ids)}`, limit: ids.length }));
    return new Map(
      res.results.map((m) => {
        const { _geo, ...rest } = m;
        return [m.id, { ...rest, lat: _geo?.lat ?? null, lng: _geo?.lng ?? null } as CandidateDocument];
      }),
    );
  }

  async sampleIds(n: number): Promise<string[]> {
    const total = await this.count();
    const offset = Math.max(0, Math.floor(Math.random() * Math.max(0, total - n)));
    const res = await this.call('sample', () => this.index.getDocuments({ fields: ['id'], limit: n, offset }));
    return res.results.map((r) => r.id);
  }

  // ---------- search ----------

  filters(qy: CandidateQuery): string[] {
    const f: CandidateFilter = qy.filter ?? {};
    const out: string[] = [];
    if (f.minMandarinRank) out.push(`mandarinRank >= ${Number(f.minMandarinRank)}`);
    if (f.minTypingSpeed) out.push(`typingSpeed >= ${Number(f.minTypingSpeed)}`);
    if (f.minCallCenterMonths) out.push(`callCenterMonths >= ${Number(f.minCallCenterMonths)}`);
    if (f.minEducationRank) out.push(`educationRank >= ${Number(f.minEducationRank)}`);
    if (f.educations?.length) out.push(`education IN ${list(f.educations)}`);
    if (f.categoriesAny?.length) out.push(`categories IN ${list(f.categoriesAny)}`);
    if (f.shiftsAny?.length) out.push(`shifts IN ${list(f.shiftsAny)}`);
    if (f.graduationYearMin != null) out.push(`graduationYear >= ${Number(f.graduationYearMin)}`);
    if (f.graduationYearMax != null) out.push(`graduationYear <= ${Number(f.graduationYearMax)}`);
    if (f.countyCodes?.length) out.push(`countyCode IN ${list(f.countyCodes)}`);
    if (f.prefectureCodes?.length) out.push(`prefectureCode IN ${list(f.prefectureCodes)}`);
    if (f.excludeIds?.length) out.push(`NOT id IN ${list(f.excludeIds)}`);
    if (qy.geo) out.push(`_geoRadius(${Number(qy.geo.lat)}, ${Number(qy.geo.lng)}, ${Math.round(Number(qy.geo.radiusKm) * 1000)})`);
    return out;
  }

  private sort(qy: CandidateQuery): string[] {
    const s = qy.sort ?? { by: 'SCORE' };
    if (s.by === 'DISTANCE') {
      const c = qy.geo ?? this.base;
      return [`_geoPoint(${Number(c.lat)}, ${Number(c.lng)}):asc`, 'id:asc'];
    }
    if (s.by === 'RECENT') return ['sourceUpdatedAt:desc', 'id:asc'];
    return ['baseScore:desc', 'id:asc'];
  }

  private hit(m: MeiliDoc & { baseScore: number }, qy: CandidateQuery, boost: number): CandidateHit {
    const g = m._geo;
    const dist = qy.geo ? (g ? distanceKm(g.lat, g.lng, qy.geo.lat, qy.geo.lng) : null) : (m.distanceKm ?? null);
    return { seekerId: m.id, rankKey: m.baseScore + boost, distanceKm: dist };
  }

  async search(qy: CandidateQuery): Promise<CandidateSearchResult> {
    await this.ensureReady();
    const limit = Math.max(0, Math.min(qy.limit, MAX_WINDOW - qy.offset));
    const text = qy.text
      ? queryWords(qy.text)
          .map((w) => w.substring)
          .join(' ')
      : '';
    const base = this.filters(qy);
    const common = { indexUid: this.uid, q: text, matchingStrategy: 'all' as const, attributesToRetrieve: ['id', 'baseScore', 'distanceKm', '_geo'] };
    const s = qy.sort ?? { by: 'SCORE' };
    const boosted = s.by === 'SCORE' && !!s.boostShifts?.length && !!s.boostPoints;
    const queries: Array<Record<string, unknown>> = [
      // Exact total (page mode) and facets.
      { ...common, filter: base, hitsPerPage: 0, page: 1, facets: (qy.facets ?? []).map((f) => FACET_ATTR[f]) },
    ];
    if (boosted) {
      const shifts = list(s.boostShifts!);
      queries.push({ ...common, filter: [...base, `shifts IN ${shifts}`], sort: this.sort(qy), limit: qy.offset + limit, offset: 0 });
      queries.push({ ...common, filter: [...base, `NOT shifts IN ${shifts}`], sort: this.sort(qy), limit: qy.offset + limit, offset: 0 });
    } else {
      queries.push({ ...common, filter: base, sort: this.sort(qy), limit, offset: qy.offset });
    }
    const res = (await this.call('search', () => this.client.multiSearch({ queries } as never))) as unknown as {
      results: Array<{ hits: Array<MeiliDoc & { baseScore: number }>; totalHits?: number; facetDistribution?: Record<string, Record<string, number>> }>;
    };
    const [countRes, ...hitRes] = res.results;
    let hits: CandidateHit[];
    if (boosted) {
      const bonus = Math.round(s.boostPoints! * 100);
      hits = [...hitRes[0].hits.map((h) => this.hit(h, qy, bonus)), ...hitRes[1].hits.map((h) => this.hit(h, qy, 0))]
        .sort((a, b) => b.rankKey - a.rankKey || (a.seekerId < b.seekerId ? -1 : a.seekerId > b.seekerId ? 1 : 0))
        .slice(qy.offset, qy.offset + limit);
    } else {
      hits = hitRes[0].hits.map((h) => this.hit(h, qy, 0));
    }
    const n = countRes.totalHits ?? 0;
    const facets: CandidateSearchResult['facets'] = {};
    for (const f of qy.facets ?? []) facets[f] = { ...(countRes.facetDistribution?.[FACET_ATTR[f]] ?? {}) };
    return { hits, total: Math.min(n, MAX_WINDOW), totalCapped: n > MAX_WINDOW, facets };
  }
}
