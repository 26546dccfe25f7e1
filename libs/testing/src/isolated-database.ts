import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../core/src/config/config';
import { dataSourceOptions } from '../../core/src/database/data-source-options';

/**
 * A database of this test file's own, for tests that must see every row of a
 * shared table (the outbox): other test files' workers relay whatever is
 * pending in the run's database. Call before createTestApi(); it points
 * DATABASE_URL at the new database and returns a function that drops it.
 */
export async function useIsolatedDatabase(): Promise<() => Promise<void>> {
  const admin = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `${process.env.TEST_DATABASE_NAME ?? 'talent_test'}_iso_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = admin.replace(/\/[^/]*$/, `/${name}`);
  const ds = new DataSource(dataSourceOptions(loadConfig({ NODE_ENV: 'test', DATABASE_URL: url })));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  return async () => {
    process.env.DATABASE_URL = previous;
    const c = new Client({ connectionString: admin });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
}
