import { Education, MandarinLevel, Shift } from '@app/talent';
import { Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { IsArray, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';

export enum PostingStatusEnum {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  FILLED = 'FILLED',
  CLOSED = 'CLOSED',
}
registerEnumType(PostingStatusEnum, { name: 'PostingStatus', description: '草稿 / 招聘中 / 已招满 / 已关闭' });

@InputType()
export class PostingInput {
  @Field() @IsString() @Length(2, 60) title: string;
  @Field({ defaultValue: '' }) @IsString() @MaxLength(5000) description: string;
  @Field(() => Int, { description: '招聘人数 / headcount' })
  @IsInt()
  @Min(1, { message: '招聘人数必须大于0 / headcount must be positive' })
  @Max(10000)
  headcount: number;
  @Field(() => Int, { description: '月薪下限（分）/ monthly salary minimum in fen' }) @IsInt() @Min(0) @Max(100_000_000) salaryMinFen: number;
  @Field(() => Int, { description: '月薪上限（分）/ monthly salary maximum in fen' }) @IsInt() @Min(0) @Max(100_000_000) salaryMaxFen: number;
  @Field(() => [Shift], { defaultValue: [] }) @IsArray() @IsEnum(Shift, { each: true }) shifts: Shift[];
  @Field(() => MandarinLevel, { nullable: true }) @IsOptional() @IsEnum(MandarinLevel) minMandarinLevel?: MandarinLevel;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(400) minTypingSpeed?: number;
  @Field(() => Education, { nullable: true }) @IsOptional() @IsEnum(Education) minEducation?: Education;
}

@InputType()
export class PostingFilterInput {
  @Field(() => PostingStatusEnum, { nullable: true }) @IsOptional() @IsEnum(PostingStatusEnum) status?: PostingStatusEnum;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(40) text?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() tenantId?: string;
}
