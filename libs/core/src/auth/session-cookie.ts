import { AppConfig } from '../config/config';
import { authError, AuthExceptionCode } from '../errors/core-errors';

/**
 * The refresh token lives only in an HttpOnly, SameSite=Strict cookie scoped to
 * the API path, never in page script or storage. The web apps (seeker, HR, staff,
 * bureau, fair) share one origin, so each keeps its own cookie, chosen by the `X-TC-App` header they
 * send; that custom header is also what makes `refreshSession` impossible to
 * trigger cross-site (a form or an image cannot set it, and a cross-origin
 * fetch that does would need a CORS preflight the API never grants).
 */
export const APP_HEADER = 'x-tc-app';
const APPS = ['seeker', 'hr', 'staff', 'bureau', 'fair', 'api'] as const;

interface CookieRequest {
  headers: Record<string, string | string[] | undefined>;
  cookies?: Record<string, string | undefined>;
  res?: CookieResponse;
}
interface CookieResponse {
  cookie(name: string, value: string, options: Record<string, unknown>): unknown;
  clearCookie(name: string, options: Record<string, unknown>): unknown;
}

function appOf(req: CookieRequest): string | null {
  const v = req.headers[APP_HEADER];
  const s = (Array.isArray(v) ? v[0] : v)?.trim().toLowerCase();
  return s && (APPS as readonly string[]).includes(s) ? s : null;
}

export function refreshCookieName(req: CookieRequest): string {
  return `tc_rt_${appOf(req) ?? 'api'}`;
}

/** Refuses a cookie-authenticated call that lacks the custom header (CSRF). */
export function requireAppHeader(req: CookieRequest): void {
  if (!appOf(req)) {
    throw authError(AuthExceptionCode.CSRF_HEADER_REQUIRED, { header: APP_HEADER });
  }
}

export function readRefreshCookie(req: CookieRequest): string | null {
  return req.cookies?.[refreshCookieName(req)] || null;
}

function options(config: AppConfig) {
  return { httpOnly: true, secure: config.auth.cookieSecure, sameSite: 'strict', path: config.auth.cookiePath };
}

export function setRefreshCookie(req: CookieRequest, config: AppConfig, token: string): void {
  req.res?.cookie(refreshCookieName(req), token, { ...options(config), maxAge: config.auth.refreshTtlSeconds * 1000 });
}

export function clearRefreshCookie(req: CookieRequest, config: AppConfig): void {
  req.res?.clearCookie(refreshCookieName(req), options(config));
}
