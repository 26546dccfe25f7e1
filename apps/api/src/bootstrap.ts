import { appValidationPipe } from '@app/core';
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';

/** What main.ts and the tests both do to an API app before it listens. */
export function configureApi(app: INestApplication): INestApplication {
  app.useGlobalPipes(appValidationPipe());
  (app as NestExpressApplication).set?.('trust proxy', 'loopback');
  app.enableShutdownHooks();
  return app;
}
