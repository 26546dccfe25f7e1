import { Actor, Clock, isPgError, PgErrorCode, Role } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InterviewService } from '../interviews/interview.service';
import { assertId, interviewsError, InterviewsExceptionCode } from '../interviews.exception';
import { CreateScorecardTemplateInput, SaveScorecardInput } from './dto/scorecard.input';
import { ScorecardModel, ScorecardTemplateModel } from './models/scorecard.model';
import { Criterion, Rating, SCORE_MAX, SCORE_MIN, ScorecardEntity, ScorecardTemplateEntity } from './scorecard.entity';

/** Weighted mean × 100, rounded: integers only. */
export function weightedScoreX100(criteria: Criterion[], ratings: Rating[]): number {
  const byName = new Map(ratings.map((r) => [r.criterion, r.score]));
  let sum = 0;
  let weights = 0;
  for (const c of criteria) {
    sum += (byName.get(c.name) ?? 0) * c.weight;
    weights += c.weight;
  }
  return Math.round((sum * 100) / weights);
}

/** Every criterion rated exactly once, nothing else, each on the 1–5 scale. */
export function checkRatings(criteria: Criterion[], ratings: Rating[]): { zh: string; en: string } | null {
  const names = new Set(criteria.map((c) => c.name));
  const seen = new Set<string>();
  for (const r of ratings) {
    if (!names.has(r.criterion)) return { zh: `评分项「${r.criterion}」不在模板中`, en: `"${r.criterion}" is not a criterion of the template` };
    if (seen.has(r.criterion)) return { zh: `评分项「${r.criterion}」重复`, en: `"${r.criterion}" is rated twice` };
    if (!Number.isInteger(r.score) || r.score < SCORE_MIN || r.score > SCORE_MAX)
      return { zh: `评分须为${SCORE_MIN}–${SCORE_MAX}分`, en: `Scores are ${SCORE_MIN}–${SCORE_MAX}` };
    seen.add(r.criterion);
  }
  const missing = criteria.filter((c) => !seen.has(c.name)).map((c) => c.name);
  if (missing.length) return { zh: `以下评分项未评分：${missing.join('、')}`, en: `Not rated: ${missing.join(', ')}` };
  return null;
}

/** Tenant scorecard templates and per-interview scorecards. Only HR users of the interview's tenant read or write them. */
@Injectable()
export class ScorecardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly interviews: InterviewService,
    private readonly clock: Clock,
  ) {}

  async createTemplate(actor: Actor, input: CreateScorecardTemplateInput): Promise<ScorecardTemplateModel> {
    const names = input.criteria.map((c) => c.name.trim());
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) throw interviewsError(InterviewsExceptionCode.DUPLICATE_CRITERION, { name: dup });
    const criteria: Criterion[] = input.criteria.map((c) => ({ name: c.name.trim(), weight: c.weight, description: c.description ?? null }));
    try {
      const row = await this.dataSource.manager.save(
        this.dataSource.manager.create(ScorecardTemplateEntity, {
          tenantId: actor.tenantId!,
          name: input.name.trim(),
          criteria,
          createdBy: actor.userId,
          createdAt: this.clock.now(),
        }),
      );
      return toTemplateModel(row);
    } catch (e) {
      if (isPgError(e, PgErrorCode.UNIQUE_VIOLATION)) throw interviewsError(InterviewsExceptionCode.TEMPLATE_NAME_TAKEN);
      throw e;
    }
  }

  async listTemplates(actor: Actor): Promise<ScorecardTemplateModel[]> {
    const rows = await this.dataSource.manager.find(ScorecardTemplateEntity, { where: { tenantId: actor.tenantId! }, order: { createdAt: 'ASC' } });
    return rows.map(toTemplateModel);
  }

  /** Create or replace the ratings, until the outcome is recorded. */
  async save(actor: Actor, input: SaveScorecardInput): Promise<ScorecardModel> {
    const now = this.clock.now();
    const row = await this.dataSource.transaction(async (m) => {
      const iv = await this.interviews.accessibleOrThrow(actor, input.interviewId, m, true);
      if (actor.role !== Role.HR) throw interviewsError(InterviewsExceptionCode.SCORECARD_NOT_FOUND);
      this.interviews.assertStatus(iv, ['SCHEDULED', 'LIVE'], { zh: '评分', en: 'rate it' });
      assertId(input.templateId, InterviewsExceptionCode.TEMPLATE_NOT_FOUND);
      const template = await m.findOne(ScorecardTemplateEntity, { where: { id: input.templateId, tenantId: iv.tenantId } });
      if (!template) throw interviewsError(InterviewsExceptionCode.TEMPLATE_NOT_FOUND);
      const ratings: Rating[] = input.ratings.map((r) => ({ criterion: r.criterion.trim(), score: r.score, note: r.note ?? null }));
      const problem = checkRatings(template.criteria, ratings);
      if (problem) throw interviewsError(InterviewsExceptionCode.INVALID_RATINGS, problem);
      const existing = await m.findOne(ScorecardEntity, { where: { interviewId: iv.id, tenantId: iv.tenantId } });
      if (existing?.finalizedAt) throw interviewsError(InterviewsExceptionCode.SCORECARD_FINAL);
      return m.save(
        m.create(ScorecardEntity, {
          interviewId: iv.id,
          tenantId: iv.tenantId,
          templateId: template.id,
          templateName: template.name,
          criteria: template.criteria,
          ratings,
          notes: input.notes ?? null,
          weightedScoreX100: weightedScoreX100(template.criteria, ratings),
          recordedBy: actor.userId,
          createdAt: existing?.createdAt ?? now,
          updatedAt: now,
          finalizedAt: null,
        }),
      );
    });
    return toScorecardModel(row);
  }

  /** HR of the interview's tenant only (resolver: @Roles(HR)); another tenant gets NOT_FOUND. Null if nothing recorded yet. */
  async get(actor: Actor, interviewId: string): Promise<ScorecardModel | null> {
    const iv = await this.interviews.accessibleOrThrow(actor, interviewId);
    if (actor.role !== Role.HR) throw interviewsError(InterviewsExceptionCode.SCORECARD_NOT_FOUND);
    const row = await this.dataSource.manager.findOne(ScorecardEntity, { where: { interviewId: iv.id, tenantId: actor.tenantId! } });
    return row && toScorecardModel(row);
  }
}

function toTemplateModel(t: ScorecardTemplateEntity): ScorecardTemplateModel {
  return {
    id: t.id,
    name: t.name,
    createdAt: t.createdAt,
    scaleMin: SCORE_MIN,
    scaleMax: SCORE_MAX,
    criteria: t.criteria.map((c) => ({ name: c.name, weight: c.weight, description: c.description ?? null })),
  };
}

export function toScorecardModel(s: ScorecardEntity): ScorecardModel {
  const weight = new Map(s.criteria.map((c) => [c.name, c.weight]));
  return {
    interviewId: s.interviewId,
    templateId: s.templateId,
    templateName: s.templateName,
    notes: s.notes,
    ratings: s.ratings.map((r) => ({ criterion: r.criterion, weight: weight.get(r.criterion) ?? 0, score: r.score, note: r.note ?? null })),
    weightedScore: s.weightedScoreX100 / 100,
    finalizedAt: s.finalizedAt,
    updatedAt: s.updatedAt,
  };
}
