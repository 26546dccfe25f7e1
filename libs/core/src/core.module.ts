import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountService } from './auth/account.service';
import { LogSmsSender, SmsSender, UnconfiguredSmsSender } from './auth/sms-sender';
import { TokenService } from './auth/token.service';
import { RefreshTokenEntity, SmsCodeEntity, UserEntity } from './auth/user.entity';
import { Clock } from './clock/clock';
import { EventBus } from './events/pubsub';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { CryptoService } from './crypto/crypto.service';
import { DatabaseModule } from './database/database.module';
import { NotificationEntity } from './notifications/notification.entity';
import { NotificationService } from './notifications/notification.service';
import { OutboxEventEntity } from './outbox/outbox.entity';
import { OutboxService } from './outbox/outbox.service';
import { bullConnection } from './queue/bull-connection';
import { QueueName } from './queue/queue-names';
import { RedisService } from './redis/redis.service';

const queues = Object.values(QueueName).map((name) => BullModule.registerQueue({ name }));

/** Shared infrastructure for every app: config, database, Redis, queues, crypto, clock, accounts. */
@Global()
@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    TypeOrmModule.forFeature([UserEntity, SmsCodeEntity, RefreshTokenEntity, OutboxEventEntity, NotificationEntity]),
    JwtModule.register({}),
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ connection: bullConnection(config.redis.url), prefix: config.redis.queuePrefix }),
    }),
    ...queues,
  ],
  providers: [
    Clock,
    CryptoService,
    RedisService,
    TokenService,
    AccountService,
    OutboxService,
    NotificationService,
    EventBus,
    {
      provide: SmsSender,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => (config.auth.smsDriver === 'log' ? new LogSmsSender() : new UnconfiguredSmsSender()),
    },
  ],
  exports: [
    ConfigModule,
    TypeOrmModule,
    JwtModule,
    BullModule,
    ...queues,
    Clock,
    CryptoService,
    RedisService,
    TokenService,
    AccountService,
    OutboxService,
    NotificationService,
    EventBus,
    SmsSender,
  ],
})
export class CoreModule {}
