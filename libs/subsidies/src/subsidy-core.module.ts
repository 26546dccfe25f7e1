import { Module } from '@nestjs/common';
import { SubsidyAudit } from './audit/subsidy-audit';
import { ParameterService } from './parameters/parameter.service';

/**
 * The shared core of the subsidies context: the audit chain (`SubsidyAudit.append(manager, chain, kind, payload, actor)`)
 * and the dated parameters. Imported by SubsidiesModule and by the payouts part (SubsidyPayoutsModule) without a cycle.
 */
@Module({
  providers: [SubsidyAudit, ParameterService],
  exports: [SubsidyAudit, ParameterService],
})
export class SubsidyCoreModule {}
