import { Actor, CurrentActor, Role, Roles } from '@app/core';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CheckinService } from './checkin.service';
import { CheckInByIdNumberInput, CheckInTicketInput, RegisterWalkInInput } from './dto/ticket.input';
import { FairCheckinModel, FairTicketModel, FairVisitModel } from './models/ticket.model';
import { TicketService } from './ticket.service';

@Resolver(() => FairTicketModel)
export class TicketResolver {
  constructor(
    private readonly tickets: TicketService,
    private readonly checkins: CheckinService,
  ) {}

  @Roles(Role.SEEKER)
  @Mutation(() => FairTicketModel, { description: '报名参加招聘会，领取入场券 / register and get a ticket' })
  registerForFair(@CurrentActor() actor: Actor, @Args('fairId', { type: () => ID }) fairId: string) {
    return this.tickets.register(actor, fairId);
  }

  @Roles(Role.SEEKER)
  @Query(() => FairTicketModel, { nullable: true, description: '我的入场券 / my ticket for a fair' })
  myFairTicket(@CurrentActor() actor: Actor, @Args('fairId', { type: () => ID }) fairId: string) {
    return this.tickets.mine(actor, fairId);
  }

  @Roles(Role.SEEKER)
  @Query(() => [FairVisitModel], { description: '我参加过的招聘会 / fairs I checked in at' })
  myFairVisits(@CurrentActor() actor: Actor) {
    return this.tickets.myVisits(actor);
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => FairCheckinModel, { description: '扫码签到（幂等）/ check in by ticket (idempotent)' })
  checkInFairTicket(@CurrentActor() actor: Actor, @Args('input') input: CheckInTicketInput) {
    return this.checkins.checkIn(actor, input);
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => FairCheckinModel, { description: '身份证号签到（已报名者）/ check in a registered person by ID number' })
  checkInByIdNumber(@CurrentActor() actor: Actor, @Args('input') input: CheckInByIdNumberInput) {
    return this.checkins.checkInByIdNumber(actor, input);
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => FairCheckinModel, { description: '现场登记并签到，本人手机收到登录链接 / register a walk-in and check in' })
  registerFairWalkIn(@CurrentActor() actor: Actor, @Args('input') input: RegisterWalkInInput) {
    return this.tickets.registerWalkIn(actor, input);
  }
}
