export * from './factories';
export * from './test-app';
export * from './service-module';
export * from './isolated-database';
export * from './test-database';
export * from './wait-for';
export * from './error-catalog-checks';
