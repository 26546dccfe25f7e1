import { Actor, CurrentActor, PageArgs, Role, Roles } from '@app/core';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import GraphQLJSON from './json.scalar';
import { ProfileInput, TalentFilterInput } from './dto/profile.input';
import { ConsentModel, ProfileViewModel, SeekerProfileModel, SeekerProfilePage } from './models/profile.model';
import { ProfileAccessLogService } from '../access-log/profile-access-log.service';
import { ConsentService } from '../consent/consent.service';
import { TalentPoolService } from '../pool/talent-pool.service';
import { PersonalDataExportService } from '../privacy/personal-data-export.service';
import { EraseSeekerUseCase } from '../usecases/erase-seeker.usecase';
import { SeekerService } from './seeker.service';

@Resolver(() => SeekerProfileModel)
export class SeekerResolver {
  constructor(
    private readonly seekers: SeekerService,
    private readonly consents: ConsentService,
    private readonly pool: TalentPoolService,
    private readonly accessLog: ProfileAccessLogService,
    private readonly exports: PersonalDataExportService,
    private readonly eraseSeeker: EraseSeekerUseCase,
  ) {}

  @Roles(Role.SEEKER)
  @Query(() => SeekerProfileModel, { nullable: true, description: '我的档案 / my profile' })
  myProfile(@CurrentActor() actor: Actor) {
    return this.seekers.myProfile(actor);
  }

  @Roles(Role.SEEKER)
  @Mutation(() => SeekerProfileModel, {
    nullable: true,
    description:
      '建档或更新档案。身份证号已有档案且手机号不一致时返回 null 并进入身份核验（见 myIdentityClaim）/ create or update my profile; null when the ID number needs identity verification (see myIdentityClaim)',
  })
  saveMyProfile(@CurrentActor() actor: Actor, @Args('input') input: ProfileInput) {
    return this.seekers.upsertMyProfile(actor, input);
  }

  @Roles(Role.SEEKER)
  @Mutation(() => SeekerProfileModel, { description: '授权向基地企业共享档案 / consent to share with the base companies' })
  grantConsent(@CurrentActor() actor: Actor) {
    return this.consents.setConsent(actor, true);
  }

  @Roles(Role.SEEKER)
  @Mutation(() => SeekerProfileModel, { description: '撤回授权（企业立即不可见）/ withdraw consent, hidden from companies at once' })
  withdrawConsent(@CurrentActor() actor: Actor) {
    return this.consents.setConsent(actor, false);
  }

  @Roles(Role.SEEKER)
  @Mutation(() => SeekerProfileModel, { description: '单独授权企业查看敏感类别（贫困家庭、残疾人）/ separate consent: show sensitive categories to companies' })
  grantSensitiveConsent(@CurrentActor() actor: Actor) {
    return this.consents.setSensitiveConsent(actor, true);
  }

  @Roles(Role.SEEKER)
  @Mutation(() => SeekerProfileModel, { description: '撤回敏感类别授权 / withdraw the sensitive-category consent' })
  withdrawSensitiveConsent(@CurrentActor() actor: Actor) {
    return this.consents.setSensitiveConsent(actor, false);
  }

  @Roles(Role.SEEKER)
  @Query(() => [ConsentModel], { description: '我的授权记录 / my consent history' })
  myConsents(@CurrentActor() actor: Actor) {
    return this.consents.myConsents(actor);
  }

  @Roles(Role.SEEKER)
  @Query(() => [ProfileViewModel], { description: '谁看过我 / who viewed my profile' })
  myProfileViews(@CurrentActor() actor: Actor, @Args('first', { type: () => Int, defaultValue: 50 }) first: number) {
    return this.accessLog.myProfileViews(actor, Math.min(Math.max(first, 1), 200));
  }

  @Roles(Role.SEEKER)
  @Query(() => GraphQLJSON, { description: '导出我的全部数据 / export all my data' })
  exportMyData(@CurrentActor() actor: Actor) {
    return this.exports.exportMyData(actor);
  }

  @Roles(Role.SEEKER)
  @Mutation(() => Boolean, { description: '注销账号并删除个人信息 / delete my account and personal data' })
  async deleteMyAccount(@CurrentActor() actor: Actor) {
    await this.eraseSeeker.execute(actor);
    return true;
  }

  // The bureau (AUDITOR) gets aggregates (talentPoolStats), not a browsable list of people.
  @Roles(Role.HR, Role.OPERATOR)
  @Query(() => SeekerProfilePage, { description: '人才库（仅已授权者，信息脱敏）/ the talent pool: consenting seekers, masked' })
  talentPool(@Args('filter', { nullable: true }) filter: TalentFilterInput, @Args() page: PageArgs) {
    return this.pool.searchPool(filter ?? {}, page);
  }

  @Roles(Role.HR, Role.OPERATOR)
  @Query(() => SeekerProfileModel, { description: '查看人才档案（留痕）/ view one profile (logged)' })
  talentProfile(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.pool.viewProfile(actor, id);
  }
}
