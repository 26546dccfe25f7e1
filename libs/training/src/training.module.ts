import { EmployersModule } from '@app/employers';
import { SchoolsModule } from '@app/schools';
import { TalentModule } from '@app/talent';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssessmentResolver } from './assessments/assessment.resolver';
import { AssessmentService } from './assessments/assessment.service';
import { AttendanceResolver } from './attendance/attendance.resolver';
import { AttendanceService } from './attendance/attendance.service';
import { CheckInQrController } from './attendance/checkin-qr.controller';
import { ClassResolver } from './classes/class.resolver';
import { ClassService } from './classes/class.service';
import { CourseResolver } from './courses/course.resolver';
import { CourseService } from './courses/course.service';
import { EnrolmentResolver } from './enrolments/enrolment.resolver';
import { EnrolmentService } from './enrolments/enrolment.service';
import { InstitutionResolver } from './institutions/institution.resolver';
import { InstitutionService } from './institutions/institution.service';
import { SeekerTrainingResolver, TrainingRecordResolver } from './records/training-record.resolver';
import { TrainingPersonalData } from './records/training-personal-data';
import { TrainingRecordService } from './records/training-record.service';
import { TrainingStatsResolver } from './stats/training-stats.resolver';
import { TrainingStatsService } from './stats/training-stats.service';
import { TRAINING_ENTITIES } from './training.entities';

const services = [
  InstitutionService,
  CourseService,
  ClassService,
  EnrolmentService,
  AttendanceService,
  AssessmentService,
  TrainingRecordService,
  TrainingStatsService,
  TrainingPersonalData,
];

/** Training services, for other contexts (matching reads completedTrainingFor; subsidies will read the facts). */
@Module({
  imports: [TypeOrmModule.forFeature(TRAINING_ENTITIES), TalentModule, EmployersModule, SchoolsModule],
  providers: services,
  exports: [...services],
})
export class TrainingModule {}

/** The API-facing part: GraphQL resolvers and the QR image endpoint. */
@Module({
  imports: [TrainingModule, TalentModule],
  controllers: [CheckInQrController],
  providers: [
    InstitutionResolver,
    CourseResolver,
    ClassResolver,
    EnrolmentResolver,
    AttendanceResolver,
    AssessmentResolver,
    TrainingRecordResolver,
    SeekerTrainingResolver,
    TrainingStatsResolver,
  ],
})
export class TrainingApiModule {}
