import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Actor, Role } from './roles';

export const IS_PUBLIC = 'isPublic';
export const ROLES = 'roles';

/** No sign-in needed. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** Only these roles may call. Every non-public operation must say which roles it serves. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export function requestOf(context: ExecutionContext): any {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext().req;
  return context.switchToHttp().getRequest();
}

/** The signed-in caller. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => requestOf(context).actor);
