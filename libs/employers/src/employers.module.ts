import { TalentModule } from '@app/talent';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationResolver, MyApplicationResolver } from './applications/application.resolver';
import { ApplicationService } from './applications/application.service';
import { EMPLOYER_ENTITIES } from './employers.entities';
import { HireResolver } from './hires/hire.resolver';
import { HireService } from './hires/hire.service';
import { PostingResolver } from './postings/posting.resolver';
import { PostingService } from './postings/posting.service';
import { TenantResolver } from './tenants/tenant.resolver';
import { TenantService } from './tenants/tenant.service';
import { HireUseCase } from './usecases/hire/hire.usecase';
import { EmploymentPersonalData } from './read/employment-personal-data';
import { HiringReadModel } from './read/hiring-read-model';
import { TalentLinksProvider } from './read/talent-links.provider';
import { TenantDirectory } from './read/tenant-directory';

/** TenantDirectory and HiringReadModel are what other contexts read of employers (docs/CONTEXTS.md). */
const services = [TenantService, PostingService, ApplicationService, HireService, HireUseCase, TenantDirectory, HiringReadModel];

@Module({
  imports: [TypeOrmModule.forFeature(EMPLOYER_ENTITIES), TalentModule],
  providers: [...services, EmploymentPersonalData, TalentLinksProvider],
  exports: [...services, TypeOrmModule],
})
export class EmployersModule {}

@Module({
  imports: [EmployersModule, TalentModule],
  providers: [TenantResolver, PostingResolver, ApplicationResolver, MyApplicationResolver, HireResolver],
})
export class EmployersApiModule {}
