import { Actor, CurrentActor, GqlContext, Role, Roles } from '@app/core';
import { SeekerProfileModel } from '@app/talent';
import { Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CompletedTrainingModel, MyTrainingModel } from './models/training-record.model';
import { TrainingRecordService } from './training-record.service';

@Resolver(() => MyTrainingModel)
export class TrainingRecordResolver {
  constructor(private readonly records: TrainingRecordService) {}

  @Roles(Role.SEEKER)
  @Query(() => [MyTrainingModel], { description: '我的培训（报名、出勤、考核、证书）/ my training: enrolments, attendance, assessments, certificates' })
  myTraining(@CurrentActor() actor: Actor) {
    return this.records.myTraining(actor);
  }
}

/**
 * Adds `completedTraining` to the talent profile wherever one is shown
 * (my profile, talent pool, applicants, trainees), batched per request.
 */
@Resolver(() => SeekerProfileModel)
export class SeekerTrainingResolver {
  constructor(private readonly records: TrainingRecordService) {}

  @ResolveField(() => [CompletedTrainingModel], { description: '已结业培训 / completed training' })
  async completedTraining(@Parent() s: SeekerProfileModel, @Context() ctx: GqlContext) {
    return (await ctx.loaders.get('completedTraining', (ids) => this.records.completedTrainingFor(ids)).load(s.id)) ?? [];
  }
}
