import { DynamicModule, Module } from '@nestjs/common';
import { HealthController } from './health/health.controller';
import { MEDIA_CONFIG, MediaConfig } from './media.config';
import { RoomTokenService } from './rooms/room-token.service';
import { RoomsService } from './rooms/rooms.service';
import { MessageLimits } from './signalling/message-limits';
import { PagesConfigController } from './signalling/pages-config.controller';
import { SignallingGateway } from './signalling/signalling.gateway';
import { WorkerPool } from './workers/worker-pool.service';

@Module({})
export class MediaModule {
  static forRoot(config: MediaConfig): DynamicModule {
    return {
      module: MediaModule,
      controllers: [HealthController, PagesConfigController],
      providers: [{ provide: MEDIA_CONFIG, useValue: config }, WorkerPool, RoomTokenService, RoomsService, MessageLimits, SignallingGateway],
      exports: [RoomsService, WorkerPool, MessageLimits],
    };
  }
}
