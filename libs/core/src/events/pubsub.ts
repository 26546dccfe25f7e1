import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import Redis from 'ioredis';
import { AppConfig } from '../config/config';

/**
 * GraphQL subscription events through Redis, so an event published by the
 * worker (or another API process) reaches every API process's subscribers.
 */
@Injectable()
export class EventBus implements OnModuleDestroy {
  private readonly pubsub: RedisPubSub;
  private readonly prefix: string;

  constructor(config: AppConfig) {
    this.prefix = `${config.redis.queuePrefix}:ev:`;
    this.pubsub = new RedisPubSub({
      publisher: new Redis(config.redis.url, { maxRetriesPerRequest: 3 }),
      subscriber: new Redis(config.redis.url, { maxRetriesPerRequest: null }),
    });
  }

  publish(channel: string, payload: unknown): Promise<void> {
    return this.pubsub.publish(this.prefix + channel, payload);
  }

  subscribe<T>(channel: string): AsyncIterableIterator<T> {
    return this.pubsub.asyncIterableIterator<T>(this.prefix + channel);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pubsub.close().catch(() => undefined);
  }
}

export const notificationChannel = (userId: string) => `notification:${userId}`;
