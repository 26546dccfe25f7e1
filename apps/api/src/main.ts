import 'reflect-metadata';
import { AppConfig } from '@app/core';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiModule } from './api.module';
import { configureApi } from './bootstrap';

async function main() {
  const app = configureApi(await NestFactory.create(ApiModule, { bufferLogs: false }));
  const config = app.get(AppConfig);
  await app.listen(config.app.port, '0.0.0.0');
  new Logger('api').log(`API on ${config.app.publicUrl}/graphql (${config.app.nodeEnv})`);
}
void main();
