import { Actor, CurrentActor, PageArgs, Public, Role, Roles } from '@app/core';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { FairStatusEnum } from '../fair.enums';
import { AddBoothsInput, CancelFairInput, CreateFairInput, CreateFairSeriesInput, FairFilterInput } from './dto/fair.input';
import { FairService } from './fair.service';
import { FairModel, FairPage, FairSeriesModel } from './models/fair.model';

@Resolver(() => FairModel)
export class FairResolver {
  constructor(private readonly fairService: FairService) {}

  @Public()
  @Query(() => FairPage, { description: '招聘会列表（草稿仅工作人员可见）/ fairs (drafts: staff only)' })
  fairs(@CurrentActor() actor: Actor | undefined, @Args('filter', { nullable: true }) filter: FairFilterInput, @Args() page: PageArgs) {
    return this.fairService.list(actor, filter ?? {}, page);
  }

  @Public()
  @Query(() => FairModel, { description: '招聘会详情 / one fair' })
  fair(@CurrentActor() actor: Actor | undefined, @Args('id', { type: () => ID }) id: string) {
    return this.fairService.get(id, actor ?? null);
  }

  @Public()
  @Query(() => [FairModel], { description: '即将举办的招聘会 / upcoming fairs, soonest first' })
  upcomingFairs(@Args('first', { type: () => Int, defaultValue: 10 }) first: number) {
    return this.fairService.upcoming(Math.min(Math.max(first, 1), 50));
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => FairSeriesModel, { description: '创建周期招聘会（如每周六上午），并生成未来几周的场次 / create a weekly series and its fairs ahead' })
  createFairSeries(@CurrentActor() actor: Actor, @Args('input') input: CreateFairSeriesInput) {
    return this.fairService.createSeries(actor, input);
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => FairModel, { description: '创建专场/校园招聘会/双选会（草稿）/ create a one-off fair (draft)' })
  createFair(@CurrentActor() actor: Actor, @Args('input') input: CreateFairInput) {
    return this.fairService.createFair(actor, input);
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => FairModel, { description: '增加展位 / add numbered booths' })
  addFairBooths(@Args('input') input: AddBoothsInput) {
    return this.fairService.addBooths(input);
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => FairModel, { description: '发布招聘会（开放企业和求职者报名）/ publish' })
  publishFair(@Args('fairId', { type: () => ID }) fairId: string) {
    return this.fairService.publish(fairId);
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => FairModel, { description: '变更招聘会状态：报名截止 / 开始 / 已上报 / set BOOKING_CLOSED, LIVE or REPORTED' })
  setFairStatus(@Args('fairId', { type: () => ID }) fairId: string, @Args('status', { type: () => FairStatusEnum }) status: FairStatusEnum) {
    return this.fairService.setStatus(fairId, status);
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => FairModel, { description: '取消招聘会（如节假日），通知所有已报名者 / cancel with a reason; everyone registered is told' })
  cancelFair(@Args('input') input: CancelFairInput) {
    return this.fairService.cancel(input);
  }
}
