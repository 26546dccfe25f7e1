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

@Module({
  imports: [TypeOrmModule.forFeature([SeekerEntity, ConsentEntity, ProfileAccessLogEntity, IdentityClaimEntity, CategoryVerificationEntity])],
  providers: [SeekerService, PersonalDataExportRegistry, IdentityClaimService, CategoryVerificationService, PoolStatsService],
  exports: [SeekerService, PersonalDataExportRegistry, IdentityClaimService, CategoryVerificationService, PoolStatsService, TypeOrmModule],
})
export class TalentModule {}
