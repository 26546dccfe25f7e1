import { Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_DURATION_MINUTES, MAX_SLOTS, MIN_DURATION_MINUTES } from '../interview-time';

export enum InterviewStatusEnum {
  PROPOSED = 'PROPOSED',
  SCHEDULED = 'SCHEDULED',
  LIVE = 'LIVE',
  COMPLETED = 'COMPLETED',
  NO_SHOW = 'NO_SHOW',
  CANCELLED = 'CANCELLED',
}
registerEnumType(InterviewStatusEnum, { name: 'InterviewStatus', description: '待确认时间/已安排/进行中/已完成/未到场/已取消' });

export enum InterviewOutcomeEnum {
  PASS = 'PASS',
  FAIL = 'FAIL',
  NO_SHOW = 'NO_SHOW',
}
registerEnumType(InterviewOutcomeEnum, { name: 'InterviewOutcome', description: '通过（→录用意向）/ 不通过（→未通过）/ 未到场（投递不变）' });

@InputType({ description: '面试时段（UTC 时刻，按北京时间显示）/ a time slot (an instant; shown in Asia/Shanghai)' })
export class SlotInput {
  @Field({ description: 'ISO 8601 with offset, e.g. 2026-05-02T09:30:00+08:00' }) @Type(() => Date) @IsDate() startsAt: Date;
  @Field(() => Int, { description: `${MIN_DURATION_MINUTES}–${MAX_DURATION_MINUTES} 分钟 / minutes` })
  @IsInt()
  @Min(MIN_DURATION_MINUTES)
  @Max(MAX_DURATION_MINUTES)
  durationMinutes: number;
}

@InputType()
export class ScheduleInterviewInput {
  @Field(() => ID) @IsUUID() applicationId: string;
  @Field(() => [SlotInput], { description: `1–${MAX_SLOTS} 个备选时段 / 1–${MAX_SLOTS} proposed slots` })
  @ValidateNested({ each: true })
  @Type(() => SlotInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SLOTS)
  slots: SlotInput[];
  @Field({
    nullable: true,
    defaultValue: false,
    description: '已与求职者约定（如电话），直接确定唯一时段 / time already agreed (e.g. by phone): confirm the single slot',
  })
  @IsOptional()
  @IsBoolean()
  confirmed?: boolean;
}

@InputType()
export class RescheduleInterviewInput {
  @Field(() => ID) @IsUUID() interviewId: string;
  @Field(() => [SlotInput]) @ValidateNested({ each: true }) @Type(() => SlotInput) @ArrayMinSize(1) @ArrayMaxSize(MAX_SLOTS) slots: SlotInput[];
  @Field({ nullable: true, defaultValue: false }) @IsOptional() @IsBoolean() confirmed?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

@InputType()
export class CancelInterviewInput {
  @Field(() => ID) @IsUUID() interviewId: string;
  @Field() @IsString() @Length(1, 500) reason: string;
}

@InputType()
export class ChooseSlotInput {
  @Field(() => ID) @IsUUID() interviewId: string;
  @Field(() => ID) @IsUUID() slotId: string;
}

@InputType()
export class RequestOtherTimesInput {
  @Field(() => ID) @IsUUID() interviewId: string;
  @Field({ description: '方便的时间说明 / when would suit you' }) @IsString() @Length(1, 500) note: string;
}

@InputType()
export class InterviewFilterInput {
  @Field(() => InterviewStatusEnum, { nullable: true }) @IsOptional() @IsEnum(InterviewStatusEnum) status?: InterviewStatusEnum;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() applicationId?: string;
  @Field({ nullable: true, description: '只看我担任面试官的 / only interviews I conduct' }) @IsOptional() @IsBoolean() mine?: boolean;
}

@InputType()
export class RecordOutcomeInput {
  @Field(() => ID) @IsUUID() interviewId: string;
  @Field(() => InterviewOutcomeEnum) @IsEnum(InterviewOutcomeEnum) outcome: InterviewOutcomeEnum;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}
