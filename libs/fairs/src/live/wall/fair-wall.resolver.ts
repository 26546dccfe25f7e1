import { Actor, CurrentActor, EventBus, Public, Role, Roles } from '@app/core';
import { Args, ID, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { assertLiveId, FairsLiveExceptionCode, liveError } from '../live.exception';
import { PostSchoolNoticeInput } from './dto/school-notice.input';
import { fairWallChannel, FairWallService, reviveWall } from './fair-wall.service';
import { FairSchoolNoticeModel, FairWallModel } from './models/fair-wall.model';
import { SchoolNoticeService } from './school-notice.service';

@Resolver(() => FairWallModel)
export class FairWallResolver {
  constructor(
    private readonly wall: FairWallService,
    private readonly notices: SchoolNoticeService,
    private readonly events: EventBus,
  ) {}

  @Public()
  @Query(() => FairWallModel, { description: '招聘会信息墙（大屏首屏）/ the info wall of a published fair, first paint' })
  fairWall(@Args('fairId', { type: () => ID }) fairId: string) {
    return this.wall.view(fairId);
  }

  @Public()
  @Subscription(() => FairWallModel, {
    name: 'fairWallUpdated',
    description: '信息墙实时更新（名额变化、院校信息）/ the wall pushed again whenever places fill or notices change',
    resolve: (w: FairWallModel) => reviveWall(w),
  })
  async fairWallUpdated(@Args('fairId', { type: () => ID }) fairId: string) {
    assertLiveId(fairId, FairsLiveExceptionCode.FAIR_NOT_FOUND);
    if (!(await this.wall.visibleFair(fairId))) throw liveError(FairsLiveExceptionCode.FAIR_NOT_FOUND);
    return this.events.subscribe<FairWallModel>(fairWallChannel(fairId));
  }

  @Roles(Role.SCHOOL_ADMIN)
  @Mutation(() => FairSchoolNoticeModel, { description: '院校在信息墙发布毕业生信息 / a school posts its graduates on the wall' })
  postFairSchoolNotice(@CurrentActor() actor: Actor, @Args('input') input: PostSchoolNoticeInput) {
    return this.notices.post(actor, input);
  }

  @Roles(Role.SCHOOL_ADMIN)
  @Mutation(() => Boolean, { description: '撤下本校的毕业生信息 / take a notice of my school off the wall' })
  withdrawFairSchoolNotice(@CurrentActor() actor: Actor, @Args('noticeId', { type: () => ID }) noticeId: string) {
    return this.notices.withdraw(actor, noticeId);
  }
}
