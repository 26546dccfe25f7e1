import 'reflect-metadata';
import { AppConfig, WorkerMetrics } from '@app/core';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

async function main() {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  // Every Nest Logger call becomes a JSON line through pino (libs/core/src/observability).
  app.useLogger(app.get(PinoLogger));
  app.enableShutdownHooks();
  const { metricsToken, workerMetricsPort } = app.get(AppConfig).observability;
  if (metricsToken && workerMetricsPort > 0) {
    await app.get(WorkerMetrics).serve(workerMetricsPort, metricsToken);
    new Logger('worker').log(`metrics on :${workerMetricsPort}/metrics (bearer METRICS_TOKEN)`);
  }
  new Logger('worker').log('worker started');
}
void main();
