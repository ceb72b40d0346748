import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { Role } from '../../users/roles';
import { Actor } from './actor';

export const IS_PUBLIC = 'rongrian:isPublic';
export const ROLES = 'rongrian:roles';

/** A route anyone may call without signing in (citizen and reporter routes, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Officers holding at least one of these roles may call the route. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** The signed-in officer; only on routes the auth guard protects. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
  if (!request.actor) throw new Error('CurrentActor used on a public route');
  return request.actor;
});
