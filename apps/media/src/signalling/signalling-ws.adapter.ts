import type { INestApplicationContext } from '@nestjs/common';
import { isNil } from '@nestjs/common/utils/shared.utils';
import { WsAdapter } from '@nestjs/platform-ws';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { EMPTY, fromEvent, Observable, of } from 'rxjs';
import { filter, first, mergeMap, share, takeUntil } from 'rxjs/operators';
import type { WebSocket } from 'ws';
import { CloseCode, closeReason } from '../protocol';
import { MessageLimits } from './message-limits';

/** The answer to a request refused by the rate limit (the client sees it like any failed request). */
export const TOO_MANY_MESSAGES = 'too many messages: slow down';

/**
 * Nest's WsAdapter with a per-connection message budget in front of the
 * handlers: every frame takes a token (MessageLimits) before it is even
 * parsed for dispatch; a refused request is answered with an error and not
 * handled; sustained flooding closes the socket (CloseCode.TooManyMessages).
 * Otherwise the same as WsAdapter.bindMessageHandlers (@nestjs/platform-ws 11).
 */
export class SignallingWsAdapter extends WsAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly limits: MessageLimits,
  ) {
    super(app);
  }

  override bindMessageHandlers(client: WebSocket, handlers: MessageMappingProperties[], transform: (data: unknown) => Observable<unknown>): void {
    const handlersMap = new Map<string, MessageMappingProperties>();
    handlers.forEach((handler) => handlersMap.set(handler.message as string, handler));
    const close$ = fromEvent(client, 'close').pipe(share(), first());
    fromEvent(client, 'message')
      .pipe(
        mergeMap((event) => {
          const verdict = this.limits.check(client);
          if (verdict === 'accept') {
            return this.bindMessageHandler(event, handlersMap, transform).pipe(filter((result) => !isNil(result)));
          }
          if (verdict === 'disconnect') {
            client.close(CloseCode.TooManyMessages, closeReason(CloseCode.TooManyMessages));
            return EMPTY;
          }
          return of({ response: requestId(event), ok: false, error: TOO_MANY_MESSAGES });
        }),
        takeUntil(close$),
      )
      .subscribe((response) => {
        if (client.readyState === client.OPEN) client.send(JSON.stringify(response));
      });
  }
}

/** The request id of a refused message, when it has one (so the client's pending request fails fast). */
function requestId(event: unknown): number | null {
  try {
    const id = JSON.parse(String((event as { data: unknown }).data))?.data?.id;
    return typeof id === 'number' ? id : null;
  } catch {
    return null;
  }
}
