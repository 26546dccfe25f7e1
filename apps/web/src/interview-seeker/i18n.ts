// The seeker's interview page texts for vue-i18n: the call's (../interview/texts.ts) and the page's own, zh-CN first.
import { createAppI18n } from '../shared/vue/i18n';
import { CALL_TEXTS, split, type Table } from '../interview/texts';

const TEXTS = {
  ...CALL_TEXTS,
  page: { title: ['视频面试', 'Video interview'] },
} as const satisfies Table;

export const i18n = createAppI18n({ 'zh-CN': split(TEXTS, 0), en: split(TEXTS, 1) });
