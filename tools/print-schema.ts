import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ApiModule, SCHEMA_FILE } from '../apps/api/src/api.module';

/** Writes apps/api/schema.gql (the API writes it on start in development; this does only that). */
async function main() {
  const app = await NestFactory.create(ApiModule, { logger: ['error'] });
  await app.init();
  await app.close();
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
void main();
