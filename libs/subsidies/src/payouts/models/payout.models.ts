import { Paginated } from '@app/core';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SubsidyItem, SubsidyPartyKind } from '../../subsidies.enums';

export enum SubsidyPayoutStatus {
  PLANNED = 'PLANNED',
  DUE = 'DUE',
  BATCHED = 'BATCHED',
  PAID = 'PAID',
  UNKNOWN = 'UNKNOWN',
  CANCELLED = 'CANCELLED',
  HELD = 'HELD',
}
registerEnumType(SubsidyPayoutStatus, {
  name: 'SubsidyPayoutStatus',
  description: '支付指令状态：计划 / 到期 / 已入批 / 已支付 / 结果不明待对账 / 已取消 / 暂缓（留任期内）',
});

export enum SubsidyPaymentBatchStatus {
  DRAFT = 'DRAFT',
  SENT = 'SENT',
  RECEIPTED = 'RECEIPTED',
  RECONCILE = 'RECONCILE',
}
registerEnumType(SubsidyPaymentBatchStatus, { name: 'SubsidyPaymentBatchStatus', description: '支付批次状态：草稿 / 已报送银行 / 已回单 / 待对账' });

export enum SubsidyReceiptOutcome {
  PAID = 'PAID',
  FAILED = 'FAILED',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(SubsidyReceiptOutcome, { name: 'SubsidyReceiptOutcome', description: '银行回单结果：成功 / 失败（下批重发）/ 不明（待对账，不自动重发）' });

export enum SubsidyRecoveryStatus {
  DUE = 'DUE',
  OFFSET = 'OFFSET',
  RECOVERED = 'RECOVERED',
  WAIVED = 'WAIVED',
}
registerEnumType(SubsidyRecoveryStatus, { name: 'SubsidyRecoveryStatus', description: '追回状态：待追回 / 已从后续拨付中抵扣 / 已追回 / 已免于追回' });

export enum SubsidyRecoveryOutcome {
  RECOVERED = 'RECOVERED',
  WAIVED = 'WAIVED',
}
registerEnumType(SubsidyRecoveryOutcome, { name: 'SubsidyRecoveryOutcome', description: '追回处理结果：已追回 / 免于追回' });

export enum SubsidyRetentionResult {
  RETAINED = 'RETAINED',
  LEFT = 'LEFT',
}
registerEnumType(SubsidyRetentionResult, { name: 'SubsidyRetentionResult', description: '留任核查结果：在职 / 已离职' });

@ObjectType('SubsidyPayoutInstruction', { description: '补贴支付指令（每个项目、申报明细、期次一条）/ a payout instruction' })
export class SubsidyPayoutInstructionModel {
  @Field(() => ID) id: string;
  @Field(() => ID) claimId: string;
  @Field(() => ID) claimLineId: string;
  @Field(() => SubsidyItem) item: SubsidyItem;
  @Field(() => Int, { description: '第几期 / instalment number' }) instalmentNo: number;
  @Field(() => Int, { description: '共几期 / instalments in all' }) instalments: number;
  @Field({ description: '到期日（北京时间）YYYY-MM-DD' }) dueOn: string;
  @Field(() => SubsidyPartyKind) payeeKind: SubsidyPartyKind;
  @Field({ description: '收款方（个人姓名已脱敏）/ payee (a person masked)' }) payeeName: string;
  @Field(() => Int) amountFen: number;
  @Field(() => SubsidyPayoutStatus) status: SubsidyPayoutStatus;
  @Field(() => String, { nullable: true, description: '银行流水号 / bank reference' }) bankRef: string | null;
}

@ObjectType('SubsidyPaymentBatch', { description: '补贴支付批次（银行代发文件）/ a payment batch' })
export class SubsidyPaymentBatchModel {
  @Field(() => ID) id: string;
  @Field(() => SubsidyPaymentBatchStatus) status: SubsidyPaymentBatchStatus;
  @Field({ description: '包含到期日不晚于此日期的指令 / instructions due on or before' }) dueThrough: string;
  // A batch can exceed GraphQL Int (2^31 fen ≈ 2,147 万元): Float carrying a whole number of fen, as the claims' totals.
  @Field(() => Float, { description: '应付合计（分，整数）/ gross, whole fen' }) totalFen: number;
  @Field(() => Float, { description: '抵扣追回（分，整数）/ recoveries offset, whole fen' }) offsetFen: number;
  @Field(() => Float, { description: '实付合计（分，整数）/ net, whole fen' }) netFen: number;
  @Field(() => Int, { description: '指令笔数' }) count: number;
  @Field(() => Int, { description: '收款方数（文件行数）' }) payeeCount: number;
  @Field({ description: '银行文件名（由批次号确定）' }) fileName: string;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) sentAt: Date | null;
  @Field(() => Date, { nullable: true }) receiptedAt: Date | null;
}

@ObjectType('SubsidyPaymentBatchPage')
export class SubsidyPaymentBatchPage extends Paginated(SubsidyPaymentBatchModel) {}

@ObjectType('SubsidyRecovery', { description: '补贴追回（合同1年内解除）/ a recovery (clawback)' })
export class SubsidyRecoveryModel {
  @Field(() => ID) id: string;
  @Field(() => ID) instructionId: string;
  @Field(() => ID) claimLineId: string;
  @Field(() => SubsidyItem) item: SubsidyItem;
  @Field(() => ID, { nullable: true }) hireId: string | null;
  @Field(() => SubsidyPartyKind) payeeKind: SubsidyPartyKind;
  @Field(() => ID) payeeId: string;
  @Field(() => Int) amountFen: number;
  @Field({ description: '原因代码 / reason code' }) reasonCode: string;
  @Field(() => String, { nullable: true, description: '解除合同原因（企业登记）/ the termination reason' }) reason: string | null;
  @Field(() => String, { nullable: true }) terminatedOn: string | null;
  @Field(() => SubsidyRecoveryStatus) status: SubsidyRecoveryStatus;
  @Field(() => ID, { nullable: true }) offsetBatchId: string | null;
  @Field(() => Date, { nullable: true }) settledAt: Date | null;
  @Field(() => String, { nullable: true }) settleReason: string | null;
  @Field() createdAt: Date;
}

@ObjectType('SubsidyRecoveryPage')
export class SubsidyRecoveryPage extends Paginated(SubsidyRecoveryModel) {}

@ObjectType('SubsidyRetentionCheck', { description: '受补贴录用人员 3/6/12 个月留任核查 / retention check of a subsidised hire' })
export class SubsidyRetentionCheckModel {
  @Field(() => ID) id: string;
  @Field(() => ID) hireId: string;
  @Field(() => ID, { nullable: true }) tenantId: string | null;
  @Field(() => Int) months: number;
  @Field() dueOn: string;
  @Field(() => SubsidyRetentionResult, { nullable: true, description: '空：尚未到期' }) result: SubsidyRetentionResult | null;
  @Field(() => String, { nullable: true }) terminatedOn: string | null;
  @Field(() => Date, { nullable: true }) checkedAt: Date | null;
}

@ObjectType('SubsidyRetentionCheckPage')
export class SubsidyRetentionCheckPage extends Paginated(SubsidyRetentionCheckModel) {}
