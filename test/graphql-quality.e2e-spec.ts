import { loadConfig } from '@app/core';
import { applyTo, createTestApi, openPosting, seekerWithProfile, tenantWithHr, TestApi } from '@app/testing';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { readFileSync } from 'fs';
import { join } from 'path';
import { DataSource } from 'typeorm';

describe('GraphQL quality: limits, N+1, health, schema, production settings', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('the committed apps/api/schema.gql matches the code (run the API in development to refresh it)', () => {
    const schema = api.app.get(GraphQLSchemaHost).schema;
    const committed = readFileSync(join(__dirname, '..', 'apps', 'api', 'schema.gql'), 'utf8');
    const strip = (s: string) => s.replace(/^#.*\n/gm, '').trim();
    expect(strip(committed)).toBe(strip(printSchema(lexicographicSortSchema(schema))));
  });

  it('refuses queries deeper than the limit', async () => {
    // The schema has no cycles, so prove the wiring with a low limit on a second app.
    process.env.GRAPHQL_MAX_DEPTH = '3';
    const shallow = await createTestApi();
    delete process.env.GRAPHQL_MAX_DEPTH;
    try {
      const { hrToken } = await tenantWithHr(shallow);
      const ok = await shallow.gql(`{ applications { items { id } } }`, {}, hrToken);
      expect(ok.errors).toBeUndefined();
      const deep = await shallow.gql(`{ applications { items { posting { tenant { id } } } } }`, {}, hrToken);
      expect(deep.errors?.[0].message).toMatch(/请求格式错误.*exceeds maximum operation depth of 3/);
    } finally {
      await shallow.close();
    }
  });

  it('refuses queries whose cost is above the limit (page size counts)', async () => {
    const { hrToken } = await tenantWithHr(api);
    const fields = Array.from({ length: 25 }, (_, i) => `f${i}: posting { id title tenant { id name } }`).join(' ');
    const costly = `{ applications(first: 100) { items { id ${fields} } } }`;
    const r = await api.gql(costly, {}, hrToken);
    expect(r.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(r.errors?.[0].message).toContain('查询过于复杂');
    const big = await api.gql(`{ openPostings(first: 101) { total } }`);
    expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('resolving nested fields for a page of applications costs a fixed number of queries (DataLoader, no N+1)', async () => {
    const { hrToken } = await tenantWithHr(api);
    const postingA = await openPosting(api, hrToken, 50);
    const postingB = await openPosting(api, hrToken, 50);
    const seekers = [];
    for (let i = 0; i < 8; i++) seekers.push(await seekerWithProfile(api));
    for (const s of seekers) {
      await applyTo(api, s.token, postingA);
      await applyTo(api, s.token, postingB);
    }
    const ds = api.app.get(DataSource);
    const runner = Object.getPrototypeOf(ds.driver.createQueryRunner('master'));
    const spy = jest.spyOn(runner, 'query');
    const page = `{ applications(first: 100) { total items { id posting { title tenant { name } } seeker { name idNumberMasked } events { toStage } } } }`;
    const d = await api.ok(page, {}, hrToken);
    const queries = spy.mock.calls.length;
    spy.mockRestore();
    expect(d.applications.items).toHaveLength(16);
    // page + count + postings + tenants + seekers + events (+ transaction noise), independent of 16 rows
    expect(queries).toBeLessThanOrEqual(8);
  });

  it('/health reports PostgreSQL and Redis', async () => {
    const res = await fetch(`${api.url}/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('ok');
    expect(body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('production mode: introspection and playground off; secrets and the log SMS sender refused', () => {
    const prodEnv = {
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: 'x'.repeat(40),
      MEDIA_TOKEN_SECRET: 'y'.repeat(40),
      DATA_KEYS: 'k2026:' + Buffer.alloc(32, 3).toString('base64'),
      DATA_HASH_KEY: Buffer.alloc(32, 4).toString('base64'),
    };
    const c = loadConfig(prodEnv);
    expect(c.graphql.introspection).toBe(false);
    expect(c.graphql.playground).toBe(false);
    expect(c.auth.smsDriver).toBe('none');
    expect(() => loadConfig({ ...prodEnv, JWT_ACCESS_SECRET: undefined })).toThrow(/JWT_ACCESS_SECRET is required in production/);
    expect(() => loadConfig({ ...prodEnv, DATA_KEYS: undefined })).toThrow(/DATA_KEYS is required/);
    expect(() => loadConfig({ ...prodEnv, SMS_DRIVER: 'log' })).toThrow(/not allowed in production/);
    expect(() => loadConfig({ ...prodEnv, GRAPHQL_INTROSPECTION: 'true' })).toThrow(/introspection/);
    expect(() => loadConfig({ ...prodEnv, DATA_KEYS: 'k1:c2hvcnQ=' })).toThrow(/32 bytes/);
  });

  it('errors carry a stable code, a Chinese message and an English one', async () => {
    const r = await api.gql(`{ me { id } }`);
    expect(r.errors?.[0]).toMatchObject({ message: '请先登录', extensions: { code: 'UNAUTHENTICATED', messageEn: 'Sign-in required' } });
  });
});
