import type { PeerInfo } from '../../../media/src/protocol';
import type { InboundStats, MediaSession } from './session';

/** What the interview pages expose on window: state for tests, hooks for the API side. */

export interface ScorecardContext {
  room: string;
  me: PeerInfo;
  peers: PeerInfo[];
}
export type ScorecardRenderer = (panel: HTMLElement, context: ScorecardContext) => void;

export interface MediaState {
  readonly state: string;
  readonly joined: boolean;
  readonly peers: PeerInfo[];
  readonly lastError: { code: number; message: string } | null;
  readonly booth: MediaSession['booth'];
  readonly canPublish: boolean;
  /** How often media were set up again (worker restart, reconnect). */
  readonly recoveries: number;
  /** HR: who connected again from elsewhere, replacing their older connection (server's peerReplaced). */
  readonly replacements: Array<PeerInfo & { at: number }>;
  /** The signalling origin the page uses (from /interview/config.json; never from the URL). */
  readonly signallingOrigin: string | null;
  /** What the page could open: camera + microphone, microphone only, or nothing. */
  readonly localMedia: 'av' | 'audio' | 'none' | null;
  stats(): Promise<InboundStats>;
  restartIce(): Promise<void>;
  leave(): Promise<void>;
}

export interface InterviewHooks {
  /** The HR page's scorecard panel (element id "scorecard"), or null on the seeker page. */
  scorecardElement(): HTMLElement | null;
  /** Renders into the scorecard panel once joined (and again when the other side changes). */
  mountScorecard(render: ScorecardRenderer): void;
}

declare global {
  interface Window {
    __media: MediaState;
    __interview: InterviewHooks;
  }
}
