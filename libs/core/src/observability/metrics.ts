import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { QueueName } from '../queue/queue-names';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
export const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed'] as const;

/** Every queue of QueueName, as the app registered it (libs/core/src/core.module.ts). */
export function registeredQueues(moduleRef: ModuleRef): Queue[] {
  return Object.values(QueueName).map((name) => moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
}

/** `bullmq_queue_jobs{queue,state}`, read from Redis at scrape time; the API and the worker both serve it. */
export function queueJobsGauge(registry: Registry, queues: Queue[]): Gauge<'queue' | 'state'> {
  return new Gauge({
    name: 'bullmq_queue_jobs',
    help: 'BullMQ jobs per queue and state (completed/failed: those still kept by removeOnComplete/removeOnFail)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      await Promise.all(
        queues.map(async (q) => {
          const counts = await q.getJobCounts(...JOB_STATES);
          for (const state of JOB_STATES) this.set({ queue: q.name, state }, counts[state] ?? 0);
        }),
      );
    },
  });
}

/**
 * The API's Prometheus metrics, in a registry of its own (one per app, so test apps in one process never share):
 * HTTP and GraphQL latency per route/operation, BullMQ job counts per queue and state (read at scrape time),
 * outbox lag (age of the oldest unrelayed row), and the process defaults (CPU, memory, event-loop lag).
 */
@Injectable()
export class ApiMetrics implements OnModuleDestroy {
  readonly registry = new Registry();
  readonly http = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly graphql = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'GraphQL operations by root fields ("operation"), type and outcome (ok | error)',
    labelNames: ['operation', 'type', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly graphqlErrors = new Counter({
    name: 'graphql_errors_total',
    help: 'GraphQL errors by operation and extensions.code',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });

  constructor(moduleRef: ModuleRef, db: DataSource, clock: Clock) {
    collectDefaultMetrics({ register: this.registry });
    queueJobsGauge(this.registry, registeredQueues(moduleRef));
    new Gauge({
      name: 'outbox_lag_seconds',
      help: 'Age of the oldest outbox event not yet relayed to its queue (0 when none is waiting)',
      registers: [this.registry],
      async collect() {
        const [row] = await db.query(`SELECT min(created_at) AS oldest, count(*)::int AS pending FROM outbox_events WHERE relayed_at IS NULL`);
        this.set(row?.oldest ? Math.max(0, (clock.now().getTime() - new Date(row.oldest).getTime()) / 1000) : 0);
      },
    });
    new Gauge({
      name: 'outbox_pending_events',
      help: 'Outbox events not yet relayed',
      registers: [this.registry],
      async collect() {
        const [row] = await db.query(`SELECT count(*)::int AS pending FROM outbox_events WHERE relayed_at IS NULL`);
        this.set(row?.pending ?? 0);
      },
    });
  }

  onModuleDestroy(): void {
    this.registry.clear();
  }
}
