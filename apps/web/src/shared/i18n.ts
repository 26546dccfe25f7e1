/** zh-CN first; English when the user switches (kept in localStorage). */
export type Lang = 'zh' | 'en';

let current: Lang = 'zh';
try {
  current = localStorage.getItem('tc.lang') === 'en' ? 'en' : 'zh';
} catch {
  /* storage blocked: stay zh */
}

export const lang = (): Lang => current;
export const t = (zh: string, en: string): string => (current === 'en' ? en : zh);

export function setLang(l: Lang): void {
  current = l;
  try {
    localStorage.setItem('tc.lang', l);
  } catch {
    /* ignore */
  }
  document.documentElement.lang = l === 'en' ? 'en' : 'zh-CN';
}
// Guarded: the tests import shared/format.ts (and so this file) in Node to build the strings they expect.
if (typeof document !== 'undefined') document.documentElement.lang = current === 'en' ? 'en' : 'zh-CN';
