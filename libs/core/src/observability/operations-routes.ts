import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { INestApplication, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { timingSafeEqual } from 'crypto';
import { Router } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { Actor, Role } from '../auth/roles';
import { TokenService } from '../auth/token.service';
import { AppConfig } from '../config/config';
import { PARAMS_PROVIDER_TOKEN, Params } from 'nestjs-pino';
import { requestLogging } from './logging';
import { ApiMetrics, registeredQueues } from './metrics';

export const METRICS_PATH = '/metrics';
export const QUEUE_BOARD_PATH = '/admin/queues';

function refuse(res: Response, status: 401 | 403 | 404, code: string, message: string, messageEn: string): void {
  if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
  res.status(status).json({ statusCode: status, code, message, messageEn });
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Route pattern of a finished request, for the latency label: bounded (never the raw URL). */
function routeLabel(req: Request): string {
  // originalUrl: mounted middleware (Apollo at /graphql) rewrites req.url/req.path on the way.
  const path = (req.originalUrl ?? req.url).split('?')[0];
  if (path === '/graphql') return '/graphql';
  if (path.startsWith(QUEUE_BOARD_PATH)) return QUEUE_BOARD_PATH;
  const route = (req as { route?: { path?: unknown } }).route?.path;
  // Nest's catch-all middleware routes ("/{*path}") and serve-static's fallback say nothing about the request.
  if (typeof route === 'string' && !route.startsWith('/{*') && !route.startsWith('{*')) return route;
  return req.method === 'GET' || req.method === 'HEAD' ? 'static' : 'other';
}

/**
 * The operations routes of the API, on the Express app before Nest's own (so the AuthGuard, which knows only access
 * tokens, never sees the metrics token):
 * - GET /metrics for Prometheus, only with `Authorization: Bearer <METRICS_TOKEN>`; without a token configured
 *   (production default) the route answers 404 — metrics are off.
 * - Bull Board at /admin/queues for every queue, only for an OPERATOR access token (Authorization: Bearer).
 * - the HTTP latency histogram and the request log (pino-http), for every request.
 */
export function mountOperationsRoutes(app: INestApplication): void {
  const config = app.get(AppConfig);
  const metrics = app.get(ApiMetrics);
  const tokens = app.get(TokenService);
  const express = app.getHttpAdapter().getInstance();

  app.use((req: Request, res: Response, next: NextFunction) => {
    const end = metrics.http.startTimer();
    res.once('finish', () => end({ method: req.method, route: routeLabel(req), status_code: String(res.statusCode) }));
    next();
  });
  // One JSON line per request (nestjs-pino's parameters, libs/core/src/observability/logging.ts).
  for (const mw of requestLogging(app.get<Params>(PARAMS_PROVIDER_TOKEN))) app.use(mw);

  const token = config.observability.metricsToken;
  express.get(METRICS_PATH, async (req: Request, res: Response) => {
    if (!token) return refuse(res, 404, 'NOT_FOUND', '未启用指标', 'Metrics are disabled (METRICS_TOKEN is not set)');
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Bearer ') || !sameSecret(header.slice(7), token)) {
      return refuse(res, 401, 'UNAUTHENTICATED', '需要指标令牌', 'A valid metrics bearer token is required');
    }
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.end(await metrics.registry.metrics());
  });

  // Bull Board: a sub-application mounted under QUEUE_BOARD_PATH behind the operator check.
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: registeredQueues(app.get(ModuleRef)).map((q) => new BullMQAdapter(q)), serverAdapter });
  const audit = new Logger('QueueBoard');
  const board = Router();
  board.use(QUEUE_BOARD_PATH, serverAdapter.getRouter());
  const operatorOnly = async (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Bearer ')) return refuse(res, 401, 'UNAUTHENTICATED', '请先登录', 'Please sign in');
    let actor: Actor;
    try {
      actor = await tokens.authenticate(header.slice(7));
    } catch {
      return refuse(res, 401, 'UNAUTHENTICATED', '请先登录', 'Please sign in');
    }
    if (actor.role !== Role.OPERATOR) return refuse(res, 403, 'FORBIDDEN', '无权访问', 'Only the operator may see the queues');
    // What an operator changes in the queues (retry, clean, pause…) is on record.
    if (req.method !== 'GET') audit.log({ userId: actor.userId, role: actor.role, method: req.method, path: req.path }, 'queue board action');
    res.setHeader('Cache-Control', 'no-store');
    board(req, res, (err?: unknown) => (err ? next(err) : refuse(res, 404, 'NOT_FOUND', '未找到', 'Not found')));
  };
  // Named routes (not one app.use), so the authorization matrix sees each of them.
  express.get(QUEUE_BOARD_PATH, operatorOnly);
  for (const method of ['get', 'post', 'put', 'patch'] as const) express[method](`${QUEUE_BOARD_PATH}/*path`, operatorOnly);
}
