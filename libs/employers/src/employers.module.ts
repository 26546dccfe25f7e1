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

const services = [TenantService, PostingService, ApplicationService, HireService];

@Module({
  imports: [TypeOrmModule.forFeature(EMPLOYER_ENTITIES), TalentModule],
  providers: services,
  exports: [...services, TypeOrmModule],
})
export class EmployersModule {}

@Module({
  imports: [EmployersModule, TalentModule],
  providers: [TenantResolver, PostingResolver, ApplicationResolver, MyApplicationResolver, HireResolver],
})
export class EmployersApiModule {}
