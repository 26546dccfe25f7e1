import { AppConfig, RedisService } from '@app/core';
import { CapturingLogger, createTestApi, TestApi } from '@app/testing';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HealthController } from './health.controller';

/** /health answers with a status per dependency and never with the text of the error behind a "down". */
describe('/health', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('200 with one status per dependency, and nothing else, when all is well', async () => {
    const res = await fetch(`${api.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('503 with "down" only, the reason in the server log, when PostgreSQL and Redis do not answer', async () => {
    // Real clients that cannot work: a DataSource never connected (for a database that does not exist) and Redis on a closed port.
    const secret = 'health_probe_secret_pw';
    const db = new DataSource({ type: 'postgres', url: `postgres://nobody:${secret}@127.0.0.1:5432/no_such_database_for_health` });
    const redis = new RedisService({ redis: { url: 'redis://127.0.0.1:1', queuePrefix: 'health-spec' } } as unknown as AppConfig);
    redis.client.on('error', () => undefined);
    const logger = new CapturingLogger();
    Logger.overrideLogger(logger);
    try {
      const controller = new HealthController(db, redis);
      let status = 0;
      const body = await controller.check({ status: (s: number) => ((status = s), undefined) } as never);
      expect(status).toBe(503);
      expect(body).toEqual({ status: 'error', info: { database: { status: 'down' }, redis: { status: 'down' } } });
      const text = JSON.stringify(body);
      expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|connect|Connection|no_such_database|nobody|retries/i);
      // the operator still learns why, from the log
      expect(logger.lines.some((l) => l.startsWith('error') && l.includes('database check failed'))).toBe(true);
      expect(logger.lines.some((l) => l.startsWith('error') && l.includes('redis check failed'))).toBe(true);
      expect(logger.lines.join('\n')).not.toContain(secret);
    } finally {
      Logger.overrideLogger(['error', 'warn']);
      redis.client.disconnect();
    }
  });
});
