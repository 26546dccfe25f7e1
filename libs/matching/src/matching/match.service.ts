import { Actor, AppConfig, Clock, PageArgs } from '@app/core';
import { PostingEntity, PostingService } from '@app/employers';
import { EDUCATION_RANK, MANDARIN_RANK, SeekerEntity, SeekerService } from '@app/talent';
import { TrainingRecordService } from '@app/training';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { displayScore, isIndexable, SHIFT_MATCH_POINTS } from '../documents/candidate-document';
import { CandidateIndex, CandidateQuery, JobIndex, MAX_WINDOW } from '../index/candidate-index';
import { matchingError, MatchingExceptionCode } from '../matching.exception';
import { MatchCandidatesArgs } from './dto/match.input';
import { candidateReasons, postingGaps } from './explain';
import { CandidateMatchModel, CandidateMatchPage } from './models/candidate-match.model';
import { JobMatchModel, JobMatchPage } from './models/job-match.model';

/**
 * Ranking rules for both sides. Candidates come from the CandidateIndex
 * (whichever engine is configured) and are re-read from seekers before they
 * are shown: a document that lags a consent withdrawal by a second is
 * dropped here, never shown.
 */
@Injectable()
export class MatchService {
  constructor(
    private readonly index: CandidateIndex,
    private readonly jobs: JobIndex,
    private readonly postings: PostingService,
    private readonly seekers: SeekerService,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly training: TrainingRecordService,
  ) {}

  private checkWindow(page: PageArgs): void {
    if (page.offset + page.first > MAX_WINDOW) {
      throw matchingError(MatchingExceptionCode.WINDOW_EXCEEDED, { max: MAX_WINDOW });
    }
  }

  /** The hard requirements of a posting as an index query. */
  candidateQuery(posting: PostingEntity, excludeIds: string[], page: PageArgs): CandidateQuery {
    return {
      filter: {
        minMandarinRank: posting.minMandarinLevel ? MANDARIN_RANK[posting.minMandarinLevel] : undefined,
        minTypingSpeed: posting.minTypingSpeed ?? undefined,
        minEducationRank: posting.minEducation ? EDUCATION_RANK[posting.minEducation as keyof typeof EDUCATION_RANK] : undefined,
        excludeIds,
      },
      geo: { lat: this.config.app.baseLat, lng: this.config.app.baseLng, radiusKm: this.config.app.poolRadiusKm },
      sort: { by: 'SCORE', boostShifts: posting.shifts, boostPoints: SHIFT_MATCH_POINTS },
      limit: page.first,
      offset: page.offset,
    };
  }

  /**
   * Consenting seekers within the pool radius who meet the posting's hard
   * requirements, best fit first, minus anyone who applied or was hired for
   * it. HR of the posting's tenant only; the list is not a profile view
   * (talentProfile logs each one opened).
   */
  async matchCandidates(actor: Actor, args: MatchCandidatesArgs): Promise<CandidateMatchPage> {
    this.checkWindow(args);
    const posting = await this.postings.ownOrThrow(actor, args.postingId);
    const excluded: Array<{ seeker_id: string }> = await this.ds.query(
      `SELECT seeker_id FROM applications WHERE posting_id = $1 UNION SELECT seeker_id FROM hires WHERE posting_id = $1`,
      [posting.id],
    );
    const res = await this.index.search(
      this.candidateQuery(
        posting,
        excluded.map((r) => r.seeker_id),
        args,
      ),
    );
    const [rows, trained] = await Promise.all([
      this.seekers.findByIds(res.hits.map((h) => h.seekerId)),
      this.training.completedTrainingFor(res.hits.map((h) => h.seekerId)),
    ]);
    const now = this.clock.now();
    const items: CandidateMatchModel[] = [];
    for (const h of res.hits) {
      const s = rows.get(h.seekerId);
      if (!s || !isIndexable(s)) continue; // the index lags a withdrawal: never show it
      const reasons = candidateReasons(s, posting, h.distanceKm, trained.get(s.id) ?? []);
      items.push({
        seeker: this.seekers.toModel(s, 'TENANT'),
        score: displayScore(h.rankKey, now),
        distanceKm: h.distanceKm == null ? null : Math.round(h.distanceKm * 10) / 10,
        shiftMatch: (s.shifts ?? []).some((x) => posting.shifts.includes(x)),
        explanation: reasons.join(' · '),
        reasons,
      });
    }
    return { items, total: res.total, totalCapped: res.totalCapped, hasMore: args.offset + res.hits.length < res.total };
  }

  /** Open postings for the signed-in seeker, best fit first, with what they lack for each. */
  async jobsForMe(actor: Actor, page: PageArgs): Promise<JobMatchPage> {
    const s = await this.seekers.findByUser(actor.userId);
    if (!s || s.erasedAt) throw matchingError(MatchingExceptionCode.NO_PROFILE);
    const facts = seekerFacts(s);
    const res = await this.jobs.forSeeker(facts, page.first, page.offset);
    const postings = await this.postings.findByIds(res.hits.map((h) => h.postingId));
    const items: JobMatchModel[] = [];
    for (const h of res.hits) {
      const p = postings.get(h.postingId);
      if (!p) continue;
      const missing = postingGaps(s, p);
      items.push({
        postingId: p.id,
        tenantId: p.tenantId,
        title: p.title,
        salaryMinFen: p.salaryMinFen,
        salaryMaxFen: p.salaryMaxFen,
        shifts: p.shifts as JobMatchModel['shifts'],
        openingsLeft: p.openingsLeft,
        score: jobScore(missing.length, h.shiftMatch),
        meetsAll: missing.length === 0,
        missing,
        shiftMatch: h.shiftMatch,
      });
    }
    return { items, total: res.total, hasMore: page.offset + res.hits.length < res.total };
  }
}

export function seekerFacts(s: SeekerEntity) {
  return {
    seekerId: s.id,
    mandarinRank: s.mandarinLevel ? (MANDARIN_RANK[s.mandarinLevel] ?? 0) : 0,
    typingSpeed: s.typingSpeed ?? 0,
    educationRank: s.education ? (EDUCATION_RANK[s.education] ?? 0) : 0,
    shifts: s.shifts ?? [],
  };
}

/** 100 when every requirement is met and a shift fits; −30 per unmet requirement, −10 without a fitting shift. */
export function jobScore(gaps: number, shiftMatch: boolean): number {
  return Math.max(0, 100 - 30 * gaps - (shiftMatch ? 0 : 10));
}
