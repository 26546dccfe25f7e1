import {
  AppConfig,
  ComplexityPlugin,
  CoreApiModule,
  CoreModule,
  ExpensiveOperationInterceptor,
  formatGraphqlError,
  graphqlWsAuth,
  graphqlWsOptions,
  limitValidationRules,
  Loaders,
  ObservabilityModule,
  TokenService,
} from '@app/core';
import { EmployersApiModule } from '@app/employers';
import { FairsApiModule } from '@app/fairs';
import { InterviewsApiModule } from '@app/interviews';
import { MatchingApiModule } from '@app/matching';
import { SchoolsApiModule } from '@app/schools';
import { SubsidiesApiModule } from '@app/subsidies';
import { TalentApiModule } from '@app/talent';
import { TrainingApiModule } from '@app/training';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TerminusModule } from '@nestjs/terminus';
import { join } from 'path';
import { webCacheHeaders } from './bootstrap';
import { HealthController } from './health/health.controller';

/**
 * HTTP requests carry the bearer token in a header; graphql-ws connections in
 * connectionParams.authorization. Either way the AuthGuard finds it on req.headers.
 */
function graphqlContext(ctx: { req?: unknown; connectionParams?: Record<string, unknown>; extra?: { request?: { socket?: { remoteAddress?: string } } } }) {
  if (ctx.req) return { req: ctx.req, loaders: new Loaders() };
  const auth = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
  const ip = ctx.extra?.request?.socket?.remoteAddress;
  return { req: { headers: { authorization: typeof auth === 'string' ? auth : undefined }, ip }, loaders: new Loaders() };
}

export const SCHEMA_FILE = join(__dirname, '..', 'schema.gql');

@Module({
  imports: [
    CoreModule,
    // JSON logs (nestjs-pino), metrics and the GraphQL operation plugin (libs/core/src/observability).
    ObservabilityModule.forApi(),
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfig, TokenService, GraphQLSchemaHost],
      useFactory: (config: AppConfig, tokens: TokenService, schemaHost: GraphQLSchemaHost) => ({
        // The committed schema.gql is written in development; tests check it is current.
        autoSchemaFile: config.app.nodeEnv === 'development' ? SCHEMA_FILE : true,
        sortSchema: true,
        path: '/graphql',
        playground: false,
        introspection: config.graphql.introspection,
        plugins: config.graphql.playground ? [ApolloServerPluginLandingPageLocalDefault({ embed: true })] : [],
        // Connection init and every pushed event check the account (erased, disabled, signed out → closed).
        // Subscriptions only, under the same limits and error formatting as HTTP (libs/core/src/graphql/ws.ts).
        subscriptions: { 'graphql-ws': graphqlWsOptions(config.graphql, () => schemaHost.schema, '/graphql', graphqlWsAuth(tokens)) },
        context: graphqlContext,
        formatError: formatGraphqlError,
        // Apollo adds the introspection rule itself when introspection is off.
        validationRules: limitValidationRules(config.graphql, { introspectionRule: false }),
      }),
    }),
    ServeStaticModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => [
        {
          rootPath: config.app.webRoot,
          exclude: ['/graphql', '/health', '/schools/{*any}', '/training/{*any}'],
          // Hashed scripts immutable for a year, pages no-cache (bootstrap.ts webCacheHeaders).
          serveStaticOptions: { setHeaders: webCacheHeaders },
        },
      ],
    }),
    TerminusModule,
    CoreApiModule,
    TalentApiModule,
    EmployersApiModule,
    SchoolsApiModule,
    TrainingApiModule,
    MatchingApiModule,
    InterviewsApiModule,
    SubsidiesApiModule,
    FairsApiModule,
  ],
  controllers: [HealthController],
  providers: [ComplexityPlugin, { provide: APP_INTERCEPTOR, useClass: ExpensiveOperationInterceptor }],
})
export class ApiModule {}
