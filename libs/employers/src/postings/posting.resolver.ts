import { Actor, CurrentActor, GqlContext, PageArgs, Public, Role, Roles } from '@app/core';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { TenantModel } from '../tenants/models/tenant.model';
import { TenantService } from '../tenants/tenant.service';
import { PostingFilterInput, PostingInput, PostingStatusEnum } from './dto/posting.input';
import { PostingModel, PostingPage } from './models/posting.model';
import { PostingService } from './posting.service';

@Resolver(() => PostingModel)
export class PostingResolver {
  constructor(
    private readonly postingService: PostingService,
    private readonly tenants: TenantService,
  ) {}

  @Roles(Role.HR)
  @Mutation(() => PostingModel, { description: '发布岗位（草稿）/ create a posting (draft)' })
  createPosting(@CurrentActor() actor: Actor, @Args('input') input: PostingInput) {
    return this.postingService.create(actor, input);
  }

  @Roles(Role.HR)
  @Mutation(() => PostingModel)
  updatePosting(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('input') input: PostingInput) {
    return this.postingService.update(actor, id, input);
  }

  @Roles(Role.HR)
  @Mutation(() => PostingModel, { description: '开放/关闭岗位 / open or close a posting' })
  setPostingStatus(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('status', { type: () => PostingStatusEnum }) status: PostingStatusEnum,
  ) {
    return this.postingService.setStatus(actor, id, status);
  }

  @Roles(Role.HR, Role.OPERATOR, Role.AUDITOR)
  @Query(() => PostingPage, { description: '本企业岗位（HR）或全部岗位（运营/人社）/ my tenant postings' })
  postings(@CurrentActor() actor: Actor, @Args('filter', { nullable: true }) filter: PostingFilterInput, @Args() page: PageArgs) {
    return this.postingService.list(actor, filter ?? {}, page);
  }

  @Roles(Role.HR, Role.OPERATOR, Role.AUDITOR)
  @Query(() => PostingModel)
  posting(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.postingService.ownOrThrow(actor, id);
  }

  @Public()
  @Query(() => PostingPage, { description: '招聘中的岗位（求职者可见）/ open postings, the job board' })
  openPostings(@Args('filter', { nullable: true }) filter: PostingFilterInput, @Args() page: PageArgs) {
    return this.postingService.listOpen(filter ?? {}, page);
  }

  @Public()
  @Query(() => PostingModel, { description: '岗位详情（扫码查看）/ an open posting, e.g. from a QR code' })
  openPosting(@Args('id', { type: () => ID }) id: string) {
    return this.postingService.getOpen(id);
  }

  @ResolveField(() => TenantModel, { nullable: true })
  tenant(@Parent() p: PostingModel, @Context() ctx: GqlContext) {
    return ctx.loaders.get('tenant', (ids) => this.tenants.findByIds(ids)).load(p.tenantId);
  }
}
