// GraphQL subscriptions over graphql-ws on the API's own origin (/graphql), signed in with an app's session. One socket
// per app, opened on the first subscription; it keeps retrying through Wi-Fi drops and API restarts.
import { createClient, type Client as WsClient } from 'graphql-ws';
import type { Client, TypedDocument } from './gql';

export type Live = <TResult, TVariables>(
  doc: TypedDocument<TResult, TVariables>,
  variables: TVariables,
  onData: (r: TResult) => void,
  onError?: (message: string) => void,
  onReconnected?: () => void,
  onConnected?: () => void,
) => () => void;

/**
 * A `live(doc, variables, onData, onError, onReconnected)` for one app's client: `onData` gets every pushed result,
 * `onError` the errors, `onReconnected` runs after the socket came back (fetch what was missed), `onConnected` on every
 * connection (the first too). Returns unsubscribe.
 */
export function liveFor(client: Client): Live {
  let ws: WsClient | null = null;
  const socket = (): WsClient =>
    (ws ??= createClient({
      url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
      lazy: true,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: (n) => new Promise((r) => setTimeout(r, Math.min(30_000, 1000 * 2 ** n))),
      connectionParams: () => (client.session ? { authorization: `Bearer ${client.session.accessToken}` } : {}),
    }));
  return (doc, variables, onData, onError = () => undefined, onReconnected = () => undefined, onConnected = () => undefined) => {
    const c = socket();
    let connectedOnce = false;
    const off = c.on('connected', () => {
      if (connectedOnce) onReconnected();
      connectedOnce = true;
      onConnected();
    });
    const stop = c.subscribe<never>(
      { query: doc.toString(), variables: variables as Record<string, unknown> },
      {
        next: (r) => {
          if (r.errors?.length) onError(r.errors[0].message);
          else if (r.data) onData(r.data);
        },
        error: (e) => onError(Array.isArray(e) ? String((e[0] as { message?: string })?.message ?? e) : e instanceof Error ? e.message : String(e)),
        complete: () => undefined,
      },
    );
    return () => {
      off();
      stop();
    };
  };
}
