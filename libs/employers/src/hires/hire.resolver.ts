import { Actor, CurrentActor, GqlContext, PageArgs, Role, Roles } from '@app/core';
import { SeekerProfileModel, SeekerService } from '@app/talent';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { PostingModel } from '../postings/models/posting.model';
import { PostingService } from '../postings/posting.service';
import { HireInput, TerminateContractInput } from './dto/hire.input';
import { HireCommand } from '../usecases/hire/hire.command';
import { HireUseCase } from '../usecases/hire/hire.usecase';
import { HireService, toHireModel } from './hire.service';
import { HireModel, HirePage } from './models/hire.model';

@Resolver(() => HireModel)
export class HireResolver {
  constructor(
    private readonly hireService: HireService,
    private readonly hireUseCase: HireUseCase,
    private readonly postings: PostingService,
    private readonly seekers: SeekerService,
  ) {}

  @Roles(Role.HR)
  @Mutation(() => HireModel, { description: '录用（占用一个名额）并登记劳动合同 / hire and record the contract' })
  async hire(@CurrentActor() actor: Actor, @Args('input') input: HireInput) {
    return toHireModel(await this.hireUseCase.execute(HireCommand.create({ actor, ...input })));
  }

  @Roles(Role.HR)
  @Mutation(() => HireModel, { description: '登记合同提前解除 / record an early termination' })
  async terminateContract(@CurrentActor() actor: Actor, @Args('input') input: TerminateContractInput) {
    return toHireModel(await this.hireService.terminate(actor, input));
  }

  @Roles(Role.HR)
  @Query(() => HirePage, { description: '本企业录用记录 / my company hires' })
  hires(@CurrentActor() actor: Actor, @Args() page: PageArgs) {
    return this.hireService.list(actor, page);
  }

  @ResolveField(() => PostingModel, { nullable: true })
  posting(@Parent() h: HireModel, @Context() ctx: GqlContext) {
    return ctx.loaders.get('posting', (ids) => this.postings.findByIds(ids)).load(h.postingId);
  }

  @ResolveField(() => SeekerProfileModel, { nullable: true })
  async seeker(@Parent() h: HireModel, @Context() ctx: GqlContext) {
    const s = await ctx.loaders.get('seeker', (ids) => this.seekers.findByIds(ids)).load(h.seekerId);
    return s && this.seekers.toModel(s, 'TENANT');
  }
}
