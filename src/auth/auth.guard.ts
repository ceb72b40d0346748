import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';
import { Actor } from '../common/auth/actor';
import { ACROSS_ORGANIZATIONS, IS_PUBLIC, OPERATOR_ONLY, ROLES } from '../common/auth/decorators';
import { DomainError } from '../common/errors/domain-error';
import { enterOrganization, enterSystemScope } from '../infrastructure/database/tenancy';
import { Role } from '../users/roles';
import { AuthService } from './auth.service';

/**
 * Global guard: every route needs a signed-in officer unless marked @Public(), and holding one of the
 * roles named by @Roles() when present. Secure by default: a new route forgets nothing.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new DomainError('UNAUTHENTICATED');
    const actor = await this.auth.authenticate(match[1], String(request.id));
    request.actor = actor;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.some((r) => actor.roles.includes(r))) throw new DomainError('FORBIDDEN');
    const operatorOnly = this.reflector.getAllAndOverride<boolean>(OPERATOR_ONLY, targets);
    if (operatorOnly && !actor.operator) throw new DomainError('FORBIDDEN');
    // row-level security: the rest of the request sees the officer's organisation only; the
    // deployment operator's routes and the person's own memberships work across organisations
    if (operatorOnly || this.reflector.getAllAndOverride<boolean>(ACROSS_ORGANIZATIONS, targets))
      enterSystemScope();
    else enterOrganization(actor.organizationId);
    return true;
  }
}
