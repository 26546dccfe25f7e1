import type { types } from 'mediasoup';
import type { WebSocket } from 'ws';
import { CloseCode, closeReason, Notifications, PeerInfo, PeerRole, RoomTokenClaims } from '../protocol';

/** One connected participant: its signalling socket and its mediasoup objects. */
export class Peer {
  readonly id: string;
  readonly name: string;
  readonly role: PeerRole;
  /** Set once the client has sent its RTP capabilities; only joined peers get media notifications. */
  joined = false;
  rtpCapabilities?: types.RtpCapabilities;
  readonly transports = new Map<string, types.WebRtcTransport>();
  readonly producers = new Map<string, types.Producer>();
  /** Consumers, with appData.ownerId = the peer whose producer they consume. */
  readonly consumers = new Map<string, types.Consumer>();
  /** A newer connection of the same user took over; this one is on its way out. */
  replaced = false;
  /** The client asked to leave (as opposed to its connection dropping). */
  leaving = false;

  constructor(
    readonly claims: RoomTokenClaims,
    readonly socket: WebSocket,
  ) {
    this.id = claims.sub;
    this.name = claims.name ?? claims.sub;
    this.role = claims.role;
  }

  get info(): PeerInfo {
    return { peerId: this.id, name: this.name, role: this.role };
  }

  notify<K extends keyof Notifications>(notification: K, data: Notifications[K]): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify({ notification, data }));
  }

  /** Closes the signalling socket with one of the protocol's codes and its bilingual reason. */
  close(code: CloseCode): void {
    if (this.socket.readyState <= this.socket.OPEN) this.socket.close(code, closeReason(code));
  }

  /** Closes every transport (and so every producer and consumer) of this peer. */
  closeMedia(): void {
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
    this.joined = false;
  }
}
