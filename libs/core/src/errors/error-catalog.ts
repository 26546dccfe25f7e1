import { AppException } from './app.exception';
import type { ErrorKind } from './error-kind';

/** For a `switch` over an enum: the `default` branch that does not compile while a member is unhandled. */
export function assertUnreachable(x: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${String(x)}`);
}

/** Codes several contexts share on the wire (clients switch on these; they must not change). */
export enum CommonCode {
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  FORBIDDEN = 'FORBIDDEN',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  RATE_LIMITED = 'RATE_LIMITED',
}

type Text<P> = string | ((p: P) => string);

/** One error of a context: its messages (zh-CN first, English), kind, default field, and the code clients see. */
export interface ErrorSpec<P = any, C extends string = string> {
  kind: ErrorKind;
  zh: Text<P>;
  en: Text<P>;
  /** The input field at fault, unless the throw site names another. */
  field?: string;
  /**
   * Shown to clients as this code instead of its own: a common code (every "X not found" is NOT_FOUND,
   * so a missing and a foreign record look the same) or another code of the same context (one code on
   * the wire, several messages).
   */
  as?: CommonCode | C;
}

/** A context's catalog: one spec for every member of its code enum — a new code without messages does not compile. */
export type ErrorCatalog<C extends string> = { readonly [K in C]: ErrorSpec<any, C> };

/**
 * The one mapping from a context's code to the `extensions.code` clients see: the catalog's `as`
 * when it names a common code, otherwise the context's code itself.
 */
export function publicCode<C extends string>(reason: C, spec: ErrorSpec): string {
  return spec.as ?? reason;
}

type ParamsOf<S> = S extends { zh: (p: infer P) => string } ? P : S extends { en: (p: infer P) => string } ? P : never;
export interface ErrorOptions {
  /** The input field at fault (overrides the catalog's). */
  field?: string;
  details?: Record<string, unknown>;
}
/** Arguments after the code: the message parameters when the spec's messages take some, then options. */
export type ErrorArgs<S> = [ParamsOf<S>] extends [never] ? [opts?: ErrorOptions] : [params: ParamsOf<S>, opts?: ErrorOptions];

export type ExceptionClass<E extends AppException> = new (
  code: string,
  zh: string,
  en: string,
  field: string | undefined,
  kind: ErrorKind,
  reason: E['reason'],
  details: Record<string, unknown>,
) => E;

/**
 * The factory of a context: `trainingError(TrainingExceptionCode.CLASS_FULL)`,
 * `trainingError(TrainingExceptionCode.SESSION_OUTSIDE_CLASS, { from, to }, { field: 'sessions.0.startsAt' })`.
 */
export function exceptionFactory<E extends AppException, M extends ErrorCatalog<E['reason']>>(cls: ExceptionClass<E>, catalog: M) {
  return <K extends E['reason']>(code: K, ...args: ErrorArgs<M[K]>): E => {
    const spec: ErrorSpec = catalog[code];
    const hasParams = typeof spec.zh === 'function' || typeof spec.en === 'function';
    const params = hasParams ? args[0] : undefined;
    const opts = ((hasParams ? args[1] : args[0]) ?? {}) as ErrorOptions;
    const text = (t: Text<unknown>) => (typeof t === 'function' ? t(params) : t);
    return new cls(publicCode(code, spec), text(spec.zh), text(spec.en), opts.field ?? spec.field, spec.kind, code, opts.details ?? {});
  };
}

/** Every message of a catalog, rendered with sample parameters (for the specs that check none is empty). */
export function catalogEntries<C extends string>(catalog: ErrorCatalog<C>): { code: C; spec: ErrorSpec }[] {
  return (Object.keys(catalog) as C[]).map((code) => ({ code, spec: catalog[code] }));
}
