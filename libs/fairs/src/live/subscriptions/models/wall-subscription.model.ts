import { MandarinLevel, Shift } from '@app/talent';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { FairWallModel } from '../../wall/models/fair-wall.model';

@ObjectType('FairWallSubscription', { description: '我的信息墙订阅 / my wall subscription' })
export class FairWallSubscriptionModel {
  @Field(() => ID) id: string;
  @Field(() => [String]) regionPrefixes: string[];
  @Field(() => Int, { nullable: true }) maxDistanceKm: number | null;
  @Field(() => [String]) fairKinds: string[];
  @Field(() => [Shift]) shifts: Shift[];
  @Field(() => Int, { nullable: true }) payFloorFen: number | null;
  @Field(() => MandarinLevel, { nullable: true }) mandarinLevel: MandarinLevel | null;
  @Field(() => Int, { nullable: true }) typingSpeed: number | null;
  @Field() sms: boolean;
  @Field() active: boolean;
  @Field() updatedAt: Date;
}

@ObjectType('SaturdayFair', { description: '本周六招聘会 / this Saturday’s fair, for the seeker app' })
export class SaturdayFairModel {
  @Field(() => FairWallModel) wall: FairWallModel;
  @Field(() => [ID], { description: '符合我订阅条件的岗位（招聘会岗位ID；未订阅时为空）/ fair postings that fit my subscription' })
  fitsMe: string[];
  @Field({ description: '我已订阅 / I am subscribed' }) subscribed: boolean;
}
