// The video desk of an online fair booth (issue 11 §6), for the HR console and the seeker app: a MediaSession from the
// interview pages (mediasoup-client) in the booth desk's room, with the room token from boothJoinToken. Its state is
// mirrored into Vue refs for the pages, and exposed on window.__booth for the browser tests (inbound stats).
import { onBeforeUnmount, shallowRef, triggerRef } from 'vue';
import { MediaSession } from '@web/interview/session';
import type {} from '../booth-globals';

export interface BoothToken {
  token: string;
  room: string;
  mediaUrl?: string | null;
}

/** The signalling origin: the API's MEDIA_PUBLIC_URL when it names one (http/https only), else this origin. */
function wsOrigin(mediaUrl?: string | null): string {
  try {
    if (mediaUrl) {
      const u = new URL(mediaUrl);
      if (u.protocol === 'http:' || u.protocol === 'https:') return u.origin.replace(/^http/, 'ws');
    }
  } catch {
    /* fall through */
  }
  return location.origin.replace(/^http/, 'ws');
}

export function useBoothVideo(onChange: (s: MediaSession) => void = () => undefined) {
  const session = shallowRef<MediaSession | null>(null);
  const failed = shallowRef('');

  async function start(t: BoothToken): Promise<void> {
    await stop();
    failed.value = '';
    const s = new MediaSession(t.room, t.token, wsOrigin(t.mediaUrl));
    s.onChange = () => {
      triggerRef(session);
      onChange(s);
    };
    session.value = s;
    window.__booth = {
      get state() {
        return s.state;
      },
      get joined() {
        return s.state === 'joined';
      },
      get admitted() {
        return s.booth?.admitted ?? null;
      },
      get waiting() {
        return (s.booth?.waiting ?? []).map((p) => p.peerId);
      },
      get peers() {
        return [...s.peers.keys()];
      },
      stats: () => s.stats(),
    };
    try {
      await s.openLocalMedia(true);
    } catch (e) {
      failed.value = e instanceof Error ? e.message : String(e);
    }
    await s.start();
  }

  async function stop(): Promise<void> {
    const s = session.value;
    session.value = null;
    if (s && s.state !== 'closed') await s.leave();
  }

  onBeforeUnmount(() => void stop());
  return { session, failed, start, stop };
}
