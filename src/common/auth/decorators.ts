import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { Role } from '../../users/roles';
import { Actor } from './actor';

export const IS_PUBLIC = 'rongrian:isPublic';
export const ROLES = 'rongrian:roles';

/**
 * A route anyone may call without signing in (citizen and reporter routes, health). The OpenAPI
 * document gives it `security: []` (see openapi-contract.ts).
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension('x-public', true));

/** Officers holding at least one of these roles may call the route (`x-roles` in the OpenAPI document). */
export const Roles = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ROLES, roles), ApiExtension('x-roles', roles));

export const OPERATOR_ONLY = 'rongrian:operatorOnly';

/**
 * Only the deployment's operators (OPERATOR_EMAILS) may call the route, whatever their roles in the
 * organisation they signed in to (`x-operator` in the OpenAPI document).
 */
export const OperatorOnly = () =>
  applyDecorators(SetMetadata(OPERATOR_ONLY, true), ApiExtension('x-operator', true));

export const ACROSS_ORGANIZATIONS = 'rongrian:acrossOrganizations';

/**
 * The route reads the signed-in person's accounts in other organisations (their memberships), so it
 * is not confined to the organisation of the session by row-level security (see tenancy.ts). Every
 * other officer route is.
 */
export const AcrossOrganizations = () => SetMetadata(ACROSS_ORGANIZATIONS, true);

/** The signed-in officer; only on routes the auth guard protects. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
  if (!request.actor) throw new Error('CurrentActor used on a public route');
  return request.actor;
});
