import { Actor, CurrentActor, Role, Roles } from '@app/core';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { SubscribeFairWallInput } from './dto/wall-subscription.input';
import { FairWallSubscriptionModel, SaturdayFairModel } from './models/wall-subscription.model';
import { WallSubscriptionService } from './wall-subscription.service';

@Resolver(() => FairWallSubscriptionModel)
export class WallSubscriptionResolver {
  constructor(private readonly subscriptions: WallSubscriptionService) {}

  @Roles(Role.SEEKER)
  @Mutation(() => FairWallSubscriptionModel, { description: '订阅招聘会信息墙（每场一次推送适合我的岗位）/ subscribe to the wall' })
  subscribeFairWall(@CurrentActor() actor: Actor, @Args('input') input: SubscribeFairWallInput) {
    return this.subscriptions.subscribe(actor, input);
  }

  @Roles(Role.SEEKER)
  @Mutation(() => Boolean, { description: '退订信息墙推送 / unsubscribe' })
  unsubscribeFairWall(@CurrentActor() actor: Actor) {
    return this.subscriptions.unsubscribe(actor);
  }

  @Roles(Role.SEEKER)
  @Query(() => FairWallSubscriptionModel, { nullable: true, description: '我的信息墙订阅 / my wall subscription' })
  myFairWallSubscription(@CurrentActor() actor: Actor) {
    return this.subscriptions.mine(actor);
  }

  @Roles(Role.SEEKER)
  @Query(() => SaturdayFairModel, { nullable: true, description: '本周六招聘会：企业、岗位、剩余名额，及符合我订阅的岗位 / this Saturday’s fair' })
  thisSaturdayFair(@CurrentActor() actor: Actor) {
    return this.subscriptions.thisSaturday(actor);
  }
}
