import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { Observable } from 'rxjs';
import { AppConfig } from '../config/config';
import { coreError, CoreExceptionCode } from '../errors/core-errors';
import { RedisService } from '../redis/redis.service';
import { RATE_LIMITED_ROOT_FIELDS } from './cost';

/** Too many requests; `retryAfterSeconds` goes out as extensions.retryAfterSeconds (and `Retry-After` over HTTP). */
export const rateLimited = (retryAfterSeconds: number) =>
  coreError(CoreExceptionCode.RATE_LIMITED, { seconds: retryAfterSeconds }, { details: { retryAfterSeconds } });

/**
 * Per-user (per-IP for anonymous callers) rate limit for the search/match/export root fields
 * (RATE_LIMITED_ROOT_FIELDS), one point per field resolved, a one-minute window in Redis. It runs as a global
 * interceptor, i.e. after the AuthGuard has put the actor on the request; field resolvers are not intercepted.
 */
@Injectable()
export class ExpensiveOperationInterceptor implements NestInterceptor {
  private readonly perUser: RateLimiterRedis;
  private readonly perIp: RateLimiterRedis;

  constructor(config: AppConfig, redis: RedisService) {
    const prefix = `${config.redis.queuePrefix}:rl:gql`;
    this.perUser = new RateLimiterRedis({ storeClient: redis.client, keyPrefix: `${prefix}:user`, points: config.graphql.expensivePerMinute, duration: 60 });
    this.perIp = new RateLimiterRedis({
      storeClient: redis.client,
      keyPrefix: `${prefix}:ip`,
      points: config.graphql.anonymousExpensivePerMinute,
      duration: 60,
    });
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    if (!info || !RATE_LIMITED_ROOT_FIELDS.has(info.fieldName) || info.path.prev !== undefined) return next.handle();
    const req = gql.getContext<{ req?: { actor?: { userId: string }; ip?: string } }>().req;
    const [limiter, key] = req?.actor ? [this.perUser, req.actor.userId] : [this.perIp, req?.ip ?? 'unknown'];
    try {
      await limiter.consume(key, 1);
    } catch (e) {
      if (e instanceof RateLimiterRes) throw rateLimited(Math.max(1, Math.ceil(e.msBeforeNext / 1000)));
      throw e;
    }
    return next.handle();
  }
}
