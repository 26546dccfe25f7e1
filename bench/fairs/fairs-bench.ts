/**
 * Job fair benchmark (issue 11 §Tests): npm run bench:fairs -- [--checkins 2000] [--seconds 60] [--subscribers 50000] [--keep]
 *
 * 1. Its own database (talent_fairbench_<ts>, every migration), the API in this process on a free port (createTestApi:
 *    the real ApiModule, TypeScript through ts-node), Redis as configured (its own key prefix).
 * 2. Check-in burst: a LIVE fair with N registered seekers; autocannon sends the N ticket check-ins
 *    (checkInFairTicket, one different ticket each) at N / seconds requests a second — the opening half hour of a big
 *    fair squeezed — as an OPERATOR. Same run, same rate: a bare HTTP server doing only the INSERT … ON CONFLICT into
 *    fair_checkins with a pg pool (the floor any check-in can reach). Errors, p50/p95/p99, and the ratios.
 * 3. Fan-out: M wall subscriptions with mixed filters against a Saturday fair with 30 companies × 2 postings;
 *    WallFanoutService.fanout (match, one delivery row and one outbox notification per fitting subscriber) — time and
 *    notifications/s — beside the same matching SQL alone (no writes) over all subscriptions.
 * The database is dropped at the end unless --keep.
 */
import 'reflect-metadata';
import { FANOUT_BATCH, FairWallService, matchPostings, matchSql, WallFanoutService } from '@app/fairs';
import { createMigratedDatabase, createTestApi, dropDatabase, operator } from '@app/testing';
import autocannon from 'autocannon';
import { randomBytes } from 'crypto';
import { createServer } from 'http';
import { AddressInfo } from 'net';
import { Pool } from 'pg';

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : d;
};
const CHECKINS = Number(arg('checkins', '2000'));
const SECONDS = Number(arg('seconds', '60'));
const SUBSCRIBERS = Number(arg('subscribers', '50000'));
const KEEP = process.argv.includes('--keep');
const out = (s = '') => process.stdout.write(s + '\n');
const ms = (n: number) => `${n.toFixed(1)} ms`;

interface Burst {
  errors: number;
  non2xx: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
}

async function burst(url: string, bodies: string[], headers: Record<string, string>): Promise<Burst> {
  let i = 0;
  let gqlErrors = 0;
  const r = await autocannon({
    url,
    method: 'POST',
    connections: 10,
    amount: bodies.length,
    overallRate: Math.max(1, Math.round(bodies.length / SECONDS)),
    headers: { 'content-type': 'application/json', ...headers },
    requests: [{ setupRequest: (req: any) => ({ ...req, body: bodies[i++ % bodies.length] }) }],
    setupClient: (client: any) =>
      client.on('body', (b: Buffer) => {
        if (b.includes('"errors"')) gqlErrors++;
      }),
  } as any);
  const l = r.latency as any;
  // autocannon reports p97_5 and p99; p95 from its histogram percentiles when present, else interpolated.
  const p95 = l.p95 ?? (l.p90 + l.p97_5) / 2;
  return { errors: r.errors + r.timeouts + gqlErrors, non2xx: r.non2xx, p50: l.p50, p95, p99: l.p99, rps: r.requests.average };
}

async function main() {
  const db = `talent_fairbench_${Date.now()}`;
  out(`database ${db}`);
  process.env.DATABASE_URL = await createMigratedDatabase(db);
  // The in-process API with the test configuration (development secrets; NODE_ENV=development would rewrite schema.gql).
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL ??= 'warn';
  process.env.QUEUE_PREFIX = `fairbench-${randomBytes(3).toString('hex')}`;
  const api = await createTestApi();
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  try {
    // ---------- check-in burst ----------
    const now = api.clock.now();
    const [{ id: fairId }] = (
      await pool.query(
        `INSERT INTO fairs (title, kind, level, region_code, mode, starts_at, ends_at, status, created_at, updated_at)
         VALUES ('周六常态招聘会（压测）', 'WEEKLY', 'CITY', '150902', 'ONSITE', $1, $2, 'LIVE', $3, $3) RETURNING id`,
        [new Date(now.getTime() - 600_000), new Date(now.getTime() + 3 * 3600_000), now],
      )
    ).rows;
    const seekers = (
      await pool.query(
        `INSERT INTO seekers (name, completeness, source, shared_with_tenants) SELECT '压测' || g, 10, 'SELF', false FROM generate_series(1, $1) g RETURNING id`,
        [CHECKINS * 2],
      )
    ).rows.map((r) => r.id as string);
    const ticketSeekers = seekers.slice(0, CHECKINS);
    const bareSeekers = seekers.slice(CHECKINS);
    const tokens = ticketSeekers.map(() => randomBytes(18).toString('base64url'));
    await pool.query(`INSERT INTO fair_tickets (fair_id, seeker_id, token, created_at) SELECT $1, s, t, now() FROM unnest($2::uuid[], $3::text[]) AS x(s, t)`, [
      fairId,
      ticketSeekers,
      tokens,
    ]);
    const opToken = await operator(api);
    const q = `mutation($i: CheckInTicketInput!) { checkInFairTicket(input: $i) { id repeated } }`;
    const apiBodies = tokens.map((t) => JSON.stringify({ query: q, variables: { i: { fairId, token: t, idempotencyKey: t } } }));

    // The bare baseline: one INSERT per request, nothing else.
    const bare = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', async () => {
        try {
          const { seekerId } = JSON.parse(body) as { seekerId: string };
          await pool.query(
            `INSERT INTO fair_checkins (fair_id, seeker_id, method, checked_in_at) VALUES ($1, $2, 'SCAN', now()) ON CONFLICT (fair_id, seeker_id) DO NOTHING RETURNING id`,
            [fairId, seekerId],
          );
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{}}');
        } catch {
          res.writeHead(500).end();
        }
      });
    });
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
    const bareBodies = bareSeekers.map((s) => JSON.stringify({ seekerId: s }));

    out(`\ncheck-in burst: ${CHECKINS} check-ins in ${SECONDS} s (${(CHECKINS / SECONDS).toFixed(1)}/s), 10 connections`);
    const a = await burst(`${api.url}/graphql`, apiBodies, { authorization: `Bearer ${opToken}` });
    const b = await burst(bareUrl, bareBodies, {});
    bare.close();
    const [{ n }] = (await pool.query(`SELECT count(*)::int AS n FROM fair_checkins WHERE fair_id = $1 AND ticket_id IS NOT NULL`, [fairId])).rows;
    out(`                     errors  non2xx   p50        p95        p99        req/s`);
    const line = (name: string, x: Burst) =>
      out(
        `${name.padEnd(20)} ${String(x.errors).padStart(6)}  ${String(x.non2xx).padStart(6)}   ${ms(x.p50).padEnd(10)} ${ms(x.p95).padEnd(10)} ${ms(x.p99).padEnd(10)} ${x.rps.toFixed(1)}`,
      );
    line('API checkInFairTicket', a);
    line('bare INSERT', b);
    out(
      `ratio API/bare        p50 ×${(a.p50 / Math.max(b.p50, 0.01)).toFixed(1)}  p95 ×${(a.p95 / Math.max(b.p95, 0.01)).toFixed(1)}  p99 ×${(a.p99 / Math.max(b.p99, 0.01)).toFixed(1)}`,
    );
    out(`check-ins recorded by the API: ${n} of ${CHECKINS} (goal: all, 0 errors, p99 ≤ 100 ms)`);

    // ---------- fan-out ----------
    out(`\nfan-out: ${SUBSCRIBERS} subscribers, batches of ${FANOUT_BATCH}`);
    const t0 = Date.now();
    const tenants = (
      await pool.query(
        `INSERT INTO tenants (name, credit_code, seats) SELECT '压测呼叫中心' || g, lpad(g::text, 18, '9'), 500 FROM generate_series(1, 30) g RETURNING id`,
      )
    ).rows.map((r) => r.id as string);
    const [{ id: satId }] = (
      await pool.query(
        `INSERT INTO fairs (title, kind, level, region_code, mode, starts_at, ends_at, status, created_at, updated_at)
         VALUES ('周六常态招聘会', 'WEEKLY', 'CITY', '150902', 'ONSITE', $1, $2, 'BOOKING_CLOSED', $3, $3) RETURNING id`,
        [new Date(now.getTime() + 40 * 3600_000), new Date(now.getTime() + 43 * 3600_000), now],
      )
    ).rows;
    const SHIFTS = ['DAY', 'TWO_SHIFT', 'THREE_SHIFT', 'NIGHT'];
    for (const [i, tenantId] of tenants.entries()) {
      const [{ id: boothId }] = (
        await pool.query(`INSERT INTO fair_booths (fair_id, number, tenant_id) VALUES ($1, $2, $3) RETURNING id`, [satId, `A${i + 1}`, tenantId])
      ).rows;
      const [{ id: appId }] = (
        await pool.query(
          `INSERT INTO fair_booth_applications (fair_id, tenant_id, status, booth_id, created_at, updated_at) VALUES ($1, $2, 'APPROVED', $3, now(), now()) RETURNING id`,
          [satId, tenantId, boothId],
        )
      ).rows;
      for (let k = 0; k < 2; k++) {
        const min = 300000 + ((i * 2 + k) % 6) * 50000;
        const [{ id: postingId }] = (
          await pool.query(
            `INSERT INTO job_postings (tenant_id, title, headcount, openings_left, salary_min_fen, salary_max_fen, shifts, min_mandarin_level, min_typing_speed, status)
             VALUES ($1, $2, 10, 10, $3, $4, $5, $6, $7, 'OPEN') RETURNING id`,
            [tenantId, k ? '呼出销售' : '呼入客服', min, min + 150000, [SHIFTS[(i + k) % 4]], k ? null : '2B', (i + k) % 3 === 0 ? 50 : null],
          )
        ).rows;
        await pool.query(
          `INSERT INTO fair_postings (fair_id, booth_application_id, tenant_id, booth_id, posting_id, headcount, code, status, created_at)
           VALUES ($1, $2, $3, $4, $5, 5, $6, 'ACTIVE', now())`,
          [satId, appId, tenantId, boothId, postingId, randomBytes(12).toString('base64url')],
        );
      }
    }
    await pool.query(`INSERT INTO users (role, display_name) SELECT 'SEEKER', '订阅者' || g FROM generate_series(1, $1) g`, [SUBSCRIBERS]);
    await pool.query(
      `INSERT INTO seekers (user_id, name, completeness, source, shared_with_tenants)
       SELECT id, display_name, 10, 'SELF', false FROM users WHERE display_name LIKE '订阅者%'`,
    );
    await pool.query(
      `INSERT INTO fair_wall_subscriptions (seeker_id, user_id, region_prefixes, fair_kinds, shifts, pay_floor_fen, mandarin_rank, typing_speed, sms, created_at, updated_at)
       SELECT s.id, s.user_id,
              (ARRAY['{}', '{1509}', '{1501}', '{15}']::text[])[1 + (h % 4)]::text[],
              CASE WHEN h % 7 = 0 THEN '{CAMPUS}'::text[] ELSE '{}'::text[] END,
              (ARRAY['{}', '{DAY}', '{TWO_SHIFT,THREE_SHIFT}', '{NIGHT}'])[1 + (h / 4 % 4)]::text[],
              (ARRAY[NULL, 300000, 400000, 500000, 700000])[1 + (h / 16 % 5)],
              1 + (h / 80 % 6), (h / 480 % 120), h % 3 = 0, now(), now()
         FROM (SELECT id, user_id, abs(hashtext(id::text)) AS h FROM seekers WHERE name LIKE '订阅者%') s`,
    );
    out(`set-up (30 companies, 60 postings, ${SUBSCRIBERS} subscriptions): ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const fanout = api.app.get(WallFanoutService);
    // Baseline: the same matching SQL over every subscription, no writes (what any fan-out must at least do).
    const wall = await api.app.get(FairWallService).view(satId);
    const { list } = matchPostings(wall);
    const tm = Date.now();
    const matched = (await pool.query(matchSql('true'), [JSON.stringify(list), '150902', 'WEEKLY', 41.03, 113.13])).rows;
    const matchMs = Date.now() - tm;
    const fitting = matched.filter((r) => r.matches.length > 0).length;
    const tf = Date.now();
    const r = await fanout.fanout(satId);
    const fanMs = Date.now() - tf;
    const again = Date.now();
    const r2 = await fanout.fanout(satId);
    const againMs = Date.now() - again;
    out(`matching SQL alone   ${matched.length} subscriptions, ${fitting} with fitting postings: ${matchMs} ms`);
    out(
      `fan-out              ${r.subscribers} matched, ${r.notified} notified in ${(fanMs / 1000).toFixed(1)} s = ${((r.notified / fanMs) * 1000).toFixed(0)} notifications/s`,
    );
    out(`ratio fan-out/match  ×${(fanMs / Math.max(matchMs, 1)).toFixed(1)} (the difference: delivery rows + one outbox event per notification)`);
    out(`second run (idempotent): ${r2.notified} notified in ${againMs} ms`);
  } finally {
    await pool.end();
    await api.close();
    if (!KEEP) await dropDatabase(db);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
