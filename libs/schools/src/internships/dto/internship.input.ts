import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { InternshipEvaluation } from '../models/internship.model';

const DATE_MSG = { message: '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD' };

@InputType()
export class CreateInternshipInput {
  @Field(() => ID, { description: '本校学生 / a student of my school' }) @IsUUID() seekerId: string;
  @Field(() => ID, { description: '实习企业 / host tenant' }) @IsUUID() tenantId: string;
  @Field({ defaultValue: '', description: '岗位 / position' }) @IsString() @MaxLength(100) position: string;
  @Field() @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE_MSG) startDate: string;
  @Field() @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE_MSG) endDate: string;
}

@InputType()
export class InternshipMonthInput {
  @Field(() => ID) @IsUUID() internshipId: string;
  @Field({ description: '月份 YYYY-MM / month' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM / month must be YYYY-MM' })
  month: string;
  @Field(() => Int, { description: '出勤天数 / days attended' }) @IsInt() @Min(0) @Max(31) attendanceDays: number;
  @Field(() => InternshipEvaluation) @IsEnum(InternshipEvaluation) evaluation: InternshipEvaluation;
  @Field({ defaultValue: '' }) @IsString() @MaxLength(2000) comment: string;
}
