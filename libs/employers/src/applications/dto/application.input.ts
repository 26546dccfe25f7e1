import { Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';

export enum StageEnum {
  APPLIED = 'APPLIED',
  SCREENING = 'SCREENING',
  INTERVIEW = 'INTERVIEW',
  OFFER = 'OFFER',
  HIRED = 'HIRED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(StageEnum, { name: 'ApplicationStage', description: '已投递/筛选/面试/录用意向/已录用/未通过/已撤回' });

@InputType()
export class MoveApplicationInput {
  @Field(() => ID) @IsUUID() applicationId: string;
  @Field(() => StageEnum) @IsEnum(StageEnum) to: StageEnum;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

@InputType()
export class ApplicationFilterInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() postingId?: string;
  @Field(() => StageEnum, { nullable: true }) @IsOptional() @IsEnum(StageEnum) stage?: StageEnum;
}

@InputType()
export class AddNoteInput {
  @Field(() => ID) @IsUUID() applicationId: string;
  @Field() @IsString() @Length(1, 2000) body: string;
}
