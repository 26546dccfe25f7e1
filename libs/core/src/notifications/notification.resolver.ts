import { Args, Field, ID, Int, ObjectType, Query, Resolver, Subscription } from '@nestjs/graphql';
import { EventBus, notificationChannel } from '../events/pubsub';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Actor, Role } from '../auth/roles';
import { NotificationService } from './notification.service';

@ObjectType('Notification', { description: '站内消息 / in-app notification' })
export class NotificationModel {
  @Field(() => ID) id: string;
  @Field() kind: string;
  @Field() title: string;
  @Field() body: string;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) readAt: Date | null;
}

@Resolver(() => NotificationModel)
export class NotificationResolver {
  constructor(
    private readonly notifications: NotificationService,
    private readonly events: EventBus,
  ) {}

  @Roles(...Object.values(Role))
  @Query(() => [NotificationModel], { description: '我的消息 / my notifications' })
  myNotifications(@CurrentActor() actor: Actor, @Args('first', { type: () => Int, defaultValue: 20 }) first: number) {
    return this.notifications.list(actor.userId, Math.min(Math.max(first, 1), 100));
  }

  @Roles(...Object.values(Role))
  @Subscription(() => NotificationModel, {
    description: '新消息推送（graphql-ws）/ new notifications, pushed',
    resolve: (row: NotificationModel) => ({ ...row, createdAt: new Date(row.createdAt), readAt: row.readAt && new Date(row.readAt) }),
  })
  notificationAdded(@CurrentActor() actor: Actor) {
    return this.events.subscribe<NotificationModel>(notificationChannel(actor.userId));
  }
}
