import { Actor, CurrentActor, Role, Roles } from '@app/core';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CreateInstitutionInput } from './dto/institution.input';
import { InstitutionService } from './institution.service';
import { InstitutionModel } from './models/institution.model';

@Resolver(() => InstitutionModel)
export class InstitutionResolver {
  constructor(private readonly institutions: InstitutionService) {}

  @Roles(Role.OPERATOR)
  @Mutation(() => InstitutionModel, { description: '登记培训机构 / register a training institution' })
  createTrainingInstitution(@CurrentActor() actor: Actor, @Args('input') input: CreateInstitutionInput) {
    return this.institutions.create(actor, input);
  }

  @Roles(Role.OPERATOR, Role.AUDITOR, Role.HR, Role.SEEKER)
  @Query(() => [InstitutionModel], { description: '培训机构 / training institutions' })
  trainingInstitutions() {
    return this.institutions.list();
  }
}
