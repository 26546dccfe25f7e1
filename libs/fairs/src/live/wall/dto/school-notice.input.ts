import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';

@InputType()
export class NoticeMajorInput {
  @Field({ description: '专业 / major' }) @IsString() @Length(1, 60) major: string;
  @Field(() => Int, { description: '毕业生人数 / graduates' }) @IsInt() @Min(1) @Max(100_000) graduates: number;
}

@InputType({ description: '院校在信息墙发布毕业生信息 / a school posts its graduates on a fair’s wall' })
export class PostSchoolNoticeInput {
  @Field(() => ID) @IsUUID() fairId: string;
  @Field(() => [NoticeMajorInput]) @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => NoticeMajorInput) majors: NoticeMajorInput[];
  @Field(() => String, { nullable: true, description: '说明（联系方式请用学校公开电话）/ note' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string | null;
}
