import { DocumentNode, GraphQLError, GraphQLSchema, NoSchemaIntrospectionCustomRule, ValidationRule } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { GraphqlSection } from '../config/config';
import { estimateCost, rootFields } from './cost';

/**
 * The request limits every GraphQL operation passes, over HTTP (ComplexityPlugin + Apollo's validation) and over
 * graphql-ws (graphqlWsOptions): depth, introspection switch, root fields per document, estimated cost.
 */
export function limitValidationRules(cfg: GraphqlSection, opts: { introspectionRule: boolean }): ValidationRule[] {
  const rules: ValidationRule[] = [depthLimit(cfg.maxDepth)];
  // Apollo adds this rule itself over HTTP when introspection is off; graphql-ws needs it explicitly.
  if (opts.introspectionRule && !cfg.introspection) rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}

export function limitError(code: string, zh: string, en: string, extra: Record<string, unknown> = {}): GraphQLError {
  // A refused document is the caller's mistake: HTTP 400, not Apollo's 500 for errors raised in a plugin hook.
  return new GraphQLError(zh, { extensions: { code, messageEn: en, http: { status: 400 }, ...extra } });
}

/** Estimated costs per parsed document (gone with it), per variables + operation name; a few per document. */
const costCache = new WeakMap<DocumentNode, { schema: GraphQLSchema; costs: Map<string, number> }>();
const COST_CACHE_PER_DOCUMENT = 32;
const COST_CACHE_MAX_KEY = 512;

/** Null (not cached) for large variables, e.g. a long mutation input: they would cost more to key than to price. */
function costCacheKey(variables: Record<string, unknown> | null | undefined, operationName: string | null | undefined): string | null {
  let v: string;
  try {
    v = variables ? JSON.stringify(variables) : '';
  } catch {
    return null;
  }
  const key = `${operationName ?? ''}\u0000${v}`;
  return key.length <= COST_CACHE_MAX_KEY ? key : null;
}

/** Throws a GraphQLError (QUERY_TOO_MANY_ROOT_FIELDS, QUERY_TOO_COMPLEX, BAD_USER_INPUT) when the operation is over the limits; returns its cost. */
export function checkOperationLimits(
  cfg: GraphqlSection,
  schema: GraphQLSchema,
  document: DocumentNode,
  variables?: Record<string, unknown> | null,
  operationName?: string | null,
): number {
  const roots = rootFields(document, operationName).length;
  if (roots > cfg.maxRootFields) {
    throw limitError(
      'QUERY_TOO_MANY_ROOT_FIELDS',
      `一次请求的顶层字段过多（${roots} > ${cfg.maxRootFields}，别名也计入），请拆分请求`,
      `Too many root fields in one document (${roots} > ${cfg.maxRootFields}, aliases count); split the request`,
      { rootFields: roots, max: cfg.maxRootFields },
    );
  }
  // The estimate depends only on (schema, document, variables, operation): Apollo hands us the same parsed document
  // for the same query text, so a page asked for again and again (the job board) is priced once (bench/api).
  const key = costCacheKey(variables, operationName);
  const perSchema = key === null ? undefined : costCache.get(document);
  const cached = perSchema?.schema === schema ? perSchema.costs.get(key!) : undefined;
  let cost: number;
  if (cached !== undefined) cost = cached;
  else {
    try {
      cost = estimateCost(schema, document, variables ?? undefined, operationName);
    } catch (e) {
      // Bad variables (unknown or mistyped input fields) surface here first: they are the caller's mistake.
      if (e instanceof GraphQLError) throw new GraphQLError(e.message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
      throw e;
    }
    if (key !== null) {
      let entry = costCache.get(document);
      if (!entry || entry.schema !== schema) costCache.set(document, (entry = { schema, costs: new Map() }));
      if (entry.costs.size >= COST_CACHE_PER_DOCUMENT) entry.costs.delete(entry.costs.keys().next().value!);
      entry.costs.set(key, cost);
    }
  }
  if (cost > cfg.maxComplexity) {
    throw limitError(
      'QUERY_TOO_COMPLEX',
      `查询过于复杂（${cost} > ${cfg.maxComplexity}），请减少字段或每页条数`,
      `Query too complex (${cost} > ${cfg.maxComplexity}); ask for fewer fields or a smaller page`,
      { cost, max: cfg.maxComplexity },
    );
  }
  return cost;
}
