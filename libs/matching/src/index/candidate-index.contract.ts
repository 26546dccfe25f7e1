/**
 * One behaviour for every CandidateIndex engine. Run from an engine's spec:
 * `candidateIndexContract('postgres', factory)`. Not a spec itself.
 */
import { distanceKm, EARTH_RADIUS_KM, SeekerEntity } from '@app/talent';
import { buildCandidateDocument, CandidateDocument, GeoBase, SHIFT_MATCH_POINTS } from '../documents/candidate-document';
import { CandidateIndex, CandidateQuery, CandidateSort, FacetName } from './candidate-index';

export const CONTRACT_BASE: GeoBase = { lat: 41.0335, lng: 113.1339 };
const HOHHOT: GeoBase = { lat: 40.842, lng: 111.749 };

/** Point `km` away from `from` on `bearingDeg` (great circle, mean earth radius). */
export function destination(from: GeoBase, bearingDeg: number, km: number): GeoBase {
  const d = km / EARTH_RADIUS_KM;
  const b = (bearingDeg * Math.PI) / 180;
  const la1 = (from.lat * Math.PI) / 180;
  const lo1 = (from.lng * Math.PI) / 180;
  const la2 = Math.asin(Math.sin(la1) * Math.cos(d) + Math.cos(la1) * Math.sin(d) * Math.cos(b));
  const lo2 = lo1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(la1), Math.cos(d) - Math.sin(la1) * Math.sin(la2));
  return { lat: (la2 * 180) / Math.PI, lng: (lo2 * 180) / Math.PI };
}

let n = 0;
/** A uuid whose order we do not control (like real ids). */
function uuid(): string {
  return globalThis.crypto.randomUUID();
}

export function fakeSeeker(p: Partial<SeekerEntity> & { at?: GeoBase }): SeekerEntity {
  n++;
  const at = p.at ?? destination(CONTRACT_BASE, (n * 37) % 360, 20 + (n % 50));
  return {
    id: uuid(),
    userId: null,
    idNumberEnc: null,
    idNumberHash: null,
    name: `测试${n}`,
    gender: null,
    birthDate: null,
    phoneEnc: null,
    phoneHash: null,
    regionCode: '150902',
    lat: at.lat,
    lng: at.lng,
    distanceKm: null,
    education: null,
    schoolName: null,
    major: null,
    graduationYear: null,
    mandarinLevel: null,
    typingSpeed: null,
    callCenterMonths: null,
    languages: [],
    shifts: [],
    categories: [],
    completeness: 50,
    source: 'SELF' as SeekerEntity['source'],
    sharedWithTenants: true,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-06-01T00:00:00Z'),
    erasedAt: null,
    ...p,
  } as SeekerEntity;
}

/** A seeded generator so the crafted sets are the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const byRank = (boost: string[] | null) => (a: CandidateDocument, b: CandidateDocument) => {
  const ka = a.baseScore + (boost && a.shifts.some((s) => boost.includes(s)) ? SHIFT_MATCH_POINTS * 100 : 0);
  const kb = b.baseScore + (boost && b.shifts.some((s) => boost.includes(s)) ? SHIFT_MATCH_POINTS * 100 : 0);
  return kb - ka || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
};

export interface EngineUnderTest {
  index: CandidateIndex;
  cleanup(): Promise<void>;
}

export function candidateIndexContract(engine: string, factory: () => Promise<EngineUnderTest>): void {
  describe(`CandidateIndex contract: ${engine}`, () => {
    let e: EngineUnderTest;
    let idx: CandidateIndex;
    const docs: Record<string, CandidateDocument> = {};
    const all: CandidateDocument[] = [];
    const build = (key: string, p: Parameters<typeof fakeSeeker>[0]) => {
      const d = buildCandidateDocument(fakeSeeker(p), CONTRACT_BASE);
      docs[key] = d;
      all.push(d);
      return d;
    };
    const ids = (r: { hits: Array<{ seekerId: string }> }) => r.hits.map((h) => h.seekerId);
    const search = (q: Partial<CandidateQuery>) => idx.search({ limit: 100, offset: 0, ...q });

    beforeAll(async () => {
      e = await factory();
      idx = e.index;
      await idx.ensureReady();
      build('edge299', { name: '边缘甲', at: destination(CONTRACT_BASE, 200, 299), mandarinLevel: '2B' as never, typingSpeed: 40 });
      build('edge301', { name: '边缘乙', at: destination(CONTRACT_BASE, 200, 301), mandarinLevel: '2B' as never, typingSpeed: 40 });
      build('wang', {
        name: '王晓燕',
        schoolName: '集宁师范学院',
        major: '汉语言文学',
        at: destination(CONTRACT_BASE, 90, 10),
        regionCode: '150902',
        education: 'JUNIOR_COLLEGE' as never,
        graduationYear: 2025,
        mandarinLevel: '2A' as never,
        typingSpeed: 60,
        callCenterMonths: 3,
        shifts: ['TWO_SHIFT'],
        categories: ['GRADUATE'],
        completeness: 90,
      });
      build('li', {
        name: '李晓明',
        schoolName: '乌兰察布职业学院',
        major: '计算机应用',
        at: destination(CONTRACT_BASE, 10, 50),
        regionCode: '150921',
        education: 'SECONDARY' as never,
        graduationYear: 2023,
        mandarinLevel: '2B' as never,
        typingSpeed: 45,
        callCenterMonths: 0,
        shifts: ['DAY'],
        categories: ['UNEMPLOYED'],
      });
      build('zhao', {
        name: '赵燕',
        schoolName: '内蒙古大学',
        major: '英语 English',
        at: HOHHOT,
        regionCode: '150102',
        education: 'BACHELOR' as never,
        graduationYear: 2024,
        mandarinLevel: '1B' as never,
        typingSpeed: 80,
        callCenterMonths: 12,
        shifts: ['THREE_SHIFT', 'TWO_SHIFT'],
        categories: ['GRADUATE', 'POOR_HOUSEHOLD'],
      });
      // Has 集 and 宁 but not 集宁: must not match "集宁".
      build('chen', {
        name: '陈集',
        schoolName: '宁夏大学',
        major: '会计',
        regionCode: '150921',
        education: 'BACHELOR' as never,
        mandarinLevel: '3A' as never,
      });
      build('hoh99', { name: '近呼和浩特', at: destination(HOHHOT, 45, 99), regionCode: '150102' });
      build('hoh101', { name: '远呼和浩特', at: destination(HOHHOT, 45, 101), regionCode: '150102' });
      // The pagination/ranking set.
      const r = rng(42);
      const levels = ['3B', '3A', '2B', '2A', '1B', '1A'];
      const shifts = ['DAY', 'TWO_SHIFT', 'THREE_SHIFT', 'NIGHT'];
      for (let i = 0; i < 30; i++) {
        build(`p${i}`, {
          name: `排序${i}`,
          at: destination(CONTRACT_BASE, r() * 360, r() * 280),
          mandarinLevel: levels[Math.floor(r() * 6)] as never,
          typingSpeed: Math.floor(r() * 120),
          callCenterMonths: Math.floor(r() * 30),
          shifts: [shifts[Math.floor(r() * 4)]],
          // Some identical scores, to exercise the id tie-break.
          completeness: i % 5 === 0 ? 60 : Math.floor(r() * 100),
          regionCode: i % 3 ? '150902' : '150981',
          education: (['HIGH_SCHOOL', 'JUNIOR_COLLEGE', 'BACHELOR'] as const)[i % 3] as never,
        });
      }
      for (let i = 0; i < 4; i++) {
        // Exact duplicates but for the id.
        build(`tie${i}`, {
          name: '并列',
          at: destination(CONTRACT_BASE, 0, 100),
          mandarinLevel: '2A' as never,
          typingSpeed: 50,
          updatedAt: new Date('2026-03-01T00:00:00Z'),
        });
      }
      await idx.upsert(all);
    }, 60_000);

    afterAll(async () => {
      await e?.cleanup();
    });

    it('counts and returns what was upserted', async () => {
      expect(await idx.count()).toBe(all.length);
      const got = await idx.get([docs.wang.id, docs.zhao.id]);
      expect(got.get(docs.wang.id)).toMatchObject({ name: '王晓燕', countyCode: '150902', mandarinRank: 4, typingSpeed: 60, shifts: ['TWO_SHIFT'] });
      expect(got.get(docs.wang.id)!.lat).toBeCloseTo(docs.wang.lat!, 9);
    });

    it('radius at the 300 km edge around the base: 299 km in, 301 km out (haversine cross-check)', async () => {
      expect(distanceKm(docs.edge299.lat!, docs.edge299.lng!, CONTRACT_BASE.lat, CONTRACT_BASE.lng)).toBeCloseTo(299, 6);
      expect(distanceKm(docs.edge301.lat!, docs.edge301.lng!, CONTRACT_BASE.lat, CONTRACT_BASE.lng)).toBeCloseTo(301, 6);
      const r = await search({ geo: { ...CONTRACT_BASE, radiusKm: 300 }, limit: 200 });
      expect(ids(r)).toContain(docs.edge299.id);
      expect(ids(r)).not.toContain(docs.edge301.id);
      const hit = r.hits.find((h) => h.seekerId === docs.edge299.id)!;
      expect(hit.distanceKm).toBeCloseTo(299, 3);
      for (const h of r.hits) expect(h.distanceKm!).toBeLessThanOrEqual(300);
    });

    it('radius around any other point (Hohhot, 100 km): 99 in, 101 out', async () => {
      const r = await search({ geo: { ...HOHHOT, radiusKm: 100 }, limit: 200 });
      expect(ids(r)).toContain(docs.hoh99.id);
      expect(ids(r)).toContain(docs.zhao.id);
      expect(ids(r)).not.toContain(docs.hoh101.id);
      const expected = all
        .filter((d) => d.lat != null && distanceKm(d.lat, d.lng!, HOHHOT.lat, HOHHOT.lng) <= 100)
        .map((d) => d.id)
        .sort();
      expect(ids(r).sort()).toEqual(expected);
      expect(r.hits.find((h) => h.seekerId === docs.hoh99.id)!.distanceKm).toBeCloseTo(99, 3);
    });

    it('Chinese text: 集宁 finds 集宁师范学院 students, 晓燕 finds 王晓燕, no false 集…宁 match', async () => {
      expect(ids(await search({ text: '集宁' }))).toEqual([docs.wang.id]);
      expect(ids(await search({ text: '晓燕' }))).toEqual([docs.wang.id]);
      expect(ids(await search({ text: '燕' })).sort()).toEqual([docs.wang.id, docs.zhao.id].sort());
      expect(ids(await search({ text: '师范 汉语' }))).toEqual([docs.wang.id]);
      expect(ids(await search({ text: '职业学院' }))).toEqual([docs.li.id]);
      expect(ids(await search({ text: 'english' }))).toEqual([docs.zhao.id]);
      expect(ids(await search({ text: '集宁 计算机' }))).toEqual([]);
    });

    it('filters: skills, education, categories, shifts, graduation year, region; combined with text and radius', async () => {
      const check = async (q: Partial<CandidateQuery>, pred: (d: CandidateDocument) => boolean) => {
        const r = await search({ ...q, limit: 200 });
        expect(ids(r).sort()).toEqual(
          all
            .filter(pred)
            .map((d) => d.id)
            .sort(),
        );
      };
      await check({ filter: { minTypingSpeed: 60 } }, (d) => d.typingSpeed >= 60);
      await check({ filter: { minMandarinRank: 4, minCallCenterMonths: 3 } }, (d) => d.mandarinRank >= 4 && d.callCenterMonths >= 3);
      await check({ filter: { minEducationRank: 5 } }, (d) => d.educationRank >= 5);
      await check({ filter: { educations: ['SECONDARY', 'BACHELOR'] } }, (d) => ['SECONDARY', 'BACHELOR'].includes(d.education ?? ''));
      await check({ filter: { categoriesAny: ['POOR_HOUSEHOLD', 'UNEMPLOYED'] } }, (d) =>
        d.categories.some((c) => ['POOR_HOUSEHOLD', 'UNEMPLOYED'].includes(c)),
      );
      await check({ filter: { shiftsAny: ['NIGHT'] } }, (d) => d.shifts.includes('NIGHT'));
      await check(
        { filter: { graduationYearMin: 2024, graduationYearMax: 2025 } },
        (d) => d.graduationYear != null && d.graduationYear >= 2024 && d.graduationYear <= 2025,
      );
      await check({ filter: { countyCodes: ['150921'] } }, (d) => d.countyCode === '150921');
      await check({ filter: { prefectureCodes: ['150100'] } }, (d) => d.prefectureCode === '150100');
      await check({ filter: { excludeIds: [docs.wang.id], minTypingSpeed: 60 } }, (d) => d.typingSpeed >= 60 && d.id !== docs.wang.id);
      await check(
        { text: '燕', geo: { ...CONTRACT_BASE, radiusKm: 150 }, filter: { minTypingSpeed: 50, minMandarinRank: 3 } },
        (d) => d.searchText.includes('燕') && d.distanceKm! <= 150 && d.typingSpeed >= 50 && d.mandarinRank >= 3,
      );
      expect(all.filter((d) => d.searchText.includes('燕') && d.distanceKm! <= 150).length).toBe(2); // 王晓燕 and 赵燕 (Hohhot, ~118 km)
    });

    it('facets: counts by county, prefecture, category and education over the filtered set', async () => {
      const facets: FacetName[] = ['county', 'prefecture', 'category', 'education'];
      const r = await search({ filter: { minTypingSpeed: 1 }, facets, limit: 1 });
      const set = all.filter((d) => d.typingSpeed >= 1);
      const count = (keys: Array<string | null>) => keys.reduce<Record<string, number>>((m, k) => (k == null ? m : { ...m, [k]: (m[k] ?? 0) + 1 }), {});
      expect(r.total).toBe(set.length);
      expect(r.facets.county).toEqual(count(set.map((d) => d.countyCode)));
      expect(r.facets.prefecture).toEqual(count(set.map((d) => d.prefectureCode)));
      expect(r.facets.education).toEqual(count(set.map((d) => d.education)));
      expect(r.facets.category).toEqual(count(set.flatMap((d) => d.categories)));
    });

    it('ranking: fit order with the shift boost, ties broken by id', async () => {
      const r = await search({ sort: { by: 'SCORE', boostShifts: ['TWO_SHIFT'], boostPoints: SHIFT_MATCH_POINTS }, limit: 100 });
      expect(ids(r)).toEqual([...all].sort(byRank(['TWO_SHIFT'])).map((d) => d.id));
      const plain = await search({ sort: { by: 'SCORE' }, limit: 100 });
      expect(ids(plain)).toEqual([...all].sort(byRank(null)).map((d) => d.id));
      // Better on every axis ranks higher: 赵燕 (1B, 80 wpm, 12 months) over 李晓明 (2B, 45 wpm, none).
      expect(ids(plain).indexOf(docs.zhao.id)).toBeLessThan(ids(plain).indexOf(docs.li.id));
      const near = await search({ sort: { by: 'DISTANCE' }, geo: { ...HOHHOT, radiusKm: 250 }, limit: 100 });
      const d = near.hits.map((h) => h.distanceKm!);
      expect(d).toEqual([...d].sort((a, b) => a - b));
      expect(near.hits[0].seekerId).toBe(docs.zhao.id);
    });

    it('pagination is stable: no duplicates, nothing missing, across pages', async () => {
      const sorts: CandidateSort[] = [{ by: 'SCORE', boostShifts: ['DAY', 'NIGHT'], boostPoints: SHIFT_MATCH_POINTS }, { by: 'SCORE' }, { by: 'DISTANCE' }];
      for (const sort of sorts) {
        const seen: string[] = [];
        let total = 0;
        for (let offset = 0; offset < all.length + 7; offset += 7) {
          const page = await search({ sort, limit: 7, offset });
          total = page.total;
          seen.push(...ids(page));
        }
        expect(total).toBe(all.length);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.sort()).toEqual(all.map((d) => d.id).sort());
      }
    });

    it('an older version never replaces a newer one', async () => {
      const newer = buildCandidateDocument(
        { ...fakeSeeker({}), id: docs.li.id, name: '李晓明', typingSpeed: 70, updatedAt: new Date('2026-07-01T00:00:00Z') } as SeekerEntity,
        CONTRACT_BASE,
      );
      await idx.upsert([newer]);
      if (idx.engine === 'postgres') {
        await idx.upsert([docs.li]); // stale (June) after July
        expect((await idx.get([docs.li.id])).get(docs.li.id)!.typingSpeed).toBe(70);
      }
      await idx.upsert([{ ...newer, typingSpeed: 45 }]);
    });

    it('consent removal: a removed document is gone from search, counts and facets', async () => {
      await idx.remove([docs.wang.id]);
      expect(ids(await search({ text: '晓燕' }))).toEqual([]);
      expect(await idx.count()).toBe(all.length - 1);
      const r = await search({ facets: ['category'], filter: { categoriesAny: ['GRADUATE'] } });
      expect(ids(r)).not.toContain(docs.wang.id);
      expect(r.facets.category!.GRADUATE).toBe(1);
    });
  });
}
