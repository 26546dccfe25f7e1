import { Role, Roles } from '@app/core';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { TrainingStatsFilterInput } from './dto/stats.input';
import { TrainingStatsModel } from './models/stats.model';
import { TrainingStatsService } from './training-stats.service';

@Resolver(() => TrainingStatsModel)
export class TrainingStatsResolver {
  constructor(private readonly statsService: TrainingStatsService) {}

  @Roles(Role.OPERATOR, Role.AUDITOR)
  @Query(() => TrainingStatsModel, { description: '培训统计：按班级、机构、院校 / training figures per class, institution and school' })
  trainingStats(@Args('filter', { nullable: true }) filter: TrainingStatsFilterInput) {
    return this.statsService.stats(filter ?? {});
  }
}
