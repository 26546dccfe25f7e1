import { CandidateDocument } from '../documents/candidate-document';

/** Results are exact up to this many hits; deeper pages are not served (both engines). */
export const MAX_WINDOW = 1000;

export type FacetName = 'county' | 'prefecture' | 'category' | 'education';
export const FACET_NAMES: FacetName[] = ['county', 'prefecture', 'category', 'education'];

export interface CandidateFilter {
  minMandarinRank?: number;
  minTypingSpeed?: number;
  minCallCenterMonths?: number;
  minEducationRank?: number;
  educations?: string[];
  /** At least one of these categories. */
  categoriesAny?: string[];
  /** Can work at least one of these shifts. */
  shiftsAny?: string[];
  graduationYearMin?: number;
  graduationYearMax?: number;
  countyCodes?: string[];
  prefectureCodes?: string[];
  excludeIds?: string[];
}

export type CandidateSort =
  /** Fit: baseScore, plus `boostPoints` (points) for documents with a shift in `boostShifts`. */
  | { by: 'SCORE'; boostShifts?: string[]; boostPoints?: number }
  /** Nearest to the geo centre (or to the base without geo). */
  | { by: 'DISTANCE' }
  /** Most recently updated first. */
  | { by: 'RECENT' };

export interface CandidateQuery {
  /** Every word must occur in name, school or major (substring; Chinese-aware). */
  text?: string;
  filter?: CandidateFilter;
  /** Within radiusKm (great circle, mean earth radius) of a point. */
  geo?: { lat: number; lng: number; radiusKm: number };
  sort?: CandidateSort;
  facets?: FacetName[];
  limit: number;
  offset: number;
}

export interface CandidateHit {
  seekerId: string;
  /** Rank key used for ordering (hundredths of a point, incl. any boost); see displayScore(). */
  rankKey: number;
  /** km to the geo centre when given, else to the base. */
  distanceKm: number | null;
}

export interface CandidateSearchResult {
  hits: CandidateHit[];
  /** Exact when below MAX_WINDOW, else MAX_WINDOW and `totalCapped`. */
  total: number;
  totalCapped: boolean;
  facets: Partial<Record<FacetName, Record<string, number>>>;
}

/**
 * The port both engines implement. Documents are only ever for consenting,
 * not erased seekers (the indexer removes the others), and every engine
 * orders ties by seeker id so pages are stable.
 */
export abstract class CandidateIndex {
  abstract readonly engine: 'postgres' | 'meilisearch';
  /** Settings/schema; idempotent. */
  abstract ensureReady(): Promise<void>;
  /** Insert or replace; an older document never replaces a newer one (sourceUpdatedAt). Resolves once visible to search. */
  abstract upsert(docs: CandidateDocument[]): Promise<void>;
  /** Resolves once the documents are gone from search. */
  abstract remove(ids: string[]): Promise<void>;
  abstract search(q: CandidateQuery): Promise<CandidateSearchResult>;
  abstract count(): Promise<number>;
  abstract get(ids: string[]): Promise<Map<string, CandidateDocument>>;
  /** Up to n ids from the index, for the consistency check's sample. */
  abstract sampleIds(n: number): Promise<string[]>;
}

/** What "jobs for me" needs to know about the seeker. */
export interface SeekerFacts {
  seekerId: string;
  mandarinRank: number;
  typingSpeed: number;
  educationRank: number;
  shifts: string[];
}

export interface JobHit {
  postingId: string;
  /** How many hard requirements the seeker does not meet. */
  gaps: number;
  shiftMatch: boolean;
}

/** Seeker side: open postings ranked by fit. PostgreSQL only (few rows; postings emit no events yet). */
export abstract class JobIndex {
  abstract forSeeker(facts: SeekerFacts, limit: number, offset: number): Promise<{ hits: JobHit[]; total: number }>;
}
