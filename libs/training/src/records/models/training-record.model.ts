import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { AssessmentModel, CertificateModel } from '../../assessments/models/assessment.model';
import { SkillLevel, TrainingClassType } from '../../classes/class-type';
import { TrainingClassModel } from '../../classes/models/class.model';
import { EnrolmentSourceEnum, EnrolmentStatusEnum } from '../../enrolments/models/enrolment.model';

@ObjectType('MyTraining', { description: '我的培训 / one of my enrolments with progress' })
export class MyTrainingModel {
  @Field(() => ID) enrolmentId: string;
  @Field(() => EnrolmentStatusEnum) status: EnrolmentStatusEnum;
  @Field(() => EnrolmentSourceEnum) source: EnrolmentSourceEnum;
  @Field() enrolledAt: Date;
  @Field(() => Date, { nullable: true }) withdrawnAt: Date | null;
  @Field(() => Date, { nullable: true }) completedAt: Date | null;
  @Field(() => TrainingClassModel) trainingClass: TrainingClassModel;
  @Field(() => Int) attendedSessions: number;
  @Field(() => Int) totalSessions: number;
  @Field(() => Int) attendancePercent: number;
  @Field(() => [ID], { description: '已出勤的课次 / sessions attended' }) attendedSessionIds: string[];
  @Field(() => [AssessmentModel]) assessments: AssessmentModel[];
  @Field(() => CertificateModel, { nullable: true }) certificate: CertificateModel | null;
}

@ObjectType('CompletedTraining', { description: '已结业培训（档案展示、岗位匹配用）/ completed training, for the profile and matching' })
export class CompletedTrainingModel {
  @Field(() => ID) classId: string;
  @Field() className: string;
  @Field(() => TrainingClassType) classType: TrainingClassType;
  @Field() completedAt: Date;
  @Field(() => [String]) courseNames: string[];
  @Field(() => SkillLevel, { nullable: true }) skillLevel: SkillLevel | null;
  @Field(() => String, { nullable: true }) certificateNo: string | null;
}
