import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum PoolStatsDimension {
  PREFECTURE = 'PREFECTURE',
  COUNTY = 'COUNTY',
  CATEGORY = 'CATEGORY',
  EDUCATION = 'EDUCATION',
}
registerEnumType(PoolStatsDimension, { name: 'PoolStatsDimension', description: '按地市 / 区县 / 人员类别 / 学历统计' });

@ObjectType('PoolStatsBucket')
export class PoolStatsBucketModel {
  @Field({ description: '分组代码 / group key' }) key: string;
  @Field({ description: '分组名称 / group label' }) label: string;
  @Field(() => Int, { nullable: true, description: `人数；少于最小单元数时不公布 / people; null when below the minimum cell size` }) count: number | null;
  @Field({ description: '人数过少未公布 / suppressed because too small' }) suppressed: boolean;
}

@ObjectType('TalentPoolStats', { description: '人才库汇总（无个人信息）/ talent pool aggregates, no personal data' })
export class TalentPoolStatsModel {
  @Field(() => PoolStatsDimension) dimension: PoolStatsDimension;
  @Field(() => Int, { description: '人才库总人数（未注销）/ people in the pool (not erased)' }) total: number;
  @Field(() => Int, { description: '最小公布单元 / minimum cell size shown' }) minCellSize: number;
  @Field(() => [PoolStatsBucketModel]) buckets: PoolStatsBucketModel[];
}
