import Redis from 'ioredis';
import { dropDatabase } from './test-database';

/** Drop the run's database (unless KEEP_TEST_DB=1) and its Redis keys. */
export default async function globalTeardown(): Promise<void> {
  const name = process.env.TEST_DATABASE_NAME;
  if (name && process.env.KEEP_TEST_DB !== '1') await dropDatabase(name);
  const prefix = process.env.QUEUE_PREFIX;
  if (prefix) {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
  }
}
