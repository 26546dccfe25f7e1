import { Actor, CurrentActor, Role, Roles } from '@app/core';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { AssessmentService } from './assessment.service';
import { RecordAssessmentInput } from './dto/assessment.input';
import { AssessmentResultModel, ClassCompletionRunModel } from './models/assessment.model';

@Resolver(() => AssessmentResultModel)
export class AssessmentResolver {
  constructor(private readonly assessments: AssessmentService) {}

  @Roles(Role.OPERATOR)
  @Mutation(() => AssessmentResultModel, {
    description: '登记考核结果（合格且出勤达标即结业发证）/ record an assessment; completes and certifies when the rule is met',
  })
  recordAssessment(@CurrentActor() actor: Actor, @Args('input') input: RecordAssessmentInput) {
    return this.assessments.record(actor, input);
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => ClassCompletionRunModel, { description: '整班结业判定 / evaluate completion for a whole class' })
  evaluateTrainingClassCompletion(@CurrentActor() actor: Actor, @Args('classId', { type: () => ID }) classId: string) {
    return this.assessments.evaluateClass(actor, classId);
  }
}
