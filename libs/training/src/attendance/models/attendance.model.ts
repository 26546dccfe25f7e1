import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum AttendanceMethodEnum {
  QR = 'QR',
  MANUAL = 'MANUAL',
}
registerEnumType(AttendanceMethodEnum, { name: 'AttendanceMethod', description: '扫码签到 / 讲师登记' });

@ObjectType('TrainingAttendance', { description: '出勤记录 / attendance record' })
export class AttendanceModel {
  @Field(() => ID) id: string;
  @Field(() => ID) sessionId: string;
  @Field(() => ID) classId: string;
  @Field(() => ID) seekerId: string;
  @Field(() => AttendanceMethodEnum) method: AttendanceMethodEnum;
  @Field({ description: '记录人角色 / role of who recorded it' }) recordedRole: string;
  @Field() checkedInAt: Date;
  @Field({ description: '此前已签到（重复扫码）/ was already checked in' }) alreadyCheckedIn: boolean;
}

@ObjectType('SessionCheckInCode', { description: '现场轮换签到二维码 / rotating check-in QR for the room' })
export class CheckInCodeModel {
  @Field(() => ID) sessionId: string;
  @Field({ description: '签到码 / the code' }) code: string;
  @Field({ description: '二维码内容（手机扫码打开的地址）/ what the QR encodes' }) url: string;
  @Field({ description: '失效时间（签发后至多60秒）/ expires at most 60 s after issue' }) expiresAt: Date;
  @Field(() => Int, { description: '多少秒后刷新 / fetch a new code after this many seconds' }) refreshAfterSeconds: number;
  @Field({ description: 'PNG 二维码 data URL' }) qrDataUrl: string;
  @Field({ description: 'PNG 二维码地址 / REST path of the PNG' }) qrPngPath: string;
}
