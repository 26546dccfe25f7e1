import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsLatitude, IsLongitude, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Education, MandarinLevel, SeekerCategory, Shift } from '../seeker.enums';

@InputType({ description: '求职者资料 / seeker profile' })
export class ProfileInput {
  @Field({ nullable: true, description: '身份证号（首次建档必填）/ resident ID number, required the first time' })
  @IsOptional()
  @IsString()
  @MaxLength(18 + 4)
  idNumber?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 40) name?: string;
  @Field({ nullable: true, description: '居住地区划代码（区县级）/ county-level region code (GB/T 2260)' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: '地区代码应为6位数字 / region code must be 6 digits' })
  regionCode?: string;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsLatitude() lat?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsLongitude() lng?: number;
  @Field(() => Education, { nullable: true }) @IsOptional() @IsEnum(Education) education?: Education;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(80) schoolName?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(80) major?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1960) @Max(2100) graduationYear?: number;
  @Field(() => MandarinLevel, { nullable: true }) @IsOptional() @IsEnum(MandarinLevel) mandarinLevel?: MandarinLevel;
  @Field(() => Int, { nullable: true, description: '打字速度（字/分）/ typing speed, characters per minute' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(400)
  typingSpeed?: number;
  @Field(() => Int, { nullable: true, description: '呼叫中心经验（月）/ months of call-centre experience' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600)
  callCenterMonths?: number;
  @Field(() => [String], { nullable: true, description: '语言，如 普通话、蒙古语、英语 / languages' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  languages?: string[];
  @Field(() => [Shift], { nullable: true }) @IsOptional() @IsArray() @IsEnum(Shift, { each: true }) shifts?: Shift[];
  @Field(() => [SeekerCategory], { nullable: true }) @IsOptional() @IsArray() @IsEnum(SeekerCategory, { each: true }) categories?: SeekerCategory[];
}

@InputType()
export class TalentFilterInput {
  @Field({ nullable: true, description: '姓名/学校/专业关键词' }) @IsOptional() @IsString() @MaxLength(40) text?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(1000) maxDistanceKm?: number;
  @Field(() => MandarinLevel, { nullable: true }) @IsOptional() @IsEnum(MandarinLevel) minMandarinLevel?: MandarinLevel;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(400) minTypingSpeed?: number;
  @Field(() => SeekerCategory, { nullable: true }) @IsOptional() @IsEnum(SeekerCategory) category?: SeekerCategory;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1960) @Max(2100) graduationYear?: number;
}
