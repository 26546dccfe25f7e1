import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AppExceptionFilter } from './errors/app-exception.filter';
import { AuthGuard } from './auth/auth.guard';
import { AuthResolver } from './auth/auth.resolver';
import { NotificationResolver } from './notifications/notification.resolver';

/** The API-facing part of core: the global auth guard and account resolvers. */
@Module({
  providers: [AuthResolver, NotificationResolver, { provide: APP_GUARD, useClass: AuthGuard }, { provide: APP_FILTER, useClass: AppExceptionFilter }],
})
export class CoreApiModule {}
