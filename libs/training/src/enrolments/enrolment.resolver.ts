import { Actor, CurrentActor, PageArgs, Role, Roles } from '@app/core';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { EnrolFromOfferInput, EnrolSeekerInput } from './dto/enrolment.input';
import { EnrolmentService } from './enrolment.service';
import { EnrolmentModel, TraineePage } from './models/enrolment.model';

@Resolver(() => EnrolmentModel)
export class EnrolmentResolver {
  constructor(private readonly enrolments: EnrolmentService) {}

  @Roles(Role.SEEKER)
  @Mutation(() => EnrolmentModel, { description: '报名培训班 / enrol in a class' })
  enrolInTrainingClass(@CurrentActor() actor: Actor, @Args('classId', { type: () => ID }) classId: string) {
    return this.enrolments.enrolSelf(actor, classId);
  }

  @Roles(Role.SEEKER)
  @Mutation(() => EnrolmentModel, { description: '退出培训班 / withdraw from a class' })
  withdrawFromTrainingClass(@CurrentActor() actor: Actor, @Args('classId', { type: () => ID }) classId: string) {
    return this.enrolments.withdrawSelf(actor, classId);
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => EnrolmentModel, { description: '代为报名 / enrol a seeker' })
  enrolSeekerInTrainingClass(@CurrentActor() actor: Actor, @Args('input') input: EnrolSeekerInput) {
    return this.enrolments.enrolSeeker(actor, input);
  }

  @Roles(Role.HR, Role.OPERATOR)
  @Mutation(() => EnrolmentModel, { description: '先面试后培训：录用意向转入本企业定制班 / conditional offer → the company’s custom class' })
  enrolFromOffer(@CurrentActor() actor: Actor, @Args('input') input: EnrolFromOfferInput) {
    return this.enrolments.enrolFromOffer(actor, input);
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => EnrolmentModel, { description: '办理退出 / withdraw an enrolment' })
  withdrawTrainingEnrolment(@CurrentActor() actor: Actor, @Args('enrolmentId', { type: () => ID }) enrolmentId: string) {
    return this.enrolments.withdrawEnrolment(actor, enrolmentId);
  }

  // The bureau (AUDITOR) sees figures (trainingStats), not named trainees (PIPL minimum necessary).
  @Roles(Role.OPERATOR, Role.HR)
  @Query(() => TraineePage, { description: '培训班学员（企业HR仅限本企业委托的班，信息脱敏）/ trainees; HR only for its sponsored classes, masked' })
  trainingClassTrainees(@CurrentActor() actor: Actor, @Args('classId', { type: () => ID }) classId: string, @Args() page: PageArgs) {
    return this.enrolments.trainees(actor, classId, page);
  }
}
