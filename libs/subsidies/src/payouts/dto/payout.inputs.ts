import { PageArgs } from '@app/core';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { SubsidyReceiptOutcome, SubsidyRecoveryOutcome, SubsidyRecoveryStatus } from '../models/payout.models';

@InputType({ description: '回单明细 / one line of the bank receipt' })
export class SubsidyReceiptLineInput {
  @Field(() => ID) @IsUUID() instructionId: string;
  @Field(() => SubsidyReceiptOutcome) @IsEnum(SubsidyReceiptOutcome) outcome: SubsidyReceiptOutcome;
  @Field({ nullable: true, description: '银行流水号' }) @IsOptional() @IsString() @Length(1, 64) bankRef?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 500) note?: string;
}

@InputType({ description: '登记银行回单 / record the bank receipt of a batch' })
export class RecordSubsidyReceiptInput {
  @Field(() => ID) @IsUUID() batchId: string;
  @Field(() => [SubsidyReceiptLineInput])
  @ValidateNested({ each: true })
  @Type(() => SubsidyReceiptLineInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  lines: SubsidyReceiptLineInput[];
}

@InputType({ description: '处理追回：已追回 / 免于追回，须注明原因' })
export class SettleSubsidyRecoveryInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => SubsidyRecoveryOutcome) @IsEnum(SubsidyRecoveryOutcome) outcome: SubsidyRecoveryOutcome;
  @Field() @IsString() @Length(1, 500) reason: string;
}

@InputType({ description: '生成支付批次 / make a payment batch' })
export class CreateSubsidyPaymentBatchInput {
  @Field({ nullable: true, description: '包含到期日不晚于此日期（北京时间，默认今天）的指令' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  dueThrough?: string;
}

@ArgsType()
export class SubsidyRecoveryArgs extends PageArgs {
  @Field(() => SubsidyRecoveryStatus, { nullable: true }) @IsOptional() @IsEnum(SubsidyRecoveryStatus) status?: SubsidyRecoveryStatus;
}
