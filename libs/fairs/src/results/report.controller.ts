import { Role, Roles } from '@app/core';
import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { FairReportService } from './report.service';

/** The fair report as an xlsx download (bearer token: operators and the bureau). */
@Controller('fairs')
export class FairReportController {
  constructor(private readonly reports: FairReportService) {}

  @Roles(Role.OPERATOR, Role.AUDITOR)
  @Get(':fairId/report.xlsx')
  @Header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Header('Content-Disposition', 'attachment; filename="fair-report.xlsx"')
  @Header('Cache-Control', 'no-store')
  async xlsx(@Param('fairId') fairId: string): Promise<StreamableFile> {
    return new StreamableFile(await this.reports.xlsx(fairId));
  }
}
