/**
 * A stand-alone worker process that runs one graduate import and nothing
 * else (test/schools/hostile-uploads.e2e-spec.ts kills it with SIGKILL while
 * it works, as the kernel's OOM killer would kill a real worker).
 *
 *   node -r tsconfig-paths/register -r ts-node/register/transpile-only test/schools/import-child.ts <importId>
 *
 * Uses DATABASE_URL / QUEUE_PREFIX from the environment, like the worker.
 */
import 'reflect-metadata';
import { CoreModule } from '@app/core';
import { ImportGraduateListCommand, ImportGraduateListUseCase, SchoolsModule } from '@app/schools';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

@Module({ imports: [CoreModule, SchoolsModule] })
class ImportChildModule {}

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(ImportChildModule, { logger: ['error'] });
  process.stdout.write('ready\n');
  // small batches: the import takes long enough to be killed in the middle
  const { outcome } = await app.get(ImportGraduateListUseCase).execute(ImportGraduateListCommand.create({ importId: process.argv[2], batchRows: 200 }));
  process.stdout.write(`finished ${outcome}\n`);
  await app.close();
}
void main();
