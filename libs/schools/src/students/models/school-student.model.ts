import { Paginated } from '@app/core';
import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

@ObjectType('SchoolStudent', { description: '本校学生/毕业生（来自毕业生名单，脱敏）/ a school’s student or graduate, masked' })
export class SchoolStudentModel {
  @Field(() => ID) seekerId: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) gender: string | null;
  @Field(() => String, { nullable: true }) idNumberMasked: string | null;
  @Field(() => String, { nullable: true }) phoneMasked: string | null;
  @Field(() => String, { nullable: true }) major: string | null;
  @Field(() => String, { nullable: true }) education: string | null;
  @Field(() => Int, { nullable: true }) graduationYear: number | null;
  @Field(() => String, { nullable: true }) className: string | null;
  @Field(() => String, { nullable: true }) studentNo: string | null;
  @Field({ description: '本人已注册并认领档案 / signed up and claimed the profile' }) registered: boolean;
}

@ObjectType('SchoolStudentPage')
export class SchoolStudentPage extends Paginated(SchoolStudentModel) {}

@InputType()
export class SchoolStudentFilterInput {
  @Field({ nullable: true, description: '姓名/专业/班级/学号关键词' }) @IsOptional() @IsString() @MaxLength(40) text?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1990) @Max(2100) graduationYear?: number;
}
