import { t } from './i18n';

/** An error to show: Chinese `message` (English when the UI is English), stable `code`, the input `field` if any. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly field?: string,
  ) {
    super(message);
  }
  get network(): boolean {
    return this.code === 'NETWORK';
  }
}

/** What a page keeps: the short-lived access token. The refresh token is an HttpOnly cookie script never sees. */
export interface Session {
  accessToken: string;
  role: string;
  name?: string;
}

/** What `graphql()` of the client preset returns (TypedDocumentString): the query text plus its result and variable types. */
export interface TypedDocument<TResult, TVariables> {
  toString(): string;
  __apiType?: (variables: TVariables) => TResult;
}

interface GqlError {
  message: string;
  extensions?: { code?: string; field?: string; messageEn?: string };
}
interface GqlResponse {
  data?: any;
  errors?: GqlError[];
}

const REFRESH = `mutation{refreshSession{accessToken user{role displayName}}}`;
const TIMEOUT_MS = 30_000;

/**
 * One small GraphQL client per app: the access token in localStorage under
 * `key` ("tc.<app>"), the refresh token in the app's HttpOnly cookie (chosen by
 * the X-TC-App header, which also guards refreshSession against cross-site use),
 * one refreshSession (token rotation) when the API says INVALID_TOKEN,
 * network trouble turned into a Chinese message with code NETWORK.
 */
export class Client {
  private refreshing: Promise<boolean> | null = null;
  onSignedOut: () => void = () => undefined;

  constructor(
    private readonly key: string,
    private readonly endpoint = '/graphql',
  ) {}

  private get app(): string {
    return this.key.replace(/^tc\./, '');
  }

  get session(): Session | null {
    try {
      const s = JSON.parse(localStorage.getItem(this.key) || 'null');
      return s && s.accessToken ? s : null;
    } catch {
      return null;
    }
  }
  set session(s: Session | null) {
    try {
      if (s) localStorage.setItem(this.key, JSON.stringify(s));
      else localStorage.removeItem(this.key);
    } catch {
      /* private mode: the session lives until the tab closes */
    }
  }

  private async post(query: string, variables: Record<string, unknown>, token?: string): Promise<GqlResponse> {
    const ctl = typeof AbortController !== 'undefined' ? new AbortController() : null;
    const timer = setTimeout(() => ctl && ctl.abort(), TIMEOUT_MS);
    let res: Response;
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tc-app': this.app, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        credentials: 'same-origin',
        body: JSON.stringify({ query, variables }),
        signal: ctl ? ctl.signal : undefined,
      });
    } catch {
      throw new ApiError(t('网络连接失败，请检查网络后重试', 'Network error. Check your connection and try again.'), 'NETWORK');
    } finally {
      clearTimeout(timer);
    }
    try {
      return (await res.json()) as GqlResponse;
    } catch {
      throw new ApiError(
        res.status >= 500 || res.status === 0
          ? t('服务器暂时无法访问，请稍后重试', 'The server is unavailable. Please try again later.')
          : t('网络连接失败，请检查网络后重试', 'Network error. Check your connection and try again.'),
        'NETWORK',
      );
    }
  }

  /** Runs a query or mutation; throws ApiError. */
  async request<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const used = this.session;
    let r = await this.post(query, variables, used ? used.accessToken : undefined);
    if (used && codeOf(r) === 'INVALID_TOKEN') {
      if (await this.refresh(used)) r = await this.post(query, variables, this.session!.accessToken);
    }
    const code = codeOf(r);
    if (code === 'INVALID_TOKEN' || code === 'UNAUTHENTICATED') {
      this.session = null;
      this.onSignedOut();
    }
    if (r.errors && r.errors.length) throw toError(r.errors[0]);
    return r.data as T;
  }

  /**
   * Runs a typed document made by GraphQL Code Generator (`graphql()` from the app's generated gql/ folder): the
   * result and the variables are typed from apps/api/schema.gql, so a page that no longer matches the API fails the build.
   */
  run<TResult, TVariables>(
    doc: TypedDocument<TResult, TVariables>,
    ...variables: TVariables extends Record<string, never> ? [] : [TVariables]
  ): Promise<TResult> {
    return this.request<TResult>(doc.toString(), (variables[0] ?? {}) as Record<string, unknown>);
  }

  /** Rotates the refresh token once, even when several requests fail together. */
  private refresh(used: Session): Promise<boolean> {
    const now = this.session;
    // Another request or tab already rotated the tokens.
    if (now && now.accessToken !== used.accessToken) return Promise.resolve(true);
    if (!now) return Promise.resolve(false);
    if (!this.refreshing) {
      this.refreshing = this.post(REFRESH, {})
        .then((r) => {
          const p = r.data && r.data.refreshSession;
          if (!p) return false;
          this.session = { ...now, accessToken: p.accessToken, role: p.user.role, name: p.user.displayName };
          return true;
        })
        .finally(() => {
          this.refreshing = null;
        });
    }
    return this.refreshing;
  }

  signedIn(p: { accessToken: string; user: { role: string; displayName?: string } }): void {
    this.session = { accessToken: p.accessToken, role: p.user.role, name: p.user.displayName };
  }

  async signOut(): Promise<void> {
    const s = this.session;
    this.session = null;
    // The cookie names the session; the API revokes it and clears the cookie.
    if (s) await this.post(`mutation{signOut}`, {}).catch(() => undefined);
  }
}

const codeOf = (r: GqlResponse): string | undefined => (r.errors && r.errors[0] && r.errors[0].extensions ? r.errors[0].extensions.code : undefined);

function toError(e: GqlError): ApiError {
  const x = e.extensions || {};
  const msg = t(e.message, x.messageEn || e.message);
  return new ApiError(msg, x.code || 'ERROR', x.field || undefined);
}
