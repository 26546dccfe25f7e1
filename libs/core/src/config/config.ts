import { plainToInstance, Type } from 'class-transformer';
import { join } from 'path';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync, ValidateNested } from 'class-validator';

/**
 * All configuration, one validated class per namespace, read from the
 * environment once at boot. No other file reads process.env.
 */
export class AppSection {
  @IsIn(['development', 'test', 'production']) nodeEnv: 'development' | 'test' | 'production';
  @IsInt() @Min(1) @Max(65535) port: number;
  /** Base location (集宁区) for distances. */
  @Type(() => Number) baseLat: number;
  @Type(() => Number) baseLng: number;
  @IsInt() @Min(1) poolRadiusKm: number;
  @IsString() publicUrl: string;
  /** Built web pages (apps/web/dist), served at / by the API. */
  @IsString() webRoot: string;
  /**
   * The API compresses its responses itself (brotli/gzip; HTTP_COMPRESSION, default on): the demo and any
   * run without the reverse proxy. Off behind docker/nginx.conf, which compresses in C instead.
   */
  @IsIn([true, false]) httpCompression: boolean;
  /**
   * Which hops may set X-Forwarded-For (Express `trust proxy`; TRUST_PROXY, default loopback): behind
   * docker/nginx.conf in compose it is `uniquelocal` (the compose network), so rate limits see the phone's IP.
   */
  @IsString() trustProxy: string;
  /**
   * Origin of the media server (apps/media) when it is not behind the API's
   * origin, e.g. http://localhost:4443 in development: the interview pages read
   * it from /interview/config.json (never from their URL). Unset: same origin.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^/?#\s]+$/, { message: 'MEDIA_PUBLIC_URL must be an http(s) origin such as https://media.example.com (no path)' })
  mediaPublicUrl?: string;
}

export class DatabaseSection {
  @IsString() url: string;
  @IsOptional() @IsString() schema?: string;
  @IsIn([true, false]) logging: boolean;
}

export class RedisSection {
  @IsString() url: string;
  /** BullMQ key prefix, lets test runs share one Redis without touching each other. */
  @IsString() queuePrefix: string;
}

export class AuthSection {
  @IsString() @MinLength(32) accessSecret: string;
  @IsInt() @Min(60) accessTtlSeconds: number;
  @IsInt() @Min(3600) refreshTtlSeconds: number;
  @IsInt() @Min(60) smsCodeTtlSeconds: number;
  @IsInt() @Min(1) smsMaxAttempts: number;
  @IsInt() @Min(1) smsPerPhonePerHour: number;
  @IsInt() @Min(1) smsPerIpPerHour: number;
  @IsInt() @Min(10) smsResendSeconds: number;
  @IsIn(['log', 'none']) smsDriver: 'log' | 'none';
  @IsString() @MinLength(32) mediaTokenSecret: string;
  /** Failed password sign-ins allowed per account (username) and per client IP in one window. */
  @IsInt() @Min(1) loginFailuresPerAccount: number;
  @IsInt() @Min(1) loginFailuresPerIp: number;
  @IsInt() @Min(60) loginWindowSeconds: number;
  /** The refresh-token cookie: HttpOnly, SameSite=Strict, Path=cookiePath; Secure unless plain-http development/test. */
  @IsIn([true, false]) cookieSecure: boolean;
  @IsString() cookiePath: string;
}

export class CryptoSection {
  /** key id -> 32-byte key, from DATA_KEYS="k1:base64,k2:base64". */
  keys: Record<string, Buffer>;
  @IsString() activeKeyId: string;
  /** HMAC key for look-up hashes (ID number, phone). */
  hashKey: Buffer;
}

export class SearchSection {
  @IsIn(['postgres', 'meilisearch']) engine: 'postgres' | 'meilisearch';
  @IsOptional() @IsString() meiliUrl?: string;
  @IsOptional() @IsString() meiliKey?: string;
}

export class GraphqlSection {
  @IsInt() @Min(2) maxDepth: number;
  @IsInt() @Min(10) maxComplexity: number;
  /** Root fields per document, aliases included (GRAPHQL_MAX_ROOT_FIELDS). */
  @IsInt() @Min(1) maxRootFields: number;
  /** Search/match/export root fields per user per minute (GRAPHQL_EXPENSIVE_PER_MINUTE); per IP for anonymous callers. */
  @IsInt() @Min(1) expensivePerMinute: number;
  @IsInt() @Min(1) anonymousExpensivePerMinute: number;
  @IsIn([true, false]) introspection: boolean;
  @IsIn([true, false]) playground: boolean;
}

/** Logs and metrics (libs/core/src/observability). */
export class ObservabilitySection {
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Human-readable lines through pino-pretty: development only, and only when it is installed (a devDependency). */
  @IsIn([true, false]) logPretty: boolean;
  /** Bearer token Prometheus sends to GET /metrics (api) and the worker's metrics port. Unset in production: metrics off. */
  @IsOptional() @IsString() @MinLength(16) metricsToken?: string;
  /** The worker's metrics port (WORKER_METRICS_PORT; 0 = no metrics server in the worker). */
  @IsInt() @Min(0) @Max(65535) workerMetricsPort: number;
}

export class AppConfig {
  @ValidateNested() @Type(() => AppSection) app: AppSection;
  @ValidateNested() @Type(() => DatabaseSection) database: DatabaseSection;
  @ValidateNested() @Type(() => RedisSection) redis: RedisSection;
  @ValidateNested() @Type(() => AuthSection) auth: AuthSection;
  @ValidateNested() @Type(() => CryptoSection) crypto: CryptoSection;
  @ValidateNested() @Type(() => SearchSection) search: SearchSection;
  @ValidateNested() @Type(() => GraphqlSection) graphql: GraphqlSection;
  @ValidateNested() @Type(() => ObservabilitySection) observability: ObservabilitySection;
}

export class ConfigError extends Error {}

const DEV_SECRET = 'dev-only-secret-not-for-production-0123456789';
const DEV_MEDIA_SECRET = 'dev-only-media-token-secret-change-me';
// 32 zero-ish bytes are fine for development and tests only; production must set DATA_KEYS.
const DEV_DATA_KEYS = 'dev1:' + Buffer.alloc(32, 7).toString('base64');
const DEV_HASH_KEY = Buffer.alloc(32, 9).toString('base64');
const DEV_METRICS_TOKEN = 'dev-only-metrics-token-0123456789';

/**
 * Secrets that are committed to this repository (development defaults, the
 * examples in docs and tests) and so are public: production refuses them.
 */
export const KNOWN_DEVELOPMENT_SECRETS: readonly string[] = [
  DEV_SECRET,
  DEV_MEDIA_SECRET,
  Buffer.alloc(32, 7).toString('base64'),
  DEV_HASH_KEY,
  DEV_METRICS_TOKEN,
  'change-me',
  'changeme',
  'secret',
];

function int(v: string | undefined, d: number): number {
  if (v === undefined || v === '') return d;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new ConfigError(`not an integer: ${v}`);
  return n;
}
function bool(v: string | undefined, d: boolean): boolean {
  if (v === undefined || v === '') return d;
  return v === 'true' || v === '1';
}

function parseKeys(spec: string): Record<string, Buffer> {
  const keys: Record<string, Buffer> = {};
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const i = part.indexOf(':');
    if (i <= 0) throw new ConfigError('DATA_KEYS must look like "k1:<base64 32 bytes>,k2:..."');
    const id = part.slice(0, i);
    const key = Buffer.from(part.slice(i + 1), 'base64');
    if (key.length !== 32) throw new ConfigError(`DATA_KEYS key "${id}" must be 32 bytes (base64)`);
    keys[id] = key;
  }
  return keys;
}

/**
 * Production must not run with a secret anyone can read in this repository,
 * nor with one secret doing two jobs (a leaked media key would then mint API
 * tokens, or the look-up hash key would equal an encryption key).
 */
function refuseWeakSecrets(env: Record<string, string | undefined>, keys: Record<string, Buffer>, hashKey: Buffer): void {
  const named: Array<[string, string]> = [
    ['JWT_ACCESS_SECRET', env.JWT_ACCESS_SECRET ?? ''],
    ['MEDIA_TOKEN_SECRET', env.MEDIA_TOKEN_SECRET ?? ''],
    ...Object.entries(keys).map(([id, k]): [string, string] => [`DATA_KEYS "${id}"`, k.toString('base64')]),
    ['DATA_HASH_KEY', hashKey.toString('base64')],
    ...(env.METRICS_TOKEN ? [['METRICS_TOKEN', env.METRICS_TOKEN] as [string, string]] : []),
  ];
  const known = new Set(KNOWN_DEVELOPMENT_SECRETS.map((s) => s.toLowerCase()));
  for (const [name, value] of named) {
    if (known.has(value.trim().toLowerCase())) {
      throw new ConfigError(`${name} is a development secret committed to the repository; set a random one in production`);
    }
  }
  for (let i = 0; i < named.length; i++) {
    for (let j = i + 1; j < named.length; j++) {
      if (named[i][1] === named[j][1]) throw new ConfigError(`${named[i][0]} and ${named[j][0]} must be different secrets in production`);
    }
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // Unset NODE_ENV means production: development defaults (public secrets) only when asked for by name.
  const nodeEnv = (env.NODE_ENV || 'production') as AppSection['nodeEnv'];
  const prod = nodeEnv === 'production';
  const secret = (name: string, dev: string): string => {
    const v = env[name];
    if (v) return v;
    if (prod) throw new ConfigError(`${name} is required in production`);
    return dev;
  };
  const dataKeysSpec = secret('DATA_KEYS', DEV_DATA_KEYS);
  const keys = parseKeys(dataKeysSpec);
  const activeKeyId = env.DATA_ACTIVE_KEY_ID ?? Object.keys(keys)[Object.keys(keys).length - 1];
  if (!keys[activeKeyId]) throw new ConfigError(`DATA_ACTIVE_KEY_ID "${activeKeyId}" is not in DATA_KEYS`);
  const hashKey = Buffer.from(secret('DATA_HASH_KEY', DEV_HASH_KEY), 'base64');
  if (hashKey.length < 32) throw new ConfigError('DATA_HASH_KEY must be at least 32 bytes (base64)');
  if (prod) refuseWeakSecrets(env, keys, hashKey);
  const smsDriver = (env.SMS_DRIVER ?? (prod ? 'none' : 'log')) as AuthSection['smsDriver'];
  if (prod && smsDriver === 'log') throw new ConfigError('SMS_DRIVER=log (codes written to the log) is not allowed in production');

  const raw = {
    app: {
      nodeEnv,
      port: int(env.PORT, 3000),
      baseLat: Number(env.BASE_LAT ?? 41.0335),
      baseLng: Number(env.BASE_LNG ?? 113.1339),
      poolRadiusKm: int(env.POOL_RADIUS_KM, 300),
      publicUrl: env.PUBLIC_URL ?? `http://localhost:${int(env.PORT, 3000)}`,
      webRoot: env.WEB_ROOT ?? join(process.cwd(), 'apps', 'web', 'dist'),
      httpCompression: bool(env.HTTP_COMPRESSION, true),
      trustProxy: env.TRUST_PROXY || 'loopback',
      // No default in production (media behind the API's origin); apps/media's own port elsewhere.
      mediaPublicUrl: (env.MEDIA_PUBLIC_URL || (prod ? '' : 'http://localhost:4443')).trim().replace(/\/+$/, '') || undefined,
    },
    database: {
      url: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/talent',
      logging: bool(env.DATABASE_LOGGING, false),
    },
    redis: { url: env.REDIS_URL ?? 'redis://127.0.0.1:6379', queuePrefix: env.QUEUE_PREFIX ?? 'tc' },
    auth: {
      accessSecret: secret('JWT_ACCESS_SECRET', DEV_SECRET),
      accessTtlSeconds: int(env.JWT_ACCESS_TTL_SECONDS, 900),
      refreshTtlSeconds: int(env.JWT_REFRESH_TTL_SECONDS, 30 * 24 * 3600),
      smsCodeTtlSeconds: int(env.SMS_CODE_TTL_SECONDS, 300),
      smsMaxAttempts: int(env.SMS_MAX_ATTEMPTS, 5),
      smsPerPhonePerHour: int(env.SMS_PER_PHONE_PER_HOUR, 5),
      smsPerIpPerHour: int(env.SMS_PER_IP_PER_HOUR, 30),
      smsResendSeconds: int(env.SMS_RESEND_SECONDS, 60),
      smsDriver,
      // Same development default as apps/media (DEV_TOKEN_SECRET there), so local join tokens verify.
      mediaTokenSecret: secret('MEDIA_TOKEN_SECRET', DEV_MEDIA_SECRET),
      loginFailuresPerAccount: int(env.LOGIN_FAILURES_PER_ACCOUNT, 10),
      loginFailuresPerIp: int(env.LOGIN_FAILURES_PER_IP, 100),
      loginWindowSeconds: int(env.LOGIN_WINDOW_SECONDS, 900),
      cookieSecure: bool(env.COOKIE_SECURE, prod),
      cookiePath: env.COOKIE_PATH || '/graphql',
    },
    crypto: { keys, activeKeyId, hashKey },
    search: { engine: env.MEILI_URL ? 'meilisearch' : 'postgres', meiliUrl: env.MEILI_URL, meiliKey: env.MEILI_MASTER_KEY },
    graphql: {
      maxDepth: int(env.GRAPHQL_MAX_DEPTH, 8),
      maxComplexity: int(env.GRAPHQL_MAX_COMPLEXITY, 5000),
      maxRootFields: int(env.GRAPHQL_MAX_ROOT_FIELDS, 12),
      expensivePerMinute: int(env.GRAPHQL_EXPENSIVE_PER_MINUTE, 60),
      anonymousExpensivePerMinute: int(env.GRAPHQL_ANONYMOUS_EXPENSIVE_PER_MINUTE, 120),
      introspection: bool(env.GRAPHQL_INTROSPECTION, !prod),
      playground: bool(env.GRAPHQL_PLAYGROUND, !prod),
    },
    observability: {
      logLevel: (env.LOG_LEVEL || (nodeEnv === 'test' ? 'error' : 'info')) as ObservabilitySection['logLevel'],
      logPretty: nodeEnv === 'development' && bool(env.LOG_PRETTY, true),
      // Production: no default (unset = metrics off); development/test: a public development token.
      metricsToken: env.METRICS_TOKEN || (prod ? undefined : DEV_METRICS_TOKEN),
      workerMetricsPort: int(env.WORKER_METRICS_PORT, 9464),
    },
  };
  if (prod && !raw.auth.cookieSecure) throw new ConfigError('COOKIE_SECURE=false is not allowed in production (the refresh cookie must be Secure)');
  if (prod && (raw.graphql.introspection || raw.graphql.playground)) {
    throw new ConfigError('GraphQL introspection/playground must be off in production');
  }
  const config = plainToInstance(AppConfig, raw);
  // Buffers survive plainToInstance poorly; put them back.
  config.crypto.keys = keys;
  config.crypto.hashKey = hashKey;
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length) {
    const flat = (es: typeof errors, p = ''): string[] =>
      es.flatMap((e) => [...Object.values(e.constraints ?? {}).map((m) => `${p}${e.property}: ${m}`), ...flat(e.children ?? [], `${p}${e.property}.`)]);
    throw new ConfigError('Invalid configuration:\n' + flat(errors).join('\n'));
  }
  return config;
}
