import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService, ModuleRef } from '@nestjs/core';
import type { Job, Worker } from 'bullmq';
import { timingSafeEqual } from 'crypto';
import { createServer, Server } from 'http';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { queueJobsGauge, registeredQueues } from './metrics';

const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/**
 * The worker's Prometheus metrics: job duration per queue and outcome (every WorkerHost processor's BullMQ worker,
 * found at bootstrap), jobs per queue and state, and the process defaults. Served by `serve()` (worker main.ts) on
 * WORKER_METRICS_PORT, with the same bearer METRICS_TOKEN as the API's /metrics.
 */
@Injectable()
export class WorkerMetrics implements OnApplicationBootstrap, OnModuleDestroy {
  readonly registry = new Registry();
  readonly jobDuration = new Histogram({
    name: 'bullmq_job_duration_seconds',
    help: 'Time a job spent being processed (processedOn → finishedOn), per queue and outcome',
    labelNames: ['queue', 'status'] as const,
    buckets: JOB_BUCKETS,
    registers: [this.registry],
  });
  readonly jobWait = new Histogram({
    name: 'bullmq_job_wait_seconds',
    help: 'Time a job waited in its queue before a worker took it (timestamp → processedOn)',
    labelNames: ['queue'] as const,
    buckets: JOB_BUCKETS,
    registers: [this.registry],
  });
  private server?: Server;

  constructor(
    private readonly discovery: DiscoveryService,
    moduleRef: ModuleRef,
  ) {
    collectDefaultMetrics({ register: this.registry });
    queueJobsGauge(this.registry, registeredQueues(moduleRef));
  }

  /** A finished job's timings, as BullMQ recorded them. */
  observe(queue: string, job: Job | undefined, status: 'completed' | 'failed'): void {
    if (!job?.processedOn) return;
    const finished = job.finishedOn ?? job.processedOn;
    this.jobDuration.observe({ queue, status }, Math.max(0, finished - job.processedOn) / 1000);
    if (status === 'completed' && job.timestamp) this.jobWait.observe({ queue }, Math.max(0, job.processedOn - job.timestamp - (job.delay ?? 0)) / 1000);
  }

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const host = wrapper.instance;
      if (!(host instanceof WorkerHost)) continue;
      let worker: Worker | undefined;
      try {
        worker = host.worker;
      } catch {
        continue; // not started (no worker in this process)
      }
      if (!worker) continue;
      const queue = worker.name;
      worker.on('completed', (job: Job) => this.observe(queue, job, 'completed'));
      worker.on('failed', (job: Job | undefined) => this.observe(queue, job, 'failed'));
    }
  }

  /** HTTP server for Prometheus: GET /metrics with `Authorization: Bearer <token>`. */
  async serve(port: number, token: string): Promise<Server> {
    const expected = Buffer.from(`Bearer ${token}`);
    this.server = createServer((req, res) => {
      const given = Buffer.from(req.headers.authorization ?? '');
      if ((req.url ?? '').split('?')[0] !== '/metrics' || req.method !== 'GET') {
        res.writeHead(404).end();
      } else if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res.writeHead(401, { 'WWW-Authenticate': 'Bearer' }).end();
      } else {
        this.registry.metrics().then(
          (body) => res.writeHead(200, { 'Content-Type': this.registry.contentType, 'Cache-Control': 'no-store' }).end(body),
          (err: Error) => {
            new Logger('WorkerMetrics').error(`metrics failed: ${err.message}`);
            res.writeHead(500).end();
          },
        );
      }
    });
    await new Promise<void>((resolve, reject) => this.server!.once('error', reject).listen(port, resolve));
    return this.server;
  }

  async onModuleDestroy(): Promise<void> {
    this.registry.clear();
    if (this.server) await new Promise((resolve) => this.server!.close(resolve));
  }
}
