import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { SCORE_MAX, SCORE_MIN } from '../scorecard.entity';

@InputType()
export class CriterionInput {
  @Field({ description: '如 普通话、语速、应变、打字 / e.g. Mandarin, pace, composure, typing' }) @IsString() @Length(1, 40) name: string;
  @Field(() => Int, { description: '权重 1–100 / weight' }) @IsInt() @Min(1) @Max(100) weight: number;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) description?: string;
}

@InputType()
export class CreateScorecardTemplateInput {
  @Field() @IsString() @Length(1, 60) name: string;
  @Field(() => [CriterionInput]) @ValidateNested({ each: true }) @Type(() => CriterionInput) @ArrayMinSize(1) @ArrayMaxSize(20) criteria: CriterionInput[];
}

@InputType()
export class RatingInput {
  @Field() @IsString() @Length(1, 40) criterion: string;
  @Field(() => Int, { description: `${SCORE_MIN}–${SCORE_MAX} 分` }) @IsInt() @Min(SCORE_MIN) @Max(SCORE_MAX) score: number;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}

@InputType()
export class SaveScorecardInput {
  @Field(() => ID) @IsUUID() interviewId: string;
  @Field(() => ID) @IsUUID() templateId: string;
  @Field(() => [RatingInput]) @ValidateNested({ each: true }) @Type(() => RatingInput) @ArrayMinSize(1) @ArrayMaxSize(20) ratings: RatingInput[];
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(4000) notes?: string;
}
