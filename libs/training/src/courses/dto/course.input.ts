import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { TrainingClassType } from '../../classes/class-type';

@InputType()
export class CreateCourseInput {
  @Field() @IsString() @Length(2, 100) name: string;
  @Field(() => TrainingClassType, { nullable: true }) @IsOptional() @IsEnum(TrainingClassType) audience?: TrainingClassType;
  @Field({ nullable: true, description: '模块，如 心态调整 / 职业技能' }) @IsOptional() @IsString() @Length(1, 50) module?: string;
}
