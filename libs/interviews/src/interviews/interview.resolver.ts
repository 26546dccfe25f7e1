import { Actor, CurrentActor, PageArgs, Role, Roles } from '@app/core';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RecordInterviewOutcomeUseCase } from '../usecases/record-interview-outcome.usecase';
import {
  CancelInterviewInput,
  ChooseSlotInput,
  InterviewFilterInput,
  RecordOutcomeInput,
  RequestOtherTimesInput,
  RescheduleInterviewInput,
  ScheduleInterviewInput,
} from './dto/interview.input';
import { InterviewJoinService } from './interview-join.service';
import { InterviewService } from './interview.service';
import { InterviewJoinTokenModel, InterviewModel, InterviewPage } from './models/interview.model';

@Resolver(() => InterviewModel)
export class InterviewResolver {
  constructor(
    private readonly interviewService: InterviewService,
    private readonly join: InterviewJoinService,
    private readonly recordOutcome: RecordInterviewOutcomeUseCase,
  ) {}

  @Roles(Role.HR)
  @Query(() => InterviewPage, { description: "本企业的视频面试 / my company's video interviews" })
  interviews(@CurrentActor() actor: Actor, @Args('filter', { nullable: true }) filter: InterviewFilterInput, @Args() page: PageArgs) {
    return this.interviewService.listForTenant(actor, filter ?? {}, page);
  }

  @Roles(Role.SEEKER)
  @Query(() => [InterviewModel], { description: '我的面试 / my interviews' })
  myInterviews(@CurrentActor() actor: Actor) {
    return this.interviewService.listMine(actor);
  }

  @Roles(Role.HR, Role.SEEKER)
  @Query(() => InterviewModel, { description: "面试详情（本企业HR或该求职者）/ one interview (its tenant's HR or its seeker)" })
  interview(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.interviewService.get(actor, id);
  }

  @Roles(Role.HR)
  @Mutation(() => InterviewModel, { description: '安排视频面试：提出1–5个备选时段 / schedule: propose 1–5 slots' })
  scheduleInterview(@CurrentActor() actor: Actor, @Args('input') input: ScheduleInterviewInput) {
    return this.interviewService.schedule(actor, input);
  }

  @Roles(Role.HR)
  @Mutation(() => InterviewModel, { description: '面试改期 / reschedule' })
  rescheduleInterview(@CurrentActor() actor: Actor, @Args('input') input: RescheduleInterviewInput) {
    return this.interviewService.reschedule(actor, input);
  }

  @Roles(Role.HR)
  @Mutation(() => InterviewModel, { description: '取消面试 / cancel' })
  cancelInterview(@CurrentActor() actor: Actor, @Args('input') input: CancelInterviewInput) {
    return this.interviewService.cancel(actor, input);
  }

  @Roles(Role.SEEKER)
  @Mutation(() => InterviewModel, { description: '选择面试时间 / pick one of the proposed slots' })
  chooseInterviewSlot(@CurrentActor() actor: Actor, @Args('input') input: ChooseSlotInput) {
    return this.interviewService.chooseSlot(actor, input);
  }

  @Roles(Role.SEEKER)
  @Mutation(() => InterviewModel, { description: '申请其他时间 / ask for other times' })
  requestOtherInterviewTimes(@CurrentActor() actor: Actor, @Args('input') input: RequestOtherTimesInput) {
    return this.interviewService.requestOtherTimes(actor, input);
  }

  @Roles(Role.HR, Role.SEEKER)
  @Mutation(() => InterviewJoinTokenModel, {
    description: '获取入会凭证（开始前10分钟至结束后30分钟）/ room token, from 10 min before start to 30 min after the end',
  })
  interviewJoinToken(@CurrentActor() actor: Actor, @Args('interviewId', { type: () => ID }) interviewId: string) {
    return this.join.joinToken(actor, interviewId);
  }

  @Roles(Role.HR)
  @Mutation(() => InterviewModel, { description: '记录面试结论：通过→录用意向，不通过→未通过，未到场 / record the outcome' })
  recordInterviewOutcome(@CurrentActor() actor: Actor, @Args('input') input: RecordOutcomeInput) {
    return this.recordOutcome.execute(actor, input);
  }
}
