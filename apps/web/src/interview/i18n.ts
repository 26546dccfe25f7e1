import { CLOSE_REASONS, CloseCode } from '../../../media/src/protocol';

/** UI strings: Chinese first, English after. */
export const T = {
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
  admitNext: ['下一位', 'Admit next'],
  queueEmpty: ['暂无排队求职者', 'Nobody waiting'],
  replaced: [
    '{name}重新连接（可能换了设备、窗口或网络），原连接已断开（{time}）',
    '{name} connected again (another device, tab or network); the older connection was closed ({time})',
  ],
  noToken: ['链接无效：缺少入会凭证', 'Invalid link: no room token'],
  unsupported: [
    '此浏览器不支持视频面试，请用最新版微信、Chrome 或 Safari 打开 HTTPS 链接',
    'This browser cannot do video calls: open the HTTPS link in an up-to-date browser',
  ],
} as const;

export type MessageKey = keyof typeof T;

export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
  const [zh, en] = T[key];
  return `${fill(zh)} · ${fill(en)}`;
}

/** The message for a close code from the server, falling back to its reason text. */
export function closeMessage(code: number, reason: string): string {
  const known = CLOSE_REASONS[code as CloseCode];
  return known ? `${known.zh} · ${known.en}` : reason || `连接已断开 · Disconnected (${code})`;
}
