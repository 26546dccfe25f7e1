/**
 * What kind of failure an error is; decides the HTTP status (app-exception.filter.ts) and,
 * for the common kinds, the code clients see (COMMON_CODE_OF_KIND in error-catalog.ts).
 */
export type ErrorKind =
  | 'INPUT' // the request is wrong (400)
  | 'CONFLICT' // it clashes with what exists (409)
  | 'NOT_FOUND' // absent — also what a caller without access gets, so existence does not leak (404)
  | 'FORBIDDEN' // (403)
  | 'UNAUTHENTICATED' // (401)
  | 'RATE_LIMITED' // (429)
  | 'TOO_LARGE' // (413)
  | 'UNPROCESSABLE' // a well-formed upload whose content is refused (422)
  | 'UNAVAILABLE'; // a dependency is down (503)

export const HTTP_STATUS_OF_KIND: Record<ErrorKind, number> = {
  INPUT: 400,
  CONFLICT: 409,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  RATE_LIMITED: 429,
  TOO_LARGE: 413,
  UNPROCESSABLE: 422,
  UNAVAILABLE: 503,
};
