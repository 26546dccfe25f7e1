import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { CarryOverStatusEnum, FairStatusEnum } from '../../fair.enums';

@ObjectType('FairPostingResult', { description: '岗位招聘结果登记 / results per posting' })
export class FairPostingResultModel {
  @Field(() => ID) fairPostingId: string;
  @Field(() => ID) postingId: string;
  @Field() companyName: string;
  @Field(() => String, { nullable: true }) boothNumber: string | null;
  @Field() title: string;
  @Field(() => Int, { description: '现场招聘人数 / headcount offered' }) headcount: number;
  @Field(() => Int, { description: '投递 / applications attributed to the fair' }) applications: number;
  @Field(() => Int, { description: '达成意向 / intents' }) intents: number;
  @Field(() => Int, { description: '安排面试 / interviews' }) interviews: number;
  @Field(() => Int, { description: '录用 / hired' }) hired: number;
  @Field(() => Int, { description: '剩余名额 / places left' }) placesLeft: number;
  @Field(() => Int, { description: '第几场（1=首场）/ the how-many-th fair of this posting' }) fairNumber: number;
}

@ObjectType('FairFilledAfter', { description: '经过几场招满 / places filled after N fairs' })
export class FairFilledAfterModel {
  @Field(() => Int) fairs: number;
  @Field(() => Int, { description: '录用人数 / places filled' }) places: number;
  @Field(() => Int, { description: '招满的岗位 / postings filled' }) postingsFilled: number;
}

@ObjectType('FairReport', { description: '招聘会报告 / the fair report' })
export class FairReportModel {
  @Field(() => ID) fairId: string;
  @Field() title: string;
  @Field() whenLocal: string;
  @Field(() => FairStatusEnum) status: FairStatusEnum;
  @Field(() => Int, { description: '参会企业 / companies' }) companies: number;
  @Field(() => Int, { description: '使用展位 / booths used' }) booths: number;
  @Field(() => Int, { description: '岗位数 / postings' }) postings: number;
  @Field(() => Int, { description: '招聘人数 / headcount offered' }) headcountOffered: number;
  @Field(() => Int, { description: '进场人数（签到）/ check-ins' }) checkins: number;
  @Field(() => Int, { description: '人次（展位扫码与洽谈）/ booth visits' }) visits: number;
  @Field(() => Int, { description: '独立访客 / unique visitors' }) uniqueVisitors: number;
  @Field(() => Int, { description: '投递 / applications' }) applications: number;
  @Field(() => Int, { description: '达成意向人数 / people with an intent' }) intents: number;
  @Field(() => Int, { description: '安排面试 / interviews' }) interviews: number;
  @Field(() => Int, { description: '录用 / hires' }) hires: number;
  @Field(() => Float, { description: '岗位满足率 % / fill rate (hires ÷ headcount offered)' }) fillRatePercent: number;
  @Field(() => [FairFilledAfterModel]) filledAfter: FairFilledAfterModel[];
  @Field(() => [FairPostingResultModel]) rows: FairPostingResultModel[];
}

@ObjectType('FairCarryOver', { description: '未满岗位顺延到下一场 / a carry-over to the next fair' })
export class FairCarryOverModel {
  @Field(() => ID) id: string;
  @Field(() => ID) toFairId: string;
  @Field() toFairTitle: string;
  @Field(() => ID, { nullable: true }) toFairPostingId: string | null;
  @Field(() => ID) postingId: string;
  @Field() postingTitle: string;
  @Field(() => Int) headcount: number;
  @Field(() => CarryOverStatusEnum) status: CarryOverStatusEnum;
  @Field({ description: '确认截止 / decide by' }) deadline: Date;
}
