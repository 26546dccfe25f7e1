import { Paginated } from '@app/core';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { InterviewOutcomeEnum, InterviewStatusEnum } from '../dto/interview.input';

@ObjectType('InterviewSlot')
export class InterviewSlotModel {
  @Field(() => ID) id: string;
  @Field() startsAt: Date;
  @Field() endsAt: Date;
  @Field(() => Int) durationMinutes: number;
  @Field({ description: '北京时间 / Asia/Shanghai, "YYYY-MM-DD HH:mm"' }) startsAtLocal: string;
  @Field({ description: 'OPEN 可选 / CHOSEN 已选定' }) state: string;
}

/** An interview as either side sees it (HR of the tenant, or the seeker of the application). No scorecard here. */
@ObjectType('Interview')
export class InterviewModel {
  @Field(() => ID) id: string;
  @Field(() => ID) applicationId: string;
  @Field(() => InterviewStatusEnum) status: InterviewStatusEnum;
  @Field(() => Date, { nullable: true, description: '确定的开始时间 / confirmed start' }) startsAt: Date | null;
  @Field(() => Date, { nullable: true }) endsAt: Date | null;
  @Field(() => String, { nullable: true, description: '北京时间 / Asia/Shanghai' }) startsAtLocal: string | null;
  @Field(() => Int, { nullable: true }) durationMinutes: number | null;
  @Field(() => Date, { nullable: true, description: '面试间开放时间（开始前10分钟）/ the room opens (10 min before the start)' }) joinOpensAt: Date | null;
  @Field(() => Date, { nullable: true, description: '面试间关闭时间（结束后30分钟）/ the room closes (30 min after the end)' }) joinClosesAt: Date | null;
  @Field(() => [InterviewSlotModel], { description: '当前备选或选定的时段 / current proposed or chosen slots' }) slots: InterviewSlotModel[];
  @Field(() => String, { nullable: true, description: "求职者希望改时间的说明 / the seeker's note asking for other times" }) seekerNote: string | null;
  @Field(() => String, { nullable: true }) cancelReason: string | null;
  @Field(() => InterviewOutcomeEnum, { nullable: true }) outcome: InterviewOutcomeEnum | null;
  @Field(() => Int) rescheduleCount: number;
  @Field() companyName: string;
  @Field() postingTitle: string;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

@ObjectType('InterviewPage')
export class InterviewPage extends Paginated(InterviewModel) {}

@ObjectType('InterviewJoinToken', { description: '入会凭证，仅面试双方可取得 / room token for the two sides only' })
export class InterviewJoinTokenModel {
  @Field() token: string;
  @Field({ description: '面试页面的相对地址 / page URL relative to the API origin' }) joinUrl: string;
  @Field(() => String, {
    nullable: true,
    description: '媒体服务地址（服务器配置；为空表示与 API 同源）/ media server origin from server config (MEDIA_PUBLIC_URL); null: same origin as the API',
  })
  mediaUrl: string | null;
  @Field() expiresAt: Date;
  @Field({ description: '房间关闭时间（结束后30分钟）/ the room closes at (scheduled end + 30 min)' }) roomEndsAt: Date;
  @Field({ description: 'HR 或 SEEKER' }) role: string;
}
