import { EmployersModule } from '@app/employers';
import { TalentModule } from '@app/talent';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { INTERVIEW_ENTITIES } from './interviews.entities';
import { InterviewJoinService } from './interviews/interview-join.service';
import { InterviewPagesController } from './interviews/interview-pages.controller';
import { InterviewPersonalData } from './interviews/interview-personal-data';
import { InterviewNotifier } from './interviews/interview.notifier';
import { InterviewResolver } from './interviews/interview.resolver';
import { InterviewService } from './interviews/interview.service';
import { InterviewReminderScheduler } from './reminders/interview-reminder.scheduler';
import { InterviewReminderService } from './reminders/interview-reminder.service';
import { ScorecardResolver } from './scorecards/scorecard.resolver';
import { ScorecardService } from './scorecards/scorecard.service';
import { RecordInterviewOutcomeUseCase } from './usecases/record-interview-outcome.usecase';

const services = [
  InterviewService,
  InterviewJoinService,
  InterviewNotifier,
  InterviewReminderScheduler,
  InterviewReminderService,
  ScorecardService,
  RecordInterviewOutcomeUseCase,
  InterviewPersonalData,
];

/** Interview services; the worker uses InterviewReminderService. */
@Module({
  imports: [TypeOrmModule.forFeature(INTERVIEW_ENTITIES), EmployersModule, TalentModule],
  providers: services,
  exports: services,
})
export class InterviewsModule {}

/** The API-facing part: GraphQL resolvers, and the interview pages' config (/interview/config.json). */
@Module({
  imports: [InterviewsModule],
  controllers: [InterviewPagesController],
  providers: [InterviewResolver, ScorecardResolver],
})
export class InterviewsApiModule {}
