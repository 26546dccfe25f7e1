import { ApolloServerPlugin, GraphQLRequestContextWillSendResponse, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { OperationDefinitionNode, visit } from 'graphql';
import { ApiMetrics } from './metrics';
import { GraphqlFacts } from './request-facts';

const MAX_FIELDS_IN_LABEL = 6;

/** Root field names of the operation: a label bounded by the schema (a client's operationName is not). */
export function rootFieldsLabel(operation: OperationDefinitionNode | undefined): string {
  if (!operation) return '(unparsed)';
  const names = new Set<string>();
  for (const sel of operation.selectionSet.selections)
    names.add(sel.kind === 'Field' ? sel.name.value : `...${sel.kind === 'FragmentSpread' ? sel.name.value : 'inline'}`);
  const sorted = [...names].sort();
  return sorted.length > MAX_FIELDS_IN_LABEL ? `${sorted.slice(0, MAX_FIELDS_IN_LABEL).join(',')},…` : sorted.join(',');
}

/**
 * The variables as the log shows them: keyed by the ARGUMENT each one is passed to (`requestSmsCode(phone: $p)` logs
 * `{ phone: … }`), since a variable's own name is the client's choice. The redaction config (SENSITIVE_KEYS) then
 * matches schema names — argument names and input field names — whatever the client called its variables.
 */
export function variablesByArgument(
  operation: OperationDefinitionNode | undefined,
  variables: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (!operation || !variables || !Object.keys(variables).length) return undefined;
  const argOf = new Map<string, string>();
  visit(operation, {
    Argument(node) {
      if (node.value.kind === 'Variable' && !argOf.has(node.value.name.value)) argOf.set(node.value.name.value, node.name.value);
    },
    ObjectField(node) {
      if (node.value.kind === 'Variable' && !argOf.has(node.value.name.value)) argOf.set(node.value.name.value, node.name.value);
    },
  });
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(variables)) {
    // A variable no argument uses, or two bound to one argument name: kept apart under the variable's name.
    const key = argOf.get(name) ?? `$${name}`;
    out[key in out ? `${key}$${name}` : key] = value;
  }
  return out;
}

/**
 * Per GraphQL request over HTTP: puts the operation (client operationName, type, root fields, variables — the access
 * log redacts the sensitive ones by configuration) on the request for the access log, and observes its duration in
 * graphql_operation_duration_seconds{operation, type, outcome}.
 */
@Plugin()
export class GraphqlObservabilityPlugin implements ApolloServerPlugin {
  constructor(private readonly metrics: ApiMetrics) {}

  async requestDidStart(): Promise<GraphQLRequestListener<any>> {
    const started = process.hrtime.bigint();
    const metrics = this.metrics;
    return {
      async willSendResponse(ctx: GraphQLRequestContextWillSendResponse<any>) {
        const fields = rootFieldsLabel(ctx.operation ?? undefined);
        const type = ctx.operation?.operation ?? 'unknown';
        const errors = ctx.response.body.kind === 'single' ? (ctx.response.body.singleResult.errors ?? []) : [];
        const codes = errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        metrics.graphql.observe({ operation: fields, type, outcome: codes.length ? 'error' : 'ok' }, seconds);
        for (const code of new Set(codes)) metrics.graphqlErrors.inc({ operation: fields, code });
        const req = ctx.contextValue?.req;
        if (req && typeof req === 'object') {
          const variables = variablesByArgument(ctx.operation ?? undefined, ctx.request.variables);
          const facts: GraphqlFacts = {
            operationName: ctx.operationName ?? ctx.request.operationName ?? undefined,
            type,
            fields,
            ...(variables ? { variables } : {}),
            ...(codes.length ? { errors: [...new Set(codes)] } : {}),
          };
          req.graphql = facts;
        }
      },
    };
  }
}
