import { AppConfig, ComplexityPlugin, CoreApiModule, CoreModule, formatGraphqlError, Loaders } from '@app/core';
import { EmployersApiModule } from '@app/employers';
import { InterviewsApiModule } from '@app/interviews';
import { MatchingApiModule } from '@app/matching';
import { SchoolsApiModule } from '@app/schools';
import { TalentApiModule } from '@app/talent';
import { TrainingApiModule } from '@app/training';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TerminusModule } from '@nestjs/terminus';
import depthLimit from 'graphql-depth-limit';
import { join } from 'path';
import { HealthController } from './health/health.controller';

/**
 * HTTP requests carry the bearer token in a header; graphql-ws connections in
 * connectionParams.authorization. Either way the AuthGuard finds it on req.headers.
 */
function graphqlContext(ctx: { req?: unknown; connectionParams?: Record<string, unknown> }) {
  if (ctx.req) return { req: ctx.req, loaders: new Loaders() };
  const auth = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
  return { req: { headers: { authorization: typeof auth === 'string' ? auth : undefined } }, loaders: new Loaders() };
}

export const SCHEMA_FILE = join(__dirname, '..', 'schema.gql');

@Module({
  imports: [
    CoreModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // The committed schema.gql is written in development; tests check it is current.
        autoSchemaFile: config.app.nodeEnv === 'development' ? SCHEMA_FILE : true,
        sortSchema: true,
        path: '/graphql',
        playground: false,
        introspection: config.graphql.introspection,
        plugins: config.graphql.playground ? [ApolloServerPluginLandingPageLocalDefault({ embed: true })] : [],
        subscriptions: { 'graphql-ws': { path: '/graphql' } },
        context: graphqlContext,
        formatError: formatGraphqlError,
        validationRules: [depthLimit(config.graphql.maxDepth)],
      }),
    }),
    ServeStaticModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => [{ rootPath: config.app.webRoot, exclude: ['/graphql', '/health', '/schools/{*any}', '/training/{*any}'] }],
    }),
    TerminusModule,
    CoreApiModule,
    TalentApiModule,
    EmployersApiModule,
    SchoolsApiModule,
    TrainingApiModule,
    MatchingApiModule,
    InterviewsApiModule,
  ],
  controllers: [HealthController],
  providers: [ComplexityPlugin],
})
export class ApiModule {}
