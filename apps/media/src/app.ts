import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { WsAdapter } from '@nestjs/platform-ws';
import { MediaConfig } from './media.config';
import { MediaModule } from './media.module';
import { ensureWebBundle, webAssetDirs } from './web-assets';

/**
 * The media service as a Nest application, not yet listening: pages under
 * /interview/, signalling at /media/ws, health at /media/health. Used by
 * main.ts, the browser tests and the benchmark.
 */
export async function createMediaApp(config: MediaConfig, options: { logger?: false } = {}) {
  ensureWebBundle(config.webRoot);
  const app = await NestFactory.create<NestExpressApplication>(MediaModule.forRoot(config), {
    ...(options.logger === false ? { logger: false } : {}),
  });
  app.useWebSocketAdapter(new WsAdapter(app));
  const { pages, bundles } = webAssetDirs(config.webRoot);
  const noStore = { setHeaders: (res: { setHeader(k: string, v: string): void }) => res.setHeader('Cache-Control', 'no-cache') };
  app.useStaticAssets(pages, { prefix: '/interview/', ...noStore });
  app.useStaticAssets(bundles, { prefix: '/interview/', ...noStore });
  return app;
}
