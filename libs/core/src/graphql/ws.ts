import { DocumentNode, ExecutionArgs, getOperationAST, GraphQLError, GraphQLSchema, parse, specifiedRules, validate } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { GraphqlSection } from '../config/config';
import { formatGraphqlError } from './errors';
import { checkOperationLimits, limitError, limitValidationRules } from './limits';

type WsOptions = Pick<ServerOptions, 'onConnect' | 'onSubscribe' | 'onNext' | 'onError'> & { path: string };
/** Other graphql-ws hooks to combine with these (e.g. the account checks of graphqlWsAuth): theirs `onNext` runs first. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type WsHooks = { onConnect?: (ctx: any) => unknown; onNext?: (ctx: any, ...rest: any[]) => unknown };

/**
 * graphql-ws on /graphql carries subscriptions only: queries and mutations go over HTTP (a clear SUBSCRIPTIONS_ONLY
 * error otherwise). Every subscription passes the same checks as HTTP (depth, introspection switch, root-field cap,
 * cost; the rate-limit interceptor runs on its resolver too) and its errors the same formatter (code, zh-CN message,
 * messageEn).
 */
export function graphqlWsOptions(cfg: GraphqlSection, schemaOf: () => GraphQLSchema, path = '/graphql', hooks: WsHooks = {}): WsOptions {
  const rules = [...specifiedRules, ...limitValidationRules(cfg, { introspectionRule: true })];
  const format = (errors: readonly GraphQLError[]) => errors.map((e) => formatGraphqlError(e.toJSON(), e));
  return {
    path,
    ...(hooks.onConnect ? { onConnect: hooks.onConnect as ServerOptions['onConnect'] } : {}),
    onSubscribe: (_ctx, _id, payload) => {
      const schema = schemaOf();
      let document: DocumentNode;
      try {
        document = parse(payload.query);
      } catch (e) {
        if (e instanceof GraphQLError) return [new GraphQLError(e.message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        throw e;
      }
      const invalid = validate(schema, document, rules);
      if (invalid.length) return invalid.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
      const op = getOperationAST(document, payload.operationName);
      if (op && op.operation !== 'subscription') {
        return [
          limitError(
            'SUBSCRIPTIONS_ONLY',
            `WebSocket 连接只接受订阅（subscription），${op.operation === 'query' ? '查询' : '变更'}请通过 HTTP POST /graphql 发送`,
            `Only subscriptions are accepted over graphql-ws; send ${op.operation === 'query' ? 'queries' : 'mutations'} over HTTP POST /graphql`,
          ),
        ];
      }
      try {
        checkOperationLimits(cfg, schema, document, payload.variables, payload.operationName);
      } catch (e) {
        if (e instanceof GraphQLError) return [e];
        throw e;
      }
      // Returning the arguments skips graphql-ws's own parse/validate; the context comes from the module's `context`.
      const args: ExecutionArgs = { schema, document, operationName: payload.operationName, variableValues: payload.variables };
      return args;
    },
    onNext: async (ctx, id, payload, args, result) => {
      const replaced = await hooks.onNext?.(ctx, id, payload, args, result);
      if (replaced) return replaced as Awaited<ReturnType<NonNullable<ServerOptions['onNext']>>>;
      return result.errors?.length ? { ...result, errors: format(result.errors) } : undefined;
    },
    onError: (_ctx, _id, _payload, errors) => format(errors),
  };
}
