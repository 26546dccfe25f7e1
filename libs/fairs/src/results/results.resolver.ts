import { Actor, CurrentActor, Role, Roles } from '@app/core';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { FairModel } from '../fairs/models/fair.model';
import { CarryOverService } from './carry-over.service';
import { CloseFairUseCase } from './close-fair.usecase';
import { FairCarryOverModel, FairReportModel } from './models/report.model';
import { FairReportService } from './report.service';

@Resolver(() => FairReportModel)
export class ResultsResolver {
  constructor(
    private readonly reports: FairReportService,
    private readonly closeFairUseCase: CloseFairUseCase,
    private readonly carry: CarryOverService,
  ) {}

  @Roles(Role.OPERATOR, Role.AUDITOR)
  @Query(() => FairReportModel, { description: '招聘会报告（xlsx：/fairs/:id/report.xlsx）/ the fair report' })
  fairReport(@Args('fairId', { type: () => ID }) fairId: string) {
    return this.reports.report(fairId);
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => FairModel, { description: '结束招聘会：登记结果，未满岗位顺延到下一场 / close: record results, carry unfilled places over' })
  closeFair(@Args('fairId', { type: () => ID }) fairId: string) {
    return this.closeFairUseCase.execute(fairId);
  }

  @Roles(Role.HR)
  @Query(() => [FairCarryOverModel], { description: '本企业的顺延岗位 / my company’s carry-overs' })
  myFairCarryOvers(@CurrentActor() actor: Actor, @Args('fairId', { type: () => ID, nullable: true }) fairId?: string) {
    return this.carry.mine(actor, fairId ?? null);
  }

  @Roles(Role.HR)
  @Mutation(() => FairCarryOverModel, { description: '确认或撤回顺延 / confirm or withdraw a carry-over' })
  decideFairCarryOver(@CurrentActor() actor: Actor, @Args('carryOverId', { type: () => ID }) carryOverId: string, @Args('confirm') confirm: boolean) {
    return this.carry.decide(actor, carryOverId, confirm);
  }
}
