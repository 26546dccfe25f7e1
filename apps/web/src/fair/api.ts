// The fair app's session and its live channel. Staff pages (check-in: OPERATOR; booth: HR) sign in with a password;
// the info wall needs no sign-in. Subscriptions go over graphql-ws on the API's own origin (/graphql), kept retrying
// (the hall screen runs all morning through Wi-Fi drops and API restarts) — see shared/live.ts.
import { Client } from '../shared/gql';
import { liveFor } from '../shared/live';

/** The fair app's own session (localStorage `tc.fair`), separate from the other apps'. */
export const client = new Client('tc.fair');

export const signedInAs = (...roles: string[]): boolean => !!client.session && roles.includes(client.session.role);

/**
 * Subscribes to a typed subscription document; `onData` gets every pushed result, `onError` the errors (e.g.
 * NOT_FOUND). `onReconnected` runs after the socket comes back, so a page can fetch what it missed. Returns unsubscribe.
 */
export const live = liveFor(client);
