import { EmployersModule } from '@app/employers';
import { SchoolsModule } from '@app/schools';
import { Module } from '@nestjs/common';
import { SubsidyCoreModule } from '../subsidy-core.module';
import { PaymentBatchService } from './payment-batch.service';
import { PayoutAuditTrail } from './payout-audit';
import { PayoutDeskService } from './payout-desk.service';
import { PayoutJobHandler } from './payout-job.handler';
import { PayoutPlanner } from './payout-planner.service';
import { PayoutSweepService } from './payout-sweep.service';
import { PayoutProcessor } from './payout.processor';
import { PayoutsController } from './payouts.controller';
import { PayoutsResolver } from './payouts.resolver';
import { RecoveryService } from './recovery.service';

const services = [PayoutPlanner, PaymentBatchService, PayoutSweepService, RecoveryService, PayoutDeskService, PayoutJobHandler];

/**
 * Payouts of approved claims (issue 10 §3): instructions, batches, receipts, instalments, retention, recovery.
 * Reads employers (HiringReadModel: contracts, terminations, hires of item-9 people) and schools
 * (SchoolMembershipRead: item 14's students) only through their read interfaces.
 */
@Module({
  imports: [EmployersModule, SchoolsModule, SubsidyCoreModule],
  providers: [PayoutAuditTrail, ...services],
  exports: services,
})
export class SubsidyPayoutsModule {}

/** Resolvers of the payouts part, and the bank-file download. */
@Module({
  imports: [SubsidyPayoutsModule],
  providers: [PayoutsResolver],
  controllers: [PayoutsController],
})
export class SubsidyPayoutsApiModule {}

/** Processors and schedulers of the payouts part (apps/worker only). */
@Module({
  imports: [SubsidyPayoutsModule],
  providers: [PayoutProcessor],
})
export class SubsidyPayoutsWorkerModule {}
