import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../core/src/config/config';
import { dataSourceOptions } from '../../core/src/database/data-source-options';

/** The maintenance database the tests create and drop theirs from. */
export const adminDatabaseUrl = (): string => process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminDatabaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates database `name` (letters, digits, underscores), applies every migration, and returns its URL. */
export async function createMigratedDatabase(name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = adminDatabaseUrl().replace(/\/[^/]*$/, `/${name}`);
  const ds = new DataSource(dataSourceOptions(loadConfig({ NODE_ENV: 'test', DATABASE_URL: url })));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
  return url;
}

/** Drops database `name`, closing its connections. */
export async function dropDatabase(name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
