import { EmployersModule } from '@app/employers';
import { InterviewsModule } from '@app/interviews';
import { TalentModule } from '@app/talent';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BoothService } from './booths/booth.service';
import { FAIR_ENTITIES } from './fairs.entities';
import { FairsQueryService } from './fairs-query.service';
import { FairService } from './fairs/fair.service';
import { FairPostingReader } from './results/fair-posting.reader';
import { CheckinService } from './tickets/checkin.service';
import { PosterService } from './posters/poster.service';
import { CarryOverService } from './results/carry-over.service';
import { CloseFairUseCase } from './results/close-fair.usecase';
import { FairReportService } from './results/report.service';
import { SelectionService } from './selection/selection.service';
import { TicketService } from './tickets/ticket.service';

const services = [
  FairService,
  BoothService,
  FairPostingReader,
  CheckinService,
  TicketService,
  FairsQueryService,
  PosterService,
  SelectionService,
  FairReportService,
  CarryOverService,
  CloseFairUseCase,
];

/**
 * The fairs core (issue 11 §1–§3, §5): its tables and services. The live part (./live) imports this module for
 * FairsQueryService and CheckinService.
 */
@Module({
  imports: [TypeOrmModule.forFeature(FAIR_ENTITIES), EmployersModule, TalentModule, InterviewsModule],
  providers: services,
  exports: [...services, TypeOrmModule],
})
export class FairsCoreModule {}
