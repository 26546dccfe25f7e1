import { existsSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { createWorker, types } from 'mediasoup';
import { MEDIA_CONFIG, MediaConfig } from '../media.config';
import { BUILD_HINT } from '../worker-bin';

/** One mediasoup worker process and the WebRtcServer (one UDP + one TCP port) it owns. */
export interface MediaWorker {
  index: number;
  worker: types.Worker;
  webRtcServer: types.WebRtcServer;
  /** Routers currently on this worker, for placing new rooms on the least loaded one. */
  routers: number;
}

/**
 * Owns the mediasoup workers: one per core (MEDIA_WORKERS). A worker that dies
 * is replaced at once on the same port, then `workerReplaced` is emitted with
 * the dead worker so the rooms it hosted can move.
 */
@Injectable()
export class WorkerPool extends EventEmitter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(WorkerPool.name);
  private readonly slots: (MediaWorker | null)[] = [];
  private closing = false;

  constructor(@Inject(MEDIA_CONFIG) private readonly config: MediaConfig) {
    super();
  }

  async onModuleInit(): Promise<void> {
    if (!existsSync(this.config.workerBin)) {
      throw new Error(`mediasoup-worker binary not found at ${this.config.workerBin}: ${BUILD_HINT}`);
    }
    // mediasoup reads MEDIASOUP_WORKER_BIN once when loaded; set its resolved value directly instead.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('mediasoup/node/lib/Worker') as { workerBin: string }).workerBin = this.config.workerBin;
    for (let i = 0; i < this.config.workers; i++) this.slots.push(await this.spawn(i));
    this.logger.log(
      `${this.config.workers} mediasoup worker(s) on ${this.config.listenIp}:` +
        `${this.config.rtcPortBase}-${this.config.rtcPortBase + this.config.workers - 1}` +
        (this.config.announcedAddress ? ` announced as ${this.config.announcedAddress}` : ''),
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    for (const slot of this.slots) slot?.worker.close();
  }

  /** The live worker with the fewest routers. */
  pick(): MediaWorker {
    const live = this.live();
    if (live.length === 0) throw new Error('no live mediasoup worker');
    return live.reduce((a, b) => (b.routers < a.routers ? b : a));
  }

  live(): MediaWorker[] {
    return this.slots.filter((s): s is MediaWorker => s !== null && !s.worker.closed);
  }

  find(worker: types.Worker): MediaWorker | undefined {
    return this.live().find((s) => s.worker === worker);
  }

  private async spawn(index: number): Promise<MediaWorker> {
    const worker = await createWorker({
      logLevel: this.config.workerLogLevel,
      logTags: ['info', 'ice', 'dtls', 'rtp', 'srtp', 'rtcp', 'rtx', 'bwe', 'score', 'simulcast'],
      // Only the WebRtcServer ports are used; keep the per-transport range out of their way.
      rtcMinPort: this.config.rtcPortBase + 100 + index * 100,
      rtcMaxPort: this.config.rtcPortBase + 199 + index * 100,
      appData: { index },
    });
    const port = this.config.rtcPortBase + index;
    const listen = { ip: this.config.listenIp, announcedIp: this.config.announcedAddress, port };
    const webRtcServer = await worker.createWebRtcServer({
      listenInfos: [
        { protocol: 'udp', ...listen },
        { protocol: 'tcp', ...listen },
      ],
    });
    const slot: MediaWorker = { index, worker, webRtcServer, routers: 0 };
    worker.on('died', (error) => void this.onDied(slot, error));
    this.logger.log(`worker ${index} pid ${worker.pid} on port ${port}`);
    return slot;
  }

  private async onDied(dead: MediaWorker, error: Error): Promise<void> {
    if (this.closing) return;
    this.logger.error(`worker ${dead.index} (pid ${dead.worker.pid}) died: ${error.message}; replacing it`);
    this.slots[dead.index] = null;
    for (let attempt = 1; !this.closing; attempt++) {
      try {
        this.slots[dead.index] = await this.spawn(dead.index);
        break;
      } catch (e) {
        this.logger.error(`respawning worker ${dead.index} failed (attempt ${attempt}): ${(e as Error).message}`);
        if (this.live().length > 0 || attempt >= 5) break;
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
    this.emit('workerReplaced', dead);
  }
}
