import { Actor, CurrentActor, Role, Roles } from '@app/core';
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CreateInternshipInput, InternshipMonthInput } from './dto/internship.input';
import { InternshipService } from './internship.service';
import { InternshipModel, InternshipStatsModel } from './models/internship.model';

@Resolver(() => InternshipModel)
export class InternshipResolver {
  constructor(private readonly service: InternshipService) {}

  @Roles(Role.SCHOOL_ADMIN)
  @Mutation(() => InternshipModel, { description: '安排学生实习 / place a student at a tenant' })
  createInternship(@CurrentActor() actor: Actor, @Args('input') input: CreateInternshipInput) {
    return this.service.create(actor, input);
  }

  @Roles(Role.SCHOOL_ADMIN, Role.HR)
  @Mutation(() => InternshipModel, { description: '登记月度出勤与评价 / record a month’s attendance and evaluation' })
  recordInternshipMonth(@CurrentActor() actor: Actor, @Args('input') input: InternshipMonthInput) {
    return this.service.recordMonth(actor, input);
  }

  // The bureau (AUDITOR) sees figures (internshipStats), not named interns (PIPL minimum necessary).
  @Roles(Role.SCHOOL_ADMIN, Role.HR, Role.OPERATOR)
  @Query(() => [InternshipModel], { description: '实习记录（按角色范围，最多500条）/ internships in my scope' })
  internships(@CurrentActor() actor: Actor, @Args('year', { type: () => Int, nullable: true }) year?: number) {
    return this.service.list(actor, year ?? undefined);
  }

  @Roles(Role.SCHOOL_ADMIN, Role.HR, Role.OPERATOR, Role.AUDITOR)
  @Query(() => InternshipStatsModel, { description: '年度实习人数（按院校、企业）/ interns per school and tenant in a year' })
  internshipStats(@CurrentActor() actor: Actor, @Args('year', { type: () => Int }) year: number) {
    return this.service.stats(actor, year);
  }
}
