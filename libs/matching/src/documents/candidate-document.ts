import { distanceKm, EDUCATION_RANK, MANDARIN_RANK, regionDirectory, SeekerEntity, tenantVisibleCategories } from '@app/talent';
import { documentTerms, normalizeText } from './text-terms';

/**
 * What both engines index for one seeker. Only seekers who share their
 * profile with tenants and are not erased get a document; nothing here is
 * more sensitive than what a tenant sees (no ID number, no phone).
 */
export interface CandidateDocument {
  id: string;
  name: string;
  schoolName: string | null;
  major: string | null;
  /** Normalised "name school major" for substring checks. */
  searchText: string;
  /** CJK unigrams/bigrams and ASCII trigrams of name, school and major (see text-terms.ts). */
  terms: string[];
  /** County-level GB/T 2260 code and its prefecture (first four digits + "00"). */
  countyCode: string | null;
  prefectureCode: string | null;
  lat: number | null;
  lng: number | null;
  /** Great-circle km to the configured base (集宁区). */
  distanceKm: number | null;
  education: string | null;
  educationRank: number;
  graduationYear: number | null;
  mandarinLevel: string | null;
  mandarinRank: number;
  typingSpeed: number;
  callCenterMonths: number;
  languages: string[];
  shifts: string[];
  categories: string[];
  completeness: number;
  /** Training classes the person completed (attendance + assessment met; libs/training). */
  trainingCompleted: number;
  /** Ranking key, integer hundredths of a point (see scoring below). */
  baseScore: number;
  /** seekers.updated_at of the row the document was built from (ms since epoch). */
  sourceUpdatedAt: number;
}

/** Seekers the index may hold: consent to share with tenants, not erased. */
export function isIndexable(s: Pick<SeekerEntity, 'sharedWithTenants' | 'erasedAt'>): boolean {
  return s.sharedWithTenants && !s.erasedAt;
}

// ---------- scoring ----------
//
// The fit of a candidate for a posting is (a) hard requirements, applied as
// filters (Mandarin, typing, education, pool radius), and (b) soft points:
//
//   Mandarin level   rank/6 × 20      typing      min(speed,120)/120 × 20
//   call-centre exp. min(months,24)/24 × 20       proximity (1 − min(km,300)/300) × 20
//   completeness     % × 5            training    min(completed classes, 2) × 5
//   recency          −10 per year since the profile was last updated
//   shift match      +15 when the seeker can work one of the posting's shifts (per posting)
//
// Every candidate passes the same minimums, so ranking by the value is ranking
// by the margin over the minimum. All points but the shift match depend on the
// document alone, and recency is linear in time, so "−10/year since update"
// orders candidates exactly like "+10/year since a fixed epoch": that sum is
// stored as `baseScore` and indexed, and a match is a walk down that index
// (twice: shift match / no shift match). The displayed score subtracts the
// epoch offset again (displayScore).

export const SCORE_EPOCH_MS = Date.UTC(2020, 0, 1);
export const RECENCY_POINTS_PER_YEAR = 10;
export const SHIFT_MATCH_POINTS = 15;
const YEAR_MS = 365 * 24 * 3600 * 1000;

export interface ScoreParts {
  mandarin: number;
  typing: number;
  experience: number;
  proximity: number;
  completeness: number;
  training: number;
}

/** Points per completed training class (考核合格结业), counted up to TRAINING_MAX_CLASSES. */
export const TRAINING_POINTS_PER_CLASS = 5;
export const TRAINING_MAX_CLASSES = 2;

export function scoreParts(
  d: Pick<CandidateDocument, 'mandarinRank' | 'typingSpeed' | 'callCenterMonths' | 'distanceKm' | 'completeness'> &
    Partial<Pick<CandidateDocument, 'trainingCompleted'>>,
): ScoreParts {
  return {
    mandarin: (Math.min(d.mandarinRank, 6) / 6) * 20,
    typing: (Math.min(d.typingSpeed, 120) / 120) * 20,
    experience: (Math.min(d.callCenterMonths, 24) / 24) * 20,
    proximity: d.distanceKm == null ? 0 : (1 - Math.min(d.distanceKm, 300) / 300) * 20,
    completeness: (Math.min(Math.max(d.completeness, 0), 100) / 100) * 5,
    training: Math.min(Math.max(d.trainingCompleted ?? 0, 0), TRAINING_MAX_CLASSES) * TRAINING_POINTS_PER_CLASS,
  };
}

export function baseScoreOf(parts: ScoreParts, updatedAtMs: number): number {
  const staticPoints = parts.mandarin + parts.typing + parts.experience + parts.proximity + parts.completeness + parts.training;
  const recency = ((updatedAtMs - SCORE_EPOCH_MS) / YEAR_MS) * RECENCY_POINTS_PER_YEAR;
  return Math.round((staticPoints + recency) * 100);
}

/** Rank key (plus any shift bonus, in hundredths) back to points as of `now`: recency shows as a penalty. */
export function displayScore(rankKey: number, now: Date): number {
  const offset = ((now.getTime() - SCORE_EPOCH_MS) / YEAR_MS) * RECENCY_POINTS_PER_YEAR;
  return Math.round((rankKey / 100 - offset) * 10) / 10;
}

export interface GeoBase {
  lat: number;
  lng: number;
}

/** Builds the document for a seeker row; the caller checked isIndexable(). `trainingCompleted`: classes completed (libs/training). */
export function buildCandidateDocument(s: SeekerEntity, base: GeoBase, trainingCompleted = 0): CandidateDocument {
  const countyCode = s.regionCode?.trim() || null;
  const hasGeo = s.lat != null && s.lng != null && Number.isFinite(s.lat) && Number.isFinite(s.lng);
  const dist = hasGeo ? distanceKm(s.lat!, s.lng!, base.lat, base.lng) : null;
  const doc: CandidateDocument = {
    id: s.id,
    name: s.name,
    schoolName: s.schoolName,
    major: s.major,
    searchText: normalizeText([s.name, s.schoolName, s.major].filter(Boolean).join(' ')),
    terms: documentTerms(s.name, s.schoolName, s.major),
    countyCode,
    prefectureCode: countyCode ? prefectureOf(countyCode) : null,
    lat: hasGeo ? s.lat : null,
    lng: hasGeo ? s.lng : null,
    distanceKm: dist,
    education: s.education,
    educationRank: s.education ? (EDUCATION_RANK[s.education] ?? 0) : 0,
    graduationYear: s.graduationYear,
    mandarinLevel: s.mandarinLevel,
    mandarinRank: s.mandarinLevel ? (MANDARIN_RANK[s.mandarinLevel] ?? 0) : 0,
    typingSpeed: s.typingSpeed ?? 0,
    callCenterMonths: s.callCenterMonths ?? 0,
    languages: [...(s.languages ?? [])].sort(),
    shifts: [...(s.shifts ?? [])].sort(),
    // Poor household / disabled only with the seeker's separate sensitive-data consent (PIPL art. 28).
    categories: tenantVisibleCategories(s).sort(),
    completeness: s.completeness ?? 0,
    trainingCompleted,
    baseScore: 0,
    sourceUpdatedAt: new Date(s.updatedAt).getTime(),
  };
  doc.baseScore = baseScoreOf(scoreParts(doc), doc.sourceUpdatedAt);
  return doc;
}

/** Prefecture code of a county code: the directory's parent, else the first four digits + "00". */
export function prefectureOf(countyCode: string): string {
  const r = regionDirectory().get(countyCode);
  if (r?.level === 'PREFECTURE' || r?.level === 'PROVINCE') return r.code;
  if (r?.parent) return r.parent;
  return countyCode.slice(0, 4) + '00';
}
