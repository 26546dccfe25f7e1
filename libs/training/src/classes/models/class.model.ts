import { Paginated } from '@app/core';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { CourseModel } from '../../courses/models/course.model';
import { InstitutionModel } from '../../institutions/models/institution.model';
import { TrainingClassStatus, TrainingClassType } from '../class-type';

@ObjectType('TrainingSession', { description: '课次；时间以 UTC 存储，另附北京时间显示 / a session; instants in UTC plus Asia/Shanghai display' })
export class SessionModel {
  @Field(() => ID) id: string;
  @Field(() => ID) classId: string;
  @Field(() => ID, { nullable: true }) courseId: string | null;
  @Field(() => String, { nullable: true }) title: string | null;
  @Field(() => String, { nullable: true }) room: string | null;
  @Field() startsAt: Date;
  @Field() endsAt: Date;
  @Field({ description: '北京时间 YYYY-MM-DD HH:mm' }) startsAtLocal: string;
  @Field({ description: '北京时间 YYYY-MM-DD HH:mm' }) endsAtLocal: string;
}

@ObjectType('TrainingClass', { description: '培训班 / training class' })
export class TrainingClassModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => TrainingClassType) type: TrainingClassType;
  @Field({ description: '类型中文名' }) typeZh: string;
  @Field(() => ID) institutionId: string;
  @Field(() => ID, { nullable: true }) sponsorTenantId: string | null;
  @Field(() => Int) capacity: number;
  @Field(() => Int) enrolledCount: number;
  @Field(() => Int) seatsLeft: number;
  @Field({ description: 'YYYY-MM-DD（北京时间）' }) startsOn: string;
  @Field({ description: 'YYYY-MM-DD（北京时间）' }) endsOn: string;
  @Field(() => Int) minAttendancePercent: number;
  @Field() requiresAssessment: boolean;
  @Field(() => Int) passScore: number;
  @Field(() => TrainingClassStatus) status: TrainingClassStatus;
  @Field() createdAt: Date;
  @Field(() => InstitutionModel, { nullable: true }) institution?: InstitutionModel;
  @Field(() => [CourseModel]) courses?: CourseModel[];
  @Field(() => [SessionModel]) sessions?: SessionModel[];
}

@ObjectType('TrainingClassPage')
export class TrainingClassPage extends Paginated(TrainingClassModel) {}
