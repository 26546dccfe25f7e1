import { Actor, CurrentActor, Role, Roles } from '@app/core';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CategoryVerificationService } from './category-verification.service';
import { VerifyCategoryInput } from './dto/verify-category.input';
import { CategoryStatusModel } from './models/category-status.model';

@Resolver(() => CategoryStatusModel)
export class CategoryVerificationResolver {
  constructor(private readonly categories: CategoryVerificationService) {}

  @Roles(Role.SEEKER)
  @Query(() => [CategoryStatusModel], { description: '我的人员类别及核实情况 / my categories, declared or verified' })
  myCategories(@CurrentActor() actor: Actor) {
    return this.categories.myStatuses(actor);
  }

  @Roles(Role.OPERATOR)
  @Query(() => [CategoryStatusModel], { description: "某人的人员类别及核实情况 / a person's categories, declared or verified" })
  seekerCategories(@Args('seekerId', { type: () => ID }) seekerId: string) {
    return this.categories.statuses(seekerId);
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => [CategoryStatusModel], { description: '记录经核实的人员类别（院校、人社局名单、人才服务中心）/ record a verified category' })
  verifySeekerCategory(@CurrentActor() actor: Actor, @Args('input') input: VerifyCategoryInput) {
    return this.categories.verify(actor, input);
  }
}
