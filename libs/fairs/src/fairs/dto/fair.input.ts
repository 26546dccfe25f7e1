import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { FairKindEnum, FairLevelEnum, FairModeEnum, FairStatusEnum } from '../../fair.enums';

@InputType({ description: '周期性招聘会（如每周六上午）/ a recurring fair series (e.g. every Saturday morning)' })
export class CreateFairSeriesInput {
  @Field() @IsString() @Length(1, 80) name: string;
  @Field(() => Int, { description: 'ISO 星期：1=周一 … 6=周六 7=周日' }) @IsInt() @Min(1) @Max(7) weekday: number;
  @Field({ description: '北京时间 HH:MM，如 09:00' }) @Matches(/^([01]\d|2[0-3]):[0-5]\d$/) startLocal: string;
  @Field({ description: '北京时间 HH:MM，如 12:00' }) @Matches(/^([01]\d|2[0-3]):[0-5]\d$/) endLocal: string;
  @Field(() => Int, { defaultValue: 8, description: '提前生成的周数 / weeks created ahead' }) @IsInt() @Min(1) @Max(26) weeksAhead: number;
  @Field(() => FairLevelEnum) @IsEnum(FairLevelEnum) level: FairLevelEnum;
  @Field({ description: '举办地行政区划代码 / region code where it is held' }) @Matches(/^\d{6}$/) regionCode: string;
  @Field(() => FairModeEnum, { defaultValue: FairModeEnum.ONSITE }) @IsEnum(FairModeEnum) mode: FairModeEnum;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) venue?: string | null;
  @Field(() => Int, { nullable: true, description: '入场人数上限 / admission cap' }) @IsOptional() @IsInt() @Min(1) admissionCap?: number | null;
  @Field(() => Int, { defaultValue: 0, description: '每场自动建立的展位数 / booths created at each fair' })
  @IsInt()
  @Min(0)
  @Max(500)
  boothCount: number;
  @Field({ defaultValue: true, description: '生成后直接发布 / publish each fair when created' }) @IsBoolean() autoPublish: boolean;
}

@InputType({ description: '单场招聘会（专场、校园招聘会、双选会）/ a one-off fair' })
export class CreateFairInput {
  @Field() @IsString() @Length(1, 120) title: string;
  @Field(() => FairKindEnum) @IsEnum(FairKindEnum) kind: FairKindEnum;
  @Field(() => FairLevelEnum) @IsEnum(FairLevelEnum) level: FairLevelEnum;
  @Field() @Matches(/^\d{6}$/) regionCode: string;
  @Field(() => ID, { nullable: true, description: '校园招聘会的学校 / the school of a campus fair' }) @IsOptional() @IsUUID() schoolId?: string | null;
  @Field(() => FairModeEnum) @IsEnum(FairModeEnum) mode: FairModeEnum;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) venue?: string | null;
  @Field() @Type(() => Date) @IsDate() startsAt: Date;
  @Field() @Type(() => Date) @IsDate() endsAt: Date;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) admissionCap?: number | null;
  @Field(() => Int, { defaultValue: 0, description: '展位数（编号 A01…）/ booths to create' }) @IsInt() @Min(0) @Max(500) boothCount: number;
}

@InputType()
export class CancelFairInput {
  @Field(() => ID) @IsUUID() fairId: string;
  @Field({ description: '取消原因（如法定节假日），将通知所有已报名者 / reason, sent to everyone registered' }) @IsString() @Length(2, 200) reason: string;
}

@InputType()
export class FairFilterInput {
  @Field(() => FairStatusEnum, { nullable: true }) @IsOptional() @IsEnum(FairStatusEnum) status?: FairStatusEnum;
  @Field(() => FairKindEnum, { nullable: true }) @IsOptional() @IsEnum(FairKindEnum) kind?: FairKindEnum;
  @Field(() => FairLevelEnum, { nullable: true }) @IsOptional() @IsEnum(FairLevelEnum) level?: FairLevelEnum;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^\d{6}$/) regionCode?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() seriesId?: string;
  @Field(() => Date, { nullable: true, description: '开始时间不早于 / starting at or after' }) @IsOptional() @Type(() => Date) @IsDate() from?: Date;
  @Field(() => Date, { nullable: true, description: '开始时间早于 / starting before' }) @IsOptional() @Type(() => Date) @IsDate() to?: Date;
}

@InputType()
export class AddBoothsInput {
  @Field(() => ID) @IsUUID() fairId: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(200) count: number;
  @Field(() => String, { nullable: true, description: '区域，如 A 区 / zone' }) @IsOptional() @IsString() @MaxLength(20) zone?: string | null;
  @Field({ defaultValue: 'A', description: '展位号前缀 / number prefix' }) @Matches(/^[A-Z]{1,2}$/) prefix: string;
}
