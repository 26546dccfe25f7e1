import { Actor, CurrentActor, GqlContext, PageArgs, Role, Roles } from '@app/core';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CreateTenantInput } from './dto/tenant.input';
import { TenantModel, TenantPage } from './models/tenant.model';
import { TenantService } from './tenant.service';

@Resolver(() => TenantModel)
export class TenantResolver {
  constructor(private readonly tenantService: TenantService) {}

  @Roles(Role.OPERATOR)
  @Mutation(() => TenantModel, { description: '企业入驻 / register a tenant company' })
  createTenant(@Args('input') input: CreateTenantInput) {
    return this.tenantService.create(input);
  }

  @Roles(Role.OPERATOR, Role.AUDITOR, Role.SCHOOL_ADMIN)
  @Query(() => TenantPage, {
    description: "入驻企业（院校据此选择订单班合作企业和实习单位）/ the base's companies (schools pick order-class sponsors and internship hosts from it)",
  })
  tenants(@Args() page: PageArgs) {
    return this.tenantService.list(page);
  }

  @Roles(Role.HR)
  @Query(() => TenantModel, { description: '我的企业 / my company' })
  myTenant(@CurrentActor() actor: Actor) {
    return this.tenantService.mine(actor);
  }

  @Roles(Role.HR, Role.OPERATOR, Role.AUDITOR)
  @Query(() => TenantModel)
  tenant(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.tenantService.get(actor, id);
  }

  /** Reached from public types too (a posting's tenant on the job board), so the rule is per caller, not per operation. */
  @ResolveField(() => String, {
    nullable: true,
    description: "联系人（仅运营方、人社局、院校和本企业HR可见）/ contact person: operator, auditor, schools and the company's own HR only",
  })
  contactName(@Parent() tenant: TenantModel, @Context() ctx: GqlContext): string | null {
    return this.tenantService.contactNameFor(ctx.req?.actor, tenant);
  }
}
