import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { SkillLevel } from '../../classes/class-type';
import { EnrolmentModel } from '../../enrolments/models/enrolment.model';

@ObjectType('TrainingAssessment', { description: '考核结果 / assessment result' })
export class AssessmentModel {
  @Field(() => ID) id: string;
  @Field(() => ID) enrolmentId: string;
  @Field(() => Int) score: number;
  @Field() passed: boolean;
  @Field(() => SkillLevel, { nullable: true }) skillLevel: SkillLevel | null;
  @Field({ description: 'YYYY-MM-DD（北京时间）' }) assessedOn: string;
  @Field(() => ID, { description: '考评人 / assessor user' }) assessorUserId: string;
  @Field() createdAt: Date;
}

@ObjectType('TrainingCertificate', { description: '结业证书 / certificate of completion' })
export class CertificateModel {
  @Field(() => ID) id: string;
  @Field({ description: '证书编号（唯一）/ unique number' }) certificateNo: string;
  @Field(() => ID) classId: string;
  @Field(() => ID) institutionId: string;
  @Field(() => SkillLevel, { nullable: true }) skillLevel: SkillLevel | null;
  @Field(() => String, { nullable: true, description: '高级工 / 技师 / 高级技师' }) skillLevelZh: string | null;
  @Field(() => Int) attendedSessions: number;
  @Field(() => Int) totalSessions: number;
  @Field() issuedAt: Date;
}

@ObjectType('TrainingCompletion', { description: '结业判定 / completion verdict' })
export class CompletionModel {
  @Field() complete: boolean;
  @Field() attendanceMet: boolean;
  @Field() assessmentMet: boolean;
  @Field(() => Int) attendedSessions: number;
  @Field(() => Int) totalSessions: number;
  @Field(() => Int) attendancePercent: number;
}

@ObjectType('AssessmentResult')
export class AssessmentResultModel {
  @Field(() => AssessmentModel) assessment: AssessmentModel;
  @Field(() => EnrolmentModel) enrolment: EnrolmentModel;
  @Field(() => CompletionModel) completion: CompletionModel;
  @Field(() => CertificateModel, { nullable: true }) certificate: CertificateModel | null;
}

@ObjectType('ClassCompletionRun', { description: '整班结业判定结果 / result of evaluating a whole class' })
export class ClassCompletionRunModel {
  @Field(() => Int) evaluated: number;
  @Field(() => Int, { description: '本次新结业人数 / newly completed' }) newlyCompleted: number;
}
