import { Actor, CurrentActor, GqlContext, PageArgs, Role, Roles } from '@app/core';
import { SeekerProfileModel, SeekerService } from '@app/talent';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { PostingModel } from '../postings/models/posting.model';
import { PostingService } from '../postings/posting.service';
import { ApplicationService } from './application.service';
import { AddNoteInput, ApplicationFilterInput, MoveApplicationInput } from './dto/application.input';
import { ApplicationEventModel, ApplicationModel, ApplicationNoteModel, ApplicationPage, MyApplicationModel } from './models/application.model';

@Resolver(() => ApplicationModel)
export class ApplicationResolver {
  constructor(
    private readonly applicationService: ApplicationService,
    private readonly postings: PostingService,
    private readonly seekers: SeekerService,
  ) {}

  @Roles(Role.HR)
  @Query(() => ApplicationPage, { description: '本企业收到的投递 / applications to my company' })
  applications(@CurrentActor() actor: Actor, @Args('filter', { nullable: true }) filter: ApplicationFilterInput, @Args() page: PageArgs) {
    return this.applicationService.listForTenant(actor, filter ?? {}, page);
  }

  @Roles(Role.HR)
  @Query(() => ApplicationModel)
  application(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.applicationService.accessibleOrThrow(actor, id);
  }

  @Roles(Role.HR)
  @Mutation(() => ApplicationModel, { description: '推进投递阶段 / move an application to another stage' })
  moveApplication(@CurrentActor() actor: Actor, @Args('input') input: MoveApplicationInput) {
    return this.applicationService.move(actor, input);
  }

  @Roles(Role.HR)
  @Mutation(() => ApplicationNoteModel, { description: '添加内部备注 / add an internal note' })
  addApplicationNote(@CurrentActor() actor: Actor, @Args('input') input: AddNoteInput) {
    return this.applicationService.addNote(actor, input);
  }

  @ResolveField(() => PostingModel, { nullable: true })
  posting(@Parent() a: ApplicationModel, @Context() ctx: GqlContext) {
    return ctx.loaders.get('posting', (ids) => this.postings.findByIds(ids)).load(a.postingId);
  }

  @ResolveField(() => SeekerProfileModel, { nullable: true })
  async seeker(@Parent() a: ApplicationModel, @Context() ctx: GqlContext) {
    const s = await ctx.loaders.get('seeker', (ids) => this.seekers.findByIds(ids)).load(a.seekerId);
    return s && this.seekers.toModel(s, 'TENANT');
  }

  @ResolveField(() => [ApplicationEventModel])
  async events(@Parent() a: ApplicationModel, @Context() ctx: GqlContext) {
    return (await ctx.loaders.get('applicationEvents', (ids) => this.applicationService.eventsFor(ids)).load(a.id)) ?? [];
  }

  @ResolveField(() => [ApplicationNoteModel])
  async notes(@Parent() a: ApplicationModel, @CurrentActor() actor: Actor, @Context() ctx: GqlContext) {
    return (await ctx.loaders.get(`notes:${actor.tenantId}`, (ids) => this.applicationService.notesFor(actor.tenantId!, ids)).load(a.id)) ?? [];
  }
}

@Resolver(() => MyApplicationModel)
export class MyApplicationResolver {
  constructor(
    private readonly applicationService: ApplicationService,
    private readonly postings: PostingService,
  ) {}

  @Roles(Role.SEEKER)
  @Mutation(() => MyApplicationModel, { description: '投递简历 / apply to a posting' })
  apply(@CurrentActor() actor: Actor, @Args('postingId', { type: () => ID }) postingId: string) {
    return this.applicationService.apply(actor, postingId);
  }

  @Roles(Role.SEEKER)
  @Mutation(() => MyApplicationModel, { description: '撤回投递 / withdraw an application' })
  withdrawApplication(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.applicationService.withdraw(actor, id);
  }

  @Roles(Role.SEEKER)
  @Query(() => [MyApplicationModel], { description: '我的投递 / my applications' })
  myApplications(@CurrentActor() actor: Actor) {
    return this.applicationService.listMine(actor);
  }

  @ResolveField(() => PostingModel, { nullable: true })
  posting(@Parent() a: MyApplicationModel, @Context() ctx: GqlContext) {
    return ctx.loaders.get('posting', (ids) => this.postings.findByIds(ids)).load(a.postingId);
  }
}
