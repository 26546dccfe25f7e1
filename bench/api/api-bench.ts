/**
 * GraphQL API throughput against a bare baseline (issue 12 §3). See bench/api/README.md.
 *
 *   npm run bench:api -- [--duration 6] [--rounds 3] [--connections 50] [--warmup 2] [--seekers 5200] [--keep] [--cpu-prof]
 *                        [--only openPostings,jobsForMe,applications] [--reuse-build]
 *                        [--log-level warn]
 *
 * 1. creates its own database (talent_apibench_<ts>), runs every migration and loads the demo seed
 *    (tools/seed: 12 tenants, 60 postings, 5,200 seekers, ~600 applications, training, interviews…),
 *    plus one seeker account with a profile and two signed-in sessions (seeker, HR of tenant 1);
 * 2. compiles the API (tsc --noCheck of apps/api/src/main.ts, i.e. what `nest build api` emits) and the bare
 *    server into /tmp/api-bench/build and starts both as plain node processes:
 *      - the API with NODE_ENV=production and bench-only random secrets (they pass the production checks of
 *        libs/core/src/config/config.ts), GRAPHQL_EXPENSIVE_PER_MINUTE / GRAPHQL_ANONYMOUS_EXPENSIVE_PER_MINUTE
 *        set to 1e9 so the per-user / per-IP rate limit of jobsForMe and openPostings never trips (the Redis
 *        round trip of the limiter is still made on every request);
 *      - bench/api/bare-server.ts: standalone @apollo/server, same SQL, same pool size, same account check;
 * 3. checks that both answer each query with the same `data`, then for each query runs autocannon against the
 *    API and the bare server back to back (a short warm-up first, not reported);
 * 4. prints rps, p50/p99 latency, errors (transport errors, non-2xx, timeouts and GraphQL `errors` bodies) and the
 *    ratios API/bare. --cpu-prof writes a V8 CPU profile of the API to /tmp/api-bench/prof and summarises it.
 * The database is dropped at the end unless --keep.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { ChildProcess, spawn, spawnSync } from 'child_process';
import { randomBytes, randomUUID } from 'crypto';
import * as fs from 'fs';
import jwt from 'jsonwebtoken';
import * as path from 'path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../libs/core/src/config/config';
import { CryptoService } from '../../libs/core/src/crypto/crypto.service';
import { dataSourceOptions } from '../../libs/core/src/database/data-source-options';
import { seedDemo } from '../../tools/seed/seed';
import { summariseProfile } from './profile-summary';

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : d;
};
const DURATION = Number(arg('duration', '6'));
const CONNECTIONS = Number(arg('connections', '50'));
const WARMUP = Number(arg('warmup', '2'));
/** The duration is split into this many slices, Nest and bare alternating, so both see the same background load. */
const ROUNDS = Number(arg('rounds', '3'));
const SEEKERS = Number(arg('seekers', '5200'));
const ONLY = arg('only', 'openPostings,jobsForMe,applications').split(',');
const KEEP = process.argv.includes('--keep');
const CPU_PROF = process.argv.includes('--cpu-prof');
const REUSE_BUILD = process.argv.includes('--reuse-build');
/** The API's LOG_LEVEL; unset = the production default (info: one JSON line per request). */
const LOG_LEVEL = arg('log-level', '');
const ADMIN_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROOT = path.resolve(__dirname, '../..');
const WORK = '/tmp/api-bench';
const out = (s = '') => process.stdout.write(s + '\n');

// The web app's own documents (apps/web/src/legacy/seeker/jobs.ts, apps/web/src/legacy/hr/applications.ts), 20 a page.
const QUERIES: Record<string, string> = {
  openPostings: `query Board($n:Int!){openPostings(first:$n,offset:0){total hasMore items{id title openingsLeft salaryMinFen salaryMaxFen shifts updatedAt tenant{name}}}}`,
  jobsForMe: `query ForMe($n:Int!){jobsForMe(first:$n,offset:0){total hasMore items{postingId title tenantName salaryMinFen salaryMaxFen shifts openingsLeft meetsAll shiftMatch missing{message messageEn}}}}`,
  applications: `query Apps($n:Int!){applications(first:$n,offset:0){total items{id stage createdAt updatedAt posting{id title} seeker{id name age gender education distanceKm mandarinLevel typingSpeed}}}}`,
};

/** Random secrets for this run only: long, distinct, none of the committed development ones. */
const b64 = () => randomBytes(32).toString('base64');
const SECRETS = {
  JWT_ACCESS_SECRET: randomBytes(48).toString('hex'),
  MEDIA_TOKEN_SECRET: randomBytes(48).toString('hex'),
  DATA_KEYS: `bench1:${b64()}`,
  DATA_HASH_KEY: b64(),
};

function compile(): number {
  const t0 = Date.now();
  const outDir = path.join(WORK, 'build');
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  const cfg = path.join(WORK, 'tsconfig.bench.json');
  fs.writeFileSync(
    cfg,
    JSON.stringify({
      extends: path.join(ROOT, 'tsconfig.json'),
      compilerOptions: { outDir, rootDir: ROOT, sourceMap: false, noEmitOnError: false, noCheck: true },
      files: [path.join(ROOT, 'apps/api/src/main.ts'), path.join(ROOT, 'bench/api/bare-server.ts')],
    }),
  );
  const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', cfg], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tsc failed:\n${r.stdout}${r.stderr}`);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(outDir, 'node_modules'));
  return Date.now() - t0;
}

function start(name: string, entry: string, env: Record<string, string>, flags: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...flags, '-r', 'tsconfig-paths/register', path.join(WORK, 'build', entry)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', TS_NODE_BASEURL: path.join(WORK, 'build'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = fs.createWriteStream(path.join(WORK, `${name}.log`));
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  return child;
}

async function waitFor(url: string, child: ChildProcess, name: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}); see ${WORK}/${name}.log`);
    try {
      const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{__typename}' }) });
      if (r.status < 500) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not start; see ${WORK}/${name}.log`);
}

async function post(url: string, query: string, token?: string): Promise<any> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables: { n: 20 } }),
  });
  return r.json();
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

async function cannon(url: string, query: string, token: string | undefined, duration: number): Promise<Run> {
  let gqlErrors = 0;
  const res = await autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables: { n: 20 } }),
        onResponse: (status: number, body: string) => {
          if (status === 200 && body.includes('"errors"')) gqlErrors++;
        },
      },
    ],
  } as autocannon.Options);
  return {
    rps: res.requests.average,
    p50: res.latency.p50,
    p99: res.latency.p99,
    errors: res.errors + res.timeouts + res.non2xx + gqlErrors,
    requests: res.requests.total,
  };
}

async function main(): Promise<void> {
  const name = `talent_apibench_${Date.now()}`;
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const prefix = `apibench${process.pid}`;
  const children: ChildProcess[] = [];
  const cleanup = async () => {
    // A child killed by a signal keeps exitCode null: look at signalCode too, or this waits for an exit that already happened.
    const running = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;
    const exited = children.map((c) => (running(c) ? new Promise((r) => c.once('exit', r)) : null));
    for (const c of children) if (running(c)) c.kill('SIGTERM');
    await Promise.all(exited);
    // The API's queues and rate-limit counters under this run's prefix.
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    for (let cursor = '0'; ;) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      if ((cursor = next) === '0') break;
    }
    redis.disconnect();
    if (!KEEP) {
      const a = new Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    } else out(`database kept: ${url}`);
  };
  try {
    // ---------- 1. database, migrations, seed, sessions ----------
    const t0 = Date.now();
    // The seed runs in development mode but encrypts with this run's keys, so the production API reads its rows.
    const seedConfig = loadConfig({ NODE_ENV: 'development', DATABASE_URL: url, DATA_KEYS: SECRETS.DATA_KEYS, DATA_HASH_KEY: SECRETS.DATA_HASH_KEY });
    const ds = new DataSource(dataSourceOptions(seedConfig));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    const seeded = await seedDemo(ds, seedConfig, { seekers: SEEKERS });
    // One seeker with an account (as an SMS sign-up leaves it): a typical profile, shared, not erased.
    const crypto = new CryptoService(seedConfig);
    const phone = '13900000001';
    const [seekerUser] = await ds.query(`INSERT INTO users (role, display_name, phone_enc, phone_hash) VALUES ('SEEKER', '压测求职者', $1, $2) RETURNING id`, [
      crypto.encrypt(phone),
      crypto.hash('phone', phone),
    ]);
    await ds.query(
      `UPDATE seekers SET user_id = $1 WHERE id = (SELECT id FROM seekers WHERE user_id IS NULL AND erased_at IS NULL AND shared_with_tenants
         AND mandarin_level = '2B' AND education = 'SECONDARY' ORDER BY id LIMIT 1)`,
      [seekerUser.id],
    );
    const [hr] = await ds.query(`SELECT id, tenant_id FROM users WHERE username = 'hr01'`);
    const [{ n: hrApps }] = await ds.query(`SELECT count(*)::int AS n FROM applications WHERE tenant_id = $1`, [hr.tenant_id]);
    const session = async (userId: string, role: string, tid: string | null) => {
      const ses = randomUUID();
      await ds.query(`INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + interval '1 day')`, [
        userId,
        ses,
        crypto.hash('token', randomBytes(32).toString('base64url')),
      ]);
      // What TokenService.issue signs, valid for the whole run.
      return jwt.sign({ typ: 'access', sub: userId, role, tid, sid: null, ses }, SECRETS.JWT_ACCESS_SECRET, {
        algorithm: 'HS256',
        audience: 'talent-cloud-api',
        expiresIn: 6 * 3600,
      });
    };
    const tokens: Record<string, string | undefined> = {
      openPostings: undefined,
      jobsForMe: await session(seekerUser.id, 'SEEKER', null),
      applications: await session(hr.id, 'HR', hr.tenant_id),
    };
    await ds.destroy();
    out(
      `database ${name}: ${seeded?.postings} postings, ${seeded?.seekers} seekers, ${seeded?.applications} applications ` +
        `(${hrApps} to hr01's tenant) — ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );

    // ---------- 2. build and start ----------
    if (REUSE_BUILD && fs.existsSync(path.join(WORK, 'build/apps/api/src/main.js'))) out(`reusing the build in ${WORK}/build (--reuse-build)`);
    else out(`compiled API + bare server (tsc --noCheck, same JS as nest build) in ${compile()} ms`);
    const apiPort = 3900 + (process.pid % 50);
    const barePort = apiPort + 50;
    const apiEnv = {
      NODE_ENV: 'production',
      PORT: String(apiPort),
      PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
      DATABASE_URL: url,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: prefix,
      ...SECRETS,
      JWT_ACCESS_TTL_SECONDS: String(6 * 3600),
      // Bench only: the per-user/per-IP limit on expensive root fields (60/min per user by default) stays
      // in the path but never refuses.
      GRAPHQL_EXPENSIVE_PER_MINUTE: '1000000000',
      GRAPHQL_ANONYMOUS_EXPENSIVE_PER_MINUTE: '1000000000',
      ...(LOG_LEVEL ? { LOG_LEVEL } : {}),
    };
    fs.mkdirSync(path.join(WORK, 'prof'), { recursive: true });
    const profFlags = CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', path.join(WORK, 'prof')] : [];
    const apiStarted = Date.now();
    const api = start('api', 'apps/api/src/main.js', apiEnv, profFlags);
    children.push(api);
    const bare = start('bare', 'bench/api/bare-server.js', {
      NODE_ENV: 'production',
      PORT: String(barePort),
      DATABASE_URL: url,
      JWT_ACCESS_SECRET: SECRETS.JWT_ACCESS_SECRET,
    });
    children.push(bare);
    const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
    const bareUrl = `http://127.0.0.1:${barePort}/`;
    await waitFor(apiUrl, api, 'api');
    const bootMs = Date.now() - apiStarted;
    await waitFor(bareUrl, bare, 'bare');
    out(`API (NODE_ENV=production, compiled, LOG_LEVEL=${LOG_LEVEL || 'default'}) on ${apiUrl}; bare @apollo/server on ${bareUrl}`);

    // ---------- 3. same answers ----------
    for (const q of ONLY) {
      const [a, b] = await Promise.all([post(apiUrl, QUERIES[q], tokens[q]), post(bareUrl, QUERIES[q], tokens[q])]);
      if (a.errors || b.errors) throw new Error(`${q}: errors\n API: ${JSON.stringify(a.errors)}\n bare: ${JSON.stringify(b.errors)}`);
      const items = Object.values(a.data as Record<string, { items: unknown[] }>)[0].items.length;
      if (JSON.stringify(a.data) !== JSON.stringify(b.data)) {
        fs.writeFileSync(path.join(WORK, `${q}.api.json`), JSON.stringify(a.data, null, 1));
        fs.writeFileSync(path.join(WORK, `${q}.bare.json`), JSON.stringify(b.data, null, 1));
        throw new Error(`${q}: the API and the bare server answer differently (see ${WORK}/${q}.*.json)`);
      }
      if (!items) throw new Error(`${q}: empty page; the bench needs rows`);
      out(`  ${q}: same data from both (${items} items)`);
    }

    // ---------- 4. load ----------
    out(
      `\nautocannon: ${CONNECTIONS} connections, ${DURATION} s per query and server in ${ROUNDS} slices alternating Nest/bare (warm-up ${WARMUP} s each, not reported); rps = mean of slices, p50/p99 = median of slices`,
    );
    const rows: Array<[string, Run, Run]> = [];
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const combine = (runs: Run[]): Run => ({
      rps: runs.reduce((s, r) => s + r.rps, 0) / runs.length,
      p50: median(runs.map((r) => r.p50)),
      p99: median(runs.map((r) => r.p99)),
      errors: runs.reduce((s, r) => s + r.errors, 0),
      requests: runs.reduce((s, r) => s + r.requests, 0),
    });
    for (const q of ONLY) {
      await cannon(apiUrl, QUERIES[q], tokens[q], WARMUP);
      await cannon(bareUrl, QUERIES[q], tokens[q], WARMUP);
      const a: Run[] = [];
      const b: Run[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        a.push(await cannon(apiUrl, QUERIES[q], tokens[q], DURATION / ROUNDS));
        b.push(await cannon(bareUrl, QUERIES[q], tokens[q], DURATION / ROUNDS));
      }
      rows.push([q, combine(a), combine(b)]);
    }
    const pad = (s: string | number, n: number) => String(s).padStart(n);
    out(`\n${'query'.padEnd(13)} ${pad('server', 6)} ${pad('rps', 8)} ${pad('p50 ms', 7)} ${pad('p99 ms', 7)} ${pad('errors', 7)} ${pad('requests', 9)}`);
    for (const [q, a, b] of rows) {
      for (const [who, r] of [
        ['Nest', a],
        ['bare', b],
      ] as const) {
        out(`${q.padEnd(13)} ${pad(who, 6)} ${pad(r.rps.toFixed(0), 8)} ${pad(r.p50, 7)} ${pad(r.p99, 7)} ${pad(r.errors, 7)} ${pad(r.requests, 9)}`);
      }
    }
    out(`\n${'query'.padEnd(13)} ${pad('rps Nest/bare', 14)} ${pad('p99 Nest/bare', 14)}  goal: rps ≥ 0.5×, p99 ≤ 2×, 0 errors`);
    let ok = true;
    for (const [q, a, b] of rows) {
      const rr = a.rps / b.rps;
      const pr = a.p99 / Math.max(1, b.p99);
      const pass = rr >= 0.5 && pr <= 2 && a.errors === 0 && b.errors === 0;
      ok &&= pass;
      out(`${q.padEnd(13)} ${pad(rr.toFixed(2) + '×', 14)} ${pad(pr.toFixed(2) + '×', 14)}  ${pass ? 'ok' : 'MISSED'}`);
    }
    out(ok ? '\nall goals met' : '\nsome goals missed');

    if (CPU_PROF) {
      const gone = new Promise((r) => api.once('exit', r));
      api.kill('SIGINT');
      await gone;
      const files = fs
        .readdirSync(path.join(WORK, 'prof'))
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => path.join(WORK, 'prof', f));
      const latest = files.sort((x, y) => fs.statSync(y).mtimeMs - fs.statSync(x).mtimeMs)[0];
      if (latest) out('\n' + summariseProfile(latest, 30, bootMs + 500));
      else out('\n(no CPU profile written)');
    }
  } finally {
    await cleanup();
  }
}

main().catch((e) => {
  process.stderr.write(`api bench failed: ${e.stack ?? e}\n`);
  process.exit(1);
});
