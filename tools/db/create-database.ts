import 'reflect-metadata';
import { Client } from 'pg';
import { loadConfig } from '../../libs/core/src/config/config';

/** Creates the configured database if it does not exist (idempotent). */
async function main() {
  const url = new URL(loadConfig().database.url);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[a-zA-Z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
  if (!exists.rowCount) {
    await client.query(`CREATE DATABASE ${name}`);
    process.stdout.write(`created database ${name}\n`);
  }
  await client.end();
}
main().catch((e) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
