import { Actor, CurrentActor, EventBus, Role, Roles } from '@app/core';
import { Args, ID, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { mapEvents } from '../live-events';
import { boothQueueChannel, BoothQueueService } from './booth-queue.service';
import { BoothCallResultModel, BoothColleagueModel, BoothJoinTokenModel, BoothQueueModel, MyBoothQueueModel } from './models/booth-queue.model';

@Resolver(() => BoothQueueModel)
export class BoothQueueResolver {
  constructor(
    private readonly queues: BoothQueueService,
    private readonly events: EventBus,
  ) {}

  @Roles(Role.SEEKER)
  @Mutation(() => MyBoothQueueModel, { description: '排队（线上视频或现场取号；最多同时排3个展位）/ join a booth queue' })
  joinBoothQueue(
    @CurrentActor() actor: Actor,
    @Args('boothId', { type: () => ID }) boothId: string,
    @Args('onSite', { defaultValue: false, description: '现场取号（需已签到）/ on site (checked in)' }) onSite: boolean,
  ) {
    return this.queues.join(actor, boothId, onSite);
  }

  @Roles(Role.SEEKER)
  @Mutation(() => Boolean, { description: '退出排队 / leave a booth queue' })
  leaveBoothQueue(@CurrentActor() actor: Actor, @Args('boothId', { type: () => ID }) boothId: string) {
    return this.queues.leave(actor, boothId);
  }

  @Roles(Role.SEEKER)
  @Query(() => [MyBoothQueueModel], { description: '我的排队 / my booth queues' })
  myBoothQueues(@CurrentActor() actor: Actor) {
    return this.queues.mine(actor);
  }

  @Roles(Role.HR)
  @Query(() => BoothQueueModel, { description: '展位队列（本企业HR）/ my company’s booth queue' })
  boothQueue(@CurrentActor() actor: Actor, @Args('boothId', { type: () => ID }) boothId: string) {
    return this.queues.queue(actor, boothId);
  }

  @Roles(Role.HR)
  @Mutation(() => BoothCallResultModel, { description: '叫下一位（上一位未应答则过号，过号者在下一位之后重叫一次）/ call the next seeker' })
  callNextAtBooth(@CurrentActor() actor: Actor, @Args('boothId', { type: () => ID }) boothId: string) {
    return this.queues.callNext(actor, boothId);
  }

  @Roles(Role.HR)
  @Query(() => [BoothColleagueModel], { description: '可转交的同事（本企业其他HR）/ colleagues a seeker can be handed to' })
  boothColleagues(@CurrentActor() actor: Actor, @Args('boothId', { type: () => ID }) boothId: string) {
    return this.queues.colleagues(actor, boothId);
  }

  @Roles(Role.HR)
  @Mutation(() => BoothQueueModel, { description: '把正在面谈的求职者转给同事 / hand the seeker being served to a colleague' })
  handOverBoothSeeker(
    @CurrentActor() actor: Actor,
    @Args('boothId', { type: () => ID }) boothId: string,
    @Args('seekerUserId', { type: () => ID }) seekerUserId: string,
    @Args('toHrUserId', { type: () => ID }) toHrUserId: string,
  ) {
    return this.queues.handOver(actor, boothId, seekerUserId, toHrUserId);
  }

  @Roles(Role.HR, Role.SEEKER)
  @Mutation(() => BoothJoinTokenModel, { description: '展位视频间凭证（HR：本人席位；求职者：叫到号时，即应答）/ booth room token' })
  boothJoinToken(@CurrentActor() actor: Actor, @Args('boothId', { type: () => ID }) boothId: string) {
    return this.queues.joinToken(actor, boothId);
  }

  @Roles(Role.SEEKER)
  @Subscription(() => MyBoothQueueModel, {
    nullable: true,
    description: '我在该展位的位置变化（null：已不在队列中）/ my place, pushed on every change',
    resolve: (v: { state: MyBoothQueueModel | null }) => v.state,
  })
  async myBoothQueueUpdated(@CurrentActor() actor: Actor, @Args('boothId', { type: () => ID }) boothId: string) {
    const booth = await this.queues.booth(boothId);
    return mapEvents(this.events.subscribe(boothQueueChannel(boothId)), async () => ({ state: await this.queues.myState(actor.userId, booth) }));
  }

  @Roles(Role.HR)
  @Subscription(() => BoothQueueModel, { description: '展位队列变化（本企业HR）/ the booth queue, pushed on every change', resolve: (v: BoothQueueModel) => v })
  async boothQueueUpdated(@CurrentActor() actor: Actor, @Args('boothId', { type: () => ID }) boothId: string) {
    const booth = await this.queues.ownBooth(actor, boothId);
    return mapEvents(this.events.subscribe(boothQueueChannel(boothId)), () => this.queues.queueView(booth));
  }
}
