import { Actor, CurrentActor, Role, Roles } from '@app/core';
import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Writable } from 'stream';
import { PayoutDeskService } from './payout-desk.service';

type HttpResponse = Writable & { setHeader(name: string, value: string): void };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** REST only where GraphQL is wrong: the bank file of a payment batch (xlsx), for the HR bureau. */
@Controller('subsidies/payment-batches')
export class PayoutsController {
  constructor(private readonly desk: PayoutDeskService) {}

  @Roles(Role.AUDITOR)
  @Get(':id/bank-file.xlsx')
  async bankFile(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: HttpResponse): Promise<void> {
    const name = await this.desk.bankFileName(id); // NOT_FOUND before any byte is sent
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    res.setHeader('Cache-Control', 'no-store');
    await this.desk.writeBankFile(actor, id, res);
  }
}
