/**
 * Signalling protocol between the interview pages (apps/web/src/interview) and
 * the media service. Shared by both sides, so: types and constants only, no
 * Node or DOM imports.
 *
 * Client → server: `{ event: <method>, data: { id, ...params } }` (Nest WsAdapter shape);
 *   the server answers `{ response: id, ok: true, data }` or `{ response: id, ok: false, error }`.
 * Server → client: `{ notification: <name>, data }`.
 * Refusals and ends: the socket is closed with one of CloseCode and a
 * bilingual reason (Chinese / English, kept under the 123-byte limit of a close frame).
 */

export type RoomKind = 'INTERVIEW' | 'BOOTH';
export type PeerRole = 'SEEKER' | 'HR';

/** `typ` of a room token: never an API access token, which carries typ 'access'. */
export const MEDIA_TOKEN_TYPE = 'media';
/** `aud` of a room token: the media service, not the API ('talent-cloud-api'). */
export const MEDIA_TOKEN_AUDIENCE = 'talent-cloud-media';

/** Claims of the room token the API mints (HS256, MEDIA_TOKEN_SECRET). */
export interface RoomTokenClaims {
  typ: typeof MEDIA_TOKEN_TYPE;
  aud: typeof MEDIA_TOKEN_AUDIENCE;
  sub: string;
  room: string;
  role: PeerRole;
  kind: RoomKind;
  name?: string;
  exp: number;
  /** Unix seconds; the room is closed at this time. */
  roomEndsAt?: number;
}

export const WS_PATH = '/media/ws';

export enum CloseCode {
  TokenMissing = 4001,
  TokenInvalid = 4002,
  TokenExpired = 4003,
  WrongRoom = 4004,
  RoomEnded = 4005,
  /** The page that opened the socket is not on an allowed origin (MEDIA_ALLOWED_ORIGINS). */
  OriginNotAllowed = 4006,
  /** The client kept sending faster than MEDIA_MESSAGES_PER_SECOND after being refused. */
  TooManyMessages = 4008,
  RoomClosed = 4010,
  Replaced = 4011,
  BoothTurnOver = 4012,
  ServerUnavailable = 4503,
}

/** Codes after which a client must not reconnect on its own. */
export const FINAL_CLOSE_CODES: readonly number[] = [
  CloseCode.TokenMissing,
  CloseCode.TokenInvalid,
  CloseCode.TokenExpired,
  CloseCode.WrongRoom,
  CloseCode.RoomEnded,
  CloseCode.OriginNotAllowed,
  CloseCode.TooManyMessages,
  CloseCode.RoomClosed,
  CloseCode.Replaced,
  CloseCode.BoothTurnOver,
];

export const CLOSE_REASONS: Record<CloseCode, { zh: string; en: string }> = {
  [CloseCode.TokenMissing]: { zh: '缺少入会凭证', en: 'No room token' },
  [CloseCode.TokenInvalid]: { zh: '入会凭证无效', en: 'Invalid room token' },
  [CloseCode.TokenExpired]: { zh: '入会凭证已过期，请重新获取链接', en: 'Room token expired' },
  [CloseCode.WrongRoom]: { zh: '凭证不属于此房间', en: 'Token is for another room' },
  [CloseCode.RoomEnded]: { zh: '面试已结束', en: 'The room has ended' },
  [CloseCode.OriginNotAllowed]: { zh: '请从平台提供的面试链接进入', en: 'Origin not allowed' },
  [CloseCode.TooManyMessages]: { zh: '请求过于频繁，连接已断开', en: 'Too many messages' },
  [CloseCode.RoomClosed]: { zh: '房间已关闭', en: 'Room closed' },
  [CloseCode.Replaced]: { zh: '已在其他设备加入', en: 'Joined from another device' },
  [CloseCode.BoothTurnOver]: { zh: '本轮面谈结束，感谢参加', en: 'Your booth talk is over' },
  [CloseCode.ServerUnavailable]: { zh: '媒体服务暂不可用', en: 'Media service unavailable' },
};

/** The close frame reason: "中文 / English" (≤ 123 bytes). */
export function closeReason(code: CloseCode): string {
  const { zh, en } = CLOSE_REASONS[code];
  return `${zh} / ${en}`;
}

export interface PeerInfo {
  peerId: string;
  name: string;
  role: PeerRole;
}

export interface ProducerInfo {
  peerId: string;
  producerId: string;
  kind: 'audio' | 'video';
}

/** BOOTH state as one peer sees it. */
export interface BoothState {
  /** Id of the seeker talking with HR now, if any. */
  admitted: string | null;
  /** For a waiting seeker: 1-based place in the queue; null otherwise. */
  position: number | null;
  /** For HR: who waits, in order. Empty for seekers. */
  waiting: PeerInfo[];
}

export interface JoinResult {
  me: PeerInfo;
  kind: RoomKind;
  roomEndsAt: number | null;
  peers: PeerInfo[];
  /** Producers this peer may consume now. */
  producers: ProducerInfo[];
  /** False for a seeker waiting in a BOOTH queue: it must not send media yet. */
  canPublish: boolean;
  booth: BoothState | null;
}

/** Notifications the server pushes. */
export interface Notifications {
  peerJoined: PeerInfo;
  peerLeft: { peerId: string };
  producerAdded: ProducerInfo;
  /** A consumer was closed by the server (its producer went away or visibility changed). */
  consumerClosed: { consumerId: string };
  /** BOOTH: queue or admission changed. */
  booth: BoothState & { canPublish: boolean };
  /** The room moved to another media worker: drop transports and set media up again. */
  migrated: { reason: string };
  /**
   * To HR: a participant connected again (a second device, another tab, or a
   * reconnect) and the older connection was closed (CloseCode.Replaced).
   */
  peerReplaced: PeerInfo & { at: number };
  /** A fresh token for reconnecting after a network change (the original may have expired). */
  resumeToken: { token: string };
}
