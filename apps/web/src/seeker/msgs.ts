// vue-i18n messages written as zh-CN / English pairs side by side (easier to keep in step), turned into the
// { 'zh-CN': {...}, en: {...} } shape vue-i18n wants. Views keep their own messages (useI18n local scope), so each
// lazy route carries only its texts.
import { useI18n } from 'vue-i18n';

export type Pairs = Record<string, readonly [zh: string, en: string]>;

export function messagesOf<P extends Pairs>(pairs: P): { 'zh-CN': Record<keyof P, string>; en: Record<keyof P, string> } {
  const zh = {} as Record<keyof P, string>;
  const en = {} as Record<keyof P, string>;
  for (const k of Object.keys(pairs) as Array<keyof P>) {
    zh[k] = pairs[k][0];
    en[k] = pairs[k][1];
  }
  return { 'zh-CN': zh, en };
}

/** A view's own messages (local scope; the app's common ones as fallback). */
export function useMessages(pairs: Pairs) {
  return useI18n({ useScope: 'local', inheritLocale: true, messages: messagesOf(pairs) });
}

/** Texts shared by several screens (the global scope). */
export const COMMON = {
  appName: ['乌兰察布云人才', 'Ulanqab Talent Cloud'],
  back: ['返回', 'Back'],
  tabJobs: ['岗位', 'Jobs'],
  tabApps: ['投递', 'Applied'],
  tabMsgs: ['消息', 'Messages'],
  tabMe: ['我的', 'Me'],
  loading: ['加载中…', 'Loading…'],
  retry: ['重试', 'Retry'],
  browseJobs: ['去看看岗位', 'Browse jobs'],
  createProfile: ['建立档案', 'Create profile'],
  myApplications: ['我的投递', 'My applications'],
  myInterviews: ['我的面试', 'My interviews'],
  myTraining: ['我的培训', 'My training'],
  mySchools: ['我的院校', 'My schools'],
  consent: ['授权管理', 'Sharing consent'],
  views: ['谁看过我', 'Who viewed me'],
  messages: ['我的消息', 'Messages'],
  signIn: ['登录', 'Sign in'],
  cancel: ['取消', 'Cancel'],
  confirm: ['确定', 'OK'],
} as const;
