import { Actor, CurrentActor, Public, Role, Roles } from '@app/core';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { BoothSeekerInput, HireAtFairInput, ScheduleFairInterviewInput } from './dto/selection.input';
import { FairBoothVisitorModel, FairMatchModel, FairPostingScanModel, FairSelectionModel } from './models/selection.model';
import { SelectionService } from './selection.service';

@Resolver(() => FairSelectionModel)
export class SelectionResolver {
  constructor(private readonly selection: SelectionService) {}

  @Public()
  @Mutation(() => FairPostingScanModel, { description: '扫描展位岗位二维码（登录求职者计入来源）/ a posting QR scanned (attributed when signed in)' })
  fairPostingScanned(@CurrentActor() actor: Actor | undefined, @Args('code') code: string) {
    return this.selection.scanned(code, actor ?? null);
  }

  @Roles(Role.SEEKER)
  @Mutation(() => FairSelectionModel, { description: '标记感兴趣的岗位 / mark a fair posting as interesting' })
  markFairInterest(@CurrentActor() actor: Actor, @Args('fairPostingId', { type: () => ID }) fairPostingId: string) {
    return this.selection.markInterest(actor, fairPostingId);
  }

  @Roles(Role.HR)
  @Mutation(() => FairSelectionModel, { description: '登记现场洽谈（扫入场券）/ record a conversation (ticket scanned)' })
  recordFairConversation(@CurrentActor() actor: Actor, @Args('input') input: BoothSeekerInput) {
    return this.selection.recordConversation(actor, input);
  }

  @Roles(Role.HR)
  @Mutation(() => FairSelectionModel, { description: '标记录用意向 / mark intent' })
  markFairIntent(@CurrentActor() actor: Actor, @Args('input') input: BoothSeekerInput) {
    return this.selection.markIntent(actor, input);
  }

  @Roles(Role.HR)
  @Mutation(() => FairSelectionModel, { description: '安排后续视频面试 / schedule a follow-up video interview' })
  scheduleFairInterview(@CurrentActor() actor: Actor, @Args('input') input: ScheduleFairInterviewInput) {
    return this.selection.scheduleInterview(actor, input);
  }

  @Roles(Role.HR)
  @Mutation(() => FairSelectionModel, { description: '现场录用（走录用流程）/ hire on the spot (the hire flow)' })
  hireAtFair(@CurrentActor() actor: Actor, @Args('input') input: HireAtFairInput) {
    return this.selection.hireAtFair(actor, input);
  }

  @Roles(Role.HR)
  @Query(() => [FairBoothVisitorModel], { description: '已签到并投递本企业岗位的求职者 / checked-in applicants at our booth' })
  fairBoothVisitors(@CurrentActor() actor: Actor, @Args('fairId', { type: () => ID }) fairId: string) {
    return this.selection.boothVisitors(actor, fairId);
  }

  @Roles(Role.HR, Role.SEEKER)
  @Query(() => [FairMatchModel], { description: '互选结果（仅双方可见）/ mutual selections (each side sees its own)' })
  fairMatches(@CurrentActor() actor: Actor, @Args('fairId', { type: () => ID }) fairId: string) {
    return this.selection.matches(actor, fairId);
  }

  @Roles(Role.HR, Role.SEEKER)
  @Query(() => FairMatchModel, { description: '一条互选结果（非双方：NOT_FOUND）/ one mutual selection (others: NOT_FOUND)' })
  fairMatch(
    @CurrentActor() actor: Actor,
    @Args('fairPostingId', { type: () => ID }) fairPostingId: string,
    @Args('seekerId', { type: () => ID }) seekerId: string,
  ) {
    return this.selection.match(actor, fairPostingId, seekerId);
  }
}
