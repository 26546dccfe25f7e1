import { Actor, CurrentActor, PageArgs, Role, Roles } from '@app/core';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
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
  @Query(() => TenantPage, { description: '入驻企业（院校据此选择订单班合作企业和实习单位）/ the base\'s companies (schools pick order-class sponsors and internship hosts from it)' })
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
}
