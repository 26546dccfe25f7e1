import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('BoothWaitEstimate', { description: '预计等待时间区间（秒），按该展位最近的面谈时长估算 / estimated wait range in seconds' })
export class BoothWaitEstimateModel {
  @Field(() => Int) minSeconds: number;
  @Field(() => Int) maxSeconds: number;
  @Field({ description: '有该展位的历史面谈时长 / learned from this booth (false: a default guess)' }) learned: boolean;
}

@ObjectType('MyBoothQueue', { description: '我在某展位的排队 / my place in a booth queue' })
export class MyBoothQueueModel {
  @Field(() => ID) boothId: string;
  @Field(() => ID) fairId: string;
  @Field() boothNumber: string;
  @Field() companyName: string;
  @Field(() => Int, { description: '我的号码 / my number' }) number: number;
  @Field({ description: 'ONLINE | ONSITE' }) mode: string;
  @Field({ description: 'WAITING 排队中 | CALLED 请应答 | IN_CALL 面谈中 | HANDED_OVER 已转给同事 | DONE 已结束' }) state: string;
  @Field(() => Int, { nullable: true, description: '前面还有几人（排队中）/ 1 = next' }) position: number | null;
  @Field(() => BoothWaitEstimateModel, { nullable: true }) estimate: BoothWaitEstimateModel | null;
  @Field(() => Date, { nullable: true, description: '应答截止（被叫号时）/ answer by' }) answerBy: Date | null;
  @Field({ description: '过号后重新叫号 / this is the recall' }) recalled: boolean;
}

@ObjectType('BoothQueueEntry', { description: '展位队列中的一位求职者（HR视图，不含个人信息）/ a waiting seeker, HR view' })
export class BoothQueueEntryModel {
  @Field(() => ID, { description: '求职者账号（用于转交）/ the seeker’s user id' }) seekerUserId: string;
  @Field(() => Int) number: number;
  @Field() mode: string;
  @Field({ description: '过号一次 / skipped once' }) skipped: boolean;
  @Field() joinedAt: Date;
}

@ObjectType('BoothCurrentCall')
export class BoothCurrentCallModel {
  @Field(() => ID) seekerUserId: string;
  @Field(() => Int) number: number;
  @Field() mode: string;
  @Field(() => ID) hrUserId: string;
  @Field() calledAt: Date;
  @Field() answerBy: Date;
  @Field(() => Date, { nullable: true }) answeredAt: Date | null;
  @Field() recalled: boolean;
}

@ObjectType('BoothQueue', { description: '展位队列（本企业HR）/ the booth queue, for its company’s HR' })
export class BoothQueueModel {
  @Field(() => ID) boothId: string;
  @Field(() => ID) fairId: string;
  @Field() boothNumber: string;
  @Field(() => BoothCurrentCallModel, { nullable: true }) current: BoothCurrentCallModel | null;
  @Field(() => [BoothQueueEntryModel]) waiting: BoothQueueEntryModel[];
  @Field(() => Int) waitingCount: number;
  @Field(() => Int, { nullable: true, description: '最近面谈时长中位数（秒）/ median recent service time' }) medianServiceSeconds: number | null;
  @Field(() => Int, { description: '应答时限（秒）/ seconds a called seeker has to answer' }) answerSeconds: number;
}

@ObjectType('BoothCallResult')
export class BoothCallResultModel {
  @Field({ description: 'NONE | SERVED | SKIPPED | NO_SHOW：上一位的结果 / what happened to the previous seeker' }) previousOutcome: string;
  @Field(() => BoothCurrentCallModel, { nullable: true, description: '现在叫到的 / now called' }) called: BoothCurrentCallModel | null;
  @Field(() => BoothQueueModel) queue: BoothQueueModel;
}

@ObjectType('BoothColleague', { description: '本企业另一位HR（可转交面谈）/ another HR user of the company' })
export class BoothColleagueModel {
  @Field(() => ID) userId: string;
  @Field() displayName: string;
}

@ObjectType('BoothJoinToken', { description: '展位视频间入会凭证 / room token for a booth desk' })
export class BoothJoinTokenModel {
  @Field() token: string;
  @Field({ description: '视频间 / the desk room' }) room: string;
  @Field(() => String, { nullable: true }) mediaUrl: string | null;
  @Field() expiresAt: Date;
  @Field() role: string;
}
