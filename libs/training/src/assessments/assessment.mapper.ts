import { SKILL_LEVEL_ZH } from '../classes/class-type';
import { AssessmentEntity, CertificateEntity } from './assessment.entity';
import { AssessmentModel, CertificateModel } from './models/assessment.model';

export function toAssessmentModel(a: AssessmentEntity): AssessmentModel {
  return {
    id: a.id,
    enrolmentId: a.enrolmentId,
    score: a.score,
    passed: a.passed,
    skillLevel: a.skillLevel,
    assessedOn: a.assessedOn,
    assessorUserId: a.assessorUserId,
    createdAt: a.createdAt,
  };
}

export function toCertificateModel(c: CertificateEntity): CertificateModel {
  return {
    id: c.id,
    certificateNo: c.certificateNo,
    classId: c.classId,
    institutionId: c.institutionId,
    skillLevel: c.skillLevel,
    skillLevelZh: c.skillLevel ? SKILL_LEVEL_ZH[c.skillLevel] : null,
    attendedSessions: c.attendedSessions,
    totalSessions: c.totalSessions,
    issuedAt: c.issuedAt,
  };
}
