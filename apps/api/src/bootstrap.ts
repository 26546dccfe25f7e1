import { AppConfig, appValidationPipe, mountOperationsRoutes } from '@app/core';
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { constants as zlibConstants } from 'zlib';

/**
 * Security headers on every page and API response (helmet): CSP with
 * `script-src 'self'` (the pages load only their own bundles, no inline
 * script), `frame-ancestors 'none'`, `X-Content-Type-Options: nosniff`.
 * connect-src admits the media server's origin (HTTP and WebSocket) for the
 * interview pages and the online fair booths' video desk (seeker app, HR console).
 */
export function securityHeaders(config: AppConfig) {
  const connect = ["'self'"];
  for (const origin of [config.app.publicUrl, config.app.mediaPublicUrl]) {
    if (!origin) continue;
    try {
      const u = new URL(origin);
      connect.push(u.origin, `${u.protocol === 'https:' ? 'wss:' : 'ws:'}//${u.host}`);
    } catch {
      /* validated at boot */
    }
  }
  const strict = helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        // The pages inline their CSS (one request on 3G) and set element styles from script.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'media-src': ["'self'", 'blob:'],
        // The fair check-in page's QR scanner (qr-scanner) decodes in a Web Worker it starts from a blob: URL.
        'worker-src': ["'self'", 'blob:'],
        'connect-src': [...new Set(connect)],
        // The bureau previews a claim's PDF evidence in a frame from a blob: URL (fetched with the bearer token).
        'frame-src': ["'self'", 'blob:'],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'upgrade-insecure-requests': config.app.nodeEnv === 'production' ? [] : null,
      },
    },
    strictTransportSecurity: config.app.nodeEnv === 'production',
    crossOriginEmbedderPolicy: false,
  });
  // The development GraphQL landing page (Apollo Sandbox) is an inline, CDN-loaded app: it keeps
  // every other header but not the CSP, and only when the playground is on (never in production).
  const sandbox = config.graphql.playground ? helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false, strictTransportSecurity: false }) : null;
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader(
      'Permissions-Policy',
      // The interview pages, the fair pages (the entrance's check-in scanner), and the seeker app (/) and HR console
      // (/hr/) for the online fair booths' video desk (issue 11 §6). Staff and bureau consoles never use the camera.
      cameraAllowed(req.path) ? 'camera=(self), microphone=(self), geolocation=(), payment=()' : 'camera=(), microphone=(), geolocation=(), payment=()',
    );
    if (sandbox && req.method === 'GET' && req.path === '/graphql' && String(req.headers.accept ?? '').includes('text/html')) return sandbox(req, res, next);
    return strict(req, res, next);
  };
}

/** Pages that may ask for the camera and microphone (Permissions-Policy camera=(self)). */
export const cameraAllowed = (path: string): boolean =>
  path === '/' || path === '/index.html' || path.startsWith('/hr/') || path.startsWith('/interview/') || path.startsWith('/fair/');

/**
 * The scripts and stylesheets apps/web/build.mjs (Vite) writes carry a content hash of 10 hex digits in
 * their name (assets/seeker-0123456789.js, assets/JobsView-0123456789.css): a new build is a new URL, so a browser
 * may keep them a year without asking again.
 */
export const HASHED_ASSET = /[\\/]assets[\\/][\w.-]+-[0-9a-f]{10}\.(?:js|css)$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Cache-Control for the files ServeStaticModule serves from apps/web/dist (the same rules as
 * docker/nginx.conf): hashed assets are immutable for a year; everything else (the HTML pages, the
 * interview pages, the icon) is `no-cache`: kept, but revalidated on every
 * use (ETag / Last-Modified → 304), so a deploy reaches every phone on its next visit.
 */
export function webCacheHeaders(res: { setHeader(name: string, value: string): void }, path: string): void {
  res.setHeader('Cache-Control', HASHED_ASSET.test(path) ? IMMUTABLE : 'no-cache');
}

/**
 * Brotli (preferred) or gzip for every compressible response over 1 KB: pages, scripts, GraphQL JSON.
 * Brotli quality 5, not the middleware's 4: on the 60 KB seeker bundle 4 is larger than gzip (24.6 vs
 * 24.1 KB) while 5 gives 22.1 KB for ~3 ms of CPU (11 would give 20.0 KB but costs ~80 ms per request).
 */
export function responseCompression() {
  return compression({ threshold: 1024, brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } } });
}

/** What main.ts and the tests both do to an API app before it listens. */
export function configureApi(app: INestApplication): INestApplication {
  const config = app.get(AppConfig);
  if (config.app.httpCompression) app.use(responseCompression());
  app.use(securityHeaders(config));
  // The refresh token arrives only as an HttpOnly cookie (libs/core/src/auth/session-cookie.ts).
  app.use(cookieParser());
  app.useGlobalPipes(appValidationPipe());
  (app as NestExpressApplication).set?.('trust proxy', config.app.trustProxy);
  app.enableShutdownHooks();
  // GET /metrics (METRICS_TOKEN), Bull Board at /admin/queues (operators), HTTP latency histogram.
  mountOperationsRoutes(app);
  // Idle keep-alive sockets outlive the client's and a load balancer's idle timeouts (60 s on most), so the
  // server never closes a socket at the instant a client reuses it (seen as ECONNRESET under load).
  const server = app.getHttpServer() as { keepAliveTimeout?: number; headersTimeout?: number } | undefined;
  if (server) {
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
  }
  return app;
}
