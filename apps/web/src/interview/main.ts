import type { ScorecardRenderer } from './globals';
import { closeMessage, t } from './i18n';
import { setupScorecard } from './scorecard';
import { MediaSession } from './session';

/**
 * Interview pages: seeker.html (phone first) and hr.html (video + scorecard
 * panel + booth queue). URL: ?room=<roomId>&token=<room token>[&video=0]. The media server's origin
 * comes from the page's own origin (config.json next to the page), never from the URL.
 * State for tests and integrations is exposed on window.__media; the API side
 * fills the scorecard through window.__interview.mountScorecard().
 */

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T | null;
const params = new URLSearchParams(location.search);
const room = params.get('room') ?? '';
const token = params.get('token') ?? '';
const page = document.body.dataset.page === 'hr' ? 'hr' : 'seeker';
let signallingOrigin: string | null = null;

/**
 * The media server's signalling origin, as the server that served this page
 * says (`config.json`: MEDIA_PUBLIC_URL on the API, null = this origin). A
 * `media=` URL parameter is ignored: a crafted link must not be able to send
 * the camera and the room token to another server.
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

const status = $('status')!;
const joinButton = $<HTMLButtonElement>('join')!;
const muteButton = $<HTMLButtonElement>('mute')!;
const cameraButton = $<HTMLButtonElement>('camera')!;
const switchButton = $<HTMLButtonElement>('switch')!;
const leaveButton = $<HTMLButtonElement>('leave')!;
const admitButton = $<HTMLButtonElement>('admit-next');
const localVideo = $<HTMLVideoElement>('local')!;
const remotes = $('remotes')!;
const queue = $('queue');

let session: MediaSession | null = null;
let localMedia: 'av' | 'audio' | 'none' | null = null;
let setupError: { code: number; message: string } | null = null;
let scorecardRenderer: ScorecardRenderer | null = null;

function say(text: string, kind: 'info' | 'error' = 'info'): void {
  status.textContent = text;
  status.className = kind;
}

window.__interview = {
  scorecardElement: () => $('scorecard'),
  mountScorecard(render) {
    scorecardRenderer = render;
    renderScorecard();
  },
};

// HR page: the scorecard, through the HR workbench's session (the page is served by the API's origin).
if (page === 'hr') setupScorecard(room);

window.__media = {
  get state() {
    return session?.state ?? 'idle';
  },
  get joined() {
    return session?.state === 'joined';
  },
  get peers() {
    return [...(session?.peers.values() ?? [])].map((p) => p.info);
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
    return localMedia;
  },
  stats: () => session?.stats() ?? Promise.reject(new Error('not started')),
  restartIce: () => session?.restartIce() ?? Promise.resolve(),
  leave: () => session?.leave() ?? Promise.resolve(),
};

function renderScorecard(): void {
  const panel = $('scorecard');
  if (!panel || !scorecardRenderer || !session?.me) return;
  scorecardRenderer(panel, { room, me: session.me, peers: window.__media.peers });
}

function render(): void {
  if (!session) return;
  const s = session;
  // Status line.
  if (s.state === 'closed' && s.lastError) say(closeMessage(s.lastError.code, s.lastError.message), 'error');
  else if (s.state === 'closed') say(t('left'));
  else if (s.state === 'reconnecting') say(s.recoveries > 0 && s.lastError === null ? t('migrated') : t('reconnecting'));
  else if (s.state === 'joined' && s.booth && page === 'seeker' && !s.canPublish) {
    say(t('waiting', { n: Math.max((s.booth.position ?? 1) - 1, 0) }));
  } else if (s.state === 'joined' && s.booth && page === 'seeker') say(t('admitted'));
  else if (s.state === 'joined') say(s.peers.size > 0 ? t('connected') : t('joined'));
  else say(t('joining'));
  document.body.dataset.state = s.state;

  // Remote tiles, one per peer.
  for (const [peerId, peer] of s.peers) {
    let tile = remotes.querySelector<HTMLElement>(`[data-peer="${CSS.escape(peerId)}"]`);
    if (!tile) {
      tile = document.createElement('figure');
      tile.className = 'tile';
      tile.dataset.peer = peerId;
      const video = document.createElement('video');
      video.autoplay = true;
      video.playsInline = true;
      tile.append(video, document.createElement('figcaption'));
      remotes.append(tile);
    }
    const video = tile.querySelector('video')!;
    if (video.srcObject !== peer.stream) video.srcObject = peer.stream;
    if (peer.stream.getTracks().length > 0 && video.paused) void video.play().catch(() => undefined);
    tile.querySelector('figcaption')!.textContent = peer.info.name || peerId;
    tile.classList.toggle('no-video', peer.stream.getVideoTracks().length === 0);
  }
  remotes.querySelectorAll<HTMLElement>('[data-peer]').forEach((tile) => {
    if (!s.peers.has(tile.dataset.peer!)) tile.remove();
  });

  // Controls.
  const live = s.state !== 'closed';
  joinButton.hidden = true;
  for (const b of [muteButton, leaveButton]) b.hidden = !live;
  const hasVideo = (s.localStream?.getVideoTracks().length ?? 0) > 0;
  cameraButton.hidden = switchButton.hidden = !live || !hasVideo;
  muteButton.textContent = s.isMuted('audio') ? t('unmute') : t('mute');
  cameraButton.textContent = s.isMuted('video') ? t('cameraOn') : t('cameraOff');

  // BOOTH queue: HR sees who waits; a seeker sees their place (status line).
  if (queue) {
    queue.hidden = !s.booth;
    if (s.booth && page === 'hr') {
      const list = queue.querySelector('ol')!;
      list.replaceChildren(...s.booth.waiting.map((p) => Object.assign(document.createElement('li'), { textContent: p.name })));
      queue.querySelector('.empty')!.toggleAttribute('hidden', s.booth.waiting.length > 0);
    }
  }
  if (admitButton) admitButton.hidden = !s.booth || !live;
  renderReplacements(s);
  renderScorecard();
}

/** HR page: "the seeker joined again from another device" notices (the server closed the older connection). */
function renderReplacements(s: MediaSession): void {
  if (page !== 'hr' || s.replacements.length === 0) return;
  let notice = $('replaced');
  if (!notice) {
    notice = Object.assign(document.createElement('ul'), { id: 'replaced', className: 'notice' });
    notice.setAttribute('role', 'alert');
    notice.setAttribute('aria-label', '连接提醒 · Connection notices');
    status.after(notice);
  }
  const time = (at: number) =>
    new Date(at).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  notice.replaceChildren(
    ...s.replacements.slice(-3).map((r) => Object.assign(document.createElement('li'), { textContent: t('replaced', { name: r.name, time: time(r.at) }) })),
  );
}

async function checkDevices(): Promise<void> {
  if (!token || !room) {
    setupError = { code: 4001, message: 'no token' };
    say(t('noToken'), 'error');
    joinButton.disabled = true;
    return;
  }
  if (!('RTCPeerConnection' in window) || !navigator.mediaDevices?.getUserMedia) {
    setupError = { code: 0, message: 'unsupported browser' };
    say(t('unsupported'), 'error');
    return;
  }
  signallingOrigin = await mediaOrigin();
  session = new MediaSession(room, token, signallingOrigin);
  session.onChange = render;
  say(t('checking'));
  try {
    localMedia = await session.openLocalMedia(params.get('video') !== '0');
    say(localMedia === 'av' ? t('deviceOk') : t('audioOnly'));
  } catch {
    localMedia = 'none';
    say(t('noDevices'), 'error');
  }
  if (session.localStream) localVideo.srcObject = session.localStream;
  localVideo.hidden = localMedia !== 'av';
  joinButton.disabled = false;
}

joinButton.textContent = t('join');
switchButton.textContent = t('switchCamera');
leaveButton.textContent = t('leave');
if (admitButton) admitButton.textContent = t('admitNext');
const empty = queue?.querySelector('.empty');
if (empty) empty.textContent = t('queueEmpty');

joinButton.addEventListener('click', () => {
  if (!session) return;
  joinButton.disabled = true;
  void session.start();
});
muteButton.addEventListener('click', () => void session?.setMuted('audio', !session.isMuted('audio')));
cameraButton.addEventListener('click', () => void session?.setMuted('video', !session.isMuted('video')));
switchButton.addEventListener('click', () => void session?.switchCamera());
leaveButton.addEventListener('click', () => void session?.leave());
admitButton?.addEventListener('click', () => void session?.admitNext());
window.addEventListener('pagehide', () => void session?.leave());

void checkDevices();
