import { Actor, CurrentActor, Role, Roles } from '@app/core';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { SchoolLinkModel } from './models/school-link.model';
import { SchoolLinkService } from './school-link.service';

@Resolver(() => SchoolLinkModel)
export class SchoolLinkResolver {
  constructor(private readonly links: SchoolLinkService) {}

  @Roles(Role.SEEKER)
  @Query(() => [SchoolLinkModel], { description: '我的院校：登记了我的学校，待我确认的在前 / schools that listed me, pending first' })
  mySchoolLinks(@CurrentActor() actor: Actor) {
    return this.links.mine(actor);
  }

  @Roles(Role.SEEKER)
  @Mutation(() => SchoolLinkModel, { description: '确认（accept: true）或拒绝某校的学籍记录；只能回答一次 / confirm or decline a school’s record of me, once' })
  answerSchoolLink(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('accept') accept: boolean) {
    return this.links.answer(actor, id, accept);
  }
}
