import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ScorecardCriterion')
export class CriterionModel {
  @Field() name: string;
  @Field(() => Int) weight: number;
  @Field(() => String, { nullable: true }) description: string | null;
}

@ObjectType('ScorecardTemplate', { description: '企业评分模板（1–5分制，带权重）/ tenant scorecard template (1–5 scale, weighted)' })
export class ScorecardTemplateModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => [CriterionModel]) criteria: CriterionModel[];
  @Field(() => Int) scaleMin: number;
  @Field(() => Int) scaleMax: number;
  @Field() createdAt: Date;
}

@ObjectType('ScorecardRating')
export class RatingModel {
  @Field() criterion: string;
  @Field(() => Int) weight: number;
  @Field(() => Int) score: number;
  @Field(() => String, { nullable: true }) note: string | null;
}

@ObjectType('InterviewScorecard', { description: '面试评分表，仅本企业HR可见 / interview scorecard, own tenant HR only' })
export class ScorecardModel {
  @Field(() => ID) interviewId: string;
  @Field(() => ID, { nullable: true }) templateId: string | null;
  @Field() templateName: string;
  @Field(() => [RatingModel]) ratings: RatingModel[];
  @Field(() => String, { nullable: true }) notes: string | null;
  @Field(() => Float, { description: '加权平均分（1–5，两位小数）/ weighted mean, 2 decimals' }) weightedScore: number;
  @Field(() => Date, { nullable: true, description: '给出结论后锁定 / locked once the outcome is recorded' }) finalizedAt: Date | null;
  @Field() updatedAt: Date;
}
