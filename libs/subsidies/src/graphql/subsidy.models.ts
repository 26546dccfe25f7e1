import { Paginated } from '@app/core';
import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsDateString, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { SubsidyClaimStatus, SubsidyEvidenceKind, SubsidyItem, SubsidyLineStatus, SubsidyPartyKind, SubsidyReasonCode } from '../subsidies.enums';

/** GraphQL Int is 32-bit: one claim, line or limit fits (≤ 21,474,836.47 yuan); sums over many claims are Float (still whole fen). */
const MAX_INT_FEN = 2_147_483_647;

@ObjectType('SubsidyTraceEvidence')
export class SubsidyTraceEvidenceModel {
  @Field() kind: string;
  @Field(() => [String]) ids: string[];
}

@ObjectType('SubsidyTraceNode', { description: '规则判定的一个条件：所用数值、参数（含生效日期与依据条款）、证据记录' })
export class SubsidyTraceNodeModel {
  @Field() code: string;
  @Field() ok: boolean;
  @Field() zh: string;
  @Field() en: string;
  @Field(() => String, { nullable: true }) paramKey: string | null;
  @Field(() => String, { nullable: true }) paramEffectiveFrom: string | null;
  @Field(() => String, { nullable: true }) paramSource: string | null;
  @Field(() => [SubsidyTraceEvidenceModel]) evidence: SubsidyTraceEvidenceModel[];
}

@ObjectType('SubsidyClaimLine')
export class SubsidyClaimLineModel {
  @Field(() => ID) id: string;
  @Field(() => SubsidyItem) item: SubsidyItem;
  @Field(() => String, { nullable: true, description: '姓名（脱敏）/ masked name' }) personLabel: string | null;
  @Field({ description: "期间：'ONCE'、月份 YYYY-MM 等 / period" }) period: string;
  @Field({ description: '决定适用规则的事实日期 / the date whose rules apply' }) factDate: string;
  @Field(() => Int) amountFen: number;
  @Field(() => Int, { nullable: true }) approvedAmountFen: number | null;
  @Field(() => SubsidyLineStatus) status: SubsidyLineStatus;
  @Field(() => SubsidyReasonCode, { nullable: true }) reasonCode: SubsidyReasonCode | null;
  @Field({ description: '规则版本（规则代码版本与所用参数的生效日期）' }) ruleVersion: string;
  @Field(() => ID, { nullable: true }) hireId: string | null;
  @Field(() => ID, { nullable: true }) enrolmentId: string | null;
  @Field({ description: '判定过程（中文）' }) traceZh: string;
  @Field({ description: 'the evaluation (English)' }) traceEn: string;
  @Field(() => [SubsidyTraceNodeModel]) trace: SubsidyTraceNodeModel[];
}

@ObjectType('SubsidyClaimEvent')
export class SubsidyClaimEventModel {
  @Field(() => SubsidyClaimStatus, { nullable: true }) from: SubsidyClaimStatus | null;
  @Field(() => SubsidyClaimStatus) to: SubsidyClaimStatus;
  @Field(() => ID, { nullable: true }) actorId: string | null;
  @Field(() => String, { nullable: true }) actorRole: string | null;
  @Field() at: Date;
  @Field(() => SubsidyReasonCode, { nullable: true }) reasonCode: SubsidyReasonCode | null;
  @Field(() => String, { nullable: true }) note: string | null;
}

@ObjectType('SubsidyEvidence')
export class SubsidyEvidenceModel {
  @Field(() => ID) id: string;
  @Field(() => SubsidyEvidenceKind) kind: SubsidyEvidenceKind;
  @Field() fileName: string;
  @Field() mime: string;
  @Field(() => Int) sizeBytes: number;
  @Field() sha256: string;
  @Field() uploadedAt: Date;
}

@ObjectType('SubsidyDuplicate', { description: '同一人员或同一录用在其他申报中出现 / the same person or hire in another claim' })
export class SubsidyDuplicateModel {
  @Field(() => ID) lineId: string;
  @Field(() => ID) otherLineId: string;
  @Field(() => ID) otherClaimId: string;
  @Field(() => SubsidyItem) otherItem: SubsidyItem;
  @Field() otherPartyName: string;
  @Field() otherPeriod: string;
  @Field(() => SubsidyLineStatus) otherStatus: SubsidyLineStatus;
  @Field({ description: 'SAME_PERSON | SAME_HIRE | NOT_COMBINABLE' }) reason: string;
}

@ObjectType('SubsidyClaim')
export class SubsidyClaimModel {
  @Field(() => ID) id: string;
  @Field(() => SubsidyItem) item: SubsidyItem;
  @Field() itemLabelZh: string;
  @Field(() => SubsidyPartyKind) partyKind: SubsidyPartyKind;
  @Field(() => ID) partyId: string;
  @Field({ description: '申报主体名称（个人为脱敏姓名）' }) partyName: string;
  @Field(() => ID, { nullable: true }) tenantId: string | null;
  @Field(() => SubsidyClaimStatus) status: SubsidyClaimStatus;
  @Field({ description: 'PROPOSAL（系统预填）| MANUAL' }) origin: string;
  @Field(() => Int) claimedFen: number;
  @Field(() => Int, { nullable: true }) approvedFen: number | null;
  @Field(() => ID, { nullable: true }) submittedBy: string | null;
  @Field(() => Date, { nullable: true }) submittedAt: Date | null;
  @Field(() => ID, { nullable: true }) reviewerId: string | null;
  @Field(() => ID, { nullable: true }) approverId: string | null;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  @Field(() => SubsidyReasonCode, { nullable: true }) returnedReason: SubsidyReasonCode | null;
  @Field(() => String, { nullable: true }) returnDeadline: string | null;
  @Field(() => SubsidyReasonCode, { nullable: true }) rejectedReason: SubsidyReasonCode | null;
  @Field(() => String, { nullable: true }) publicityEndsOn: string | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

@ObjectType('SubsidyClaimPage')
export class SubsidyClaimPage extends Paginated(SubsidyClaimModel) {}

@ObjectType('SubsidyPublicityEntry', { description: '公示名单一行（姓名按个人信息保护法脱敏）' })
export class SubsidyPublicityEntryModel {
  @Field(() => ID) lineId: string;
  @Field(() => ID) claimId: string;
  @Field(() => SubsidyItem) item: SubsidyItem;
  @Field() itemLabelZh: string;
  @Field() partyName: string;
  @Field(() => String, { nullable: true }) personLabel: string | null;
  @Field() period: string;
  @Field(() => Int) approvedAmountFen: number;
  @Field() publicityEndsOn: string;
  @Field() objected: boolean;
}

@ObjectType('SubsidyDoubleDipClaim')
export class SubsidyDoubleDipClaimModel {
  @Field(() => ID) claimId: string;
  @Field(() => ID) lineId: string;
  @Field(() => SubsidyItem) item: SubsidyItem;
  @Field() partyName: string;
  @Field() period: string;
  @Field() factDate: string;
  @Field(() => Int) amountFen: number;
  @Field(() => SubsidyLineStatus) status: SubsidyLineStatus;
  @Field(() => ID, { nullable: true }) hireId: string | null;
}

@ObjectType('SubsidyDoubleDip', { description: '交叉重复享受报告的一行：同一人员或同一录用出现在多个申报中' })
export class SubsidyDoubleDipModel {
  @Field({ description: '人员标识（哈希前12位，不含身份证号）' }) personKey: string;
  @Field(() => String, { nullable: true }) personLabel: string | null;
  @Field(() => [String], { description: 'MULTIPLE_ITEMS | MULTIPLE_COMPANIES | MULTIPLE_YEARS | NOT_COMBINABLE | SAME_HIRE' }) reasons: string[];
  @Field({ description: '原因（中文）' }) reasonZh: string;
  @Field(() => [SubsidyDoubleDipClaimModel]) claims: SubsidyDoubleDipClaimModel[];
}

@ObjectType('SubsidyParameterValue')
export class SubsidyParameterValueModel {
  @Field(() => ID) id: string;
  @Field() effectiveFrom: string;
  @Field(() => String, { nullable: true, description: 'JSON 文本；null 表示该参数自生效日起终止' }) valueJson: string | null;
  @Field() source: string;
  @Field() createdAt: Date;
  @Field(() => ID, { nullable: true }) createdBy: string | null;
}

@ObjectType('SubsidyParameter')
export class SubsidyParameterModel {
  @Field() key: string;
  @Field(() => SubsidyItem, { nullable: true }) item: SubsidyItem | null;
  @Field({ description: 'FEN | COUNT | PCT | MONTHS | DAYS | M2 | FEN_BY_REGION' }) unit: string;
  @Field() descriptionZh: string;
  @Field() descriptionEn: string;
  @Field(() => [SubsidyParameterValueModel], { description: '历史取值，新的在前' }) history: SubsidyParameterValueModel[];
}

@ObjectType('SubsidyBudget')
export class SubsidyBudgetModel {
  @Field(() => SubsidyItem) item: SubsidyItem;
  @Field(() => Int) year: number;
  @Field(() => Float, { description: '预算（分，整数）' }) amountFen: number;
  @Field(() => Float, { description: '已批准（分，整数）' }) usedFen: number;
}

@ObjectType('SubsidyApprovalLimit')
export class SubsidyApprovalLimitModel {
  @Field(() => ID) userId: string;
  @Field(() => Int) maxFen: number;
}

@ObjectType('SubsidyMonthFigure')
export class SubsidyMonthFigureModel {
  @Field(() => SubsidyItem) item: SubsidyItem;
  @Field({ description: 'YYYY-MM' }) month: string;
  @Field(() => Int) claims: number;
  @Field(() => Float) claimedFen: number;
  @Field(() => Float) approvedFen: number;
}

@ObjectType('SubsidyApprovalTime')
export class SubsidyApprovalTimeModel {
  @Field(() => SubsidyItem) item: SubsidyItem;
  @Field(() => Int) decided: number;
  @Field(() => Float, { description: '提交到审批的平均小时数' }) avgHours: number;
  @Field(() => Float, { description: '中位数小时' }) medianHours: number;
}

@ObjectType('SubsidyTopParty')
export class SubsidyTopPartyModel {
  @Field(() => ID) partyId: string;
  @Field() partyName: string;
  @Field(() => Int) claims: number;
  @Field(() => Float) approvedFen: number;
}

@ObjectType('SubsidyDashboard')
export class SubsidyDashboardModel {
  @Field(() => Int) year: number;
  @Field(() => [SubsidyMonthFigureModel]) months: SubsidyMonthFigureModel[];
  @Field(() => [SubsidyApprovalTimeModel]) approvalTimes: SubsidyApprovalTimeModel[];
  @Field(() => [SubsidyTopPartyModel]) topCompanies: SubsidyTopPartyModel[];
  @Field(() => [SubsidyBudgetModel]) budgets: SubsidyBudgetModel[];
  @Field(() => String, { nullable: true, description: '申报审计链链头哈希 / head of the claims audit chain' }) claimsChainHead: string | null;
}

@ObjectType('SubsidyProposalRun')
export class SubsidyProposalRunModel {
  @Field() asOf: string;
  @Field(() => Int) evaluated: number;
  @Field(() => Int) eligible: number;
  @Field(() => Int) claimsCreated: number;
  @Field(() => Int) linesCreated: number;
}

// ---------------------------------------------------------------- inputs

@InputType()
export class SubsidyClaimFilter {
  @Field(() => SubsidyItem, { nullable: true }) @IsOptional() @IsEnum(SubsidyItem) item?: SubsidyItem;
  @Field(() => SubsidyClaimStatus, { nullable: true }) @IsOptional() @IsEnum(SubsidyClaimStatus) status?: SubsidyClaimStatus;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() tenantId?: string;
  @Field(() => Int, { nullable: true, description: '创建超过 N 天 / older than N days' }) @IsOptional() @IsInt() @Min(0) @Max(3650) olderThanDays?: number;
}

@InputType()
export class CreateSubsidyClaimInput {
  @Field(() => SubsidyItem) @IsEnum(SubsidyItem) item: SubsidyItem;
  @Field(() => [ID], { nullable: true, description: '录用（第11、16条）' }) @IsOptional() @IsUUID('all', { each: true }) hireIds?: string[];
  @Field(() => [ID], { nullable: true, description: '培训报名（第9、12、15条）' }) @IsOptional() @IsUUID('all', { each: true }) enrolmentIds?: string[];
  @Field(() => ID, { nullable: true, description: '运营方代企业申报时的企业' }) @IsOptional() @IsUUID() tenantId?: string;
}

@InputType()
export class SubsidyLineDecisionInput {
  @Field(() => ID) @IsUUID() lineId: string;
  @Field(() => Int) @IsInt() @Min(0) @Max(MAX_INT_FEN) approvedAmountFen: number;
  @Field(() => SubsidyReasonCode, { nullable: true }) @IsOptional() @IsEnum(SubsidyReasonCode) reasonCode?: SubsidyReasonCode;
}

@InputType()
export class DecideSubsidyClaimInput {
  @Field(() => ID) @IsUUID() claimId: string;
  @Field(() => [SubsidyLineDecisionInput], { defaultValue: [], description: '未列出的明细全额批准' })
  @ValidateNested({ each: true })
  @Type(() => SubsidyLineDecisionInput)
  lines: SubsidyLineDecisionInput[];
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

@InputType()
export class SetSubsidyParameterInput {
  @Field() @IsString() @MinLength(1) @MaxLength(100) key: string;
  @Field() @IsDateString({ strict: true }) effectiveFrom: string;
  @Field(() => String, { nullable: true, description: 'JSON：整数（分/人/%等），或 {"地区代码": 分}；null 终止该参数' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  valueJson?: string | null;
  @Field() @IsString() @MinLength(2) @MaxLength(500) sourceClause: string;
}
