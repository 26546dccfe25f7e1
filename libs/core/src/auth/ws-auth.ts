import { CloseCode, Context } from 'graphql-ws';
import { AppException } from '../errors/app.exception';
import { TokenService } from './token.service';

type WsCtx = Context<Record<string, unknown> | undefined, unknown>;
type Closable = { socket?: { close(code: number, reason: string): void } } | undefined;

function bearer(ctx: WsCtx): string | undefined {
  const auth = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
  return typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : undefined;
}

/**
 * graphql-ws hooks for the API: a connection that presents a token must present
 * a valid one for a live account (else 4403 Forbidden at connection init), and
 * every event pushed to a signed-in subscriber re-checks the account: once it
 * is erased, disabled or signed out, the subscriber gets one UNAUTHENTICATED
 * error and the socket is closed (4401). Anonymous connections stay allowed so
 * the guard can answer them with UNAUTHENTICATED per operation.
 */
export function graphqlWsAuth(tokens: TokenService) {
  return {
    onConnect: async (ctx: WsCtx): Promise<boolean> => {
      const token = bearer(ctx);
      if (!token) return true;
      try {
        await tokens.authenticate(token);
        return true;
      } catch {
        return false;
      }
    },
    onNext: async (ctx: WsCtx): Promise<{ errors: Array<{ message: string; extensions: Record<string, unknown> }> } | void> => {
      const token = bearer(ctx);
      if (!token) return;
      try {
        // The subscription was admitted with a live token; what matters now is the account and the session.
        await tokens.authenticate(token, { ignoreExpiration: true });
        return;
      } catch (e) {
        const err = e instanceof AppException ? e : null;
        setImmediate(() => (ctx.extra as Closable)?.socket?.close(CloseCode.Unauthorized, 'Unauthorized'));
        return {
          errors: [
            {
              message: err?.messageZh ?? '请先登录',
              extensions: { code: err?.code ?? 'UNAUTHENTICATED', messageEn: err?.messageEn ?? 'Sign-in required' },
            },
          ],
        };
      }
    },
  };
}
