import { AppException, ErrorCatalog, exceptionFactory } from '@app/core';

/** Errors of the matching context: the code enum; the catalog below gives each its zh-CN and English messages. */
export enum MatchingExceptionCode {
  SEARCH_UNAVAILABLE = 'SEARCH_UNAVAILABLE',
  SEARCH_TIMEOUT = 'SEARCH_TIMEOUT',
  SEARCH_ERROR = 'SEARCH_ERROR',
  SEARCH_TASK_FAILED = 'SEARCH_TASK_FAILED',
  NO_PROFILE = 'NO_PROFILE',
  WINDOW_EXCEEDED = 'WINDOW_EXCEEDED',
}

const C = MatchingExceptionCode;
export const MATCHING_ERRORS = {
  [C.SEARCH_UNAVAILABLE]: {
    kind: 'UNAVAILABLE',
    zh: (p: { host: string; detail: string }) => `搜索服务暂时不可用：无法连接 Meilisearch（${p.host}），请稍后再试或联系运维`,
    en: (p: { host: string; detail: string }) => `Search is unavailable: cannot reach Meilisearch at ${p.host} (${p.detail})`,
  },
  [C.SEARCH_TIMEOUT]: {
    kind: 'UNAVAILABLE',
    zh: (p: { what: string }) => `搜索索引更新超时（${p.what}）`,
    en: (p: { what: string }) => `Meilisearch task timed out (${p.what})`,
  },
  [C.SEARCH_ERROR]: {
    kind: 'UNAVAILABLE',
    zh: (p: { what: string; code: string; detail: string }) => `搜索服务返回错误（${p.what}：${p.code}）`,
    en: (p: { what: string; code: string; detail: string }) => `Meilisearch error during ${p.what}: ${p.code} ${p.detail}`,
  },
  [C.SEARCH_TASK_FAILED]: {
    kind: 'UNAVAILABLE',
    as: C.SEARCH_ERROR,
    zh: (p: { what: string; detail: string }) => `搜索索引任务失败（${p.what}）`,
    en: (p: { what: string; detail: string }) => `Meilisearch task failed during ${p.what}: ${p.detail}`,
  },
  [C.NO_PROFILE]: { kind: 'INPUT', zh: '请先完善个人资料', en: 'Create your profile first' },
  [C.WINDOW_EXCEEDED]: {
    kind: 'INPUT',
    field: 'offset',
    zh: (p: { max: number }) => `匹配结果最多浏览前 ${p.max} 条，请增加筛选条件`,
    en: (p: { max: number }) => `Only the first ${p.max} matches can be paged; narrow the search`,
  },
} satisfies ErrorCatalog<MatchingExceptionCode>;

export class MatchingException extends AppException<MatchingExceptionCode> {}
/** `throw matchingError(MatchingExceptionCode.NO_PROFILE)`; parameters when the catalog asks for them. */
export const matchingError = exceptionFactory(MatchingException, MATCHING_ERRORS);

export const searchUnavailable = (host: string, detail: string) => matchingError(C.SEARCH_UNAVAILABLE, { host, detail });
