import { Actor, CurrentActor, PageArgs, Role, Roles } from '@app/core';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DecideIdentityClaimInput, IdentityClaimFilterInput } from './dto/identity-claim.input';
import { IdentityClaimService } from './identity-claim.service';
import { IdentityClaimModel, IdentityClaimPage, MyIdentityClaimModel } from './models/identity-claim.model';

@Resolver(() => IdentityClaimModel)
export class IdentityClaimResolver {
  constructor(private readonly claims: IdentityClaimService) {}

  @Roles(Role.SEEKER)
  @Query(() => MyIdentityClaimModel, { nullable: true, description: '我的身份核验申请（最近一次）/ my latest identity verification request' })
  myIdentityClaim(@CurrentActor() actor: Actor) {
    return this.claims.myClaim(actor);
  }

  @Roles(Role.SEEKER)
  @Mutation(() => MyIdentityClaimModel, { nullable: true, description: '撤销我的身份核验申请 / cancel my pending identity verification' })
  cancelMyIdentityClaim(@CurrentActor() actor: Actor) {
    return this.claims.cancelMine(actor);
  }

  @Roles(Role.OPERATOR, Role.AUDITOR)
  @Query(() => IdentityClaimPage, { description: '身份核验申请（脱敏）/ identity claims, masked' })
  identityClaims(@Args('filter', { nullable: true }) filter: IdentityClaimFilterInput, @Args() page: PageArgs) {
    return this.claims.list(filter ?? {}, page);
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => IdentityClaimModel, { description: '核验通过：档案绑定到申请人账号（留痕）/ approve: link the profile to the claimant (recorded)' })
  approveIdentityClaim(@CurrentActor() actor: Actor, @Args('input') input: DecideIdentityClaimInput) {
    return this.claims.decide(actor, input, true);
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => IdentityClaimModel, { description: '核验不通过（留痕）/ reject (recorded)' })
  rejectIdentityClaim(@CurrentActor() actor: Actor, @Args('input') input: DecideIdentityClaimInput) {
    return this.claims.decide(actor, input, false);
  }
}
