import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';

@InputType()
export class CheckInTicketInput {
  @Field(() => ID, { description: '签到的招聘会 / the fair at whose entrance the scan happens' }) @IsUUID() fairId: string;
  @Field({ description: '入场券二维码内容 / the ticket token from the QR' }) @IsString() @Length(8, 200) token: string;
  @Field(() => String, { nullable: true, description: '扫码端生成的幂等键（断网重试）/ scanner idempotency key' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  idempotencyKey?: string | null;
}

@InputType()
export class CheckInByIdNumberInput {
  @Field(() => ID) @IsUUID() fairId: string;
  @Field({ description: '身份证号（不保存、不回显）/ ID number (not stored, not echoed)' }) @IsString() @Length(15, 20) idNumber: string;
}

@InputType({ description: '现场登记（工作人员代办）/ a walk-in registered at the desk' })
export class RegisterWalkInInput {
  @Field(() => ID) @IsUUID() fairId: string;
  @Field() @IsString() @Length(15, 20) idNumber: string;
  @Field() @IsString() @Length(1, 40) name: string;
  @Field({ description: '本人手机号，将收到登录链接 / the person’s mobile; receives a sign-in link' }) @Matches(/^(\+?86)?1[3-9]\d{9}$/) phone: string;
}
