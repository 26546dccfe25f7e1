import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Paginated } from '@app/core';
import { IdentityClaimMethod, IdentityClaimStatus, ProfileSource } from '../../seekers/seeker.enums';

/**
 * What the claimant sees: the state and what to do, never anything of the
 * existing profile. The same whether the profile was imported or belongs to
 * another account.
 */
@ObjectType('MyIdentityClaim', { description: '我的身份核验申请 / my identity verification request' })
export class MyIdentityClaimModel {
  @Field(() => IdentityClaimStatus) status: IdentityClaimStatus;
  @Field({ description: '说明与下一步（中文）/ what happens next, zh-CN' }) message: string;
  @Field({ description: 'what happens next, English' }) messageEn: string;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
}

/** What the service centre (and the bureau, reading) sees of a claim: masked data and the decision record. */
@ObjectType('IdentityClaim', { description: '身份核验申请（脱敏）/ identity claim, masked' })
export class IdentityClaimModel {
  @Field(() => ID) id: string;
  @Field(() => IdentityClaimStatus) status: IdentityClaimStatus;
  @Field(() => IdentityClaimMethod, { nullable: true, description: '核验方式 / how it was decided' }) method: IdentityClaimMethod | null;
  @Field(() => ID) seekerId: string;
  @Field({ description: '档案姓名（脱敏）/ masked name on the profile' }) nameMasked: string;
  @Field(() => String, { nullable: true, description: '身份证号（脱敏）/ masked ID number' }) idNumberMasked: string | null;
  @Field(() => ProfileSource, { description: '档案来源 / where the profile came from' }) profileSource: ProfileSource;
  @Field(() => String, { nullable: true, description: '档案中的手机号（脱敏）/ masked phone on the profile' }) profilePhoneMasked: string | null;
  @Field(() => String, { nullable: true, description: '申请人验证过的手机号（脱敏）/ masked SMS-verified phone of the claimant' }) claimantPhoneMasked:
    string | null;
  @Field({ description: '申请时档案已绑定其他账号 / the profile was linked to another account when claimed' }) profileWasLinked: boolean;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  @Field(() => String, { nullable: true, description: '核验人 / who decided' }) decidedByName: string | null;
  @Field(() => String, { nullable: true, description: '核验意见 / decision note' }) decisionNote: string | null;
}

@ObjectType('IdentityClaimPage')
export class IdentityClaimPage extends Paginated(IdentityClaimModel) {}
