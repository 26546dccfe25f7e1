import { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { AppConfig } from '../config/config';

/** Refuses operations whose estimated cost is above the configured limit (list fields count first × child). */
@Plugin()
export class ComplexityPlugin implements ApolloServerPlugin {
  constructor(
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly config: AppConfig,
  ) {}

  async requestDidStart(): Promise<GraphQLRequestListener<any>> {
    const max = this.config.graphql.maxComplexity;
    const schema = this.schemaHost.schema;
    return {
      async didResolveOperation({ request, document }) {
        let complexity: number;
        try {
          complexity = getComplexity({
            schema,
            operationName: request.operationName,
            query: document,
            variables: request.variables,
            estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
          });
        } catch (e) {
          // Bad variables (unknown or mistyped input fields) surface here first: they are the caller's mistake.
          if (e instanceof GraphQLError) throw new GraphQLError(e.message, { extensions: { code: 'BAD_USER_INPUT' } });
          throw e;
        }
        if (complexity > max) {
          throw new GraphQLError(`查询过于复杂（${complexity} > ${max}），请减少字段或每页条数`, {
            extensions: { code: 'QUERY_TOO_COMPLEX', messageEn: `Query too complex (${complexity} > ${max}); ask for fewer fields or a smaller page` },
          });
        }
      },
    };
  }
}
