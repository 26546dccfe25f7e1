import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('FairWallPosting', { description: '信息墙上的岗位 / a posting on the info wall' })
export class FairWallPostingModel {
  @Field(() => ID, { description: '招聘会岗位 / the posting at this fair' }) fairPostingId: string;
  @Field(() => ID) postingId: string;
  @Field() title: string;
  @Field(() => Int) salaryMinFen: number;
  @Field(() => Int) salaryMaxFen: number;
  @Field(() => [String], { description: '班次 / shifts' }) shifts: string[];
  @Field(() => String, { nullable: true, description: '最低普通话等级 / minimum Mandarin level' }) minMandarinLevel: string | null;
  @Field(() => Int, { nullable: true, description: '最低打字速度（字/分）/ minimum typing speed' }) minTypingSpeed: number | null;
  @Field(() => Int, { description: '本场招聘人数 / places offered at this fair' }) headcount: number;
  @Field(() => Int, { description: '剩余名额 / places left' }) openingsLeft: number;
  @Field({ description: '已招满 / filled' }) filled: boolean;
}

@ObjectType('FairWallCompany', { description: '信息墙上的企业及展位 / a company and its booth on the wall' })
export class FairWallCompanyModel {
  @Field(() => ID) tenantId: string;
  @Field() name: string;
  @Field(() => ID, { nullable: true }) boothId: string | null;
  @Field(() => String, { nullable: true, description: '展位号 / booth number' }) boothNumber: string | null;
  @Field(() => String, { nullable: true, description: '区域 / zone' }) zone: string | null;
  @Field(() => Int, { description: '剩余名额合计 / places left in all its postings' }) openingsLeft: number;
  @Field(() => [FairWallPostingModel]) postings: FairWallPostingModel[];
}

@ObjectType('FairWallTickerItem', { description: '滚动消息：刚刚录用 / 已招满 / the rotating line' })
export class FairWallTickerItemModel {
  @Field({ description: 'HIRED | FILLED' }) kind: string;
  @Field() textZh: string;
  @Field() textEn: string;
  @Field() at: Date;
}

@ObjectType('FairWallNoticeMajor')
export class FairWallNoticeMajorModel {
  @Field() major: string;
  @Field(() => Int) graduates: number;
}

@ObjectType('FairSchoolNotice', { description: '院校毕业生信息 / a school’s graduate notice' })
export class FairSchoolNoticeModel {
  @Field(() => ID) id: string;
  @Field(() => ID) fairId: string;
  @Field() schoolName: string;
  @Field(() => Int, { description: '毕业生人数 / graduates' }) graduates: number;
  @Field(() => [FairWallNoticeMajorModel]) majors: FairWallNoticeMajorModel[];
  @Field(() => String, { nullable: true }) note: string | null;
  @Field() createdAt: Date;
}

@ObjectType('FairWall', { description: '招聘会信息墙 / the info wall of a fair' })
export class FairWallModel {
  @Field(() => ID) fairId: string;
  @Field() title: string;
  @Field({ description: 'WEEKLY | SPECIAL | CAMPUS | GRADUATE_DOUBLE_SELECTION' }) kind: string;
  @Field({ description: 'ONSITE | ONLINE | HYBRID：线上/混合招聘会的展位可视频排队 / online and hybrid fairs have video queues' }) mode: string;
  @Field() status: string;
  @Field(() => String, { nullable: true }) venue: string | null;
  @Field() startsAt: Date;
  @Field() endsAt: Date;
  @Field(() => Int, { description: '岗位数 / postings' }) postingCount: number;
  @Field(() => Int, { description: '剩余名额合计 / places left' }) openingsLeft: number;
  @Field(() => [FairWallCompanyModel]) companies: FairWallCompanyModel[];
  @Field(() => [FairWallTickerItemModel], { description: '最近动态，最新在前 / latest first' }) ticker: FairWallTickerItemModel[];
  @Field(() => [FairSchoolNoticeModel]) notices: FairSchoolNoticeModel[];
  @Field({ description: '生成时间 / when this view was built' }) updatedAt: Date;
}
