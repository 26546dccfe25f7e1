import { Paginated } from '@app/core';
import { SeekerProfileModel } from '@app/talent';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum EnrolmentStatusEnum {
  ENROLLED = 'ENROLLED',
  WITHDRAWN = 'WITHDRAWN',
  COMPLETED = 'COMPLETED',
}
registerEnumType(EnrolmentStatusEnum, { name: 'EnrolmentStatus', description: '在读 / 已退出 / 已结业' });

export enum EnrolmentSourceEnum {
  SELF = 'SELF',
  OPERATOR = 'OPERATOR',
  OFFER = 'OFFER',
}
registerEnumType(EnrolmentSourceEnum, { name: 'EnrolmentSource', description: '本人报名 / 运营方代报 / 录用意向转定制班' });

@ObjectType('TrainingEnrolment')
export class EnrolmentModel {
  @Field(() => ID) id: string;
  @Field(() => ID) classId: string;
  @Field(() => ID) seekerId: string;
  @Field(() => EnrolmentStatusEnum) status: EnrolmentStatusEnum;
  @Field(() => EnrolmentSourceEnum) source: EnrolmentSourceEnum;
  @Field(() => ID, { nullable: true, description: '定制班对应的投递 / the application behind a custom-class enrolment' }) applicationId: string | null;
  @Field() enrolledAt: Date;
  @Field(() => Date, { nullable: true }) withdrawnAt: Date | null;
  @Field(() => Date, { nullable: true }) completedAt: Date | null;
}

@ObjectType('Trainee', { description: '学员（企业HR所见信息脱敏）/ a trainee; masked for tenant HR' })
export class TraineeModel extends EnrolmentModel {
  @Field(() => Int) attendedSessions: number;
  @Field(() => Int) totalSessions: number;
  @Field(() => Int, { description: '出勤率（%，向下取整）/ attendance, percent rounded down' }) attendancePercent: number;
  @Field() passedAssessment: boolean;
  @Field(() => SeekerProfileModel, { nullable: true, description: '企业HR：仅已授权共享或投递过本企业者可见 / for HR only when shared or an applicant' })
  seeker: SeekerProfileModel | null;
}

@ObjectType('TraineePage')
export class TraineePage extends Paginated(TraineeModel) {}
