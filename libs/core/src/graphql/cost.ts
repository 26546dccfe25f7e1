import {
  DocumentNode,
  FieldNode,
  getNamedType,
  getNullableType,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { MAX_PAGE_SIZE } from './pagination';

/**
 * The price list of the API, in one place.
 *
 * Every field costs 1 (objects 1 + their selection); a page (`XxxPage { items total hasMore }`) or a list with a
 * `first`/`pageSize` argument multiplies its selection by its OWN argument, capped at the largest page the
 * resolver serves. Root fields cost what this table says; search, match and export fields a fixed high price
 * on top of their rows, and they are also rate-limited per user (see ExpensiveOperationInterceptor).
 */
export const ROOT_FIELD_COSTS: Readonly<Record<string, number>> = {
  // search / match / export: ranking over the whole pool, or everything a person has. Ten aliased
  // matchCandidates are over the default limit (5,000) on their fixed price alone.
  matchCandidates: 500,
  jobsForMe: 500,
  talentPool: 300,
  exportMyData: 1000,
  openPostings: 50,
  // aggregates over a year or the whole base
  trainingStats: 200,
  internshipStats: 100,
  // unbounded lists (see ROOT_LIST_ROWS) and views that write an audit row
  internships: 20,
  talentProfile: 10,
  schoolStudents: 20,
  graduateImportRejections: 10,
};

/** Root fields that are rate-limited per user (per IP for anonymous callers), one point per occurrence. */
export const RATE_LIMITED_ROOT_FIELDS: ReadonlySet<string> = new Set(['matchCandidates', 'jobsForMe', 'talentPool', 'exportMyData']);

/** Default price of a root field not in ROOT_FIELD_COSTS, by operation type. */
export const DEFAULT_ROOT_COST = { Query: 2, Mutation: 10, Subscription: 10 } as const;

/** Largest page a list resolver serves when it is not MAX_PAGE_SIZE. */
const ROW_CAPS: Readonly<Record<string, number>> = { myProfileViews: 200 };

/** Rows assumed for lists without a size argument: root lists by name (default 20), nested lists 5. */
const ROOT_LIST_ROWS: Readonly<Record<string, number>> = { internships: 50, schools: 10, regionsNearBase: 30 };
const DEFAULT_ROOT_LIST_ROWS = 20;
const NESTED_LIST_ROWS = 5;

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** A page type: an object type with `items: [T!]!` and `total`. Its `total`/`hasMore` are paid for by the field that returns it. */
export function isPageType(type: GraphQLNamedType): boolean {
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  return !!fields.items && isListType(getNullableType(fields.items.type)) && !!fields.total;
}

function sizeArg(field: GraphQLField<unknown, unknown>): string | undefined {
  return field.args.find((a) => a.name === 'first' || a.name === 'pageSize')?.name;
}

/** Rows a field multiplies its selection by, read from the field's own arguments. */
export function rowsOf(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, isRoot: boolean): number {
  const named = getNamedType(field.type);
  const list = isListType(getNullableType(field.type));
  if (!list && !isPageType(named)) return 1;
  const arg = sizeArg(field);
  if (!arg && isLeafType(named)) return 1; // a list of scalars/enums is a column, not rows to fetch
  if (arg) {
    const cap = ROW_CAPS[field.name] ?? MAX_PAGE_SIZE;
    const n = Number(args[arg]);
    return Math.min(Math.max(Number.isFinite(n) ? Math.ceil(n) : 20, 1), cap);
  }
  if (!list) return 20; // a page type without a size argument: the usual page
  return isRoot ? (ROOT_LIST_ROWS[field.name] ?? DEFAULT_ROOT_LIST_ROWS) : NESTED_LIST_ROWS;
}

export function rootFieldCost(typeName: string, fieldName: string): number {
  return ROOT_FIELD_COSTS[fieldName] ?? DEFAULT_ROOT_COST[typeName as keyof typeof DEFAULT_ROOT_COST] ?? 1;
}

/** graphql-query-complexity estimator implementing the price list above. */
export const platformEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const isRoot = ROOT_TYPES.has(type.name);
  if (isPageType(type)) {
    // `items` is priced per row (its parent multiplies by its own `first`); `total`/`hasMore` come with the page.
    return field.name === 'items' ? Math.max(childComplexity, 1) : 0;
  }
  const own = isRoot ? rootFieldCost(type.name, field.name) : 1;
  const rows = rowsOf(field, args, isRoot);
  return own + rows * (rows > 1 ? Math.max(childComplexity, 1) : childComplexity);
};

/** The estimated cost of one operation of `document`. Throws graphql-js errors for bad variables. */
export function estimateCost(schema: GraphQLSchema, document: DocumentNode, variables?: Record<string, unknown>, operationName?: string | null): number {
  return getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    operationName: operationName ?? undefined,
    estimators: [platformEstimator],
    // Node count is bounded separately (root-field cap, depth); the default 10,000 would only mask the cost.
    maxQueryNodes: 100_000,
  });
}

/** The operation that will run, as graphql-js picks it. */
export function selectOperation(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return ops.find((o) => o.name?.value === operationName);
  return ops.length === 1 ? ops[0] : undefined;
}

/** Root fields the operation selects, fragments expanded; every alias counts, `__typename` does not. */
export function rootFields(document: DocumentNode, operationName?: string | null): FieldNode[] {
  const op = selectOperation(document, operationName);
  if (!op) return [];
  const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d.selectionSet]));
  const out: FieldNode[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value !== '__typename') out.push(sel);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet);
      } else if (!seen.has(sel.name.value)) {
        // A fragment spread twice selects the same fields twice: they merge, so count them once.
        seen.add(sel.name.value);
        const frag = fragments.get(sel.name.value);
        if (frag) walk(frag);
      }
    }
  };
  walk(op.selectionSet);
  return out;
}
