// The seeker app's GraphQL client and session: the same storage key, refresh cookie and error messages as before
// (src/shared/gql.ts), a reactive "signed in" flag for the pages, and the cached profile.
import { reactive } from 'vue';
import { ApiError, Client } from '../shared/gql';
import { t } from '../shared/i18n';
import { graphql } from './gql';

export const api = new Client('tc.seeker');

/** What the pages react to: whether a session is held, and the profile once loaded (undefined = not loaded yet). */
export const session = reactive<{ signedIn: boolean; profile?: ProfileLite | null }>({ signedIn: !!api.session });
export interface ProfileLite {
  id: string;
  name: string;
  sharedWithTenants: boolean;
}

/** Re-reads the stored session (after sign-in, sign-out, or the API ending it). */
export function syncSession(): void {
  const now = !!api.session;
  if (now !== session.signedIn) session.profile = undefined;
  session.signedIn = now;
}

const Me = graphql(`
  query SeekerProfileLite {
    myProfile {
      id
      name
      sharedWithTenants
    }
  }
`);

export async function loadProfile(force = false): Promise<ProfileLite | null> {
  if (session.profile !== undefined && !force) return session.profile;
  const d = await api.run(Me);
  session.profile = d.myProfile;
  return d.myProfile;
}

export const errMsg = (e: unknown): string => (e instanceof ApiError ? e.message : t('出错了，请稍后重试', 'Something went wrong. Please try again.'));
export const codeOf = (e: unknown): string => (e instanceof ApiError ? e.code : '');

/** `next=` of a query: only a path inside this app. */
export const nextOf = (v: unknown): string => {
  const n = typeof v === 'string' ? v : '/';
  return n.charAt(0) === '/' ? n : '/';
};

export { ApiError };
