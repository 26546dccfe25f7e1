import 'reflect-metadata';
import { AppConfig } from '@app/core';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { configureApi } from './bootstrap';

async function main() {
  const app = await NestFactory.create(ApiModule, { bufferLogs: true });
  // Every Nest Logger call becomes a JSON line through pino, with the request's id when inside one
  // (libs/core/src/observability); the buffered boot lines are flushed there too.
  app.useLogger(app.get(PinoLogger));
  configureApi(app);
  const config = app.get(AppConfig);
  await app.listen(config.app.port, '0.0.0.0');
  new Logger('api').log(`API on ${config.app.publicUrl}/graphql (${config.app.nodeEnv})`);
}
void main();
