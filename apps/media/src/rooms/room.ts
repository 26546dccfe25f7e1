import type { types } from 'mediasoup';
import type { MediaWorker } from '../workers/worker-pool.service';
import { BoothState, RoomKind } from '../protocol';
import { BoothQueue } from './booth-queue';
import { Peer } from './peer';

/**
 * A room: an interview (everyone sees everyone) or a fair BOOTH (HR sees only
 * the admitted seeker; the others wait in a queue). One mediasoup Router.
 */
export class Room {
  readonly peers = new Map<string, Peer>();
  readonly booth: BoothQueue | null;
  /** Unix ms; the room is closed then. */
  endsAt: number | null;
  idleTimer?: NodeJS.Timeout;
  endTimer?: NodeJS.Timeout;
  closed = false;

  constructor(
    readonly id: string,
    readonly kind: RoomKind,
    public worker: MediaWorker,
    public router: types.Router,
    endsAt: number | null,
    reconnectGraceMs: number,
  ) {
    this.endsAt = endsAt;
    this.booth = kind === 'BOOTH' ? new BoothQueue(reconnectGraceMs) : null;
  }

  /** Whether `viewer` may receive the media of `owner`. */
  canSee(viewer: Peer, owner: Peer): boolean {
    if (viewer.id === owner.id) return false;
    if (!this.booth) return true;
    const admitted = this.booth.admitted;
    return (viewer.role === 'HR' && owner.id === admitted) || (viewer.id === admitted && owner.role === 'HR');
  }

  /**
   * Whether `viewer` is told about `other` (peer lists, joins, leaves). In a
   * booth seekers never learn about each other; HR learns about the admitted
   * seeker (the waiting ones are in the queue list instead).
   */
  knows(viewer: Peer, other: Peer): boolean {
    return viewer !== other && (!this.booth || this.canSee(viewer, other));
  }

  canPublish(peer: Peer): boolean {
    return !this.booth || peer.role === 'HR' || this.booth.admitted === peer.id;
  }

  boothState(viewer: Peer): BoothState | null {
    if (!this.booth) return null;
    const waiting = viewer.role === 'HR' ? this.booth.waiting().map((id) => this.peers.get(id)?.info ?? { peerId: id, name: id, role: 'SEEKER' as const }) : [];
    return { admitted: this.booth.admitted, position: this.booth.position(viewer.id), waiting };
  }

  joinedPeers(): Peer[] {
    return [...this.peers.values()].filter((p) => p.joined);
  }

  /** Finds a producer of any peer in the room. */
  producer(producerId: string): { owner: Peer; producer: types.Producer } | null {
    for (const owner of this.peers.values()) {
      const producer = owner.producers.get(producerId);
      if (producer) return { owner, producer };
    }
    return null;
  }
}
