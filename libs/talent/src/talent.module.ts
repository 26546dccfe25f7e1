import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CategoryVerificationEntity } from './categories/category-verification.entity';
import { CategoryVerificationService } from './categories/category-verification.service';
import { IdentityClaimEntity } from './claims/identity-claim.entity';
import { IdentityClaimService } from './claims/identity-claim.service';
import { ConsentEntity } from './consent/consent.entity';
import { PoolStatsService } from './pool-stats/pool-stats.service';
import { ProfileAccessLogEntity, SeekerEntity } from './seekers/seeker.entity';
import { PersonalDataExportRegistry } from './privacy/personal-data-export';
import { SeekerService } from './seekers/seeker.service';
import { ProfileAccessLogService } from './access-log/profile-access-log.service';
import { ConsentService } from './consent/consent.service';
import { TalentPoolService } from './pool/talent-pool.service';
import { EmployerDirectoryPort } from './ports/employer-directory.port';
import { CategoryListReaderPort } from './ports/category-list-reader.port';
import { CategoryListService } from './categories/lists/category-list.service';
import { PersonalDataExportService } from './privacy/personal-data-export.service';
import { EraseSeekerUseCase } from './usecases/erase-seeker.usecase';

const services = [
  SeekerService,
  ConsentService,
  ProfileAccessLogService,
  TalentPoolService,
  PersonalDataExportService,
  EraseSeekerUseCase,
  PersonalDataExportRegistry,
  EmployerDirectoryPort,
  IdentityClaimService,
  CategoryVerificationService,
  PoolStatsService,
  CategoryListReaderPort,
  CategoryListService,
];

@Module({
  imports: [TypeOrmModule.forFeature([SeekerEntity, ConsentEntity, ProfileAccessLogEntity, IdentityClaimEntity, CategoryVerificationEntity])],
  providers: services,
  exports: [...services, TypeOrmModule],
})
export class TalentModule {}
