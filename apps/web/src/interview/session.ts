import { Device, types } from 'mediasoup-client';
import { BoothState, FINAL_CLOSE_CODES, JoinResult, PeerInfo, ProducerInfo, WS_PATH } from '../../../media/src/protocol';
import { Signalling, SocketClosed } from './signalling';

export type SessionState = 'idle' | 'connecting' | 'joined' | 'reconnecting' | 'closed';

export interface RemotePeer {
  info: PeerInfo;
  stream: MediaStream;
}

export interface InboundStats {
  audio: { bytesReceived: number; packetsReceived: number };
  video: { bytesReceived: number; framesDecoded: number; frameWidth: number };
  consumers: number;
  producers: number;
}

/** Simulcast for the camera: a low layer for weak links and a mid layer, both cheap enough for a phone uplink. */
const VIDEO_ENCODINGS: RTCRtpEncodingParameters[] = [
  { rid: 'r0', maxBitrate: 100_000, scaleResolutionDownBy: 2, maxFramerate: 15 },
  { rid: 'r1', maxBitrate: 300_000, scaleResolutionDownBy: 1, maxFramerate: 24 },
];

/**
 * One participant's media session: signalling socket, mediasoup-client Device,
 * a send and a receive transport, producers for the local tracks and
 * consumers for what the server lets this peer see. Recovers on its own from
 * network changes (ICE restart, or reconnect with the resume token) and from
 * a media worker restart (`migrated`).
 */
export class MediaSession {
  state: SessionState = 'idle';
  me: PeerInfo | null = null;
  readonly peers = new Map<string, RemotePeer>();
  booth: BoothState | null = null;
  canPublish = false;
  lastError: { code: number; message: string } | null = null;
  /** How often the media were set up again after a migration or reconnect. */
  recoveries = 0;
  /** HR: participants whose older connection was replaced by a newer one (another device or tab), newest last. */
  readonly replacements: Array<PeerInfo & { at: number }> = [];
  localStream: MediaStream | null = null;
  onChange: () => void = () => undefined;

  private signalling: Signalling | null = null;
  private device: Device | null = null;
  private sendTransport: types.Transport | null = null;
  private recvTransport: types.Transport | null = null;
  private readonly producers = new Map<'audio' | 'video', types.Producer>();
  private readonly consumers = new Map<string, { consumer: types.Consumer; peerId: string }>();
  /** Bumped whenever the media are torn down, so a setup in flight knows it is stale. */
  private generation = 0;
  private reconnectAttempt = 0;
  private token: string;
  private facingMode: 'user' | 'environment' = 'user';

  constructor(
    private readonly room: string,
    token: string,
    private readonly origin = location.origin.replace(/^http/, 'ws'),
  ) {
    this.token = token;
    window.addEventListener('online', () => this.restartIce());
    (navigator as Navigator & { connection?: EventTarget }).connection?.addEventListener('change', () => this.restartIce());
  }

  /** Camera + microphone; falls back to microphone only when there is no camera (or `video` is false). */
  async openLocalMedia(video = true): Promise<'av' | 'audio'> {
    const audio = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
    if (video) {
      try {
        this.localStream = await navigator.mediaDevices.getUserMedia({ audio, video: this.videoConstraints() });
        return 'av';
      } catch (error) {
        console.warn('camera unavailable, trying microphone only', error);
      }
    }
    this.localStream = await navigator.mediaDevices.getUserMedia({ audio });
    return 'audio';
  }

  async start(): Promise<void> {
    await this.connect();
  }

  async leave(): Promise<void> {
    this.state = 'closed';
    try {
      await this.signalling?.request('leave');
    } catch {
      /* already gone */
    }
    this.signalling?.close(1000, 'leave');
    this.teardownMedia();
    this.localStream?.getTracks().forEach((t) => t.stop());
    this.changed();
  }

  async setMuted(kind: 'audio' | 'video', muted: boolean): Promise<void> {
    const producer = this.producers.get(kind);
    const track = this.localStream?.getTracks().find((t) => t.kind === kind);
    if (track) track.enabled = !muted;
    if (!producer) return;
    if (muted) producer.pause();
    else producer.resume();
    await this.signalling?.request('setProducerPaused', { producerId: producer.id, paused: muted }).catch(() => undefined);
    this.changed();
  }

  isMuted(kind: 'audio' | 'video'): boolean {
    const track = this.localStream?.getTracks().find((t) => t.kind === kind);
    return track ? !track.enabled : true;
  }

  /** Front ↔ back camera on phones. */
  async switchCamera(): Promise<void> {
    const old = this.localStream?.getVideoTracks()[0];
    if (!old || !this.localStream) return;
    this.facingMode = this.facingMode === 'user' ? 'environment' : 'user';
    old.stop();
    const [track] = (await navigator.mediaDevices.getUserMedia({ video: this.videoConstraints() })).getVideoTracks();
    this.localStream.removeTrack(old);
    this.localStream.addTrack(track);
    await this.producers.get('video')?.replaceTrack({ track });
    this.changed();
  }

  /** BOOTH, HR only: ends the current seeker's turn and admits the next one in the queue. */
  async admitNext(): Promise<void> {
    await this.signalling?.request('admitNext');
  }

  /** Restarts ICE on both transports (after a network change the old candidate pair is dead). */
  async restartIce(): Promise<void> {
    if (!this.signalling?.open) return;
    for (const transport of [this.sendTransport, this.recvTransport]) {
      if (!transport || transport.closed) continue;
      try {
        const iceParameters = await this.signalling.request<types.IceParameters>('restartIce', {
          transportId: transport.id,
        });
        await transport.restartIce({ iceParameters });
      } catch (error) {
        console.warn('ICE restart failed', error);
      }
    }
  }

  async stats(): Promise<InboundStats> {
    const result: InboundStats = {
      audio: { bytesReceived: 0, packetsReceived: 0 },
      video: { bytesReceived: 0, framesDecoded: 0, frameWidth: 0 },
      consumers: this.consumers.size,
      producers: this.producers.size,
    };
    for (const { consumer } of this.consumers.values()) {
      const report = await consumer.getStats();
      report.forEach((s: Record<string, number | string>) => {
        if (s.type !== 'inbound-rtp') return;
        if (consumer.kind === 'audio') {
          result.audio.bytesReceived += Number(s.bytesReceived ?? 0);
          result.audio.packetsReceived += Number(s.packetsReceived ?? 0);
        } else {
          result.video.bytesReceived += Number(s.bytesReceived ?? 0);
          result.video.framesDecoded += Number(s.framesDecoded ?? 0);
          result.video.frameWidth = Math.max(result.video.frameWidth, Number(s.frameWidth ?? 0));
        }
      });
    }
    return result;
  }

  // --- connection ----------------------------------------------------------------

  private async connect(): Promise<void> {
    this.state = this.state === 'idle' ? 'connecting' : 'reconnecting';
    this.changed();
    const url = `${this.origin}${WS_PATH}?room=${encodeURIComponent(this.room)}&token=${encodeURIComponent(this.token)}`;
    try {
      this.signalling = await Signalling.open(url);
    } catch (error) {
      return this.onSocketClosed(error as SocketClosed);
    }
    this.reconnectAttempt = 0;
    const s = this.signalling;
    s.onClose = (closed) => this.onSocketClosed(closed);
    s.on('resumeToken', ({ token }) => (this.token = token));
    s.on('peerJoined', (info) => this.addPeer(info));
    s.on('peerLeft', ({ peerId }) => this.removePeer(peerId));
    s.on('peerReplaced', (info) => {
      this.replacements.push(info);
      this.changed();
    });
    s.on('producerAdded', (info) => void this.consume(info, this.generation));
    s.on('consumerClosed', ({ consumerId }) => this.closeConsumer(consumerId));
    s.on('booth', (booth) => {
      this.booth = booth;
      this.canPublish = booth.canPublish;
      if (booth.canPublish) void this.publish(this.generation);
      this.changed();
    });
    s.on('migrated', () => {
      this.teardownMedia();
      void this.setupMedia();
    });
    await this.setupMedia();
  }

  private onSocketClosed(closed: SocketClosed): void {
    if (this.state === 'closed') return;
    this.teardownMedia();
    this.signalling = null;
    if (FINAL_CLOSE_CODES.includes(closed.code)) {
      this.state = 'closed';
      this.lastError = { code: closed.code, message: closed.reason };
      this.localStream?.getTracks().forEach((t) => t.stop());
      this.changed();
      return;
    }
    // Network drop or server restart: try again with the freshest token, backing off up to 10 s.
    this.lastError = { code: closed.code, message: closed.reason || 'connection lost' };
    this.state = 'reconnecting';
    this.changed();
    const delay = Math.min(500 * 2 ** this.reconnectAttempt++, 10_000);
    setTimeout(() => void this.connect(), delay);
  }

  // --- media setup -----------------------------------------------------------------

  private async setupMedia(): Promise<void> {
    const gen = ++this.generation;
    const s = this.signalling;
    if (!s) return;
    try {
      const routerRtpCapabilities = await s.request<types.RtpCapabilities>('getRouterRtpCapabilities');
      const device = new Device();
      await device.load({ routerRtpCapabilities });
      if (gen !== this.generation) return;
      this.device = device;
      this.recvTransport = await this.createTransport('recv', gen);
      this.sendTransport = await this.createTransport('send', gen);
      const joined = await s.request<JoinResult>('join', { rtpCapabilities: device.rtpCapabilities });
      if (gen !== this.generation) return;
      this.me = joined.me;
      this.booth = joined.booth;
      this.canPublish = joined.canPublish;
      joined.peers.forEach((p) => this.addPeer(p));
      if (this.recoveries > 0 || this.state === 'reconnecting') this.lastError = null;
      this.state = 'joined';
      this.changed();
      await Promise.all(joined.producers.map((p) => this.consume(p, gen)));
      if (joined.canPublish) await this.publish(gen);
    } catch (error) {
      if (gen === this.generation && !(error instanceof SocketClosed)) {
        this.lastError = { code: 0, message: (error as Error).message };
        this.changed();
      }
    }
  }

  private async createTransport(direction: 'send' | 'recv', gen: number): Promise<types.Transport> {
    const s = this.signalling!;
    const params = await s.request<types.TransportOptions>('createTransport', { direction });
    if (gen !== this.generation) throw new Error('stale');
    const transport = direction === 'send' ? this.device!.createSendTransport(params) : this.device!.createRecvTransport(params);
    transport.on('connect', ({ dtlsParameters }, ok, fail) => {
      s.request('connectTransport', { transportId: transport.id, dtlsParameters }).then(() => ok(), fail);
    });
    transport.on('produce', ({ kind, rtpParameters }, ok, fail) => {
      s.request<{ id: string }>('produce', { transportId: transport.id, kind, rtpParameters }).then(ok, fail);
    });
    let iceTimer: ReturnType<typeof setTimeout> | undefined;
    transport.on('connectionstatechange', (state) => {
      clearTimeout(iceTimer);
      if (state === 'failed') void this.restartIce();
      if (state === 'disconnected') iceTimer = setTimeout(() => void this.restartIce(), 2000);
    });
    return transport;
  }

  private async publish(gen: number): Promise<void> {
    const transport = this.sendTransport;
    if (!transport || !this.localStream || gen !== this.generation) return;
    for (const track of this.localStream.getTracks()) {
      const kind = track.kind as 'audio' | 'video';
      if (this.producers.has(kind) || !this.device?.canProduce(kind)) continue;
      const placeholder = {} as types.Producer; // claims the slot while producing, so a second call skips it
      this.producers.set(kind, placeholder);
      try {
        const producer = await transport.produce(
          kind === 'video'
            ? { track, encodings: VIDEO_ENCODINGS, codecOptions: { videoGoogleStartBitrate: 300 }, stopTracks: false }
            : { track, codecOptions: { opusDtx: true, opusFec: true }, stopTracks: false },
        );
        if (gen !== this.generation) return producer.close();
        this.producers.set(kind, producer);
        if (!track.enabled) await this.setMuted(kind, true);
      } catch (error) {
        if (this.producers.get(kind) === placeholder) this.producers.delete(kind);
        if (gen === this.generation) throw error;
      }
    }
    this.changed();
  }

  private async consume(info: ProducerInfo, gen: number): Promise<void> {
    const s = this.signalling;
    const transport = this.recvTransport;
    if (!s || !transport || gen !== this.generation) return;
    try {
      const params = await s.request<types.ConsumerOptions & { peerId: string }>('consume', {
        transportId: transport.id,
        producerId: info.producerId,
      });
      if (gen !== this.generation) return;
      const consumer = await transport.consume(params);
      this.consumers.set(consumer.id, { consumer, peerId: params.peerId });
      const peer = this.peers.get(params.peerId) ?? this.addPeer({ peerId: params.peerId, name: '', role: this.me?.role === 'HR' ? 'SEEKER' : 'HR' });
      peer.stream
        .getTracks()
        .filter((t) => t.kind === consumer.kind)
        .forEach((t) => peer.stream.removeTrack(t));
      peer.stream.addTrack(consumer.track);
      await s.request('resumeConsumer', { consumerId: consumer.id });
      this.changed();
    } catch (error) {
      if (gen === this.generation) console.warn(`consuming ${info.kind} of ${info.peerId} failed`, error);
    }
  }

  private closeConsumer(consumerId: string): void {
    const entry = this.consumers.get(consumerId);
    if (!entry) return;
    entry.consumer.close();
    this.consumers.delete(consumerId);
    this.peers.get(entry.peerId)?.stream.removeTrack(entry.consumer.track);
    this.changed();
  }

  /** Drops every transport, producer and consumer (the local tracks stay). */
  private teardownMedia(): void {
    this.generation++;
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = this.recvTransport = null;
    this.producers.clear();
    this.consumers.clear();
    for (const peer of this.peers.values()) peer.stream.getTracks().forEach((t) => peer.stream.removeTrack(t));
    if (this.state === 'joined') this.recoveries++;
    if (this.state === 'joined') this.state = 'reconnecting';
    this.changed();
  }

  private addPeer(info: PeerInfo): RemotePeer {
    const existing = this.peers.get(info.peerId);
    if (existing) {
      if (info.name) existing.info = info;
      return existing;
    }
    const peer = { info, stream: new MediaStream() };
    this.peers.set(info.peerId, peer);
    this.changed();
    return peer;
  }

  private removePeer(peerId: string): void {
    this.peers.delete(peerId);
    this.changed();
  }

  private videoConstraints(): MediaTrackConstraints {
    return { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 24, max: 30 }, facingMode: this.facingMode };
  }

  private changed(): void {
    this.onChange();
  }
}
