import { Actor, CurrentActor, GqlContext, PageArgs, Role, Roles } from '@app/core';
import { TenantService } from '@app/employers';
import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { MatchCandidatesArgs } from './dto/match.input';
import { MatchService } from './match.service';
import { CandidateMatchPage } from './models/candidate-match.model';
import { JobMatchModel, JobMatchPage } from './models/job-match.model';

@Resolver()
export class MatchResolver {
  constructor(private readonly matches: MatchService) {}

  @Roles(Role.HR)
  @Query(() => CandidateMatchPage, { description: '岗位人才匹配（本企业岗位，300公里内已授权人才，信息脱敏）/ candidates for my posting' })
  matchCandidates(@CurrentActor() actor: Actor, @Args() args: MatchCandidatesArgs) {
    return this.matches.matchCandidates(actor, args);
  }

  @Roles(Role.SEEKER)
  @Query(() => JobMatchPage, { description: '为我推荐的岗位及差距 / open postings ranked for me, with what I lack' })
  jobsForMe(@CurrentActor() actor: Actor, @Args() page: PageArgs) {
    return this.matches.jobsForMe(actor, page);
  }
}

@Resolver(() => JobMatchModel)
export class JobMatchResolver {
  constructor(private readonly tenants: TenantService) {}

  @ResolveField(() => String, { nullable: true })
  async tenantName(@Parent() m: JobMatchModel, @Context() ctx: GqlContext): Promise<string | null> {
    const t = await ctx.loaders.get('tenant', (ids) => this.tenants.findByIds(ids)).load(m.tenantId);
    return t?.name ?? null;
  }
}
