import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsDateString, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';

@InputType({ description: 'HR 在展位扫求职者入场券 / HR scans a seeker’s ticket at the booth' })
export class BoothSeekerInput {
  @Field(() => ID, { description: '招聘会岗位 / the fair posting' }) @IsUUID() fairPostingId: string;
  @Field({ description: '入场券编码 / ticket token' }) @IsString() @Length(8, 200) token: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) note?: string | null;
}

@InputType()
export class ScheduleFairInterviewInput extends BoothSeekerInput {
  @Field({ description: '视频面试开始时间 / the video interview’s start' }) @Type(() => Date) @IsDate() startsAt: Date;
  @Field(() => Int, { defaultValue: 30 }) @IsInt() @Min(10) @Max(120) durationMinutes: number;
}

@InputType()
export class HireAtFairInput extends BoothSeekerInput {
  @Field({ description: '合同开始日期 YYYY-MM-DD / contract start' }) @IsDateString({ strict: true }) contractStart: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(120) contractMonths: number;
}
