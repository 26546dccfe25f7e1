import { Actor, CurrentActor, GqlContext, PageArgs, Role, Roles } from '@app/core';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CourseService } from '../courses/course.service';
import { CourseModel } from '../courses/models/course.model';
import { InstitutionService } from '../institutions/institution.service';
import { InstitutionModel } from '../institutions/models/institution.model';
import { TrainingClassStatus } from './class-type';
import { toSessionModel } from './class.mapper';
import { ClassService } from './class.service';
import { AddSessionsInput, ClassFilterInput, CreateClassInput } from './dto/class.input';
import { SessionModel, TrainingClassModel, TrainingClassPage } from './models/class.model';

@Resolver(() => TrainingClassModel)
export class ClassResolver {
  constructor(
    private readonly classService: ClassService,
    private readonly institutions: InstitutionService,
    private readonly courseService: CourseService,
  ) {}

  @Roles(Role.OPERATOR)
  @Mutation(() => TrainingClassModel, { description: '开设培训班 / open a training class' })
  createTrainingClass(@CurrentActor() actor: Actor, @Args('input') input: CreateClassInput) {
    return this.classService.create(actor, input);
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => [SessionModel], { description: '排课 / add sessions to the schedule' })
  addTrainingSessions(@CurrentActor() actor: Actor, @Args('input') input: AddSessionsInput) {
    return this.classService.addSessions(actor, input);
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => TrainingClassModel, { description: '开放/截止报名 / open or close enrolment' })
  setTrainingClassStatus(@Args('id', { type: () => ID }) id: string, @Args('status', { type: () => TrainingClassStatus }) status: TrainingClassStatus) {
    return this.classService.setStatus(id, status);
  }

  @Roles(Role.OPERATOR, Role.AUDITOR, Role.HR, Role.SEEKER)
  @Query(() => TrainingClassPage, { description: '培训班（企业HR仅见本企业委托/定制的班）/ classes; HR sees only classes its company sponsors' })
  trainingClasses(@CurrentActor() actor: Actor, @Args('filter', { nullable: true }) filter: ClassFilterInput, @Args() page: PageArgs) {
    return this.classService.list(actor, filter ?? {}, page);
  }

  @Roles(Role.OPERATOR, Role.AUDITOR, Role.HR, Role.SEEKER)
  @Query(() => TrainingClassModel)
  trainingClass(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.classService.get(actor, id);
  }

  @ResolveField(() => InstitutionModel, { nullable: true })
  institution(@Parent() c: TrainingClassModel, @Context() ctx: GqlContext) {
    return ctx.loaders.get('trainingInstitution', (ids) => this.institutions.findByIds(ids)).load(c.institutionId);
  }

  @ResolveField(() => [CourseModel])
  async courses(@Parent() c: TrainingClassModel, @Context() ctx: GqlContext) {
    return (await ctx.loaders.get('trainingClassCourses', (ids) => this.courseService.coursesFor(ids)).load(c.id)) ?? [];
  }

  @ResolveField(() => [SessionModel])
  async sessions(@Parent() c: TrainingClassModel, @Context() ctx: GqlContext) {
    const rows = (await ctx.loaders.get('trainingClassSessions', (ids) => this.classService.sessionsFor(ids)).load(c.id)) ?? [];
    return rows.map(toSessionModel);
  }
}
