import { createAppI18n } from '../shared/vue/i18n';
import { COMMON, messagesOf } from './msgs';

export const i18n = createAppI18n(messagesOf(COMMON));
