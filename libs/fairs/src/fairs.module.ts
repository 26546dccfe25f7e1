import { Module } from '@nestjs/common';
import { BoothResolver } from './booths/booth.resolver';
import { FairsCoreModule } from './fairs-core.module';
import { FairResolver } from './fairs/fair.resolver';
import { FairsLiveApiModule, FairsLiveModule, FairsLiveWorkerModule } from './live/live.module';
import { TicketResolver } from './tickets/ticket.resolver';
import { FairSchedulerProcessor } from './fairs/fair-scheduler.processor';
import { PosterController } from './posters/poster.controller';
import { FairReportController } from './results/report.controller';
import { ResultsResolver } from './results/results.resolver';
import { SelectionResolver } from './selection/selection.resolver';

/** The fairs context (issue 11): series, fairs, booths, tickets, check-in, selection, results, carry-over; the live part in ./live. */
@Module({
  imports: [FairsCoreModule, FairsLiveModule],
  providers: [],
  exports: [FairsCoreModule, FairsLiveModule],
})
export class FairsModule {}

/** The API-facing part: GraphQL resolvers and REST controllers of the fairs context. */
@Module({
  imports: [FairsModule, FairsLiveApiModule],
  controllers: [PosterController, FairReportController],
  providers: [FairResolver, BoothResolver, TicketResolver, SelectionResolver, ResultsResolver],
})
export class FairsApiModule {}

/** The worker-facing part: BullMQ processors and job schedulers of the fairs context (apps/worker). */
@Module({
  imports: [FairsModule, FairsLiveWorkerModule],
  providers: [FairSchedulerProcessor],
})
export class FairsWorkerModule {}
