import WebSocket from 'ws';
import type { Notifications } from '../../apps/media/src/protocol';
import { WS_PATH } from '../../apps/media/src/protocol';

/** A signalling client over a plain WebSocket (what a page's Signalling does), for tests against the real media service. */
export class SignallingClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: Reply): void }>();
  readonly notifications: Array<{ notification: keyof Notifications; data: any }> = [];
  /** Resolves with the close code and reason once the socket is closed (by either side). */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Resolves true once open, false if closed before opening. */
  readonly opened: Promise<boolean>;

  constructor(baseUrl: string, room: string, token: string, options: { origin?: string } = {}) {
    const url = `${baseUrl.replace(/^http/, 'ws')}${WS_PATH}?room=${encodeURIComponent(room)}&token=${encodeURIComponent(token)}`;
    this.ws = new WebSocket(url, options.origin ? { origin: options.origin } : {});
    this.ws.on('message', (raw) => {
      const message = JSON.parse(String(raw));
      if (typeof message.response === 'number') {
        this.pending.get(message.response)?.resolve(message);
        this.pending.delete(message.response);
      } else if (message.response === null) {
        this.unmatched.push(message);
      } else if (message.notification) {
        this.notifications.push(message);
      }
    });
    this.closed = new Promise((resolve) => this.ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    this.opened = new Promise((resolve) => {
      this.ws.once('open', () => resolve(true));
      this.ws.once('close', () => resolve(false));
    });
  }

  readonly ws: WebSocket;
  /** Answers without a request id (refused messages whose id could not be read). */
  readonly unmatched: Reply[] = [];

  /** Sends one request (once the socket is open); resolves with the server's answer. */
  async request(event: string, data: Record<string, unknown> = {}): Promise<Reply> {
    if (!(await this.opened)) throw new Error(`socket closed before ${event}`);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve });
      this.ws.send(JSON.stringify({ event, data: { id, ...data } }), (error) => error && reject(error));
    });
  }

  /** Sends a request and fails the test unless the server answers ok. */
  async ok<T = any>(event: string, data: Record<string, unknown> = {}): Promise<T> {
    const reply = await this.request(event, data);
    if (!reply.ok) throw new Error(`${event} refused: ${reply.error}`);
    return reply.data as T;
  }

  /** Waits for a notification of this name (already received or coming). */
  async notification<K extends keyof Notifications>(name: K, timeoutMs = 5_000): Promise<Notifications[K]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.notifications.find((n) => n.notification === name);
      if (found) return found.data;
      if (Date.now() > deadline) throw new Error(`no ${name} notification within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  close(): void {
    if (this.ws.readyState <= WebSocket.OPEN) this.ws.close(1000, 'bye');
  }
}

export interface Reply {
  response: number | null;
  ok: boolean;
  data?: any;
  error?: string;
}

/** Joins the room the way a page does: router capabilities, then join with them. */
export async function joinRoom(client: SignallingClient) {
  const caps = await client.ok('getRouterRtpCapabilities');
  return { caps, join: await client.ok('join', { rtpCapabilities: caps }) };
}

/** Opus RTP parameters a browser would send; enough for mediasoup to create a producer without real media. */
export function opusParameters(ssrc: number) {
  return {
    mid: '0',
    codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2, parameters: {}, rtcpFeedback: [] }],
    headerExtensions: [],
    encodings: [{ ssrc }],
    rtcp: { cname: `c${ssrc}`, reducedSize: true },
  };
}
