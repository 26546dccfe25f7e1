import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { authError, AuthExceptionCode, coreError, CoreExceptionCode } from '../errors/core-errors';
import { IS_PUBLIC, requestOf, ROLES } from './auth.decorators';
import { Role } from './roles';
import { TokenService } from './token.service';

/**
 * Global guard: verifies the bearer access token (signature, expiry, typ/aud)
 * and that its account still exists, is enabled and the session is not signed
 * out, puts the Actor on the request, and enforces @Roles. It runs on HTTP,
 * GraphQL and graphql-ws subscriptions alike. Operations without @Public or @Roles are
 * refused (deny by default).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    const req = requestOf(context);
    const header: string | undefined = req?.headers?.authorization;
    // A request with several root fields passes here once per field: check the token once.
    if (header?.startsWith('Bearer ') && req.actorFor !== header) {
      req.actor = undefined;
      req.actor = await this.tokens.authenticate(header.slice(7));
      req.actorFor = header;
    }
    if (isPublic) return true;
    if (!req?.actor) throw authError(AuthExceptionCode.UNAUTHENTICATED);
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES, targets);
    if (!roles || !roles.includes(req.actor.role)) throw coreError(CoreExceptionCode.FORBIDDEN);
    return true;
  }
}
