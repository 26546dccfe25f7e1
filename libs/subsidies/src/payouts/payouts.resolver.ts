import { Actor, CurrentActor, PageArgs, Role, Roles, toPage } from '@app/core';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CreateSubsidyPaymentBatchInput, RecordSubsidyReceiptInput, SettleSubsidyRecoveryInput, SubsidyRecoveryArgs } from './dto/payout.inputs';
import {
  SubsidyPaymentBatchModel,
  SubsidyPaymentBatchPage,
  SubsidyPayoutInstructionModel,
  SubsidyRecoveryModel,
  SubsidyRecoveryPage,
  SubsidyRetentionCheckPage,
} from './models/payout.models';
import { PayoutDeskService } from './payout-desk.service';

/** The bureau's payout desk (issue 10 §3–4): thin resolvers over PayoutDeskService. */
@Resolver(() => SubsidyPaymentBatchModel)
export class PayoutsResolver {
  constructor(private readonly desk: PayoutDeskService) {}

  @Roles(Role.AUDITOR, Role.OPERATOR)
  @Query(() => SubsidyPaymentBatchPage, { description: '补贴支付批次 / payment batches' })
  async subsidyPaymentBatches(@Args() page: PageArgs) {
    const { items, total } = await this.desk.batches(page);
    return toPage(items, total, page);
  }

  @Roles(Role.AUDITOR, Role.OPERATOR)
  @Query(() => SubsidyPaymentBatchModel, { description: '一个支付批次 / one payment batch' })
  subsidyPaymentBatch(@Args('id', { type: () => ID }) id: string) {
    return this.desk.batch(id);
  }

  @Roles(Role.AUDITOR, Role.OPERATOR)
  @Mutation(() => SubsidyPaymentBatchModel, { description: '将到期的支付指令生成支付批次 / batch the due payouts' })
  createSubsidyPaymentBatch(@CurrentActor() actor: Actor, @Args('input', { nullable: true }) input?: CreateSubsidyPaymentBatchInput) {
    return this.desk.createBatch(actor, input?.dueThrough ?? null);
  }

  @Roles(Role.AUDITOR)
  @Mutation(() => SubsidyPaymentBatchModel, { description: '登记银行回单 / record the bank receipt' })
  recordSubsidyReceipt(@CurrentActor() actor: Actor, @Args('input') input: RecordSubsidyReceiptInput) {
    return this.desk.recordReceipt(actor, input.batchId, input.lines);
  }

  @Roles(Role.AUDITOR, Role.OPERATOR)
  @Query(() => SubsidyRecoveryPage, { description: '补贴追回 / recoveries' })
  async subsidyRecoveries(@Args() args: SubsidyRecoveryArgs) {
    const { items, total } = await this.desk.recoveries(args, args.status ?? null);
    return toPage(items, total, args);
  }

  @Roles(Role.AUDITOR)
  @Mutation(() => SubsidyRecoveryModel, { description: '处理追回：已追回 / 免于追回 / settle a recovery' })
  settleSubsidyRecovery(@CurrentActor() actor: Actor, @Args('input') input: SettleSubsidyRecoveryInput) {
    return this.desk.settleRecovery(actor, input.id, input.outcome, input.reason);
  }

  @Roles(Role.AUDITOR, Role.OPERATOR)
  @Query(() => SubsidyRetentionCheckPage, { description: '受补贴录用人员 3/6/12 个月留任核查 / retention checks' })
  async subsidyRetentionChecks(@Args() page: PageArgs) {
    const { items, total } = await this.desk.retentionChecks(page);
    return toPage(items, total, page);
  }

  @ResolveField(() => [SubsidyPayoutInstructionModel], { description: '批次内的支付指令 / the batch instructions' })
  instructions(@Parent() batch: SubsidyPaymentBatchModel) {
    return this.desk.batchInstructions(batch.id);
  }
}
