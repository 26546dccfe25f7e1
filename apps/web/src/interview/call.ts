// The call of an interview page as Vue state (src/interview-seeker, src/interview-hr): URL ?room=<roomId>&token=<room
// token>[&video=0]. The media server's origin comes from the page's own origin (config.json next to the page), never
// from the URL. State for tests and integrations is exposed on window.__media; window.__interview lets the API side
// render into HR's scorecard panel. The media code (session.ts, mediasoup-client) is loaded while the page checks the
// camera, after the first paint.
import { computed, markRaw, ref, shallowRef } from 'vue';
import { CLOSE_REASONS, type PeerInfo } from '../../../media/src/protocol';
import type { ScorecardRenderer } from './globals';
import type { MediaSession } from './session';

export type CallPage = 'hr' | 'seeker';

/** The status line: a message of CALL_TEXTS (texts.ts) with its values, or the server's own close reason. */
export interface StatusLine {
  key: string;
  named?: Record<string, string | number>;
  /** The server's close reason when its code has no message of ours. */
  text?: string;
  error?: boolean;
}

/** A remote participant's tile. */
export interface Tile {
  id: string;
  name: string;
  stream: MediaStream;
  hasVideo: boolean;
}

/**
 * The media server's signalling origin, as the server that served this page says (`config.json`: MEDIA_PUBLIC_URL
 * on the API, null = this origin). A `media=` URL parameter is ignored: a crafted link must not be able to send the
 * camera and the room token to another server.
 */
async function mediaOrigin(): Promise<string> {
  const own = location.origin.replace(/^http/, 'ws');
  try {
    const res = await fetch('config.json', { cache: 'no-store', credentials: 'omit' });
    const { mediaUrl } = (await res.json()) as { mediaUrl?: unknown };
    if (typeof mediaUrl === 'string') {
      const url = new URL(mediaUrl);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin.replace(/^http/, 'ws');
    }
  } catch {
    /* no config here: the media server shares this origin */
  }
  return own;
}

function statusOf(s: MediaSession, page: CallPage): StatusLine {
  if (s.state === 'closed' && s.lastError) {
    const { code, message } = s.lastError;
    if (code in CLOSE_REASONS) return { key: `close.${code}`, error: true };
    return message ? { key: '', text: message, error: true } : { key: 'call.disconnected', named: { code }, error: true };
  }
  if (s.state === 'closed') return { key: 'call.left' };
  if (s.state === 'reconnecting') return { key: s.recoveries > 0 && s.lastError === null ? 'call.migrated' : 'call.reconnecting' };
  if (s.state === 'joined' && s.booth && page === 'seeker') {
    return s.canPublish ? { key: 'call.admitted' } : { key: 'call.waiting', named: { n: Math.max((s.booth.position ?? 1) - 1, 0) } };
  }
  if (s.state === 'joined') return { key: s.peers.size > 0 ? 'call.connected' : 'call.joined' };
  return { key: 'call.joining' };
}

/** The page's call: device check on start(), then join / mute / camera / leave; the view follows the session. */
export function useCall(page: CallPage) {
  const params = new URLSearchParams(location.search);
  const room = params.get('room') ?? '';
  const token = params.get('token') ?? '';
  let session: MediaSession | null = null;
  let setupError: { code: number; message: string } | null = null;
  let signallingOrigin: string | null = null;
  let scorecardRenderer: ScorecardRenderer | null = null;

  /** Bumped on every change of the session (a plain object: mediasoup's objects must not become reactive proxies). */
  const version = ref(0);
  /** What the device check said, until the session's first change. */
  const said = shallowRef<StatusLine>({ key: '' });
  const ready = ref(false);
  const joining = ref(false);
  const localMedia = ref<'av' | 'audio' | 'none' | null>(null);
  const localStream = shallowRef<MediaStream | null>(null);
  /** An API-side renderer took over the scorecard panel (window.__interview.mountScorecard). */
  const scorecardTaken = ref(false);

  const view = computed(() => {
    void version.value;
    const s = session;
    const started = !!s && s.state !== 'idle';
    const live = !!s && s.state !== 'closed';
    return {
      started,
      status: started ? statusOf(s, page) : said.value,
      live,
      me: s?.me ?? null,
      hasVideo: (s?.localStream?.getVideoTracks().length ?? 0) > 0,
      audioMuted: s?.isMuted('audio') ?? false,
      videoMuted: s?.isMuted('video') ?? false,
      tiles: [...(s?.peers ?? new Map()).entries()].map(([id, p]): Tile => ({
        id,
        name: p.info.name || id,
        stream: markRaw(p.stream),
        hasVideo: p.stream.getVideoTracks().length > 0,
      })),
      booth: s?.booth ? { waiting: s.booth.waiting.map((p) => p.name) } : null,
      /** HR: the last three "joined again from elsewhere" (the server closed the older connection). */
      replacements: (s?.replacements ?? []).slice(-3).map((r) => ({ name: r.name, at: r.at })),
    };
  });

  function changed(): void {
    version.value++;
    if (session) document.body.dataset.state = session.state;
    renderScorecard();
  }

  function renderScorecard(): void {
    const panel = document.getElementById('scorecard');
    if (!panel || !scorecardRenderer || !session?.me) return;
    scorecardRenderer(panel, { room, me: session.me, peers: peers() });
  }

  const peers = (): PeerInfo[] => [...(session?.peers.values() ?? [])].map((p) => p.info);

  window.__interview = {
    scorecardElement: () => document.getElementById('scorecard'),
    mountScorecard(render) {
      scorecardRenderer = render;
      scorecardTaken.value = true;
      // After Vue has emptied the panel for it.
      void Promise.resolve().then(renderScorecard);
    },
  };

  window.__media = {
    get state() {
      return session?.state ?? 'idle';
    },
    get joined() {
      return session?.state === 'joined';
    },
    get peers() {
      return peers();
    },
    get lastError() {
      return session?.lastError ?? setupError;
    },
    get booth() {
      return session?.booth ?? null;
    },
    get canPublish() {
      return session?.canPublish ?? false;
    },
    get recoveries() {
      return session?.recoveries ?? 0;
    },
    get replacements() {
      return [...(session?.replacements ?? [])];
    },
    get signallingOrigin() {
      return signallingOrigin;
    },
    get localMedia() {
      return localMedia.value;
    },
    stats: () => session?.stats() ?? Promise.reject(new Error('not started')),
    restartIce: () => session?.restartIce() ?? Promise.resolve(),
    leave: () => session?.leave() ?? Promise.resolve(),
  };

  /** The device check: camera and microphone (microphone only without a camera), then Join is enabled. */
  async function start(): Promise<void> {
    if (!token || !room) {
      setupError = { code: 4001, message: 'no token' };
      said.value = { key: 'call.noToken', error: true };
      return;
    }
    if (!('RTCPeerConnection' in window) || !navigator.mediaDevices?.getUserMedia) {
      setupError = { code: 0, message: 'unsupported browser' };
      said.value = { key: 'call.unsupported', error: true };
      return;
    }
    const [{ MediaSession }, origin] = await Promise.all([import('./session'), mediaOrigin()]);
    signallingOrigin = origin;
    const s = new MediaSession(room, token, origin);
    session = s;
    s.onChange = changed;
    said.value = { key: 'call.checking' };
    try {
      localMedia.value = await s.openLocalMedia(params.get('video') !== '0');
      said.value = { key: localMedia.value === 'av' ? 'call.deviceOk' : 'call.audioOnly' };
    } catch {
      localMedia.value = 'none';
      said.value = { key: 'call.noDevices', error: true };
    }
    localStream.value = s.localStream ? markRaw(s.localStream) : null;
    ready.value = true;
  }

  /** Runs a session action, then redraws (muting a track that has no producer yet changes no session state). */
  const act = (fn: (s: MediaSession) => Promise<void>) => async (): Promise<void> => {
    if (!session) return;
    await fn(session);
    version.value++;
  };

  window.addEventListener('pagehide', () => void session?.leave());

  return {
    room,
    view,
    ready,
    joining,
    localMedia,
    localStream,
    scorecardTaken,
    start,
    join: act((s) => {
      joining.value = true;
      return s.start();
    }),
    toggleAudio: act((s) => s.setMuted('audio', !s.isMuted('audio'))),
    toggleVideo: act((s) => s.setMuted('video', !s.isMuted('video'))),
    switchCamera: act((s) => s.switchCamera()),
    leave: act((s) => s.leave()),
    admitNext: act((s) => s.admitNext()),
  };
}
