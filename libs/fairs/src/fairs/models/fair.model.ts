import { Paginated } from '@app/core';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { FairKindEnum, FairLevelEnum, FairModeEnum, FairStatusEnum } from '../../fair.enums';

@ObjectType('FairSeries')
export class FairSeriesModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => Int) weekday: number;
  @Field() startLocal: string;
  @Field() endLocal: string;
  @Field(() => Int) weeksAhead: number;
  @Field(() => FairLevelEnum) level: FairLevelEnum;
  @Field() regionCode: string;
  @Field(() => FairModeEnum) mode: FairModeEnum;
  @Field(() => String, { nullable: true }) venue: string | null;
  @Field(() => Int) boothCount: number;
  @Field(() => Int, { description: '本次生成的场次数 / fairs created by this call' }) fairsCreated: number;
}

@ObjectType('Fair')
export class FairModel {
  @Field(() => ID) id: string;
  @Field(() => ID, { nullable: true }) seriesId: string | null;
  @Field() title: string;
  @Field(() => FairKindEnum) kind: FairKindEnum;
  @Field(() => FairLevelEnum) level: FairLevelEnum;
  @Field() regionCode: string;
  @Field(() => String, { nullable: true }) regionName: string | null;
  @Field(() => ID, { nullable: true }) schoolId: string | null;
  @Field(() => FairModeEnum) mode: FairModeEnum;
  @Field(() => String, { nullable: true }) venue: string | null;
  @Field() startsAt: Date;
  @Field() endsAt: Date;
  @Field({ description: '北京时间，如 "2026-12-05 09:00–12:00" / Asia/Shanghai' }) whenLocal: string;
  @Field(() => FairStatusEnum) status: FairStatusEnum;
  @Field(() => String, { nullable: true }) cancelReason: string | null;
  @Field(() => Int, { nullable: true }) admissionCap: number | null;
  @Field(() => Int, { description: '展位数 / booths' }) boothCount: number;
  @Field(() => Int, { description: '参会企业数 / companies with an approved booth' }) companyCount: number;
  @Field(() => Int, { description: '已报名求职者 / seekers registered' }) registeredCount: number;
}

@ObjectType('FairPage')
export class FairPage extends Paginated(FairModel) {}
