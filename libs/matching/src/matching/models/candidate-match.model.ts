import { Paginated } from '@app/core';
import { SeekerProfileModel } from '@app/talent';
import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType('CandidateMatch', { description: '岗位匹配的候选人（信息脱敏）/ a candidate matched to a posting, masked' })
export class CandidateMatchModel {
  @Field(() => SeekerProfileModel) seeker: SeekerProfileModel;
  @Field(() => Float, { description: '匹配分（越高越合适）/ fit score, higher is better' }) score: number;
  @Field(() => Float, { nullable: true, description: '到基地距离（公里）/ km to the base' }) distanceKm: number | null;
  @Field({ description: '可上岗位班次 / can work one of the posting shifts' }) shiftMatch: boolean;
  @Field({ description: '匹配说明，如 “85 km · 普通话二甲 · 打字 62 字/分 · 3个月呼叫中心经验”' }) explanation: string;
  @Field(() => [String]) reasons: string[];
}

@ObjectType('CandidateMatchPage')
export class CandidateMatchPage extends Paginated(CandidateMatchModel) {
  @Field({ description: '总数超过上限（1000）时为 true，total 为上限 / total is capped at 1000 when true' }) totalCapped: boolean;
}
