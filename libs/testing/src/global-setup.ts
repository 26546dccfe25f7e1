import { createMigratedDatabase } from './test-database';

/**
 * Each test run gets its own fresh database with every migration applied,
 * and its own BullMQ key prefix in Redis.
 */
export default async function globalSetup(): Promise<void> {
  const name = `talent_test_${Date.now()}_${process.pid}`;
  const url = await createMigratedDatabase(name);
  process.env.NODE_ENV = 'test';
  process.env.DATABASE_URL = url;
  process.env.QUEUE_PREFIX = `tctest${process.pid}${Date.now() % 100000}`;
  process.env.TEST_DATABASE_NAME = name;
}
