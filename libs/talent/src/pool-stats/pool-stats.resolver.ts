import { Role, Roles } from '@app/core';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { PoolStatsDimension, TalentPoolStatsModel } from './pool-stats.model';
import { PoolStatsService } from './pool-stats.service';

@Resolver(() => TalentPoolStatsModel)
export class PoolStatsResolver {
  constructor(private readonly stats: PoolStatsService) {}

  @Roles(Role.AUDITOR, Role.OPERATOR)
  @Query(() => TalentPoolStatsModel, { description: '人才库汇总统计（无姓名）/ talent pool counts, no names' })
  talentPoolStats(@Args('by', { type: () => PoolStatsDimension }) by: PoolStatsDimension) {
    return this.stats.stats(by);
  }
}
