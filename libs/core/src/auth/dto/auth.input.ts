import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, MinLength } from 'class-validator';
import { Role } from '../roles';

@InputType()
export class SignInWithSmsInput {
  @Field() @IsString() @MaxLength(20) phone: string;
  @Field() @Matches(/^\d{6}$/, { message: '验证码应为6位数字 / code must be 6 digits' }) code: string;
}

@InputType()
export class SignInWithPasswordInput {
  @Field() @IsString() @Length(1, 64) username: string;
  @Field() @IsString() @Length(1, 200) password: string;
}

@InputType()
export class CreateStaffUserInput {
  @Field(() => Role) @IsEnum(Role) role: Role;
  @Field() @Matches(/^[a-zA-Z0-9_.-]{3,64}$/, { message: '用户名为3-64位字母数字 / username: 3-64 letters, digits, _ . -' }) username: string;
  @Field() @IsString() @MinLength(10) @MaxLength(200) password: string;
  @Field() @IsString() @Length(1, 50) displayName: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() tenantId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() schoolId?: string;
}
