import { Module } from '@nestjs/common';
import { CategoryVerificationResolver } from './categories/category-verification.resolver';
import { IdentityClaimResolver } from './claims/identity-claim.resolver';
import { PoolStatsResolver } from './pool-stats/pool-stats.resolver';
import { RegionResolver } from './region.resolver';
import { SeekerResolver } from './seekers/seeker.resolver';
import { TalentModule } from './talent.module';
import { CategoryListController } from './categories/lists/category-list.controller';
import { CategoryListResolver } from './categories/lists/category-list.resolver';

/** The GraphQL side of the talent pool. */
@Module({
  imports: [TalentModule],
  providers: [SeekerResolver, RegionResolver, IdentityClaimResolver, CategoryVerificationResolver, PoolStatsResolver, CategoryListResolver],
  controllers: [CategoryListController],
})
export class TalentApiModule {}
