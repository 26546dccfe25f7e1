import { EnrolmentEntity } from './enrolment.entity';
import { EnrolmentModel, EnrolmentSourceEnum, EnrolmentStatusEnum } from './models/enrolment.model';

export function toEnrolmentModel(e: EnrolmentEntity): EnrolmentModel {
  return {
    id: e.id,
    classId: e.classId,
    seekerId: e.seekerId,
    status: e.status as EnrolmentStatusEnum,
    source: e.source as EnrolmentSourceEnum,
    applicationId: e.applicationId,
    enrolledAt: e.enrolledAt,
    withdrawnAt: e.withdrawnAt,
    completedAt: e.completedAt,
  };
}
