import { Logger } from '@nestjs/common';
import { createMediaApp } from './app';
import { loadMediaConfig } from './media.config';

async function bootstrap(): Promise<void> {
  const config = loadMediaConfig();
  const app = await createMediaApp(config);
  app.enableShutdownHooks();
  await app.listen(config.port);
  new Logger('Media').log(`media service on :${config.port} (pages /interview/, signalling /media/ws)`);
}

void bootstrap();
