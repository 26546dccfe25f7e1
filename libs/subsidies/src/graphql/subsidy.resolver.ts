import { Actor, Clock, CurrentActor, PageArgs, Public, Role, Roles } from '@app/core';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ClaimQueryService, toClaimModel } from '../claims/claim-query.service';
import { ClaimCreateService } from '../claims/claim-create.service';
import { ClaimService } from '../claims/claim.service';
import { BudgetService } from '../parameters/budget.service';
import { ParameterService } from '../parameters/parameter.service';
import { ProposalService } from '../proposals/proposal.service';
import { SubsidyItem, SubsidyReasonCode } from '../subsidies.enums';
import { subsidiesError, SubsidiesExceptionCode } from '../subsidies.exception';
import {
  CreateSubsidyClaimInput,
  DecideSubsidyClaimInput,
  SetSubsidyParameterInput,
  SubsidyBudgetModel,
  SubsidyClaimEventModel,
  SubsidyClaimFilter,
  SubsidyClaimLineModel,
  SubsidyClaimModel,
  SubsidyClaimPage,
  SubsidyDashboardModel,
  SubsidyDoubleDipModel,
  SubsidyDuplicateModel,
  SubsidyEvidenceModel,
  SubsidyParameterModel,
  SubsidyProposalRunModel,
  SubsidyPublicityEntryModel,
} from './subsidy.models';

const PARTIES = [Role.HR, Role.SEEKER, Role.SCHOOL_ADMIN, Role.OPERATOR] as const;
const VIEWERS = [Role.HR, Role.SEEKER, Role.SCHOOL_ADMIN, Role.AUDITOR, Role.OPERATOR] as const;
const firstArg = { type: () => Int, defaultValue: 50, description: '最多 100 条 / at most 100' };
const clampFirst = (n: number) => Math.max(1, Math.min(100, Math.floor(n || 50)));

/** Subsidy claims for parties, the HR bureau and the service centre (issue 10 §1–2, §5). Thin: rules live in the services. */
@Resolver(() => SubsidyClaimModel)
export class SubsidyResolver {
  constructor(
    private readonly claims: ClaimService,
    private readonly create: ClaimCreateService,
    private readonly query: ClaimQueryService,
    private readonly params: ParameterService,
    private readonly budgets: BudgetService,
    private readonly proposals: ProposalService,
    private readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------- queries

  @Roles(...VIEWERS)
  @Query(() => SubsidyClaimPage, { description: '补贴申报列表（企业只见本企业、个人只见本人；人社局与运营方可见全部）' })
  subsidyClaims(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args('filter', { type: () => SubsidyClaimFilter, nullable: true }) filter?: SubsidyClaimFilter,
  ) {
    return this.query.list(actor, filter ?? {}, page, this.clock.now());
  }

  @Roles(...VIEWERS)
  @Query(() => SubsidyClaimModel, { description: '一件补贴申报（明细、判定过程、流转记录、材料、疑似重复）' })
  async subsidyClaim(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return toClaimModel(await this.claims.visible(actor, id));
  }

  @Public()
  @Query(() => [SubsidyPublicityEntryModel], { description: '补贴公示名单（姓名脱敏）/ the publicity list, names masked' })
  subsidyPublicity(@Args('first', firstArg) first: number) {
    return this.query.publicity(clampFirst(first));
  }

  @Roles(Role.AUDITOR, Role.OPERATOR)
  @Query(() => [SubsidyDoubleDipModel], { description: '交叉重复享受报告 / cross-item double-dipping report' })
  subsidyDoubleDipping(@Args('first', firstArg) first: number) {
    return this.query.doubleDipping(clampFirst(first));
  }

  @Roles(Role.AUDITOR, Role.OPERATOR)
  @Query(() => [SubsidyParameterModel], { description: '补贴参数及历史取值 / policy parameters with their dated values' })
  async subsidyParameters() {
    return (await this.params.list()).map((p) => ({
      ...p,
      history: p.history.map((h) => ({
        id: h.valueId,
        effectiveFrom: h.effectiveFrom,
        valueJson: h.value === null ? null : JSON.stringify(h.value),
        source: h.source,
        createdAt: h.createdAt,
        createdBy: h.createdBy,
      })),
    }));
  }

  @Roles(Role.AUDITOR, Role.OPERATOR)
  @Query(() => SubsidyDashboardModel, { description: '补贴统计（按项目按月、审批用时、企业排名、预算）' })
  subsidyDashboard(@Args('year', { type: () => Int }) year: number) {
    return this.query.dashboard(year);
  }

  @Roles(Role.AUDITOR, Role.OPERATOR)
  @Query(() => [SubsidyBudgetModel])
  subsidyBudgets(@Args('year', { type: () => Int }) year: number) {
    return this.query.budgets(year);
  }

  @Roles(Role.SEEKER)
  @Query(() => [SubsidyClaimModel], { description: '我的补贴（生活补贴等）/ subsidies owed to me' })
  mySubsidies(@CurrentActor() actor: Actor) {
    return this.query.mine(actor);
  }

  // ---------------------------------------------------------------- fields (the claim is already visible to the caller)

  @ResolveField(() => [SubsidyClaimLineModel])
  lines(@Parent() c: SubsidyClaimModel) {
    return this.query.lines(c.id);
  }

  @ResolveField(() => [SubsidyClaimEventModel])
  events(@Parent() c: SubsidyClaimModel) {
    return this.query.events(c.id);
  }

  @ResolveField(() => [SubsidyEvidenceModel])
  evidence(@Parent() c: SubsidyClaimModel) {
    return this.query.evidence(c.id);
  }

  /** Other claims of the same person or hire: for the bureau and the service centre only (a company must not learn of other companies' claims). */
  @ResolveField(() => [SubsidyDuplicateModel])
  duplicates(@Parent() c: SubsidyClaimModel, @CurrentActor() actor: Actor) {
    return actor.role === Role.AUDITOR || actor.role === Role.OPERATOR ? this.query.duplicates(c.id) : [];
  }

  // ---------------------------------------------------------------- party

  @Roles(Role.HR, Role.SEEKER, Role.OPERATOR)
  @Mutation(() => SubsidyClaimModel, { description: '按平台记录发起申报（第9、11、12、15、16条）' })
  async createSubsidyClaim(@CurrentActor() actor: Actor, @Args('input') input: CreateSubsidyClaimInput) {
    return toClaimModel(await this.claims.visible(actor, await this.create.create(actor, input)));
  }

  @Roles(...PARTIES)
  @Mutation(() => SubsidyClaimModel)
  async submitSubsidyClaim(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return toClaimModel(await this.claims.submit(actor, id));
  }

  @Roles(...PARTIES)
  @Mutation(() => SubsidyClaimModel)
  async withdrawSubsidyClaim(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('note', { nullable: true }) note?: string) {
    return toClaimModel(await this.claims.withdraw(actor, id, note));
  }

  @Roles(...PARTIES)
  @Mutation(() => SubsidyClaimModel, { description: '对不予批准申请复核' })
  async appealSubsidyClaim(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('note') note: string) {
    return toClaimModel(await this.claims.appeal(actor, id, note));
  }

  // ---------------------------------------------------------------- bureau

  @Roles(Role.AUDITOR)
  @Mutation(() => SubsidyClaimModel)
  async startSubsidyReview(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return toClaimModel(await this.claims.startReview(actor, id));
  }

  @Roles(Role.AUDITOR)
  @Mutation(() => SubsidyClaimModel, { description: '退回补正（原因代码 + 期限 YYYY-MM-DD）' })
  async returnSubsidyClaim(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => SubsidyReasonCode }) reason: SubsidyReasonCode,
    @Args('deadline') deadline: string,
    @Args('note', { nullable: true }) note?: string,
  ) {
    return toClaimModel(await this.claims.returnForCorrection(actor, id, reason, deadline, note));
  }

  @Roles(Role.AUDITOR)
  @Mutation(() => SubsidyClaimModel, { description: '初审通过，提请审批' })
  async recommendSubsidyClaim(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('note', { nullable: true }) note?: string) {
    return toClaimModel(await this.claims.recommend(actor, id, note));
  }

  @Roles(Role.AUDITOR)
  @Mutation(() => SubsidyClaimModel, { description: '审批（逐条核定金额；双人复核、审批限额、年度预算）' })
  async decideSubsidyClaim(@CurrentActor() actor: Actor, @Args('input') input: DecideSubsidyClaimInput) {
    return toClaimModel(await this.claims.decide(actor, input.claimId, input.lines, input.note));
  }

  @Roles(Role.AUDITOR)
  @Mutation(() => SubsidyClaimModel)
  async rejectSubsidyClaim(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => SubsidyReasonCode }) reason: SubsidyReasonCode,
    @Args('note') note: string,
  ) {
    return toClaimModel(await this.claims.reject(actor, id, reason, note));
  }

  @Roles(Role.AUDITOR)
  @Mutation(() => SubsidyClaimModel)
  async suspendSubsidyClaim(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => SubsidyReasonCode }) reason: SubsidyReasonCode,
    @Args('note') note: string,
  ) {
    return toClaimModel(await this.claims.suspend(actor, id, reason, note));
  }

  @Roles(Role.AUDITOR, Role.OPERATOR)
  @Mutation(() => SubsidyClaimModel, { description: '登记公示期异议（关联到明细），申报转入异议核查' })
  async objectToSubsidyLine(@CurrentActor() actor: Actor, @Args('lineId', { type: () => ID }) lineId: string, @Args('note') note: string) {
    return toClaimModel(await this.claims.objectToLine(actor, lineId, note));
  }

  // ---------------------------------------------------------------- settings

  @Roles(Role.OPERATOR)
  @Mutation(() => SubsidyParameterModel, { description: '新增参数取值（带生效日期与依据条款，保留历史）' })
  async setSubsidyParameter(@CurrentActor() actor: Actor, @Args('input') input: SetSubsidyParameterInput) {
    let value: unknown = null;
    if (input.valueJson !== null && input.valueJson !== undefined && input.valueJson.trim() !== 'null') {
      try {
        value = JSON.parse(input.valueJson);
      } catch {
        throw subsidiesError(SubsidiesExceptionCode.PARAMETER_VALUE_INVALID, { zh: '取值不是合法的 JSON', en: 'value is not valid JSON' });
      }
    }
    const p = await this.params.set(actor, { key: input.key, effectiveFrom: input.effectiveFrom, value, sourceClause: input.sourceClause });
    return {
      ...p,
      history: p.history.map((h) => ({
        id: h.valueId,
        effectiveFrom: h.effectiveFrom,
        valueJson: h.value === null ? null : JSON.stringify(h.value),
        source: h.source,
        createdAt: h.createdAt,
        createdBy: h.createdBy,
      })),
    };
  }

  @Roles(Role.AUDITOR, Role.OPERATOR)
  @Mutation(() => [SubsidyBudgetModel], { description: '设置某项目某年度预算（分）' })
  async setSubsidyBudget(
    @CurrentActor() actor: Actor,
    @Args('item', { type: () => SubsidyItem }) item: SubsidyItem,
    @Args('year', { type: () => Int }) year: number,
    @Args('amountFen', { type: () => Number }) amountFen: number,
  ) {
    await this.budgets.setBudget(actor, item, year, amountFen);
    return this.query.budgets(year);
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => Boolean, { description: '设置人社局审核人员的审批限额（分）' })
  async setApprovalLimit(
    @CurrentActor() actor: Actor,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('maxFen', { type: () => Int }) maxFen: number,
  ) {
    if (!/^[0-9a-f-]{36}$/i.test(userId)) throw subsidiesError(SubsidiesExceptionCode.NOT_FOUND);
    await this.budgets.setApprovalLimit(actor, userId, maxFen);
    return true;
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => SubsidyProposalRunModel, { description: '立即运行预填申报（与夜间任务相同，幂等）' })
  runSubsidyProposals() {
    return this.proposals.evaluateNow();
  }
}
