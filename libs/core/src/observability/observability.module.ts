import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppConfig } from '../config/config';
import { GraphqlObservabilityPlugin } from './graphql-observability.plugin';
import { LOG_DESTINATION, loggerParams } from './logging';
import { ApiMetrics } from './metrics';
import { WorkerMetrics } from './worker-metrics';

/** Logs to stdout unless LOG_DESTINATION is overridden (tests capture the log that way). */
const destination = { provide: LOG_DESTINATION, useValue: null };

function logger(service: string) {
  return LoggerModule.forRootAsync({
    providers: [destination],
    inject: [AppConfig, LOG_DESTINATION],
    useFactory: (config: AppConfig, dest: DestinationStream | null) => loggerParams(config, service, dest ?? undefined),
  });
}

/**
 * Structured JSON logs (nestjs-pino) and Prometheus metrics (prom-client) for one process. main.ts then routes Nest's
 * Logger to pino (`app.useLogger(app.get(Logger))`); the API mounts /metrics and /admin/queues in configureApi.
 */
@Module({})
export class ObservabilityModule {
  static forApi(): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [logger('api')],
      providers: [ApiMetrics, GraphqlObservabilityPlugin],
      exports: [ApiMetrics],
    };
  }

  static forWorker(): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [logger('worker'), DiscoveryModule],
      providers: [WorkerMetrics],
      exports: [WorkerMetrics],
    };
  }
}
