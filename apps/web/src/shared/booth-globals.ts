import type { InboundStats } from '../interview/session';

/** What the online booth pages (HR console, seeker app) expose on window for the browser tests: the video desk's state. */
export interface BoothMediaState {
  readonly state: string;
  readonly joined: boolean;
  /** The seeker the media room admitted (the HR side's view), if any. */
  readonly admitted: string | null;
  readonly waiting: string[];
  readonly peers: string[];
  stats(): Promise<InboundStats>;
}

declare global {
  interface Window {
    __booth?: BoothMediaState;
  }
}
