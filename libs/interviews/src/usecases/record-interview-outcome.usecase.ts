import { Actor, Clock, Role } from '@app/core';
import { ApplicationService, HR_MOVES, Stage } from '@app/employers';
import { Injectable } from '@nestjs/common';
import { InterviewOutcomeEnum, RecordOutcomeInput } from '../interviews/dto/interview.input';
import { InterviewService } from '../interviews/interview.service';
import { InterviewModel } from '../interviews/models/interview.model';
import { interviewsError, InterviewsExceptionCode } from '../interviews.exception';
import { ScorecardEntity } from '../scorecards/scorecard.entity';

const STAGE_FOR: Partial<Record<InterviewOutcomeEnum, Stage>> = { PASS: 'OFFER', FAIL: 'REJECTED' };

/**
 * The interview's outcome, across three aggregates in one transaction:
 * PASS → interview COMPLETED, application OFFER; FAIL → COMPLETED, REJECTED;
 * NO_SHOW → interview NO_SHOW, application unchanged. PASS and FAIL need a
 * recorded scorecard, which is then final. The interviewer's hold is released.
 */
@Injectable()
export class RecordInterviewOutcomeUseCase {
  constructor(
    private readonly interviews: InterviewService,
    private readonly applications: ApplicationService,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: RecordOutcomeInput): Promise<InterviewModel> {
    const now = this.clock.now();
    const iv = await this.interviews.write(async (m) => {
      const iv = await this.interviews.accessibleOrThrow(actor, input.interviewId, m, true);
      if (actor.role !== Role.HR) throw interviewsError(InterviewsExceptionCode.NOT_FOUND);
      this.interviews.assertStatus(iv, ['SCHEDULED', 'LIVE'], { zh: '记录结论', en: 'record an outcome' });
      if (!iv.startsAt || now < iv.startsAt) throw interviewsError(InterviewsExceptionCode.OUTCOME_TOO_EARLY);
      const to = STAGE_FOR[input.outcome];
      if (to) {
        const scorecard = await m.findOne(ScorecardEntity, { where: { interviewId: iv.id, tenantId: iv.tenantId }, lock: { mode: 'pessimistic_write' } });
        if (!scorecard) throw interviewsError(InterviewsExceptionCode.SCORECARD_REQUIRED);
        const app = await this.applications.accessibleOrThrow(actor, iv.applicationId, m, true);
        if (!HR_MOVES[app.stage].includes(to)) throw interviewsError(InterviewsExceptionCode.APPLICATION_CLOSED);
        await this.applications.changeStage(m, app, to, actor, input.reason ?? (to === 'OFFER' ? '视频面试通过' : '视频面试未通过'));
        await m.update(ScorecardEntity, { interviewId: iv.id, tenantId: iv.tenantId }, { finalizedAt: now });
      }
      await this.interviews.releaseHolds(m, iv, now);
      Object.assign(iv, { status: to ? 'COMPLETED' : 'NO_SHOW', outcome: input.outcome, updatedAt: now });
      await m.save(iv);
      return { iv, after: { removeRemindersFor: iv.startsAt } };
    });
    return (await this.interviews.toModels([iv]))[0];
  }
}
