// The texts of a call on the interview pages (src/interview-seeker, src/interview-hr), for vue-i18n: each entry is
// [zh-CN, English] side by side, split into the two locales by split() (so a text cannot be added in one language
// only). vue-i18n syntax: {name} interpolates; no "|" or "@" in texts. The media server's close reasons come from the
// wire protocol (one table for the server's close frames and the pages).
import { CLOSE_REASONS } from '../../../media/src/protocol';

export type Pair = readonly [zh: string, en: string];
export type Table = { readonly [k: string]: Pair | Table };
export type Split<T> = { [K in keyof T]: T[K] extends Pair ? string : Split<T[K]> };

/** One locale's messages of a [zh, en] table. */
export function split<T extends Table>(table: T, i: 0 | 1): Split<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(table)) out[k] = isPair(v) ? v[i] : split(v, i);
  return out as Split<T>;
}
const isPair = (v: Pair | Table): v is Pair => Array.isArray(v);

const close: Record<string, Pair> = {};
for (const [code, r] of Object.entries(CLOSE_REASONS)) close[code] = [r.zh, r.en];

export const CALL_TEXTS = {
  call: {
    lang: ['English', '中文'],
    video: ['视频', 'Video'],
    controls: ['通话控制', 'Call controls'],
    checking: ['正在检测摄像头和麦克风…', 'Checking camera and microphone…'],
    deviceOk: ['摄像头和麦克风正常', 'Camera and microphone ready'],
    audioOnly: ['未检测到摄像头，将仅用语音加入', 'No camera found: joining with audio only'],
    noDevices: ['无法使用摄像头和麦克风，请在浏览器设置中允许访问', 'Camera and microphone unavailable: allow access in browser settings'],
    join: ['加入面试', 'Join'],
    joining: ['正在加入…', 'Joining…'],
    joined: ['已加入，等待对方', 'Joined, waiting for the other side'],
    connected: ['通话中', 'In call'],
    waiting: ['排队中，您前面还有 {n} 人', 'In the queue: {n} ahead of you'],
    admitted: ['轮到您了，HR 已接通', 'Your turn: HR is connected'],
    reconnecting: ['网络变化，正在重新连接…', 'Network changed, reconnecting…'],
    migrated: ['媒体服务切换中，正在恢复…', 'Media server switched, restoring…'],
    left: ['您已离开', 'You left'],
    mute: ['静音', 'Mute'],
    unmute: ['取消静音', 'Unmute'],
    cameraOff: ['关闭摄像头', 'Camera off'],
    cameraOn: ['打开摄像头', 'Camera on'],
    switchCamera: ['切换摄像头', 'Switch camera'],
    leave: ['离开', 'Leave'],
    noToken: ['链接无效：缺少入会凭证', 'Invalid link: no room token'],
    unsupported: [
      '此浏览器不支持视频面试，请用最新版微信、Chrome 或 Safari 打开 HTTPS 链接',
      'This browser cannot do video calls: open the HTTPS link in an up-to-date browser',
    ],
    disconnected: ['连接已断开（{code}）', 'Disconnected ({code})'],
  },
  close,
} as const satisfies Table;
