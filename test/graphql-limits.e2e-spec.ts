import { estimateCost, EventBus, notificationChannel, ROOT_FIELD_COSTS } from '@app/core';
import { createTestApi, openPosting, operator, seekerWithProfile, tenantWithHr, TestApi } from '@app/testing';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphQLSchema, parse } from 'graphql';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** Starts an API with these settings (read from the environment at boot, like GRAPHQL_MAX_DEPTH in graphql-quality). */
async function apiWith(env: Record<string, string>): Promise<TestApi> {
  Object.assign(process.env, env);
  try {
    return await createTestApi();
  } finally {
    for (const k of Object.keys(env)) delete process.env[k];
  }
}

function wsClient(api: TestApi, token?: string): Client {
  return createClient({
    url: api.url.replace('http', 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  });
}

/** The first thing the server answers to one operation over graphql-ws: a result, or the error payload. */
function firstAnswer(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<{ next?: any; error?: any }> {
  return new Promise((resolve) => {
    const stop = client.subscribe(
      { query, variables },
      {
        next: (v) => {
          resolve({ next: v });
          stop();
        },
        error: (e) => resolve({ error: e }),
        complete: () => resolve({}),
      },
    );
  });
}

const MATCH = `query($p: ID!) { matchCandidates(postingId: $p, first: 5) { total items { score seeker { id } } } }`;

describe('GraphQL limits: cost per own page size, root-field cap, graphql-ws, expensive-operation rate limit', () => {
  let api: TestApi;
  let schema: GraphQLSchema;
  const cost = (q: string, v: Record<string, unknown> = {}) => estimateCost(schema, parse(q), v);

  beforeAll(async () => {
    api = await createTestApi();
    schema = api.app.get(GraphQLSchemaHost).schema;
  });
  afterAll(() => api.close());

  it('prices each page with its own `first` (a page of 100 costs 100 rows, not 20), capped at the largest page', () => {
    const one = cost(`{ tenants(first: 1) { items { id } } }`);
    const hundred = cost(`{ tenants(first: 100) { total hasMore items { id } } }`);
    expect(hundred - one).toBe(99); // one point per row for `items { id }`
    expect(cost(`{ tenants(first: 100) { items { id name } } }`) - hundred).toBe(100); // a field more: +1 per row
    expect(cost(`{ tenants(first: 20) { items { id } } }`)).toBe(one + 19);
    expect(cost(`query($n: Int!) { tenants(first: $n) { items { id } } }`, { n: 100 })).toBe(hundred);
    expect(cost(`{ tenants(first: 1000000) { items { id } } }`)).toBe(hundred); // capped; the resolver refuses > 100 anyway
    // Two pages in one document each use their own size.
    expect(cost(`{ a: tenants(first: 100) { items { id } } b: tenants(first: 10) { items { id } } }`)).toBe(hundred + one + 9);
    // A nested list is multiplied inside the page's rows: 100 rows × (id + events(1 + 5 assumed × 1)).
    expect(cost(`{ applications(first: 100) { items { id events { toStage } } } }`)).toBe(2 + 100 * (1 + 1 + 5));
  });

  it('search, match and export root fields carry a fixed high price on top of their rows', () => {
    for (const f of ['matchCandidates', 'jobsForMe', 'talentPool', 'exportMyData']) expect(ROOT_FIELD_COSTS[f]).toBeGreaterThanOrEqual(300);
    expect(cost(MATCH, { p: 'x' })).toBe(ROOT_FIELD_COSTS.matchCandidates + 5 * (1 + (1 + 1)));
    expect(cost(`{ exportMyData }`)).toBe(ROOT_FIELD_COSTS.exportMyData);
  });

  it('refuses 900 aliased matchCandidates (root-field cap), and their cost alone is far over the limit', async () => {
    const { hrToken } = await tenantWithHr(api);
    const postingId = await openPosting(api, hrToken);
    const aliased = (n: number) =>
      `query($p: ID!) { ${Array.from({ length: n }, (_, i) => `m${i}: matchCandidates(postingId: $p, first: 20) { items { score } }`).join(' ')} }`;
    const r = await api.gql(aliased(900), { p: postingId }, hrToken);
    expect(r.data).toBeUndefined();
    expect(r.errors?.[0]).toMatchObject({
      message: expect.stringContaining('顶层字段过多（900 > 12'),
      extensions: { code: 'QUERY_TOO_MANY_ROOT_FIELDS', messageEn: expect.stringContaining('Too many root fields in one document (900 > 12') },
    });
    expect(cost(aliased(900), { p: postingId })).toBeGreaterThan(900 * 500);
    // Under the cap, the price still refuses ten of them; one passes.
    const ten = await api.gql(aliased(10), { p: postingId }, hrToken);
    expect(ten.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', messageEn: expect.stringMatching(/^Query too complex \(\d+ > 5000\)/) });
    expect(ten.errors?.[0].message).toMatch(/^查询过于复杂/);
    const single = await api.gql(aliased(1), { p: postingId }, hrToken);
    expect(single.errors).toBeUndefined();
    expect(Array.isArray(single.data.m0.items)).toBe(true);
  });

  it('graphql-ws refuses queries and mutations with a clear error; a subscription still works and is formatted like HTTP', async () => {
    const s = await seekerWithProfile(api, { consent: false });
    const me = await api.ok(`{ me { id } }`, {}, s.token);
    const client = wsClient(api, s.token);
    try {
      const q = await firstAnswer(client, `{ me { id } openPostings { total } }`);
      expect(q.next).toBeUndefined();
      expect(q.error).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('只接受订阅'),
          extensions: expect.objectContaining({ code: 'SUBSCRIPTIONS_ONLY', messageEn: expect.stringContaining('send queries over HTTP POST /graphql') }),
        }),
      ]);
      const m = await firstAnswer(client, `mutation { grantConsent { sharedWithTenants } }`);
      expect(m.error?.[0].extensions).toMatchObject({ code: 'SUBSCRIPTIONS_ONLY', messageEn: expect.stringContaining('send mutations over HTTP') });
      // The mutation did not run.
      expect((await api.ok(`{ myConsents { grantedAt } }`, {}, s.token)).myConsents).toHaveLength(0);
      // Bad documents get the HTTP formatting too (code, zh-CN message, messageEn).
      const bad = await firstAnswer(client, `subscription { notificationAdded { nope } }`);
      expect(bad.error?.[0]).toMatchObject({ message: expect.stringMatching(/^请求格式错误：/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });

      // A subscription is accepted and receives events.
      const received = new Promise<any>((resolve, reject) => {
        client.subscribe({ query: `subscription { notificationAdded { id kind title } }` }, { next: resolve, error: reject, complete: () => undefined });
      });
      await new Promise((r) => setTimeout(r, 300)); // let the subscription register in Redis
      const row = { id: '1', kind: 'TEST', title: '限流测试', body: 'x', createdAt: new Date().toISOString(), readAt: null };
      await api.app.get(EventBus).publish(notificationChannel(me.me.id), row);
      const event = await Promise.race([received, new Promise((_, rej) => setTimeout(() => rej(new Error('no event within 10 s')), 10_000))]);
      expect(event).toEqual({ data: { notificationAdded: { id: '1', kind: 'TEST', title: '限流测试' } } });
    } finally {
      await client.dispose();
    }
    // A resolver error over ws comes out formatted: code, Chinese message, English messageEn.
    const anon = wsClient(api);
    try {
      const r = await firstAnswer(anon, `subscription { notificationAdded { id } }`);
      expect(r.next?.errors?.[0]).toMatchObject({ message: '请先登录', extensions: { code: 'UNAUTHENTICATED', messageEn: 'Sign-in required' } });
    } finally {
      await anon.dispose();
    }
  });

  describe('with tight limits (cost 12, 3 root fields, introspection off)', () => {
    let tight: TestApi;
    beforeAll(async () => {
      tight = await apiWith({ GRAPHQL_MAX_COMPLEXITY: '12', GRAPHQL_MAX_ROOT_FIELDS: '3', GRAPHQL_INTROSPECTION: 'false' });
    });
    afterAll(() => tight.close());

    it('over HTTP a page is priced by its own size: 10 rows pass, 11 rows do not', async () => {
      const op = await operator(tight);
      expect((await tight.gql(`{ tenants(first: 10) { items { id } } }`, {}, op)).errors).toBeUndefined(); // 2 + 10
      const r = await tight.gql(`{ tenants(first: 11) { items { id } } }`, {}, op); // 2 + 11
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', messageEn: expect.stringContaining('(13 > 12)') });
    });

    it('caps root fields per document: aliases and fragments count', async () => {
      const op = await operator(tight);
      expect((await tight.gql(`{ a: me { id } b: me { id } c: me { id } __typename }`, {}, op)).errors).toBeUndefined();
      for (const q of [
        `{ a: me { id } b: me { id } c: me { id } d: me { id } }`,
        `{ a: me { id } ...F } fragment F on Query { b: me { id } c: me { id } d: me { id } }`,
        `{ a: me { id } ... on Query { b: me { id } c: me { id } d: me { id } } }`,
      ]) {
        const r = await tight.gql(q, {}, op);
        expect(r.data).toBeUndefined();
        expect(r.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_MANY_ROOT_FIELDS', messageEn: expect.stringContaining('(4 > 3') });
      }
    });

    it('graphql-ws applies the introspection switch and the cost limit to subscriptions', async () => {
      const s = await seekerWithProfile(tight);
      const client = wsClient(tight, s.token);
      try {
        const intro = await firstAnswer(client, `{ __schema { types { name } } }`);
        expect(intro.error?.[0].message).toMatch(/introspection has been disabled/);
        expect(intro.error?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
        // HTTP refuses it too (Apollo's own wording).
        const http = await tight.gql(`{ __schema { types { name } } }`);
        expect(http.errors?.[0].message).toMatch(/introspection is not allowed/);
        // notificationAdded costs 10 + 1 per field: 4 fields are over 12.
        const costly = await firstAnswer(client, `subscription { notificationAdded { id kind title body } }`);
        expect(costly.error?.[0]).toMatchObject({ message: expect.stringMatching(/^查询过于复杂/), extensions: { code: 'QUERY_TOO_COMPLEX' } });
        // A cheap one is admitted (it then waits for events).
        const cheap = new Promise<string>((resolve) => {
          client.subscribe(
            { query: `subscription { notificationAdded { id } }` },
            { next: () => resolve('next'), error: () => resolve('error'), complete: () => resolve('complete') },
          );
          setTimeout(() => resolve('waiting'), 1500);
        });
        expect(await cheap).toBe('waiting');
      } finally {
        await client.dispose();
      }
      // With introspection on (the default app, development settings) the same document is refused only as a query.
      const open = wsClient(api);
      try {
        const r = await firstAnswer(open, `{ __schema { types { name } } }`);
        expect(r.error?.[0].extensions.code).toBe('SUBSCRIPTIONS_ONLY');
      } finally {
        await open.dispose();
      }
    });
  });

  it('rate-limits expensive operations per user: the 4th call within a minute is refused with retry-after, another user is unaffected', async () => {
    const rated = await apiWith({ GRAPHQL_EXPENSIVE_PER_MINUTE: '3' });
    try {
      const a = await tenantWithHr(rated);
      const b = await tenantWithHr(rated);
      const pa = await openPosting(rated, a.hrToken);
      const pb = await openPosting(rated, b.hrToken);
      for (let i = 0; i < 3; i++) expect((await rated.gql(MATCH, { p: pa }, a.hrToken)).errors).toBeUndefined();
      const res = await fetch(`${rated.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${a.hrToken}` },
        body: JSON.stringify({ query: MATCH, variables: { p: pa } }),
      });
      const body = await res.json();
      expect(body.errors[0]).toMatchObject({
        message: expect.stringMatching(/^请求过于频繁，请\d+秒后再试$/),
        extensions: { code: 'RATE_LIMITED', messageEn: expect.stringMatching(/^Too many requests; retry after \d+ s$/) },
      });
      const retry = body.errors[0].extensions.retryAfterSeconds;
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(60);
      expect(res.headers.get('retry-after')).toBe(String(retry));
      // Cheap operations of the same user are not limited.
      expect((await rated.gql(`{ me { id } }`, {}, a.hrToken)).errors).toBeUndefined();
      // Another user still has a full allowance; two aliases spend two points.
      const two = `query($p: ID!) { x: matchCandidates(postingId: $p, first: 1) { total } y: matchCandidates(postingId: $p, first: 1) { total } }`;
      expect((await rated.gql(two, { p: pb }, b.hrToken)).errors).toBeUndefined();
      expect((await rated.gql(MATCH, { p: pb }, b.hrToken)).errors).toBeUndefined();
      expect((await rated.gql(MATCH, { p: pb }, b.hrToken)).errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    } finally {
      await rated.close();
    }
  });
});
