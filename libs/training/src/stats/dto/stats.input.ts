import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID, Matches } from 'class-validator';
import { TrainingClassType } from '../../classes/class-type';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType({ description: '按开班日期等筛选 / filter by class start date, institution, type' })
export class TrainingStatsFilterInput {
  @Field({ nullable: true, description: '开班日期起（含）YYYY-MM-DD' }) @IsOptional() @Matches(DATE) startsFrom?: string;
  @Field({ nullable: true, description: '开班日期止（含）YYYY-MM-DD' }) @IsOptional() @Matches(DATE) startsTo?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() institutionId?: string;
  @Field(() => TrainingClassType, { nullable: true }) @IsOptional() @IsEnum(TrainingClassType) type?: TrainingClassType;
}
