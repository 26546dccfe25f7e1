import { Actor, CurrentActor, Public, Role, Roles } from '@app/core';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { BoothService } from './booth.service';
import { ApplyForBoothInput, AssignBoothInput, DecideBoothApplicationInput } from './dto/booth.input';
import { FairBoothApplicationModel, FairBoothModel } from './models/booth.model';

@Resolver(() => FairBoothApplicationModel)
export class BoothResolver {
  constructor(private readonly booths: BoothService) {}

  @Public()
  @Query(() => [FairBoothModel], { description: '展位图 / the booth map of a fair' })
  fairBooths(@Args('fairId', { type: () => ID }) fairId: string, @Args('onlyFree', { defaultValue: false }) onlyFree: boolean) {
    return this.booths.booths(fairId, onlyFree);
  }

  @Roles(Role.HR)
  @Mutation(() => FairBoothApplicationModel, { description: '申请展位（带岗位和现场招聘人数）/ apply for a booth with postings and headcount' })
  applyForBooth(@CurrentActor() actor: Actor, @Args('input') input: ApplyForBoothInput) {
    return this.booths.apply(actor, input);
  }

  @Roles(Role.HR)
  @Mutation(() => FairBoothApplicationModel, { description: '取消参会（开始前48小时内为迟取消）/ cancel (within 48 h: a late cancellation)' })
  cancelBoothApplication(@CurrentActor() actor: Actor, @Args('applicationId', { type: () => ID }) applicationId: string) {
    return this.booths.cancel(actor, applicationId);
  }

  @Roles(Role.HR)
  @Query(() => [FairBoothApplicationModel], { description: '本企业的展位申请 / my company’s booth applications' })
  myBoothApplications(@CurrentActor() actor: Actor, @Args('fairId', { type: () => ID, nullable: true }) fairId?: string) {
    return this.booths.mine(actor, fairId ?? null);
  }

  @Roles(Role.OPERATOR)
  @Query(() => [FairBoothApplicationModel], { description: '招聘会的展位申请 / booth applications of a fair' })
  boothApplications(@Args('fairId', { type: () => ID }) fairId: string) {
    return this.booths.forFair(fairId);
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => FairBoothApplicationModel, { description: '审核展位申请（不通过须填原因）/ approve or reject (a reason when rejecting)' })
  decideBoothApplication(@CurrentActor() actor: Actor, @Args('input') input: DecideBoothApplicationInput) {
    return this.booths.decide(actor, input);
  }

  @Roles(Role.OPERATOR, Role.HR)
  @Mutation(() => FairBoothApplicationModel, { description: '选择/分配展位（已占用则冲突）/ pick or assign a booth (taken: CONFLICT)' })
  assignBooth(@CurrentActor() actor: Actor, @Args('input') input: AssignBoothInput) {
    return this.booths.assign(actor, input);
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => FairBoothApplicationModel, { description: '登记企业未到场 / record a no-show' })
  markBoothNoShow(@Args('applicationId', { type: () => ID }) applicationId: string) {
    return this.booths.markNoShow(applicationId);
  }
}
