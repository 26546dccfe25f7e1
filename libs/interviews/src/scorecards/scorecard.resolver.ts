import { Actor, CurrentActor, Role, Roles } from '@app/core';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CreateScorecardTemplateInput, SaveScorecardInput } from './dto/scorecard.input';
import { ScorecardModel, ScorecardTemplateModel } from './models/scorecard.model';
import { ScorecardService } from './scorecard.service';

@Resolver(() => ScorecardModel)
export class ScorecardResolver {
  constructor(private readonly scorecards: ScorecardService) {}

  @Roles(Role.HR)
  @Query(() => [ScorecardTemplateModel], { description: "本企业评分模板 / my company's scorecard templates" })
  scorecardTemplates(@CurrentActor() actor: Actor) {
    return this.scorecards.listTemplates(actor);
  }

  @Roles(Role.HR)
  @Mutation(() => ScorecardTemplateModel, { description: '新建评分模板 / create a scorecard template' })
  createScorecardTemplate(@CurrentActor() actor: Actor, @Args('input') input: CreateScorecardTemplateInput) {
    return this.scorecards.createTemplate(actor, input);
  }

  @Roles(Role.HR)
  @Query(() => ScorecardModel, { nullable: true, description: '面试评分表（仅本企业HR）/ interview scorecard, own tenant HR only' })
  interviewScorecard(@CurrentActor() actor: Actor, @Args('interviewId', { type: () => ID }) interviewId: string) {
    return this.scorecards.get(actor, interviewId);
  }

  @Roles(Role.HR)
  @Mutation(() => ScorecardModel, { description: '填写或修改评分表 / record or update the scorecard' })
  saveInterviewScorecard(@CurrentActor() actor: Actor, @Args('input') input: SaveScorecardInput) {
    return this.scorecards.save(actor, input);
  }
}
