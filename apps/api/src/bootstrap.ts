import { AppConfig, appValidationPipe } from '@app/core';
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * Security headers on every page and API response (helmet): CSP with
 * `script-src 'self'` (the pages load only their own bundles, no inline
 * script), `frame-ancestors 'none'`, `X-Content-Type-Options: nosniff`.
 * connect-src admits the media server's origin (HTTP and WebSocket) for the
 * interview pages, which alone may use the camera and microphone.
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
        'connect-src': [...new Set(connect)],
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
  const sandbox = config.graphql.playground
    ? helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false, strictTransportSecurity: false })
    : null;
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader(
      'Permissions-Policy',
      req.path.startsWith('/interview/') ? 'camera=(self), microphone=(self), geolocation=(), payment=()' : 'camera=(), microphone=(), geolocation=(), payment=()',
    );
    if (sandbox && req.method === 'GET' && req.path === '/graphql' && String(req.headers.accept ?? '').includes('text/html')) return sandbox(req, res, next);
    return strict(req, res, next);
  };
}

/** What main.ts and the tests both do to an API app before it listens. */
export function configureApi(app: INestApplication): INestApplication {
  const config = app.get(AppConfig);
  app.use(securityHeaders(config));
  // The refresh token arrives only as an HttpOnly cookie (libs/core/src/auth/session-cookie.ts).
  app.use(cookieParser());
  app.useGlobalPipes(appValidationPipe());
  (app as NestExpressApplication).set?.('trust proxy', 'loopback');
  app.enableShutdownHooks();
  // Idle keep-alive sockets outlive the client's and a load balancer's idle timeouts (60 s on most), so the
  // server never closes a socket at the instant a client reuses it (seen as ECONNRESET under load).
  const server = app.getHttpServer() as { keepAliveTimeout?: number; headersTimeout?: number } | undefined;
  if (server) {
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
  }
  return app;
}
