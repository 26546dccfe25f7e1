import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../libs/core/src/config/config';
import { dataSourceOptions } from '../../libs/core/src/database/data-source-options';

/** Applies pending migrations (each in its own transaction). Used by `npm run migration:run` and the production image. */
async function main() {
  const ds = new DataSource(dataSourceOptions(loadConfig()));
  await ds.initialize();
  const done = await ds.runMigrations({ transaction: 'each' });
  process.stdout.write(done.length ? `applied ${done.map((m) => m.name).join(', ')}\n` : 'migrations: up to date\n');
  await ds.destroy();
}
main().catch((e) => {
  process.stderr.write(`migration failed: ${e.message}\n`);
  process.exit(1);
});
