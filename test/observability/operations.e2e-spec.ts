import { AppConfig, ConfigError, loadConfig, QueueName } from '@app/core';
import { createTestApi, operator, tenantWithHr, TestApi } from '@app/testing';

/** Issue 12 §4: /metrics only with the METRICS_TOKEN bearer, Bull Board only for operators. */
describe('operations routes: /metrics and /admin/queues (issue 12 §4)', () => {
  let api: TestApi;
  let metricsToken: string;
  let op: string;
  let hr: string;

  beforeAll(async () => {
    api = await createTestApi();
    metricsToken = api.app.get(AppConfig).observability.metricsToken!;
    op = await operator(api);
    hr = (await tenantWithHr(api, op)).hrToken;
  });
  afterAll(() => api.close());

  const get = (path: string, token?: string) => fetch(`${api.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('GET /metrics: 401 without the token, with a wrong one or with an operator access token; 200 with it', async () => {
    await api.ok(`{ openPostings(first: 5) { total } }`);
    await api.gql(`{ me { id } }`); // UNAUTHENTICATED, counted as an error
    expect((await get('/metrics')).status).toBe(401);
    expect((await get('/metrics', 'not-the-metrics-token-0000')).status).toBe(401);
    expect((await get('/metrics', op)).status).toBe(401);
    const res = await get('/metrics', metricsToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const body = await res.text();
    expect(body).toMatch(/graphql_operation_duration_seconds_count\{operation="openPostings",type="query",outcome="ok"\} [1-9]/);
    expect(body).toMatch(/graphql_errors_total\{operation="me",code="UNAUTHENTICATED"\} [1-9]/);
    expect(body).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/graphql",status_code="200"\} [1-9]/);
    for (const q of Object.values(QueueName)) expect(body).toContain(`bullmq_queue_jobs{queue="${q}",state="failed"}`);
    expect(body).toMatch(/^outbox_lag_seconds \d/m);
    expect(body).toMatch(/^outbox_pending_events \d/m);
    expect(body).toContain('process_resident_memory_bytes');
  });

  it('Bull Board: anonymous 401, HR 403, operator 200 (page and queue API for every queue); nothing for non-operators', async () => {
    expect((await get('/admin/queues')).status).toBe(401);
    expect((await get('/admin/queues', hr)).status).toBe(403);
    expect((await get('/admin/queues/api/queues', hr)).status).toBe(403);
    expect((await fetch(`${api.url}/admin/queues/api/queues/outbox/pause`, { method: 'PUT', headers: { authorization: `Bearer ${hr}` } })).status).toBe(403);
    const page = await get('/admin/queues', op);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<base href="/admin/queues/"');
    const script = html.match(/src="(static\/js\/main\.[^"]+)"/)![1];
    expect((await get(`/admin/queues/${script}`, op)).status).toBe(200);
    expect((await get(`/admin/queues/${script}`)).status).toBe(401);
    const queues = await get('/admin/queues/api/queues', op);
    expect(queues.status).toBe(200);
    const names = ((await queues.json()) as { queues: Array<{ name: string }> }).queues.map((q) => q.name).sort();
    expect(names).toEqual(Object.values(QueueName).sort());
  });

  it('config: production without METRICS_TOKEN has metrics off; the development token is refused there', () => {
    const prod = {
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: 'a'.repeat(40),
      MEDIA_TOKEN_SECRET: 'b'.repeat(40),
      DATA_KEYS: 'k1:' + Buffer.alloc(32, 1).toString('base64'),
      DATA_HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
      SMS_DRIVER: 'none',
      MEDIA_ALLOWED_ORIGINS: 'https://talent.example.cn',
    };
    expect(loadConfig(prod).observability.metricsToken).toBeUndefined();
    expect(loadConfig({ ...prod, METRICS_TOKEN: 'c'.repeat(40) }).observability.metricsToken).toBe('c'.repeat(40));
    expect(() => loadConfig({ ...prod, METRICS_TOKEN: loadConfig({ NODE_ENV: 'test' }).observability.metricsToken })).toThrow(ConfigError);
  });
});
