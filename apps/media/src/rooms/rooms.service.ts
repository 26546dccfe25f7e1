import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { types } from 'mediasoup';
import type { WebSocket } from 'ws';
import { MEDIA_CONFIG, MediaConfig } from '../media.config';
import { CloseCode, JoinResult, ProducerInfo, RoomTokenClaims } from '../protocol';
import { MediaWorker, WorkerPool } from '../workers/worker-pool.service';
import { Peer } from './peer';
import { RoomTokenError } from './room-token.service';
import { Room } from './room';

const MEDIA_CODECS: types.RtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 300 } },
];

/** A client's mistake (bad id, not allowed now); reported back without logging a stack. */
export class SignallingError extends Error {}

export interface RoomSnapshot {
  id: string;
  kind: string;
  workerPid: number;
  peers: string[];
  transports: number;
  producers: number;
  consumers: number;
  booth: { admitted: string | null; waiting: string[] } | null;
}

/**
 * Rooms, their peers and the mediasoup objects behind them. Rooms are created
 * by the first valid connection, closed when their time is up (roomEndsAt) or
 * after MEDIA_ROOM_IDLE_SECONDS without peers, and moved to another worker when
 * theirs dies.
 */
@Injectable()
export class RoomsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RoomsService.name);
  private readonly rooms = new Map<string, Room>();
  private readonly opening = new Map<string, Promise<Room>>();

  constructor(
    @Inject(MEDIA_CONFIG) private readonly config: MediaConfig,
    private readonly pool: WorkerPool,
  ) {}

  onModuleInit(): void {
    this.pool.on('workerReplaced', (dead: MediaWorker) => void this.onWorkerReplaced(dead));
  }

  onModuleDestroy(): void {
    for (const room of [...this.rooms.values()]) this.closeRoom(room, CloseCode.ServerUnavailable);
  }

  // --- connection lifecycle ---------------------------------------------------

  /** Admits an authorised connection into its room (creating the room if needed). */
  async connect(claims: RoomTokenClaims, socket: WebSocket): Promise<Peer> {
    const room = await this.openRoom(claims);
    if (room.kind !== claims.kind) throw new RoomTokenError(CloseCode.WrongRoom);
    if (claims.roomEndsAt !== undefined) this.setEnd(room, claims.roomEndsAt * 1000);
    clearTimeout(room.idleTimer);
    const peer = new Peer(claims, socket);
    const previous = room.peers.get(peer.id);
    room.peers.set(peer.id, peer);
    if (previous) {
      // One connection per user and room: the older one (another device, a stale tab, or whoever else holds the token) goes.
      previous.replaced = true;
      previous.closeMedia();
      previous.close(CloseCode.Replaced);
      for (const other of room.peers.values()) {
        if (other !== peer && other.role === 'HR') other.notify('peerReplaced', { ...peer.info, at: Date.now() });
      }
      this.logger.warn(`${peer.role} ${peer.id} connected again to ${room.id}: the older connection was replaced`);
    }
    if (room.booth && peer.role === 'SEEKER') room.booth.arrive(peer.id);
    this.logger.log(`${peer.role} ${peer.id} connected to ${room.kind} ${room.id} (${room.peers.size} peers)`);
    return peer;
  }

  /** The socket closed: release the peer's media and tell the others. */
  disconnect(peer: Peer): void {
    peer.closeMedia();
    const room = this.rooms.get(peer.claims.room);
    if (!room || peer.replaced || room.peers.get(peer.id) !== peer) return;
    room.peers.delete(peer.id);
    if (room.booth && peer.role === 'SEEKER') {
      if (peer.leaving) room.booth.remove(peer.id);
      else room.booth.drop(peer.id, Date.now());
    }
    // Also sent in a booth to whoever may have known the peer (HR, or everyone when HR leaves); unknown ids are ignored.
    for (const other of room.joinedPeers()) {
      if (!room.booth || other.role === 'HR' || peer.role === 'HR') other.notify('peerLeft', { peerId: peer.id });
    }
    this.broadcastBooth(room);
    this.logger.log(`${peer.id} ${peer.leaving ? 'left' : 'dropped from'} ${room.id} (${room.peers.size} peers)`);
    if (room.peers.size === 0) {
      room.idleTimer = setTimeout(() => this.closeRoom(room, CloseCode.RoomClosed), this.config.roomIdleSeconds * 1000);
    }
  }

  // --- signalling requests ------------------------------------------------------

  routerRtpCapabilities(peer: Peer): types.RtpCapabilities {
    return this.roomOf(peer).router.rtpCapabilities;
  }

  join(peer: Peer, rtpCapabilities: types.RtpCapabilities): JoinResult {
    const room = this.roomOf(peer);
    peer.rtpCapabilities = rtpCapabilities;
    if (!peer.joined) {
      peer.joined = true;
      for (const other of room.joinedPeers()) if (room.knows(other, peer)) other.notify('peerJoined', peer.info);
      this.broadcastBooth(room);
    }
    return {
      me: peer.info,
      kind: room.kind,
      roomEndsAt: room.endsAt,
      peers: room
        .joinedPeers()
        .filter((p) => room.knows(peer, p))
        .map((p) => p.info),
      producers: this.visibleProducers(room, peer),
      canPublish: room.canPublish(peer),
      booth: room.boothState(peer),
    };
  }

  async createTransport(peer: Peer, direction: 'send' | 'recv') {
    const room = this.roomOf(peer);
    if (peer.transports.size >= 4) throw new SignallingError('too many transports');
    const transport = await room.router.createWebRtcTransport({
      webRtcServer: room.worker.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 600_000,
      appData: { direction },
    });
    if (direction === 'send') await transport.setMaxIncomingBitrate(this.config.maxIncomingBitrate);
    peer.transports.set(transport.id, transport);
    transport.observer.once('close', () => peer.transports.delete(transport.id));
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
    };
  }

  async connectTransport(peer: Peer, transportId: string, dtlsParameters: types.DtlsParameters): Promise<void> {
    await this.transportOf(peer, transportId).connect({ dtlsParameters });
  }

  async restartIce(peer: Peer, transportId: string): Promise<types.IceParameters> {
    return this.transportOf(peer, transportId).restartIce();
  }

  async produce(peer: Peer, transportId: string, kind: types.MediaKind, rtpParameters: types.RtpParameters): Promise<{ id: string }> {
    const room = this.roomOf(peer);
    if (!room.canPublish(peer)) throw new SignallingError('waiting in the queue: not allowed to send media yet');
    if ([...peer.producers.values()].some((p) => p.kind === kind)) throw new SignallingError(`already sending ${kind}`);
    const transport = this.transportOf(peer, transportId);
    const producer = await transport.produce({ kind, rtpParameters, appData: { peerId: peer.id } });
    peer.producers.set(producer.id, producer);
    producer.observer.once('close', () => peer.producers.delete(producer.id));
    const info: ProducerInfo = { peerId: peer.id, producerId: producer.id, kind };
    for (const viewer of room.joinedPeers()) if (room.canSee(viewer, peer)) viewer.notify('producerAdded', info);
    return { id: producer.id };
  }

  async setProducerPaused(peer: Peer, producerId: string, paused: boolean): Promise<void> {
    const producer = peer.producers.get(producerId);
    if (!producer) throw new SignallingError('no such producer');
    await (paused ? producer.pause() : producer.resume());
  }

  async consume(peer: Peer, transportId: string, producerId: string) {
    const room = this.roomOf(peer);
    const found = room.producer(producerId);
    if (!found || !room.canSee(peer, found.owner)) throw new SignallingError('producer not available');
    if (this.consumerCount(room, producerId) >= this.config.maxConsumersPerProducer) {
      throw new SignallingError(`too many consumers of this producer (at most ${this.config.maxConsumersPerProducer})`);
    }
    if (!peer.rtpCapabilities || !room.router.canConsume({ producerId, rtpCapabilities: peer.rtpCapabilities })) {
      throw new SignallingError('cannot consume this producer with these RTP capabilities');
    }
    const consumer = await this.transportOf(peer, transportId).consume({
      producerId,
      rtpCapabilities: peer.rtpCapabilities,
      paused: true, // resumed once the client has set it up, so the first key frame is not lost
      appData: { ownerId: found.owner.id },
    });
    peer.consumers.set(consumer.id, consumer);
    consumer.observer.once('close', () => peer.consumers.delete(consumer.id));
    consumer.on('producerclose', () => peer.notify('consumerClosed', { consumerId: consumer.id }));
    return {
      id: consumer.id,
      producerId,
      peerId: found.owner.id,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters,
    };
  }

  async resumeConsumer(peer: Peer, consumerId: string): Promise<void> {
    const consumer = peer.consumers.get(consumerId);
    if (!consumer) throw new SignallingError('no such consumer');
    await consumer.resume();
  }

  /** BOOTH, HR only: ends the current seeker's turn and admits the next one. */
  admitNext(peer: Peer): { admitted: string | null } {
    const room = this.roomOf(peer);
    if (!room.booth || peer.role !== 'HR') throw new SignallingError('only HR can admit, and only in a booth');
    const { previous, next } = room.booth.admitNext(Date.now());
    const prevPeer = previous ? room.peers.get(previous) : undefined;
    if (prevPeer) {
      prevPeer.leaving = true;
      prevPeer.close(CloseCode.BoothTurnOver);
      this.disconnect(prevPeer);
    }
    const nextPeer = next ? room.peers.get(next) : undefined;
    if (nextPeer?.joined) {
      // Introduce the admitted seeker and HR to each other and hand over what HR already sends.
      for (const hr of room.joinedPeers().filter((p) => p.role === 'HR')) {
        hr.notify('peerJoined', nextPeer.info);
        nextPeer.notify('peerJoined', hr.info);
      }
      for (const info of this.visibleProducers(room, nextPeer)) nextPeer.notify('producerAdded', info);
    }
    this.broadcastBooth(room);
    this.logger.log(`booth ${room.id}: ${previous ?? 'nobody'} done, ${next ?? 'nobody'} admitted`);
    return { admitted: next };
  }

  // --- rooms --------------------------------------------------------------------

  snapshot(): RoomSnapshot[] {
    return [...this.rooms.values()].map((room) => {
      const peers = [...room.peers.values()];
      const count = (pick: (p: Peer) => Map<string, unknown>) => peers.reduce((n, p) => n + pick(p).size, 0);
      return {
        id: room.id,
        kind: room.kind,
        workerPid: room.worker.worker.pid,
        peers: peers.map((p) => p.id),
        transports: count((p) => p.transports),
        producers: count((p) => p.producers),
        consumers: count((p) => p.consumers),
        booth: room.booth ? { admitted: room.booth.admitted, waiting: room.booth.waiting() } : null,
      };
    });
  }

  closeRoom(room: Room, code: CloseCode): void {
    if (room.closed) return;
    room.closed = true;
    clearTimeout(room.idleTimer);
    clearTimeout(room.endTimer);
    for (const peer of room.peers.values()) {
      peer.replaced = true; // its socket's close handler has nothing left to do
      peer.closeMedia();
      peer.close(code);
    }
    room.peers.clear();
    room.router.close();
    room.worker.routers--;
    this.rooms.delete(room.id);
    this.logger.log(`room ${room.id} closed (${CloseCode[code]})`);
  }

  private async openRoom(claims: RoomTokenClaims): Promise<Room> {
    const existing = this.rooms.get(claims.room);
    if (existing) return existing;
    let opening = this.opening.get(claims.room);
    if (!opening) {
      opening = (async () => {
        const worker = this.pool.pick();
        const router = await worker.worker.createRouter({ mediaCodecs: MEDIA_CODECS });
        worker.routers++;
        const room = new Room(claims.room, claims.kind, worker, router, null, this.config.reconnectGraceSeconds * 1000);
        this.rooms.set(room.id, room);
        this.logger.log(`room ${room.id} (${room.kind}) opened on worker ${worker.index} pid ${worker.worker.pid}`);
        return room;
      })().finally(() => this.opening.delete(claims.room));
      this.opening.set(claims.room, opening);
    }
    return opening;
  }

  /** Rooms never outlive roomEndsAt; the earliest end any token announces wins. */
  private setEnd(room: Room, endsAt: number): void {
    if (room.endsAt !== null && room.endsAt <= endsAt) return;
    room.endsAt = endsAt;
    clearTimeout(room.endTimer);
    const delay = Math.min(Math.max(endsAt - Date.now(), 0), 2 ** 31 - 1);
    room.endTimer = setTimeout(() => this.closeRoom(room, CloseCode.RoomEnded), delay);
  }

  /** Moves every room of a dead worker to a live one; clients are told to set their media up again. */
  private async onWorkerReplaced(dead: MediaWorker): Promise<void> {
    for (const room of [...this.rooms.values()].filter((r) => r.worker === dead)) {
      try {
        const target = this.pool.pick();
        room.router = await target.worker.createRouter({ mediaCodecs: MEDIA_CODECS });
        room.worker = target;
        target.routers++;
        for (const peer of room.peers.values()) {
          peer.closeMedia();
          peer.notify('migrated', { reason: 'media worker restarted' });
        }
        this.logger.warn(`room ${room.id} moved to worker ${target.index} pid ${target.worker.pid}`);
      } catch (error) {
        this.logger.error(`room ${room.id} could not move: ${(error as Error).message}; closing it`);
        this.closeRoom(room, CloseCode.ServerUnavailable);
      }
    }
  }

  /** Consumers of one producer, all peers of the room together. */
  private consumerCount(room: Room, producerId: string): number {
    let n = 0;
    for (const p of room.peers.values()) for (const c of p.consumers.values()) if (c.producerId === producerId) n++;
    return n;
  }

  private visibleProducers(room: Room, viewer: Peer): ProducerInfo[] {
    const list: ProducerInfo[] = [];
    for (const owner of room.peers.values()) {
      if (!room.canSee(viewer, owner)) continue;
      for (const p of owner.producers.values()) list.push({ peerId: owner.id, producerId: p.id, kind: p.kind });
    }
    return list;
  }

  private broadcastBooth(room: Room): void {
    if (!room.booth) return;
    room.booth.purge(Date.now());
    for (const peer of room.joinedPeers()) {
      peer.notify('booth', { ...room.boothState(peer)!, canPublish: room.canPublish(peer) });
    }
  }

  private roomOf(peer: Peer): Room {
    const room = this.rooms.get(peer.claims.room);
    if (!room || room.peers.get(peer.id) !== peer) throw new SignallingError('not in a room');
    return room;
  }

  private transportOf(peer: Peer, transportId: string): types.WebRtcTransport {
    const transport = peer.transports.get(transportId);
    if (!transport) throw new SignallingError('no such transport');
    return transport;
  }
}
