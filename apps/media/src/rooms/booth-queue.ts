/**
 * The queue of a BOOTH room (online job fair): seekers wait in arrival order
 * and HR admits them one at a time. A seeker whose connection drops keeps
 * their place (or their admission) for a grace period, so a network change on
 * a phone does not send them to the back.
 */
export class BoothQueue {
  private waitingIds: string[] = [];
  private admittedId: string | null = null;
  /** peerId → when they dropped (ms); absent while connected. */
  private readonly dropped = new Map<string, number>();

  constructor(private readonly graceMs: number) {}

  get admitted(): string | null {
    return this.admittedId;
  }

  /** A seeker (re)connects: keeps an existing place, else joins at the back. */
  arrive(peerId: string): void {
    this.dropped.delete(peerId);
    if (this.admittedId !== peerId && !this.waitingIds.includes(peerId)) this.waitingIds.push(peerId);
  }

  /** The seeker's connection dropped; the place is kept until `purge` runs after the grace period. */
  drop(peerId: string, now: number): void {
    if (this.admittedId === peerId || this.waitingIds.includes(peerId)) this.dropped.set(peerId, now);
  }

  /** The seeker left on purpose (or their turn ended). */
  remove(peerId: string): void {
    this.dropped.delete(peerId);
    this.waitingIds = this.waitingIds.filter((id) => id !== peerId);
    if (this.admittedId === peerId) this.admittedId = null;
  }

  /** Forgets seekers who dropped longer ago than the grace period; returns their ids. */
  purge(now: number): string[] {
    const gone = [...this.dropped].filter(([, at]) => now - at >= this.graceMs).map(([id]) => id);
    gone.forEach((id) => this.remove(id));
    return gone;
  }

  /** Ends the current turn and admits the first connected waiting seeker. */
  admitNext(now: number): { previous: string | null; next: string | null } {
    this.purge(now);
    const previous = this.admittedId;
    if (previous) this.remove(previous);
    const next = this.waitingIds.find((id) => !this.dropped.has(id)) ?? null;
    if (next) {
      this.waitingIds = this.waitingIds.filter((id) => id !== next);
      this.admittedId = next;
    }
    return { previous, next };
  }

  /** 1-based place of a waiting seeker, counting everyone ahead (dropped ones included). */
  position(peerId: string): number | null {
    const i = this.waitingIds.indexOf(peerId);
    return i < 0 ? null : i + 1;
  }

  waiting(): string[] {
    return [...this.waitingIds];
  }
}
