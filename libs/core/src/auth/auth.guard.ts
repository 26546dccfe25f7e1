import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthException, ForbiddenException } from '../errors/app.exception';
import { IS_PUBLIC, requestOf, ROLES } from './auth.decorators';
import { Role } from './roles';
import { TokenService } from './token.service';

/**
 * Global guard: verifies the bearer access token, puts the Actor on the
 * request, and enforces @Roles. Operations without @Public or @Roles are
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
    if (header?.startsWith('Bearer ')) {
      req.actor = await this.tokens.verifyAccess(header.slice(7));
    }
    if (isPublic) return true;
    if (!req?.actor) throw new AuthException('UNAUTHENTICATED', '请先登录', 'Sign-in required');
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES, targets);
    if (!roles || !roles.includes(req.actor.role)) throw new ForbiddenException();
    return true;
  }
}
