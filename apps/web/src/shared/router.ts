export type Params = Record<string, string>;
export type Handler = (params: Params, query: URLSearchParams) => void | Promise<void>;

/** Hash router: `#/job/123?x=1` → pattern '/job/:id'. */
export class Router {
  private readonly routes: Array<{ re: RegExp; names: string[]; handler: Handler }> = [];
  /** Bumped on every navigation; async views check it before touching the page. */
  seq = 0;

  constructor(private readonly notFound: Handler) {}

  on(pattern: string, handler: Handler): this {
    const names: string[] = [];
    const re = new RegExp('^' + pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_m, n: string) => (names.push(n), '([^/]+)')) + '/?$');
    this.routes.push({ re, names, handler });
    return this;
  }

  get path(): string {
    return (location.hash.replace(/^#/, '') || '/').split('?')[0];
  }

  start(): void {
    window.addEventListener('hashchange', () => this.resolve());
    this.resolve();
  }

  go(path: string): void {
    if (location.hash === '#' + path) this.resolve();
    else location.hash = '#' + path;
  }

  resolve(): void {
    this.seq++;
    const raw = location.hash.replace(/^#/, '') || '/';
    const q = raw.indexOf('?');
    const path = q >= 0 ? raw.slice(0, q) : raw;
    const query = new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '');
    for (const r of this.routes) {
      const m = path.match(r.re);
      if (m) {
        const params: Params = {};
        r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
        void r.handler(params, query);
        return;
      }
    }
    void this.notFound({}, query);
  }
}
