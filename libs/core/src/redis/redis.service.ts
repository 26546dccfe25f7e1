import { Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/config';

@Injectable()
export class RedisService implements OnModuleDestroy {
  readonly client: Redis;
  constructor(private readonly config: AppConfig) {
    this.client = new Redis(config.redis.url, { maxRetriesPerRequest: 3, lazyConnect: false });
  }

  /** Fixed-window counter; returns true while `key` has been hit at most `limit` times in the window. */
  async hit(key: string, limit: number, windowSeconds: number): Promise<boolean> {
    const k = `${this.config.redis.queuePrefix}:rl:${key}`;
    const [[, count]] = (await this.client.multi().incr(k).expire(k, windowSeconds, 'NX').exec()) as [[null, number]];
    return count <= limit;
  }

  /** Current value of a `hit` counter (0 when absent or expired). */
  async count(key: string): Promise<number> {
    return Number((await this.client.get(`${this.config.redis.queuePrefix}:rl:${key}`)) ?? 0);
  }

  /** Set-if-absent with expiry; false when the key already existed. */
  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    return (await this.client.set(`${this.config.redis.queuePrefix}:${key}`, '1', 'EX', ttlSeconds, 'NX')) === 'OK';
  }

  async onModuleDestroy(): Promise<void> {
    await this.client.quit().catch(() => undefined);
  }
}
