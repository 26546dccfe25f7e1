// The fair app's session and its live channel. Staff pages (check-in: OPERATOR; booth: HR) sign in with a password;
// the info wall needs no sign-in. Subscriptions go over graphql-ws on the API's own origin (/graphql).
import { createClient, type Client as WsClient } from 'graphql-ws';
import { Client, type TypedDocument } from '../shared/gql';

/** The fair app's own session (localStorage `tc.fair`), separate from the other apps'. */
export const client = new Client('tc.fair');

export const signedInAs = (...roles: string[]): boolean => !!client.session && roles.includes(client.session.role);

let ws: WsClient | null = null;

function wsClient(): WsClient {
  if (!ws) {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
    ws = createClient({
      url,
      lazy: true,
      // Keep trying: the hall screen runs all morning through Wi-Fi drops and API restarts.
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: (n) => new Promise((r) => setTimeout(r, Math.min(30_000, 1000 * 2 ** n))),
      connectionParams: () => (client.session ? { authorization: `Bearer ${client.session.accessToken}` } : {}),
    });
  }
  return ws;
}

/**
 * Subscribes to a typed subscription document; `onData` gets every pushed result, `onError` the errors (e.g.
 * NOT_FOUND). `onReconnected` runs after the socket comes back, so a page can fetch what it missed. Returns unsubscribe.
 */
export function live<TResult, TVariables>(
  doc: TypedDocument<TResult, TVariables>,
  variables: TVariables,
  onData: (r: TResult) => void,
  onError: (message: string) => void = () => undefined,
  onReconnected: () => void = () => undefined,
): () => void {
  const c = wsClient();
  let connectedOnce = false;
  const off = c.on('connected', () => {
    if (connectedOnce) onReconnected();
    connectedOnce = true;
  });
  const stop = c.subscribe<TResult>(
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
}
