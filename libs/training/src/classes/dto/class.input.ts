import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { TrainingClassStatus, TrainingClassType } from '../class-type';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType()
export class CreateClassInput {
  @Field(() => ID) @IsUUID() institutionId: string;
  @Field(() => TrainingClassType) @IsEnum(TrainingClassType) type: TrainingClassType;
  @Field() @IsString() @Length(2, 100) name: string;
  @Field(() => [ID], { description: '课程（按授课顺序）/ courses, in teaching order' })
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  courseIds: string[];
  @Field(() => ID, { nullable: true, description: '委托/定制企业；定制班必填 / sponsoring tenant, required for custom classes' })
  @IsOptional()
  @IsUUID()
  sponsorTenantId?: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(2000) capacity: number;
  @Field({ description: '开班日期（北京时间）YYYY-MM-DD' }) @Matches(DATE) startsOn: string;
  @Field({ description: '结业日期（北京时间）YYYY-MM-DD' }) @Matches(DATE) endsOn: string;
  @Field(() => Int, { defaultValue: 80, description: '结业所需最低出勤率（%）/ minimum attendance, percent' })
  @IsInt()
  @Min(1)
  @Max(100)
  minAttendancePercent: number = 80;
  @Field(() => Boolean, { defaultValue: true, description: '结业须考核合格 / completion needs a passed assessment' }) @IsBoolean() requiresAssessment: boolean =
    true;
  @Field(() => Int, { defaultValue: 60, description: '考核及格分 / pass mark' }) @IsInt() @Min(0) @Max(100) passScore: number = 60;
}

@InputType()
export class SessionInput {
  @Field({ description: '开始时间（带时区的 ISO 8601）/ start, ISO 8601 with offset' }) @Type(() => Date) @IsDate() startsAt: Date;
  @Field() @Type(() => Date) @IsDate() endsAt: Date;
  @Field(() => ID, { nullable: true, description: '本课次讲授的课程 / course taught' }) @IsOptional() @IsUUID() courseId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 100) title?: string;
  @Field({ nullable: true, description: '教室 / room' }) @IsOptional() @IsString() @Length(1, 50) room?: string;
}

@InputType()
export class AddSessionsInput {
  @Field(() => ID) @IsUUID() classId: string;
  @Field(() => [SessionInput]) @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => SessionInput) sessions: SessionInput[];
}

@InputType()
export class ClassFilterInput {
  @Field(() => TrainingClassType, { nullable: true }) @IsOptional() @IsEnum(TrainingClassType) type?: TrainingClassType;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() institutionId?: string;
  @Field(() => TrainingClassStatus, { nullable: true }) @IsOptional() @IsEnum(TrainingClassStatus) status?: TrainingClassStatus;
}
