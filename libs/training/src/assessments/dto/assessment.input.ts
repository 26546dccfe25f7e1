import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { SkillLevel } from '../../classes/class-type';

@InputType({ description: '考核结果 / an assessment result' })
export class RecordAssessmentInput {
  @Field(() => ID) @IsUUID() enrolmentId: string;
  @Field(() => Int, { description: '成绩 0–100；是否合格按培训班及格分判定 / score; pass/fail follows the class pass mark' })
  @IsInt()
  @Min(0)
  @Max(100)
  score: number;
  @Field({ description: '考核日期（北京时间）YYYY-MM-DD' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) assessedOn: string;
  @Field(() => SkillLevel, { nullable: true, description: '鉴定的技能等级（合格时）/ skill level certified, when passed' })
  @IsOptional()
  @IsEnum(SkillLevel)
  skillLevel?: SkillLevel;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 500) note?: string;
}
