import { MandarinLevel, Shift } from '@app/talent';
import { Field, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsEnum, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const FAIR_KINDS = ['WEEKLY', 'SPECIAL', 'CAMPUS', 'GRADUATE_DOUBLE_SELECTION'] as const;

@InputType({ description: '订阅信息墙：每周招聘会发布后推送适合我的岗位 / subscribe to the wall: one message per fair with the postings that fit' })
export class SubscribeFairWallInput {
  @Field(() => [String], { nullable: true, description: '地区代码前缀（如 1509 乌兰察布市）；空 = 不限 / region code prefixes; empty = anywhere' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(/^\d{2,6}$/, { each: true })
  regionPrefixes?: string[];

  @Field(() => Int, { nullable: true, description: '距我家最远公里数（按资料中的居住地区）/ at most this far from home (km)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  maxDistanceKm?: number | null;

  @Field(() => [String], {
    nullable: true,
    description: '招聘会类别：WEEKLY 周六常态 / SPECIAL 专场 / CAMPUS 校园 / GRADUATE_DOUBLE_SELECTION 双选会；空 = 全部',
  })
  @IsOptional()
  @ArrayMaxSize(4)
  @IsIn(FAIR_KINDS, { each: true })
  fairKinds?: string[];

  @Field(() => [Shift], { nullable: true, description: '可接受的班次；空 = 不限 / shifts I accept; empty = any' })
  @IsOptional()
  @ArrayMaxSize(4)
  @IsEnum(Shift, { each: true })
  shifts?: Shift[];

  @Field(() => Int, { nullable: true, description: '月薪下限（分）/ pay floor per month, fen' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  payFloorFen?: number | null;

  @Field(() => MandarinLevel, { nullable: true, description: '我的普通话等级（默认取个人资料）/ my Mandarin level (default: my profile)' })
  @IsOptional()
  @IsEnum(MandarinLevel)
  mandarinLevel?: MandarinLevel | null;

  @Field(() => Int, { nullable: true, description: '我的打字速度（默认取个人资料）/ my typing speed (default: my profile)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(300)
  typingSpeed?: number | null;

  @Field({ nullable: true, defaultValue: false, description: '同时发短信 / also by SMS' })
  @IsOptional()
  @IsBoolean()
  sms?: boolean;
}
