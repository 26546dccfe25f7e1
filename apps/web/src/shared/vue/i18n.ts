// vue-i18n for the Vue apps: zh-CN first, English when the user switches. The choice is kept in localStorage `tc.lang`
// (the same key as src/shared/i18n.ts, so labels (src/shared/labels.ts), dates and the GraphQL client's error
// messages follow the same language).
import { createI18n } from 'vue-i18n';
import { lang, setLang, type Lang } from '../i18n';

/** One i18n instance per app, from its zh-CN and English messages (same keys; zh-CN is the fallback). */
export function createAppI18n<M extends Record<string, unknown>>(messages: { 'zh-CN': M; en: M }) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- vue-i18n's message schema typing is per app; the keys are checked by the same-shape M.
  return createI18n({ legacy: false, locale: lang() === 'en' ? 'en' : 'zh-CN', fallbackLocale: 'zh-CN', messages: messages as Record<string, any> });
}

/**
 * Switches the language and reloads the page: labels, formatters, the component library's own texts (Vant's or
 * Element Plus's locale) and the API's messages then all agree, which a cheap phone does in well under a second.
 */
export function switchLang(l: Lang): void {
  setLang(l);
  location.reload();
}

export { lang };

/**
 * Switches the language in place, for a page that must not reload (the interview pages: a reload would end the call):
 * vue-i18n's texts, the labels (src/shared/labels.ts) and the GraphQL client's messages follow at once.
 */
export function switchLangInPlace(i18n: ReturnType<typeof createAppI18n>, l: Lang): void {
  setLang(l);
  i18n.global.locale.value = l === 'en' ? 'en' : 'zh-CN';
}
