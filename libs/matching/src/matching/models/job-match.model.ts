import { Paginated } from '@app/core';
import { Shift } from '@app/talent';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('MatchGap', { description: '未满足的岗位要求 / a requirement the seeker does not meet' })
export class MatchGapModel {
  @Field({ description: 'MANDARIN | TYPING | EDUCATION' }) code: string;
  @Field({ description: '如 “需要普通话二乙” / zh-CN' }) message: string;
  @Field() messageEn: string;
}

@ObjectType('JobMatch', { description: '为我推荐的岗位 / an open posting ranked for me' })
export class JobMatchModel {
  @Field(() => ID) postingId: string;
  @Field(() => ID) tenantId: string;
  @Field(() => String, { nullable: true, description: '企业名称 / company' }) tenantName?: string | null;
  @Field() title: string;
  @Field(() => Int) salaryMinFen: number;
  @Field(() => Int) salaryMaxFen: number;
  @Field(() => [Shift]) shifts: Shift[];
  @Field(() => Int) openingsLeft: number;
  @Field(() => Float, { description: '匹配分 0-100 / fit 0-100' }) score: number;
  @Field({ description: '满足全部硬性要求 / meets every hard requirement' }) meetsAll: boolean;
  @Field(() => [MatchGapModel], { description: '还差什么 / what I lack' }) missing: MatchGapModel[];
  @Field({ description: '可上岗位班次 / I can work one of its shifts' }) shiftMatch: boolean;
}

@ObjectType('JobMatchPage')
export class JobMatchPage extends Paginated(JobMatchModel) {}
