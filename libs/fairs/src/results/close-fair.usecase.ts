import { Clock } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FairService } from '../fairs/fair.service';
import { FairModel } from '../fairs/models/fair.model';
import { CarryOverService } from './carry-over.service';
import { FairReportService } from './report.service';

/**
 * Closing a fair, in one transaction: LIVE → CLOSED, the results per posting recorded (fair_results), and every
 * posting with places left carried to the next fair of the series. A second close is refused by the state machine.
 */
@Injectable()
export class CloseFairUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly fairs: FairService,
    private readonly reports: FairReportService,
    private readonly carry: CarryOverService,
  ) {}

  async execute(fairId: string): Promise<FairModel> {
    await this.dataSource.transaction(async (m) => {
      const fair = await this.fairs.transition(fairId, 'CLOSED', m);
      const report = await this.reports.recordResults(fair, m, this.clock.now());
      await this.carry.carryFrom(fair, report, m);
    });
    return this.fairs.get(fairId);
  }
}
