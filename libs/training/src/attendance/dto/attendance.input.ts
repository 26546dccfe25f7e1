import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, IsUUID, Length } from 'class-validator';

@InputType({ description: '扫码签到：二维码中的课次与签到码 / QR check-in: the session and code from the QR' })
export class CheckInInput {
  @Field(() => ID) @IsUUID() sessionId: string;
  @Field() @IsString() @Length(1, 64) code: string;
}

@InputType({ description: '讲师手工登记出勤 / attendance marked by the instructor' })
export class MarkAttendanceInput {
  @Field(() => ID) @IsUUID() sessionId: string;
  @Field(() => ID) @IsUUID() seekerId: string;
}
