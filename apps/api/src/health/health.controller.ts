import { Public, RedisService } from '@app/core';
import { Controller, Get, Logger, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';

export type DependencyStatus = 'up' | 'down';
export interface HealthReport {
  status: 'ok' | 'error';
  /** One status per dependency and nothing else: no driver messages, hosts or versions. */
  info: { database: { status: DependencyStatus }; redis: { status: DependencyStatus } };
}

const TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}

/**
 * GET /health for load balancers and probes. Public, so it says only whether
 * each dependency answers (200 when all do, 503 otherwise); the reason a
 * check failed goes to the server log, never into the response.
 */
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    private readonly db: DataSource,
    private readonly redis: RedisService,
  ) {}

  @Public()
  @Get()
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const report = await this.report();
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }

  async report(): Promise<HealthReport> {
    const [database, redis] = await Promise.all([
      this.probe('database', async () => {
        await this.db.query('SELECT 1');
      }),
      this.probe('redis', async () => {
        const reply = await this.redis.client.ping();
        if (reply !== 'PONG') throw new Error('unexpected PING reply');
      }),
    ]);
    return {
      status: database === 'up' && redis === 'up' ? 'ok' : 'error',
      info: { database: { status: database }, redis: { status: redis } },
    };
  }

  private async probe(name: string, check: () => Promise<void>): Promise<DependencyStatus> {
    try {
      await withTimeout(check(), TIMEOUT_MS);
      return 'up';
    } catch (e) {
      // Dependency errors carry hosts, users and driver text: for operators, not for callers. No personal data passes here.
      const err = e as Error & { code?: string };
      this.logger.error(`${name} check failed: ${err?.name ?? 'Error'}${err?.code ? ` [${err.code}]` : ''}: ${String(err?.message ?? e).slice(0, 300)}`);
      return 'down';
    }
  }
}
