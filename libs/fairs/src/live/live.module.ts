import { EmployersModule } from '@app/employers';
import { SchoolsModule } from '@app/schools';
import { TalentModule } from '@app/talent';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FairsCoreModule } from '../fairs-core.module';
import { BoothQueueResolver } from './booths/booth-queue.resolver';
import { BoothQueueService } from './booths/booth-queue.service';
import { BoothQueueStore } from './booths/booth-queue.store';
import { FAIRS_LIVE_ENTITIES } from './live.entities';
import { FairLiveProcessor } from './live.processor';
import { WallFanoutService } from './subscriptions/wall-fanout.service';
import { WallSubscriptionResolver } from './subscriptions/wall-subscription.resolver';
import { WallSubscriptionService } from './subscriptions/wall-subscription.service';
import { WallUnsubscribeController } from './subscriptions/wall-unsubscribe.controller';
import { FairWallResolver } from './wall/fair-wall.resolver';
import { FairWallService } from './wall/fair-wall.service';
import { SchoolNoticeService } from './wall/school-notice.service';

const services = [FairWallService, SchoolNoticeService, WallSubscriptionService, WallFanoutService, BoothQueueStore, BoothQueueService];

/** The live part of a fair (issue 11 §4, §6): info wall, wall subscriptions, booth queues and online booths. */
@Module({
  imports: [TypeOrmModule.forFeature(FAIRS_LIVE_ENTITIES), FairsCoreModule, TalentModule, EmployersModule, SchoolsModule],
  providers: services,
  exports: services,
})
export class FairsLiveModule {}

/** Resolvers of the live part, and the unsubscribe link's page. */
@Module({
  imports: [FairsLiveModule],
  controllers: [WallUnsubscribeController],
  providers: [FairWallResolver, WallSubscriptionResolver, BoothQueueResolver],
})
export class FairsLiveApiModule {}

/** Processors and schedulers of the live part (apps/worker only). */
@Module({
  imports: [FairsLiveModule],
  providers: [FairLiveProcessor],
})
export class FairsLiveWorkerModule {}
