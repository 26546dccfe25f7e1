import type { IncomingMessage, ServerResponse } from 'http';
import type { Params } from 'nestjs-pino';
import pino, { DestinationStream, LoggerOptions } from 'pino';
import { Options, pinoHttp } from 'pino-http';
import { storage, Store } from 'nestjs-pino/storage';
import { AppConfig } from '../config/config';
import { loggableUrl, redactPaths } from './redaction';
import { requestFacts, requestIdOf } from './request-facts';

/** Where the logs go: stdout unless a test (or an operator) provides another stream. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

function prettyInstalled(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** The pino options every process uses: level, service name, redaction, ISO time. */
export function pinoOptions(config: AppConfig, service: string): LoggerOptions {
  const pretty = config.observability.logPretty && prettyInstalled();
  return {
    level: config.observability.logLevel,
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactPaths(), censor: '[Redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,req,res' } } } : {}),
  };
}

/**
 * nestjs-pino parameters: one JSON line per request with its id (an incoming X-Request-Id or a new one, echoed in the
 * response), the caller's user id, role and tenant, the GraphQL operation and the duration. No headers but a few
 * harmless ones are logged at all; URLs lose their secret query values.
 */
export function loggerParams(config: AppConfig, service: string, destination?: DestinationStream): Params {
  const base = pinoOptions(config, service);
  // A stream of our own (a test's capture) and a pretty-printing transport do not mix.
  if (destination) delete base.transport;
  const options: Options = {
    ...base,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = requestIdOf(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    quietReqLogger: true,
    serializers: {
      req: (req: any) => ({
        method: req.method,
        url: loggableUrl(req.url),
        ...(req.headers?.['x-tc-app'] ? { app: String(req.headers['x-tc-app']).slice(0, 20) } : {}),
        userAgent: req.headers?.['user-agent'],
        remoteAddress: req.remoteAddress,
      }),
      res: (res: any) => ({ statusCode: res.statusCode }),
    },
    customSuccessObject: (req, _res, value) => ({ ...value, ...requestFacts((req as any).raw ?? req) }),
    customErrorObject: (req, _res, _err, value) => ({ ...value, ...requestFacts((req as any).raw ?? req) }),
    customSuccessMessage: (req, res) =>
      `${req.method} ${((req as any).graphql?.fields as string | undefined) ?? loggableUrl((req as any).originalUrl ?? req.url)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${loggableUrl((req as any).originalUrl ?? req.url)} ${res.statusCode} failed`,
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    // Health probes every few seconds are noise.
    autoLogging: { ignore: (req) => /^\/(health|media\/health|metrics)(\/|\?|$)/.test(req.url ?? '') },
  };
  // forRoutes: [] — Nest would bind the middleware as catch-all ROUTES ("ALL /{*path}"), which the authorization
  // matrix would count as REST routes; requestLogging() mounts it as plain middleware instead (configureApi).
  return { pinoHttp: destination ? [options, destination] : options, forRoutes: [] };
}

/**
 * pino-http plus nestjs-pino's request context (so Logger calls inside a request carry its requestId), as Express
 * middleware for `app.use` — the same two functions nestjs-pino's LoggerModule would mount.
 */
export function requestLogging(params: Params): Array<(req: any, res: any, next: () => void) => void> {
  const http = pinoHttp(...((Array.isArray(params.pinoHttp) ? params.pinoHttp : [params.pinoHttp ?? {}]) as [Options, DestinationStream?]));
  const bind = (req: any, _res: any, next: () => void) => storage.run(new Store(req.allLogs?.[req.allLogs.length - 1] ?? req.log), next);
  return [http, bind];
}
