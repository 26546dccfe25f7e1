import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsDateString, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

@InputType({ description: '录用并签订劳动合同 / hire with an employment contract' })
export class HireInput {
  @Field(() => ID) @IsUUID() applicationId: string;
  @Field({ description: '合同开始日期 YYYY-MM-DD（北京时间）' }) @IsDateString({ strict: true }) contractStart: string;
  @Field(() => Int, { description: '合同期限（月）/ contract term in months' }) @IsInt() @Min(1) @Max(120) contractMonths: number;
  @Field({ nullable: true, description: '社保缴纳开始日期 / social insurance start' })
  @IsOptional()
  @IsDateString({ strict: true })
  socialInsuranceStart?: string;
}

@InputType({ description: '提前解除劳动合同 / early termination' })
export class TerminateContractInput {
  @Field(() => ID) @IsUUID() hireId: string;
  @Field() @IsDateString({ strict: true }) terminatedOn: string;
  @Field() @IsString() @Length(1, 500) reason: string;
}
