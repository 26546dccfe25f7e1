import { EmployersModule } from '@app/employers';
import { TalentModule } from '@app/talent';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GraduateImportController } from './graduate-imports/graduate-import.controller';
import { GraduateImportEntity, GraduateImportRejectionEntity } from './graduate-imports/graduate-import.entity';
import { GraduateImportResolver } from './graduate-imports/graduate-import.resolver';
import { GraduateImportRunner } from './graduate-imports/graduate-import.runner';
import { GraduateImportService } from './graduate-imports/graduate-import.service';
import { GraduatePoolWriter } from './graduate-imports/graduate-pool.writer';
import { GraduateUploadStore } from './graduate-imports/graduate-upload.store';
import { InternshipEntity, InternshipMonthEntity } from './internships/internship.entity';
import { InternshipResolver } from './internships/internship.resolver';
import { InternshipService } from './internships/internship.service';
import { OrderClassEntity, OrderClassStudentEntity } from './order-classes/order-class.entity';
import { OrderClassResolver } from './order-classes/order-class.resolver';
import { OrderClassService } from './order-classes/order-class.service';
import { SchoolEntity } from './schools/school.entity';
import { SchoolResolver } from './schools/school.resolver';
import { SchoolService } from './schools/school.service';
import { SeekerSchoolEntity } from './students/seeker-school.entity';
import { SchoolLinkResolver } from './students/school-link.resolver';
import { SchoolLinkService } from './students/school-link.service';
import { StudentResolver } from './students/student.resolver';
import { SchoolPersonalData } from './students/school-personal-data';
import { StudentService } from './students/student.service';
import { ImportGraduateListUseCase } from './usecases/import-graduate-list/import-graduate-list.usecase';
import { SchoolMembershipRead } from './students/school-membership.read';
import { CategoryListReaderProvider } from './imports/category-list.reader';

export const SCHOOL_ENTITIES = [
  SchoolEntity,
  SeekerSchoolEntity,
  GraduateImportEntity,
  GraduateImportRejectionEntity,
  OrderClassEntity,
  OrderClassStudentEntity,
  InternshipEntity,
  InternshipMonthEntity,
];

const services = [
  SchoolService,
  GraduateUploadStore,
  GraduatePoolWriter,
  GraduateImportRunner,
  ImportGraduateListUseCase,
  GraduateImportService,
  StudentService,
  OrderClassService,
  InternshipService,
  SchoolPersonalData,
  SchoolLinkService,
  SchoolMembershipRead,
  CategoryListReaderProvider,
];

/** Schools 院校合作: services for the API and the worker (the worker's GraduateImportProcessor runs ImportGraduateListUseCase). */
@Module({
  imports: [TypeOrmModule.forFeature(SCHOOL_ENTITIES), TalentModule, EmployersModule],
  providers: services,
  exports: services,
})
export class SchoolsModule {}

@Module({
  imports: [SchoolsModule],
  providers: [SchoolResolver, GraduateImportResolver, StudentResolver, SchoolLinkResolver, OrderClassResolver, InternshipResolver],
  controllers: [GraduateImportController],
})
export class SchoolsApiModule {}
