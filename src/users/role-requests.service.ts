import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/auth/actor';
import { Clock } from '../common/clock/clock';
import { DomainError } from '../common/errors/domain-error';
import { RoleDecisionDto, RoleRequestView } from './dto/role-request.dto';
import { RoleRequest, RoleRequestStatus } from './entities/role-request.entity';
import { User } from './entities/user.entity';
import { OfficerDirectory } from './officer-directory';
import { Role } from './roles';

/**
 * Roles given only with a second person's approval: the two that open integrity reports and
 * reporters' identities, and the two that approve (otherwise an administrator could create an
 * executive account with a mailbox they control and approve their own requests with it).
 */
export const PROTECTED_ROLES: readonly Role[] = [
  Role.IntegrityOfficer,
  Role.Custodian,
  Role.Admin,
  Role.Executive,
];
/** Who may approve: another administrator or an executive. */
export const APPROVER_ROLES: readonly Role[] = [Role.Admin, Role.Executive];

export const isProtected = (role: Role) => PROTECTED_ROLES.includes(role);

/**
 * Roles no one account may hold together: an integrity officer holds reports' data keys and a
 * custodian their identity halves, and together they open a reporter's identity.
 */
export const EXCLUSIVE_ROLES: readonly Role[] = [Role.IntegrityOfficer, Role.Custodian];

/** ROLE_CONFLICT (409) when `roles` (held, waiting and asked for) would give one account both. */
export function assertNoRoleConflict(roles: readonly Role[]): void {
  if (EXCLUSIVE_ROLES.every((r) => roles.includes(r))) {
    throw new DomainError('ROLE_CONFLICT', {
      roles: [...EXCLUSIVE_ROLES],
      field: 'roles',
      message: 'integrity_officer and custodian cannot be held by the same account',
      messageTh: 'บัญชีเดียวจะมีทั้งสองบทบาทนี้ไม่ได้',
    });
  }
}
const ENTITY = 'role_request';

/**
 * The two-person rule for roles. An administrator asking for a protected role (creating or
 * changing an account) writes a pending request; the role is added only when another active
 * administrator or executive, who is neither the requester nor the person concerned, approves it.
 * Request and decision are audited.
 *
 * One exception, so that an organisation can start: while no role request of the organisation has
 * ever been approved and the requester is its only active administrator or executive, their request
 * for an administrator or executive (not for the integrity or custodian roles) takes effect at once,
 * recorded as approved by the requester with the reason `bootstrap`. It can happen once.
 */
@Injectable()
export class RoleRequestsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly directory: OfficerDirectory,
  ) {}

  /**
   * Asks for `role` for `user` in the caller's transaction. Returns true when it was granted at
   * once (the bootstrap exception; `user.roles` then holds it and the caller saves it), false when
   * it waits for approval. A request already waiting is left as it is.
   */
  async request(tx: EntityManager, actor: Actor, user: User, role: Role): Promise<boolean> {
    if (user.roles.includes(role)) return true;
    const waiting = await tx
      .getRepository(RoleRequest)
      .existsBy({ userId: user.id, role, status: 'pending' });
    if (waiting) return false;
    const pending = (await this.pendingRoles(tx, user.organizationId, [user.id])).get(user.id) ?? [];
    assertNoRoleConflict([...user.roles, ...pending, role]);
    const bootstrap = APPROVER_ROLES.includes(role) && (await this.bootstrapping(tx, actor));
    const now = this.clock.now();
    const request = await tx.save(
      tx.create(RoleRequest, {
        organizationId: actor.organizationId,
        userId: user.id,
        role,
        requestedByUserId: actor.userId,
        status: bootstrap ? 'approved' : 'pending',
        ...(bootstrap ? { decidedByUserId: actor.userId, decidedAt: now, decisionReason: 'bootstrap' } : {}),
      }),
    );
    await this.audit.record(tx, actor, {
      action: bootstrap ? `${ENTITY}.bootstrap_grant` : `${ENTITY}.create`,
      entityType: ENTITY,
      entityId: request.id,
      after: { userId: user.id, role, status: request.status },
    });
    if (bootstrap) user.roles = [...user.roles, role];
    return bootstrap;
  }

  /** Roles waiting for approval, per user of the organisation. */
  async pendingRoles(
    manager: EntityManager,
    organizationId: string,
    userIds?: string[],
  ): Promise<Map<string, Role[]>> {
    const rows = await manager.getRepository(RoleRequest).find({
      where: { organizationId, status: 'pending', ...(userIds ? { userId: In(userIds) } : {}) },
      order: { role: 'ASC' },
    });
    const pending = new Map<string, Role[]>();
    for (const r of rows) pending.set(r.userId, [...(pending.get(r.userId) ?? []), r.role]);
    return pending;
  }

  async list(actor: Actor, status: RoleRequestStatus): Promise<RoleRequestView[]> {
    const requests = await this.db.getRepository(RoleRequest).find({
      where: { organizationId: actor.organizationId, status },
      order: { requestedAt: 'ASC' },
    });
    return this.views(this.db.manager, requests);
  }

  /** Approves or denies a pending request; approval adds the role. */
  async decide(actor: Actor, id: string, dto: RoleDecisionDto): Promise<RoleRequestView> {
    const view = await this.db.transaction(async (tx) => {
      const request = await tx.getRepository(RoleRequest).findOne({
        where: { id, organizationId: actor.organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!request) throw new DomainError('ROLE_REQUEST_NOT_FOUND');
      if (request.requestedByUserId === actor.userId || request.userId === actor.userId) {
        throw new DomainError('ROLE_SELF_APPROVAL');
      }
      if (request.status !== 'pending') throw new DomainError('ROLE_REQUEST_DECIDED');
      const user = await tx.getRepository(User).findOne({
        where: { id: request.userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (dto.decision === 'approve' && !user?.isActive) throw new DomainError('USER_INACTIVE');
      if (dto.decision === 'approve' && user) assertNoRoleConflict([...user.roles, request.role]);
      request.status = dto.decision === 'approve' ? 'approved' : 'denied';
      request.decidedByUserId = actor.userId;
      request.decisionReason = dto.reason ?? null;
      request.decidedAt = this.clock.now();
      await tx.save(request);
      await this.audit.record(tx, actor, {
        action: `${ENTITY}.${dto.decision}`,
        entityType: ENTITY,
        entityId: request.id,
        before: { status: 'pending' },
        after: { userId: request.userId, role: request.role, status: request.status },
      });
      if (request.status === 'approved' && user && !user.roles.includes(request.role)) {
        const before = [...user.roles];
        await tx.update(User, user.id, { roles: [...user.roles, request.role] });
        await this.audit.record(tx, actor, {
          action: 'user.role_granted',
          entityType: 'user',
          entityId: user.id,
          before: { roles: before },
          after: { roles: [...before, request.role], roleRequestId: request.id },
        });
      }
      return (await this.views(tx, [request]))[0];
    });
    this.directory.forget(actor.organizationId);
    return view;
  }

  /** When `userId` last received `role` through an approval, or null (held from before the rule). */
  async receivedAt(manager: EntityManager, userId: string, role: Role): Promise<Date | null> {
    const latest = await manager.getRepository(RoleRequest).findOne({
      where: { userId, role, status: 'approved' },
      order: { decidedAt: 'DESC' },
    });
    return latest?.decidedAt ?? null;
  }

  private async bootstrapping(tx: EntityManager, actor: Actor): Promise<boolean> {
    const approved = await tx
      .getRepository(RoleRequest)
      .existsBy({ organizationId: actor.organizationId, status: 'approved' });
    if (approved) return false;
    const [{ others }] = (await tx.query(
      `SELECT count(*)::int AS others FROM users
       WHERE organization_id = $1 AND is_active AND id <> $2 AND roles && $3::text[]`,
      [actor.organizationId, actor.userId, APPROVER_ROLES],
    )) as { others: number }[];
    return others === 0;
  }

  private async views(manager: EntityManager, requests: RoleRequest[]): Promise<RoleRequestView[]> {
    const ids = [
      ...new Set(
        requests.flatMap((r) => [r.userId, r.requestedByUserId, r.decidedByUserId]).filter((i) => !!i),
      ),
    ] as string[];
    const users = ids.length ? await manager.getRepository(User).findBy({ id: In(ids) }) : [];
    const person = (id: string | null) => {
      const u = users.find((x) => x.id === id);
      return u ? { id: u.id, displayName: u.displayName, email: u.email } : null;
    };
    return requests.map((r) => ({
      id: r.id,
      user: person(r.userId)!,
      role: r.role,
      status: r.status,
      requestedBy: person(r.requestedByUserId)!,
      requestedAt: r.requestedAt.toISOString(),
      decidedBy: person(r.decidedByUserId),
      decisionReason: r.decisionReason,
      decidedAt: r.decidedAt?.toISOString() ?? null,
    }));
  }
}
