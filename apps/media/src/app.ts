import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { MediaConfig } from './media.config';
import { MediaModule } from './media.module';
import { MessageLimits } from './signalling/message-limits';
import { SignallingWsAdapter } from './signalling/signalling-ws.adapter';
import { ensureWebBundle, webAssetDirs } from './web-assets';

/**
 * The media service as a Nest application, not yet listening: pages under
 * /interview/ (their scripts under /assets/), signalling at /media/ws, health at /media/health. Used by
 * main.ts, the browser tests and the benchmark. /interview/config.json tells
 * the pages served here to signal on this same origin.
 */
export async function createMediaApp(config: MediaConfig, options: { logger?: false } = {}) {
  ensureWebBundle(config.webRoot);
  const app = await NestFactory.create<NestExpressApplication>(MediaModule.forRoot(config), {
    ...(options.logger === false ? { logger: false } : {}),
  });
  // Signalling with a per-connection message budget (MEDIA_MESSAGES_PER_SECOND).
  app.useWebSocketAdapter(new SignallingWsAdapter(app, app.get(MessageLimits)));
  const { pages, assets } = webAssetDirs(config.webRoot);
  const noStore = { setHeaders: (res: { setHeader(k: string, v: string): void }) => res.setHeader('Cache-Control', 'no-cache') };
  app.useStaticAssets(pages, { prefix: '/interview/', ...noStore });
  app.useStaticAssets(assets, { prefix: '/assets/', ...noStore });
  return app;
}
