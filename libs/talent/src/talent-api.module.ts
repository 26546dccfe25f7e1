import { Module } from '@nestjs/common';
import { RegionResolver } from './region.resolver';
import { SeekerResolver } from './seekers/seeker.resolver';
import { ApplicantCheck } from './seekers/applicant-check';
import { TalentModule } from './talent.module';

/** The GraphQL side of the talent pool; ApplicantCheck serves only its masking rule for talentProfile. */
@Module({
  imports: [TalentModule],
  providers: [SeekerResolver, RegionResolver, ApplicantCheck],
})
export class TalentApiModule {}
