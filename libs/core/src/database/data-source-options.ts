import { Logger } from '@nestjs/common';
import { DataSourceOptions, Logger as TypeormLogger } from 'typeorm';
import { MIGRATIONS } from '../../../../migrations';
import { AppConfig } from '../config/config';

/** One place that says how we talk to PostgreSQL: app, worker, CLI and tests. */
export function dataSourceOptions(config: Pick<AppConfig, 'database'>): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.database.url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    logging: config.database.logging ? ['query', 'error'] : ['error'],
    // Our own logger: failed queries are reported without their parameters, which can carry personal data.
    logger: new SafeTypeormLogger(config.database.logging),
    extra: { max: 20, options: '-c timezone=UTC' },
  };
}

/** TypeORM logging through the Nest logger; never prints query parameters. */
export class SafeTypeormLogger implements TypeormLogger {
  private readonly logger = new Logger('Database');
  constructor(private readonly verbose: boolean) {}
  logQuery(query: string): void {
    if (this.verbose) this.logger.debug(query);
  }
  logQueryError(error: string | Error, query: string): void {
    // Constraint violations are often expected (a guarded insert lost a race); keep them at warn level, without parameters.
    this.logger.warn(`query failed: ${typeof error === 'string' ? error : error.message} — ${query.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${query.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
  logSchemaBuild(message: string): void {
    if (this.verbose) this.logger.debug(message);
  }
  logMigration(message: string): void {
    this.logger.log(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else if (this.verbose) this.logger.log(String(message));
  }
}
