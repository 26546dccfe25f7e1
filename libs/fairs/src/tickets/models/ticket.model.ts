import { Field, ID, ObjectType } from '@nestjs/graphql';
import { CheckinMethodEnum } from '../../fair.enums';

@ObjectType('FairTicket', { description: '入场券（二维码仅含随机编码，不含个人信息）/ an admission ticket (the QR carries only a random token)' })
export class FairTicketModel {
  @Field(() => ID) id: string;
  @Field(() => ID) fairId: string;
  @Field() fairTitle: string;
  @Field() whenLocal: string;
  @Field(() => String, { nullable: true }) venue: string | null;
  @Field() token: string;
  @Field({ description: '入场券二维码图片地址 / QR PNG URL' }) qrUrl: string;
  @Field() walkIn: boolean;
  @Field(() => Date, { nullable: true, description: '签到时间 / checked in at' }) checkedInAt: Date | null;
  @Field() createdAt: Date;
}

@ObjectType('FairCheckin', { description: '签到结果 / a check-in' })
export class FairCheckinModel {
  @Field(() => ID) id: string;
  @Field(() => ID) fairId: string;
  @Field(() => CheckinMethodEnum) method: CheckinMethodEnum;
  @Field() checkedInAt: Date;
  @Field({ description: '北京时间 / Asia/Shanghai' }) checkedInAtLocal: string;
  @Field({ description: '此前已签到（重复扫码返回同一签到）/ already checked in before this request' }) repeated: boolean;
  @Field({ description: '姓名（脱敏）/ masked name' }) nameMasked: string;
  @Field(() => String, { nullable: true, description: '入场券编码（现场登记时打印）/ the ticket token (walk-ins: to print)' }) ticketToken: string | null;
}

@ObjectType('FairVisit', { description: '我的招聘会记录 / a fair I attended' })
export class FairVisitModel {
  @Field(() => ID) fairId: string;
  @Field() fairTitle: string;
  @Field() whenLocal: string;
  @Field(() => String, { nullable: true }) venue: string | null;
  @Field() checkedInAt: Date;
  @Field(() => CheckinMethodEnum) method: CheckinMethodEnum;
}
