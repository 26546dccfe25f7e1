import { createTestApi, TestApi } from '@app/testing';
import { readFileSync } from 'fs';
import { buildSchema, GraphQLObjectType } from 'graphql';
import { createClient } from 'graphql-ws';
import { join } from 'path';
import WebSocket from 'ws';
import { MATRIX, REST, Row } from './matrix';
import { buildWorld, RoleKey, ROLES, World } from './world';

const SCHEMA = join(__dirname, '../../apps/api/schema.gql');
const WORDS: Record<string, string> = { U: 'UNAUTHENTICATED', F: 'FORBIDDEN', NF: 'NOT_FOUND' };

/** Every operation the committed schema serves, as "Query.name" etc. */
function schemaOperations(): Array<{ kind: 'Query' | 'Mutation' | 'Subscription'; name: string }> {
  const schema = buildSchema(readFileSync(SCHEMA, 'utf8'));
  const out: Array<{ kind: 'Query' | 'Mutation' | 'Subscription'; name: string }> = [];
  for (const [kind, type] of [
    ['Query', schema.getQueryType()],
    ['Mutation', schema.getMutationType()],
    ['Subscription', schema.getSubscriptionType()],
  ] as const) {
    for (const name of Object.keys((type as GraphQLObjectType | null | undefined)?.getFields() ?? {})) out.push({ kind, name });
  }
  return out;
}

/** "METHOD /path" for every route the Express router holds (controllers; not the GraphQL endpoint or static files). */
function expressRoutes(api: TestApi): string[] {
  const instance = api.app.getHttpAdapter().getInstance();
  const stack: any[] = instance.router?.stack ?? instance._router?.stack ?? [];
  const routes: string[] = [];
  for (const layer of stack) {
    if (!layer.route) continue;
    const methods = Object.keys(layer.route.methods ?? {}).filter((m) => layer.route.methods[m] && m !== '_all');
    for (const m of methods) routes.push(`${m.toUpperCase()} ${layer.route.path}`);
  }
  return [...new Set(routes)].sort();
}

interface Outcome {
  code: string; // 'ok' or an extensions.code
  text: string;
}

async function runGraphql(w: World, row: Row, role: RoleKey, vars: Record<string, unknown>, token: string | undefined): Promise<Outcome> {
  const r = await w.api.gql(row.doc, vars, token, row.headers?.() ?? {});
  const code = r.errors?.length ? (r.errors[0].extensions?.code ?? 'NO_CODE') : 'ok';
  return { code, text: JSON.stringify(r.errors?.length ? r.errors : r.data) };
}

/** Subscribes over graphql-ws; "ok" when no error arrives within 600 ms of the server acknowledging the connection. */
async function runSubscription(w: World, row: Row, token: string | undefined): Promise<Outcome> {
  const client = createClient({
    url: w.api.url.replace('http', 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  });
  try {
    const outcome = await new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => resolve({ code: 'ok', text: 'open' }), 600);
      client.subscribe(
        { query: row.doc },
        {
          next: (v) => {
            clearTimeout(timer);
            resolve(
              v.errors?.length
                ? { code: String(v.errors[0].extensions?.code ?? 'NO_CODE'), text: JSON.stringify(v.errors) }
                : { code: 'ok', text: JSON.stringify(v) },
            );
          },
          error: (e: any) => {
            clearTimeout(timer);
            const list = Array.isArray(e) ? e : null;
            const text = list ? JSON.stringify(list) : `${e?.code ?? ''} ${e?.reason ?? e?.message ?? String(e)}`;
            const code =
              list?.[0]?.extensions?.code ??
              (/Sign-in required|UNAUTHENTICATED|4401/.test(text) ? 'UNAUTHENTICATED' : /FORBIDDEN|4403/.test(text) ? 'FORBIDDEN' : 'WS_ERROR');
            resolve({ code, text });
          },
          complete: () => undefined,
        },
      );
    });
    return outcome;
  } finally {
    await client.dispose();
  }
}

describe('authorization matrix: every operation × every caller (issue 8 §6)', () => {
  let api: TestApi;
  let w: World;

  beforeAll(async () => {
    api = await createTestApi();
    w = await buildWorld(api);
  }, 120_000);
  afterAll(async () => {
    await w?.close();
    await api?.close();
  });

  it('the table has exactly one row for every Query, Mutation and Subscription of schema.gql', () => {
    const inSchema = schemaOperations()
      .map((o) => o.name)
      .sort();
    const inTable = MATRIX.map((r) => r.name).sort();
    const dupes = inTable.filter((n, i) => inTable[i - 1] === n);
    expect({ missingRows: inSchema.filter((n) => !inTable.includes(n)), rowsForGoneOperations: inTable.filter((n) => !inSchema.includes(n)), dupes }).toEqual({
      missingRows: [],
      rowsForGoneOperations: [],
      dupes: [],
    });
    // a row's document must call the operation it is filed under
    for (const row of MATRIX) expect({ row: row.name, calls: new RegExp(`\\b${row.name}\\b`).test(row.doc) }).toEqual({ row: row.name, calls: true });
  });

  it('the table has a row for every REST route the app serves, and none for routes that are gone', () => {
    const served = expressRoutes(api);
    expect(served.length).toBeGreaterThan(0);
    const listed = [...new Set(REST.map((r) => r.route.replace(/ \(.*\)$/, '')))].sort();
    expect({ unlisted: served.filter((r) => !listed.includes(r)), gone: listed.filter((r) => !served.includes(r)) }).toEqual({ unlisted: [], gone: [] });
  });

  describe.each(MATRIX.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    it('gives each caller the outcome in the table', async () => {
      const kind = /^\s*subscription\b/.test(row.doc) ? 'Subscription' : /^\s*mutation\b/.test(row.doc) ? 'Mutation' : 'Query';
      // Refusals first, side by side (they must not change anything); then the callers who may, one by one, on fresh
      // objects where the row says so. Queries change nothing, so every caller runs at once.
      const got: Record<string, string> = {};
      const want: Record<string, string> = {};
      const leaks: string[] = [];
      const run = async (role: RoleKey) => {
        const expected = row.expect[role];
        want[role] = expected;
        let vars = await row.vars(w, role);
        let token = w.token[role];
        if (kind === 'Mutation' && expected.startsWith('ok') && row.fresh) {
          const f = await row.fresh(w, role);
          vars = f.vars;
          token = f.token ?? token;
        }
        const out = kind === 'Subscription' ? await runSubscription(w, row, token) : await runGraphql(w, row, role, vars, token);
        const word = out.code === 'ok' ? (expected === 'ok-' ? 'ok-' : 'ok') : (Object.entries(WORDS).find(([, c]) => c === out.code)?.[0] ?? out.code);
        got[role] = word === expected ? word : `${word} ← ${out.text.slice(0, 300)}`;
        if (expected === 'ok-' && out.code === 'ok') {
          for (const id of row.foreign?.(w) ?? []) if (out.text.includes(id)) leaks.push(`${role} sees ${id}`);
        }
      };
      const allowed = ROLES.filter((r) => row.expect[r].startsWith('ok'));
      const refused = ROLES.filter((r) => !row.expect[r].startsWith('ok'));
      if (kind === 'Mutation') {
        await Promise.all(refused.map(run));
        for (const role of allowed) await run(role);
      } else {
        await Promise.all(ROLES.map(run));
      }
      expect({ outcomes: got, leaks }).toEqual({ outcomes: want, leaks: [] });
    }, 90_000);
  });

  describe.each(REST.map((r) => [r.route, r] as const))('REST %s', (_route, row) => {
    it('gives each caller the status in the table', async () => {
      const got: Record<string, number | string> = {};
      for (const role of ROLES) {
        const { path, init } = await row.call(w, role);
        const token = w.token[role];
        const res = await fetch(`${api.url}${path}`, {
          ...init,
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...((init?.headers as Record<string, string>) ?? {}) },
        });
        const body = await res.text();
        got[role] = res.status === row.expect[role] ? res.status : `${res.status} ← ${body.slice(0, 200)}`;
      }
      expect(got).toEqual(row.expect);
    }, 90_000);
  });
});
