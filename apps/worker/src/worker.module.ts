import { CoreModule, ObservabilityModule } from '@app/core';
import { SchoolsModule } from '@app/schools';
import { MatchingModule } from '@app/matching';
import { InterviewsModule } from '@app/interviews';
import { SubsidiesWorkerModule } from '@app/subsidies';
import { FairsWorkerModule } from '@app/fairs';
import { Module } from '@nestjs/common';
import { GraduateImportProcessor } from './processors/graduate-import.processor';
import { InterviewReminderProcessor } from './processors/interview-reminder.processor';
import { NotificationProcessor } from './processors/notification.processor';
import { OutboxProcessor } from './processors/outbox.processor';
import { SearchIndexProcessor } from './processors/search-index.processor';

/** BullMQ processors only; no HTTP. */
@Module({
  imports: [CoreModule, ObservabilityModule.forWorker(), MatchingModule, SchoolsModule, InterviewsModule, SubsidiesWorkerModule, FairsWorkerModule],
  providers: [OutboxProcessor, NotificationProcessor, SearchIndexProcessor, GraduateImportProcessor, InterviewReminderProcessor],
})
export class WorkerModule {}
