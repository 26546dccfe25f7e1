import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { IsArray, IsIn, IsInt, IsIP, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { cachedWorkerBin } from './worker-bin';

/** Used only outside production, so a developer can start the service without setup. */
export const DEV_TOKEN_SECRET = 'dev-only-media-token-secret-change-me';

/**
 * Configuration of the media service. The only place that reads the
 * environment; everything else receives this object (token MEDIA_CONFIG).
 */
export class MediaConfig {
  @IsIn(['development', 'test', 'production'])
  nodeEnv: 'development' | 'test' | 'production';

  /** HTTP + WebSocket port (pages, signalling, health). MEDIA_PORT */
  @IsInt()
  @Min(0)
  @Max(65535)
  port: number;

  /** First WebRtcServer port; worker i listens on UDP+TCP base+i. MEDIA_RTC_PORT_BASE */
  @IsInt()
  @Min(1024)
  @Max(65000)
  rtcPortBase: number;

  /** Local address the WebRTC sockets bind to. MEDIA_LISTEN_IP */
  @IsIP()
  listenIp: string;

  /** Public IP put in ICE candidates when behind NAT (e.g. the cloud host's EIP). MEDIA_ANNOUNCED_ADDRESS */
  @IsOptional()
  @IsIP()
  announcedAddress?: string;

  /** HS256 secret shared with the API that mints room tokens. MEDIA_TOKEN_SECRET */
  @IsString()
  @MinLength(16)
  tokenSecret: string;

  /** mediasoup worker processes. MEDIA_WORKERS (default: one per core) */
  @IsInt()
  @Min(1)
  @Max(64)
  workers: number;

  /** Path of the mediasoup-worker binary. MEDIASOUP_WORKER_BIN */
  @IsString()
  @MinLength(1)
  workerBin: string;

  /** A room with nobody in it is closed after this many seconds. MEDIA_ROOM_IDLE_SECONDS */
  @IsInt()
  @Min(1)
  roomIdleSeconds: number;

  /** A peer that dropped keeps its BOOTH queue place this long. MEDIA_RECONNECT_GRACE_SECONDS */
  @IsInt()
  @Min(0)
  reconnectGraceSeconds: number;

  /** Cap on what one browser may send (bps); suits mobile uplinks. MEDIA_MAX_INCOMING_BITRATE */
  @IsInt()
  @Min(100_000)
  maxIncomingBitrate: number;

  /**
   * Origins (scheme://host[:port]) whose pages may open the signalling socket.
   * MEDIA_ALLOWED_ORIGINS, comma-separated; required in production (the public
   * origin that serves the interview pages). Outside production the API's and
   * this service's local origins are allowed. A socket without an Origin header
   * (not a browser: the benchmark, native clients) is not subject to it.
   */
  @IsArray()
  @Matches(/^https?:\/\/[^/?#\s]+$/, { each: true })
  allowedOrigins: string[];

  /** Consumers (viewers) one producer may have, all peers together. MEDIA_MAX_CONSUMERS_PER_PRODUCER */
  @IsInt()
  @Min(1)
  @Max(1000)
  maxConsumersPerProducer: number;

  /** Sustained signalling messages per second one connection may send (token bucket). MEDIA_MESSAGES_PER_SECOND */
  @IsInt()
  @Min(1)
  messagesPerSecond: number;

  /** Bucket size: messages a connection may send in a burst (joining takes ~10). MEDIA_MESSAGE_BURST */
  @IsInt()
  @Min(1)
  messageBurst: number;

  /** Refused messages within 10 s after which the connection is closed (TooManyMessages). MEDIA_FLOOD_DISCONNECT_AFTER */
  @IsInt()
  @Min(1)
  floodDisconnectAfter: number;

  /** apps/web: its dist/interview/ (the built interview pages) and dist/assets/ (their scripts and styles). MEDIA_WEB_ROOT */
  @IsString()
  webRoot: string;

  @IsIn(['debug', 'warn', 'error', 'none'])
  workerLogLevel: 'debug' | 'warn' | 'error' | 'none';
}

type Env = Record<string, string | undefined>;

const ENV_NAMES: Record<keyof MediaConfig, string> = {
  nodeEnv: 'NODE_ENV',
  port: 'MEDIA_PORT',
  rtcPortBase: 'MEDIA_RTC_PORT_BASE',
  listenIp: 'MEDIA_LISTEN_IP',
  announcedAddress: 'MEDIA_ANNOUNCED_ADDRESS',
  tokenSecret: 'MEDIA_TOKEN_SECRET',
  workers: 'MEDIA_WORKERS',
  workerBin: 'MEDIASOUP_WORKER_BIN',
  roomIdleSeconds: 'MEDIA_ROOM_IDLE_SECONDS',
  reconnectGraceSeconds: 'MEDIA_RECONNECT_GRACE_SECONDS',
  maxIncomingBitrate: 'MEDIA_MAX_INCOMING_BITRATE',
  allowedOrigins: 'MEDIA_ALLOWED_ORIGINS',
  maxConsumersPerProducer: 'MEDIA_MAX_CONSUMERS_PER_PRODUCER',
  messagesPerSecond: 'MEDIA_MESSAGES_PER_SECOND',
  messageBurst: 'MEDIA_MESSAGE_BURST',
  floodDisconnectAfter: 'MEDIA_FLOOD_DISCONNECT_AFTER',
  webRoot: 'MEDIA_WEB_ROOT',
  workerLogLevel: 'MEDIA_WORKER_LOG_LEVEL',
};

function int(value: string | undefined, fallback: number): number {
  return value === undefined || value === '' ? fallback : Number(value);
}

/** "https://a.example, https://b.example/" → ['https://a.example', 'https://b.example']; unset → undefined. */
function originList(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);
}

/** Outside production: the API (PORT 3000) and this service on localhost and 127.0.0.1. */
function devOrigins(mediaPort: number): string[] {
  const ports = [3000, ...(mediaPort > 0 ? [mediaPort] : [])];
  return ports.flatMap((p) => [`http://localhost:${p}`, `http://127.0.0.1:${p}`]);
}

/** Reads and validates the configuration; throws listing every bad variable. */
export function loadMediaConfig(env: Env = process.env): MediaConfig {
  const nodeEnv = (env.NODE_ENV || 'development') as MediaConfig['nodeEnv'];
  const port = int(env.MEDIA_PORT, 4443);
  const config = Object.assign(new MediaConfig(), {
    nodeEnv,
    port,
    rtcPortBase: int(env.MEDIA_RTC_PORT_BASE, 40000),
    listenIp: env.MEDIA_LISTEN_IP || '127.0.0.1',
    announcedAddress: env.MEDIA_ANNOUNCED_ADDRESS || undefined,
    tokenSecret: env.MEDIA_TOKEN_SECRET || (nodeEnv === 'production' ? '' : DEV_TOKEN_SECRET),
    workers: int(env.MEDIA_WORKERS, cpus().length || 1),
    workerBin: resolve(env.MEDIASOUP_WORKER_BIN || cachedWorkerBin()),
    roomIdleSeconds: int(env.MEDIA_ROOM_IDLE_SECONDS, 60),
    reconnectGraceSeconds: int(env.MEDIA_RECONNECT_GRACE_SECONDS, 30),
    maxIncomingBitrate: int(env.MEDIA_MAX_INCOMING_BITRATE, 600_000),
    allowedOrigins: originList(env.MEDIA_ALLOWED_ORIGINS) ?? (nodeEnv === 'production' ? [] : devOrigins(port)),
    maxConsumersPerProducer: int(env.MEDIA_MAX_CONSUMERS_PER_PRODUCER, 8),
    messagesPerSecond: int(env.MEDIA_MESSAGES_PER_SECOND, 20),
    messageBurst: int(env.MEDIA_MESSAGE_BURST, 60),
    floodDisconnectAfter: int(env.MEDIA_FLOOD_DISCONNECT_AFTER, 100),
    webRoot: resolve(env.MEDIA_WEB_ROOT || 'apps/web'),
    workerLogLevel: (env.MEDIA_WORKER_LOG_LEVEL || 'warn') as MediaConfig['workerLogLevel'],
  });
  const errors = validateSync(config);
  const lines = errors.map((e) => `${ENV_NAMES[e.property as keyof MediaConfig]}: ${Object.values(e.constraints ?? {}).join(', ')}`);
  if ((config.listenIp === '0.0.0.0' || config.listenIp === '::') && !config.announcedAddress) {
    // ICE candidates would carry the wildcard address, which no browser can reach.
    lines.push('MEDIA_ANNOUNCED_ADDRESS: required when MEDIA_LISTEN_IP is a wildcard address');
  }
  if (config.allowedOrigins.length === 0) {
    lines.push('MEDIA_ALLOWED_ORIGINS: required in production (the origin serving the interview pages, e.g. https://talent.example.cn)');
  }
  if (lines.length > 0) throw new Error(`Invalid media configuration:\n  ${lines.join('\n  ')}`);
  return config;
}

export const MEDIA_CONFIG = Symbol('MEDIA_CONFIG');
