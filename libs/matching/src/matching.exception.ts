import { AppException } from '@app/core';

/** Errors of the matching context (codes: SEARCH_UNAVAILABLE, SEARCH_ERROR, NO_PROFILE, WINDOW_EXCEEDED…). */
export class MatchingException extends AppException {}

export const searchUnavailable = (host: string, detail: string) =>
  new MatchingException(
    'SEARCH_UNAVAILABLE',
    `搜索服务暂时不可用：无法连接 Meilisearch（${host}），请稍后再试或联系运维`,
    `Search is unavailable: cannot reach Meilisearch at ${host} (${detail})`,
  );
