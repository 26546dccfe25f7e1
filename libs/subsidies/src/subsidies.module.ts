import { EmployersModule } from '@app/employers';
import { TalentModule } from '@app/talent';
import { TrainingModule } from '@app/training';
import { Module } from '@nestjs/common';
import { ClaimCreateService } from './claims/claim-create.service';
import { ClaimQueryService } from './claims/claim-query.service';
import { ClaimService } from './claims/claim.service';
import { ClaimsExportController, ClaimsExportService, PublicityExportService } from './claims/claims-export';
import { EntitlementService } from './claims/entitlements';
import { SubsidyFactsReader } from './claims/facts.reader';
import { SubsidyListsExportController, SubsidyListsExportService } from './exports/lists-export';
import { EvidenceController } from './evidence/evidence.controller';
import { EvidenceService } from './evidence/evidence.service';
import { SubsidyResolver } from './graphql/subsidy.resolver';
import { BudgetService } from './parameters/budget.service';
import { SubsidyProposalProcessor } from './proposals/proposal.processor';
import { ProposalService } from './proposals/proposal.service';
import { SubsidyPayoutsApiModule, SubsidyPayoutsModule, SubsidyPayoutsWorkerModule } from './payouts/payouts.module';
import { SubsidyCoreModule } from './subsidy-core.module';

const services = [SubsidyFactsReader, EntitlementService, ClaimService, ClaimCreateService, ClaimQueryService, BudgetService, ProposalService, EvidenceService];

/** The subsidies context (issue 10): rules, categories, claims and audit; payouts in ./payouts. Services for the API and the worker. */
@Module({
  imports: [SubsidyCoreModule, TalentModule, EmployersModule, TrainingModule, SubsidyPayoutsModule],
  providers: services,
  exports: [SubsidyCoreModule, SubsidyPayoutsModule, ...services],
})
export class SubsidiesModule {}

/** The API-facing part: GraphQL resolvers and REST controllers of the subsidies context. */
@Module({
  imports: [SubsidiesModule, SubsidyPayoutsApiModule, EmployersModule],
  controllers: [EvidenceController, ClaimsExportController, SubsidyListsExportController],
  providers: [SubsidyResolver, ClaimsExportService, PublicityExportService, SubsidyListsExportService],
})
export class SubsidiesApiModule {}

/** The worker-facing part: BullMQ processors and job schedulers of the subsidies context (apps/worker). */
@Module({
  imports: [SubsidiesModule, SubsidyPayoutsWorkerModule],
  providers: [SubsidyProposalProcessor],
})
export class SubsidiesWorkerModule {}
