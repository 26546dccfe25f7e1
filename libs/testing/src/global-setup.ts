import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../core/src/config/config';
import { dataSourceOptions } from '../../core/src/database/data-source-options';

/**
 * Each test run gets its own fresh database with every migration applied,
 * and its own BullMQ key prefix in Redis.
 */
export default async function globalSetup(): Promise<void> {
  const admin = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `talent_test_${Date.now()}_${process.pid}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = admin.replace(/\/[^/]*$/, `/${name}`);
  const ds = new DataSource(dataSourceOptions(loadConfig({ NODE_ENV: 'test', DATABASE_URL: url })));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  process.env.NODE_ENV = 'test';
  process.env.DATABASE_URL = url;
  process.env.QUEUE_PREFIX = `tctest${process.pid}${Date.now() % 100000}`;
  process.env.TEST_DATABASE_NAME = name;
}
