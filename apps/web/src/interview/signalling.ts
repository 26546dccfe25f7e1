import type { Notifications } from '../../../media/src/protocol';

type Handler<K extends keyof Notifications> = (data: Notifications[K]) => void;

/** The socket closed: `code`/`reason` as the server sent them (1006 when the network dropped). */
export class SocketClosed extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(`signalling closed (${code}${reason ? `: ${reason}` : ''})`);
  }
}

/** Request/response and notifications over the media service's WebSocket. */
export class Signalling {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly handlers = new Map<string, (data: unknown) => void>();
  onClose: (closed: SocketClosed) => void = () => undefined;

  private constructor(private readonly ws: WebSocket) {
    ws.onmessage = (event) => this.receive(String(event.data));
    ws.onclose = (event) => {
      const closed = new SocketClosed(event.code, event.reason);
      for (const p of this.pending.values()) p.reject(closed);
      this.pending.clear();
      this.onClose(closed);
    };
  }

  /** Opens the socket; rejects with SocketClosed if the server refuses it. */
  static open(url: string): Promise<Signalling> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const signalling = new Signalling(ws);
      signalling.onClose = reject;
      ws.onopen = () => {
        signalling.onClose = () => undefined;
        resolve(signalling);
      };
    });
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  on<K extends keyof Notifications>(name: K, handler: Handler<K>): void {
    this.handlers.set(name, handler as (data: unknown) => void);
  }

  request<T = unknown>(event: string, data: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      if (!this.open) return reject(new SocketClosed(1006, 'not connected'));
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.ws.send(JSON.stringify({ event, data: { id, ...data } }));
    });
  }

  close(code = 1000, reason = 'bye'): void {
    this.ws.close(code, reason);
  }

  private receive(text: string): void {
    let message: { response?: number; ok?: boolean; data?: unknown; error?: string; notification?: string };
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof message.response === 'number') {
      const p = this.pending.get(message.response);
      this.pending.delete(message.response);
      if (message.ok) p?.resolve(message.data);
      else p?.reject(new Error(message.error ?? 'request failed'));
    } else if (message.notification) {
      this.handlers.get(message.notification)?.(message.data);
    }
  }
}
