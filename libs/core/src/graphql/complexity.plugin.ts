import { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { AppConfig } from '../config/config';
import { checkOperationLimits } from './limits';

/**
 * HTTP side of the request limits: refuses documents with too many root fields (aliases count) or whose estimated
 * cost (see cost.ts: each list priced with its own `first`, fixed prices for search/match/export) is above the
 * limit. graphql-ws runs the same check in graphqlWsOptions. A RATE_LIMITED error also sets `Retry-After`.
 */
@Plugin()
export class ComplexityPlugin implements ApolloServerPlugin {
  constructor(
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly config: AppConfig,
  ) {}

  async requestDidStart(): Promise<GraphQLRequestListener<any>> {
    const cfg = this.config.graphql;
    const schema = this.schemaHost.schema;
    return {
      async didResolveOperation({ request, document }) {
        checkOperationLimits(cfg, schema, document, request.variables, request.operationName);
      },
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const limited = response.body.singleResult.errors?.find((e) => e.extensions?.code === 'RATE_LIMITED');
        const retry = limited?.extensions?.retryAfterSeconds;
        if (typeof retry === 'number') response.http.headers.set('retry-after', String(retry));
      },
    };
  }
}
