import { Inject, Injectable } from '@nestjs/common';
import type { WebSocket } from 'ws';
import { MEDIA_CONFIG, MediaConfig } from '../media.config';

/** Refusals are counted over this window to tell a burst from sustained abuse. */
export const FLOOD_WINDOW_MS = 10_000;

/** What happens to one incoming message. */
export type MessageVerdict = 'accept' | 'refuse' | 'disconnect';

/** A token bucket: `burst` tokens, refilled at `perSecond`. Times are passed in (ms), so it is testable. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + (Math.max(now - this.last, 0) * this.perSecond) / 1000);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * One connection's message budget: beyond the bucket a message is refused
 * (answered with an error, not handled); after `disconnectAfter` refusals
 * within FLOOD_WINDOW_MS the connection is closed.
 */
export class MessageLimiter {
  private readonly bucket: TokenBucket;
  private windowStart: number;
  private refused = 0;

  constructor(
    private readonly config: Pick<MediaConfig, 'messagesPerSecond' | 'messageBurst' | 'floodDisconnectAfter'>,
    now: number,
  ) {
    this.bucket = new TokenBucket(config.messagesPerSecond, config.messageBurst, now);
    this.windowStart = now;
  }

  check(now: number): MessageVerdict {
    if (this.bucket.take(now)) return 'accept';
    if (now - this.windowStart >= FLOOD_WINDOW_MS) {
      this.windowStart = now;
      this.refused = 0;
    }
    this.refused++;
    return this.refused >= this.config.floodDisconnectAfter ? 'disconnect' : 'refuse';
  }
}

/** The limiter of every signalling connection (MEDIA_MESSAGES_PER_SECOND, MEDIA_MESSAGE_BURST, MEDIA_FLOOD_DISCONNECT_AFTER). */
@Injectable()
export class MessageLimits {
  private readonly limiters = new WeakMap<WebSocket, MessageLimiter>();

  constructor(@Inject(MEDIA_CONFIG) private readonly config: MediaConfig) {}

  check(socket: WebSocket, now = Date.now()): MessageVerdict {
    let limiter = this.limiters.get(socket);
    if (!limiter) {
      limiter = new MessageLimiter(this.config, now);
      this.limiters.set(socket, limiter);
    }
    return limiter.check(now);
  }
}
