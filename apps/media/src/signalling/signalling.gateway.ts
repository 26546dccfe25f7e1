import type { IncomingMessage } from 'node:http';
import { Inject, Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayDisconnect, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { types } from 'mediasoup';
import type { WebSocket } from 'ws';
import { MEDIA_CONFIG, MediaConfig } from '../media.config';
import { CloseCode, closeReason, WS_PATH } from '../protocol';
import { Peer } from '../rooms/peer';
import { RESUME_TOKEN_SECONDS, RoomTokenError, RoomTokenService } from '../rooms/room-token.service';
import { RoomsService, SignallingError } from '../rooms/rooms.service';

interface Request {
  id: number;
}

/**
 * WebSocket signalling at /media/ws?room=<roomId>&token=<room token>.
 * Requests are `{ event, data: { id, ... } }`, answered `{ response: id, ok, data | error }`.
 * Admission: a browser's Origin must be in MEDIA_ALLOWED_ORIGINS, the token a
 * valid room token (typ media, aud talent-cloud-media); one connection per
 * user and room (the newer replaces the older, HR is told). Message budget:
 * SignallingWsAdapter.
 */
@WebSocketGateway({ path: WS_PATH, maxPayload: 64 * 1024 })
export class SignallingGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(SignallingGateway.name);
  /** Resolves once the connection is admitted into its room; null when refused. */
  private readonly peers = new WeakMap<WebSocket, Promise<Peer | null>>();
  private readonly refreshers = new WeakMap<WebSocket, NodeJS.Timeout>();

  constructor(
    @Inject(MEDIA_CONFIG) private readonly config: MediaConfig,
    private readonly tokens: RoomTokenService,
    private readonly rooms: RoomsService,
  ) {}

  handleConnection(socket: WebSocket, request: IncomingMessage): void {
    this.peers.set(socket, this.admit(socket, request));
  }

  async handleDisconnect(socket: WebSocket): Promise<void> {
    clearInterval(this.refreshers.get(socket));
    const peer = await this.peers.get(socket);
    if (peer) this.rooms.disconnect(peer);
  }

  @SubscribeMessage('getRouterRtpCapabilities')
  getRouterRtpCapabilities(@ConnectedSocket() socket: WebSocket, @MessageBody() body: Request) {
    return this.reply(socket, body, (peer) => this.rooms.routerRtpCapabilities(peer));
  }

  @SubscribeMessage('join')
  join(@ConnectedSocket() socket: WebSocket, @MessageBody() body: Request & { rtpCapabilities: types.RtpCapabilities }) {
    return this.reply(socket, body, (peer) => this.rooms.join(peer, body.rtpCapabilities));
  }

  @SubscribeMessage('createTransport')
  createTransport(@ConnectedSocket() socket: WebSocket, @MessageBody() body: Request & { direction: string }) {
    return this.reply(socket, body, (peer) => {
      if (body.direction !== 'send' && body.direction !== 'recv') throw new SignallingError('direction: send | recv');
      return this.rooms.createTransport(peer, body.direction);
    });
  }

  @SubscribeMessage('connectTransport')
  connectTransport(@ConnectedSocket() socket: WebSocket, @MessageBody() body: Request & { transportId: string; dtlsParameters: types.DtlsParameters }) {
    return this.reply(socket, body, (peer) => this.rooms.connectTransport(peer, body.transportId, body.dtlsParameters));
  }

  @SubscribeMessage('restartIce')
  restartIce(@ConnectedSocket() socket: WebSocket, @MessageBody() body: Request & { transportId: string }) {
    return this.reply(socket, body, (peer) => this.rooms.restartIce(peer, body.transportId));
  }

  @SubscribeMessage('produce')
  produce(
    @ConnectedSocket() socket: WebSocket,
    @MessageBody() body: Request & { transportId: string; kind: types.MediaKind; rtpParameters: types.RtpParameters },
  ) {
    return this.reply(socket, body, (peer) => this.rooms.produce(peer, body.transportId, body.kind, body.rtpParameters));
  }

  @SubscribeMessage('setProducerPaused')
  setProducerPaused(@ConnectedSocket() socket: WebSocket, @MessageBody() body: Request & { producerId: string; paused: boolean }) {
    return this.reply(socket, body, (peer) => this.rooms.setProducerPaused(peer, body.producerId, !!body.paused));
  }

  @SubscribeMessage('consume')
  consume(@ConnectedSocket() socket: WebSocket, @MessageBody() body: Request & { transportId: string; producerId: string }) {
    return this.reply(socket, body, (peer) => this.rooms.consume(peer, body.transportId, body.producerId));
  }

  @SubscribeMessage('resumeConsumer')
  resumeConsumer(@ConnectedSocket() socket: WebSocket, @MessageBody() body: Request & { consumerId: string }) {
    return this.reply(socket, body, (peer) => this.rooms.resumeConsumer(peer, body.consumerId));
  }

  @SubscribeMessage('admitNext')
  admitNext(@ConnectedSocket() socket: WebSocket, @MessageBody() body: Request) {
    return this.reply(socket, body, (peer) => this.rooms.admitNext(peer));
  }

  /** The client leaves on purpose: its BOOTH place is given up; the socket is closed by the client. */
  @SubscribeMessage('leave')
  leave(@ConnectedSocket() socket: WebSocket, @MessageBody() body: Request) {
    return this.reply(socket, body, (peer) => {
      peer.leaving = true;
      this.rooms.disconnect(peer);
      return {};
    });
  }

  private async admit(socket: WebSocket, request: IncomingMessage): Promise<Peer | null> {
    const url = new URL(request.url ?? '', 'http://media.invalid');
    const origin = request.headers.origin;
    // Browsers always send Origin on a WebSocket; a page elsewhere must not drive this service with a token it got hold of.
    if (origin !== undefined && !this.config.allowedOrigins.includes(origin)) {
      this.logger.warn(`connection refused: origin ${JSON.stringify(origin.slice(0, 100))} not allowed (${request.socket.remoteAddress})`);
      socket.close(CloseCode.OriginNotAllowed, closeReason(CloseCode.OriginNotAllowed));
      return null;
    }
    try {
      const claims = this.tokens.verify(url.searchParams.get('token'), url.searchParams.get('room'));
      const peer = await this.rooms.connect(claims, socket);
      const sendResumeToken = () => peer.notify('resumeToken', { token: this.tokens.resumeToken(claims) });
      sendResumeToken();
      this.refreshers.set(socket, setInterval(sendResumeToken, (RESUME_TOKEN_SECONDS / 2) * 1000));
      return peer;
    } catch (error) {
      const code = error instanceof RoomTokenError ? error.code : CloseCode.ServerUnavailable;
      if (!(error instanceof RoomTokenError)) this.logger.error(`admitting a connection failed: ${error}`);
      else this.logger.warn(`connection refused: ${CloseCode[code]} (${request.socket.remoteAddress})`);
      socket.close(code, closeReason(code));
      return null;
    }
  }

  private async reply(socket: WebSocket, body: Request, handle: (peer: Peer) => unknown) {
    const id = body?.id;
    if (typeof id !== 'number') return { response: null, ok: false, error: 'request id missing' };
    try {
      const peer = await this.peers.get(socket);
      if (!peer) throw new SignallingError('not admitted');
      return { response: id, ok: true, data: (await handle(peer)) ?? {} };
    } catch (error) {
      if (!(error instanceof SignallingError)) this.logger.warn(`request ${id} failed: ${(error as Error).message}`);
      return { response: id, ok: false, error: (error as Error).message };
    }
  }
}
