import { AssessmentEntity, CertificateEntity } from './assessments/assessment.entity';
import { AttendanceEntity } from './attendance/attendance.entity';
import { ClassCourseEntity, SessionEntity, TrainingClassEntity } from './classes/class.entity';
import { CourseEntity } from './courses/course.entity';
import { EnrolmentEntity } from './enrolments/enrolment.entity';
import { InstitutionEntity } from './institutions/institution.entity';

export const TRAINING_ENTITIES = [
  InstitutionEntity,
  CourseEntity,
  TrainingClassEntity,
  ClassCourseEntity,
  SessionEntity,
  EnrolmentEntity,
  AttendanceEntity,
  AssessmentEntity,
  CertificateEntity,
];
