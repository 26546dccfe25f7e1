export * from './graphql-observability.plugin';
export * from './logging';
export * from './metrics';
export * from './observability.module';
export * from './operations-routes';
export * from './redaction';
export * from './request-facts';
export * from './worker-metrics';
