import { SeekerEntity } from '@app/talent';
import { CLASS_TYPE_ZH } from '@app/training';
import { candidateReasons, postingGaps } from '../matching/explain';
import { baseScoreOf, buildCandidateDocument, displayScore, scoreParts } from './candidate-document';
import { documentTerms, queryWords } from './text-terms';

describe('Chinese-aware terms', () => {
  it('indexes CJK unigrams and bigrams, ASCII words with prefixes and trigrams', () => {
    const t = documentTerms('王晓燕', '集宁师范学院', 'English');
    expect(t).toEqual(expect.arrayContaining(['王', '晓燕', '王晓', '集宁', '师范', 'eng', 'lis', 'e', 'en']));
    expect(t).not.toContain('王晓燕');
  });
  it('queries need bigrams (one character: the unigram) and a substring', () => {
    expect(queryWords('晓燕')).toEqual([{ terms: ['晓燕'], substring: '晓燕' }]);
    expect(queryWords('燕')).toEqual([{ terms: ['燕'], substring: '燕' }]);
    expect(queryWords(' 集宁师范  ＥＮＧ ')).toEqual([
      { terms: ['宁师', '师范', '集宁'], substring: '集宁师范' },
      { terms: ['eng'], substring: 'eng' },
    ]);
    expect(queryWords('%_')).toEqual([]);
  });
});

describe('scoring', () => {
  const seeker = (p: Partial<SeekerEntity>) =>
    ({
      id: 'x',
      name: '王晓燕',
      lat: 41.0335,
      lng: 113.1339,
      regionCode: '150902',
      languages: [],
      shifts: [],
      categories: [],
      completeness: 100,
      sharedWithTenants: true,
      erasedAt: null,
      updatedAt: new Date('2026-01-01T00:00:00Z'),
      ...p,
    }) as SeekerEntity;
  it('ranks better skills, nearer and fresher profiles higher', () => {
    const base = { lat: 41.0335, lng: 113.1339 };
    const a = buildCandidateDocument(seeker({ mandarinLevel: '2A' as never, typingSpeed: 80, callCenterMonths: 12 }), base);
    const b = buildCandidateDocument(seeker({ mandarinLevel: '2B' as never, typingSpeed: 80, callCenterMonths: 12 }), base);
    const far = buildCandidateDocument(seeker({ mandarinLevel: '2A' as never, typingSpeed: 80, callCenterMonths: 12, lat: 40.842, lng: 111.749 }), base);
    const old = buildCandidateDocument(
      seeker({ mandarinLevel: '2A' as never, typingSpeed: 80, callCenterMonths: 12, updatedAt: new Date('2025-01-01T00:00:00Z') }),
      base,
    );
    expect(a.baseScore).toBeGreaterThan(b.baseScore);
    expect(a.baseScore).toBeGreaterThan(far.baseScore);
    expect(a.baseScore - old.baseScore).toBe(1000); // 10 points a year
    expect(a.prefectureCode).toBe('150900');
  });
  it('shows recency as a penalty from now', () => {
    const parts = scoreParts({ mandarinRank: 6, typingSpeed: 120, callCenterMonths: 24, distanceKm: 0, completeness: 100 });
    const now = new Date('2026-01-01T00:00:00Z');
    expect(displayScore(baseScoreOf(parts, now.getTime()), now)).toBeCloseTo(85, 1);
  });
  it('completed training adds 5 points a class, up to two classes', () => {
    const base = { lat: 41.0335, lng: 113.1339 };
    const s = seeker({ mandarinLevel: '2A' as never, typingSpeed: 80, callCenterMonths: 12 });
    const [none, one, two, three] = [0, 1, 2, 3].map((n) => buildCandidateDocument(s, base, n));
    expect(none.trainingCompleted).toBe(0);
    expect(one.baseScore - none.baseScore).toBe(500);
    expect(two.baseScore - none.baseScore).toBe(1000);
    expect(three.baseScore).toBe(two.baseScore);
  });
});

describe('explanations', () => {
  it('reads like HR talks, and lists what a seeker lacks', () => {
    const s = { mandarinLevel: '2A', typingSpeed: 62, callCenterMonths: 3, education: 'JUNIOR_COLLEGE', shifts: ['TWO_SHIFT'] } as unknown as SeekerEntity;
    expect(candidateReasons(s, { shifts: ['TWO_SHIFT'] }, 84.6).join(' · ')).toBe('85 km · 普通话二甲 · 打字 62 字/分 · 3个月呼叫中心经验 · 大专 · 可两班倒');
    const done = (classType: string, completedAt: string, skillLevel: string | null) =>
      ({ classId: 'c', className: '某期', classType, completedAt: new Date(completedAt), courseNames: [], skillLevel, certificateNo: null }) as never;
    expect(candidateReasons(s, { shifts: [] }, null, [done('NEW_HIRE', '2026-05-01', null)]).at(-1)).toBe('已完成新员工入职课程');
    expect(
      candidateReasons(s, { shifts: [] }, null, [done('NEW_HIRE', '2026-05-01', 'TECHNICIAN'), done('PROMOTION', '2026-09-01', 'ADVANCED_WORKER')]).at(-1),
    ).toBe(`已完成${CLASS_TYPE_ZH.PROMOTION}（技师）等2个培训`);
    expect(
      postingGaps(
        { mandarinLevel: '3A' as never, typingSpeed: 40, education: null },
        { minMandarinLevel: '2B', minTypingSpeed: 50, minEducation: 'JUNIOR_COLLEGE' },
      ).map((g) => g.message),
    ).toEqual(['需要普通话二乙', '需要打字 50 字/分', '需要大专及以上学历']);
    expect(
      postingGaps(
        { mandarinLevel: '3A' as never, typingSpeed: 40, education: null },
        { minMandarinLevel: '2B', minTypingSpeed: 50, minEducation: 'JUNIOR_COLLEGE' },
      ).map((g) => g.messageEn),
    ).toEqual(['Requires Mandarin level 2-B or above', 'Requires typing 50 characters/min', 'Requires junior college (dazhuan) or above']);
  });
});
