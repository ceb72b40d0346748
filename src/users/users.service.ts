import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { Unit } from '../organizations/entities/unit.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { OfficerKeyring } from '../integrity-reports/crypto/officer-keyring';
import { AccountLinksService } from './account-links.service';
import { AccountLinkSentView } from './dto/account-link.dto';
import { CreateUserDto, UpdateUserDto, UserView } from './dto/user.dto';
import { User } from './entities/user.entity';
import { OfficerDirectory } from './officer-directory';
import { IntegrityReportKey, WrappedSecret } from '../integrity-reports/crypto/entities/report-key.entity';
import { assertNoRoleConflict, isProtected, RoleRequestsService } from './role-requests.service';
import { Role } from './roles';

/**
 * Officer accounts of one organisation, managed by its administrators. Every change is audited.
 * Administrators never choose another person's password (an invitation or reset link is e-mailed to
 * the person, AccountLinksService) and never give a protected role alone (RoleRequestsService).
 */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly directory: OfficerDirectory,
    private readonly links: AccountLinksService,
    private readonly roleRequests: RoleRequestsService,
    private readonly keyring: OfficerKeyring,
  ) {}

  async list(actor: Actor): Promise<UserView[]> {
    const users = await this.db.getRepository(User).find({
      where: { organizationId: actor.organizationId },
      order: { displayName: 'ASC' },
    });
    const pending = await this.roleRequests.pendingRoles(this.db.manager, actor.organizationId);
    return users.map((u) => UserView.of(u, pending.get(u.id)));
  }

  async get(actor: Actor, id: string): Promise<UserView> {
    return this.viewOf(this.db.manager, await this.findInOrganization(this.db.manager, actor, id));
  }

  /**
   * A new account without a password: the person receives an invitation link and chooses it. Roles
   * that need a second person (PROTECTED_ROLES) are asked for and listed in `pendingRoles`.
   */
  async create(actor: Actor, dto: CreateUserDto): Promise<UserView> {
    if (dto.password !== undefined) throw new DomainError('PASSWORD_SET_BY_OWNER_ONLY', passwordField());
    assertNoRoleConflict(dto.roles);
    const created = await this.db.transaction(async (tx) => {
      if (dto.unitId) await this.assertUnit(tx, actor, dto.unitId);
      if (await tx.existsBy(User, { organizationId: actor.organizationId, email: dto.email }))
        throw new DomainError('EMAIL_TAKEN');
      const user = await tx.save(
        tx.create(User, {
          organizationId: actor.organizationId,
          unitId: dto.unitId ?? null,
          email: dto.email,
          displayName: dto.displayName,
          // nobody knows it: the account opens once its owner follows the invitation
          passwordHash: await hashPassword(randomBytes(32).toString('base64url')),
          roles: dto.roles.filter((r) => !isProtected(r)),
          isActive: true,
        }),
      );
      await this.audit.record(tx, actor, {
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        after: { ...UserView.of(user), pendingRoles: dto.roles.filter(isProtected) },
      });
      await this.askForRoles(tx, actor, user, dto.roles);
      await this.links.issue(tx, actor, user, 'invitation');
      return this.viewOf(tx, user);
    });
    this.directory.forget(actor.organizationId);
    return created;
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserView> {
    if (dto.password !== undefined && id !== actor.userId) {
      throw new DomainError('PASSWORD_SET_BY_OWNER_ONLY', passwordField());
    }
    if (dto.roles !== undefined) assertNoRoleConflict(dto.roles);
    let ended: string[] = [];
    const updated = await this.db.transaction(async (tx) => {
      const user = await this.findInOrganization(tx, actor, id, true);
      const before = await this.viewOf(tx, user);
      const rolesBefore = [...user.roles];
      if (dto.unitId) await this.assertUnit(tx, actor, dto.unitId);
      if (dto.displayName !== undefined) user.displayName = dto.displayName;
      if (dto.unitId !== undefined) user.unitId = dto.unitId;
      if (dto.isActive !== undefined) user.isActive = dto.isActive;
      if (dto.password !== undefined) {
        user.passwordHash = await hashPassword(dto.password);
        // one's own password: an unlocked integrity key follows it (a reset link's does not)
        await this.keyring.resealForPassword(tx, actor, dto.password);
      }
      if (dto.roles !== undefined) {
        // removing any role is immediate; a protected role not yet held waits for a second person
        user.roles = dto.roles.filter((r) => !isProtected(r) || user.roles.includes(r));
        await this.askForRoles(tx, actor, user, dto.roles);
      }
      await tx.save(user);
      if (user.isActive === false || dto.password !== undefined)
        ended = await this.revokeSessions(tx, user.id);
      if (user.isActive === false) await this.links.revokeUnused(tx, user.id);
      await this.dropKeysOfLostRoles(tx, actor, user, rolesBefore);
      const after = await this.viewOf(tx, user);
      await this.audit.record(tx, actor, {
        action: dto.password !== undefined ? 'user.update_with_password' : 'user.update',
        entityType: 'user',
        entityId: user.id,
        before: { ...before },
        after: { ...after },
      });
      return after;
    });
    // the ended sessions' unlocked integrity keys go from Redis too
    for (const family of ended) await this.keyring.endSession(family);
    this.directory.forget(actor.organizationId);
    return updated;
  }

  deactivate(actor: Actor, id: string): Promise<UserView> {
    return this.update(actor, id, { isActive: false });
  }

  /**
   * E-mails the person a link to choose a password: the invitation again while they never chose
   * one, otherwise a reset (their current password keeps working until they use it).
   */
  async sendPasswordLink(actor: Actor, id: string): Promise<AccountLinkSentView> {
    return this.db.transaction(async (tx) => {
      const user = await this.findInOrganization(tx, actor, id);
      if (!user.isActive) throw new DomainError('USER_INACTIVE');
      const purpose = await this.links.purposeFor(tx, user.id);
      const { expiresAt } = await this.links.issue(tx, actor, user, purpose);
      return { purpose, expiresAt: expiresAt.toISOString() };
    });
  }

  /** Asks for the protected roles of `wanted` that `user` lacks (granted at once only when bootstrapping). */
  private async askForRoles(tx: EntityManager, actor: Actor, user: User, wanted: Role[]): Promise<void> {
    let granted = false;
    for (const role of wanted.filter((r) => isProtected(r) && !user.roles.includes(r))) {
      granted = (await this.roleRequests.request(tx, actor, user, role)) || granted;
    }
    if (granted) await tx.update(User, user.id, { roles: user.roles });
  }

  /**
   * Takes back the report keys a role gave once the account no longer has it (or is deactivated):
   * the data keys of an integrity officer, the identity halves of a custodian. Otherwise someone moved
   * from one role to the other would keep one half and be given the other. Audited.
   */
  private async dropKeysOfLostRoles(tx: EntityManager, actor: Actor, user: User, before: Role[]) {
    const lost = (role: Role) => before.includes(role) && (!user.isActive || !user.roles.includes(role));
    const secrets: WrappedSecret[] = [
      ...(lost(Role.IntegrityOfficer) ? (['data'] as const) : []),
      ...(lost(Role.Custodian) ? (['identity'] as const) : []),
    ];
    for (const secret of secrets) {
      const { affected } = await tx.delete(IntegrityReportKey, { userId: user.id, secret });
      if (!affected) continue;
      await this.audit.record(tx, actor, {
        action: 'integrity_report_key.revoke_all',
        entityType: 'user',
        entityId: user.id,
        after: { secret, reports: affected, reason: user.isActive ? 'role_removed' : 'deactivated' },
      });
    }
  }

  /**
   * An operator invites the first administrator of an organisation (a new one, or one whose
   * administrators are all gone): the account gets the admin role at once, as the start-up's first
   * administrator does (there is nobody in the organisation to approve it), and an invitation link by
   * which the person chooses their password. Audited in that organisation's trail.
   */
  async inviteFirstAdministrator(
    operator: Actor,
    organizationId: string,
    who: { email: string; displayName: string },
    /** the caller's transaction (an organisation created with its administrator), else a new one */
    manager?: EntityManager,
  ): Promise<UserView> {
    const actor: Actor = { ...operator, organizationId, unitId: null };
    const inTransaction = <T>(work: (tx: EntityManager) => Promise<T>) =>
      manager ? work(manager) : this.db.transaction(work);
    const created = await inTransaction(async (tx) => {
      const admins = await tx
        .getRepository(User)
        .createQueryBuilder('u')
        .where('u.organization_id = :organizationId AND u.is_active AND :admin = ANY(u.roles)', {
          organizationId,
          admin: Role.Admin,
        })
        .getCount();
      if (admins > 0) throw new DomainError('ADMINISTRATOR_EXISTS');
      if (await tx.existsBy(User, { organizationId, email: who.email })) throw new DomainError('EMAIL_TAKEN');
      const user = await tx.save(
        tx.create(User, {
          organizationId,
          unitId: null,
          email: who.email,
          displayName: who.displayName,
          passwordHash: await hashPassword(randomBytes(32).toString('base64url')),
          roles: [Role.Admin],
          isActive: true,
        }),
      );
      await this.audit.record(tx, actor, {
        action: 'user.invite_first_administrator',
        entityType: 'user',
        entityId: user.id,
        after: { ...UserView.of(user), by: 'operator' },
      });
      await this.links.issue(tx, actor, user, 'invitation');
      return this.viewOf(tx, user);
    });
    this.directory.forget(organizationId);
    return created;
  }

  private async viewOf(manager: EntityManager, user: User): Promise<UserView> {
    const pending = await this.roleRequests.pendingRoles(manager, user.organizationId, [user.id]);
    return UserView.of(user, pending.get(user.id));
  }

  /** Revokes the user's sessions; returns their families (whose unlocked keys go after the commit). */
  private async revokeSessions(tx: EntityManager, userId: string): Promise<string[]> {
    const live: { family_id: string }[] = await tx.query(
      `SELECT DISTINCT family_id FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    );
    await tx
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
    return live.map((r) => r.family_id);
  }

  private async findInOrganization(
    tx: EntityManager,
    actor: Actor,
    id: string,
    withHash = false,
  ): Promise<User> {
    const user = await tx
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect(withHash ? ['u.passwordHash'] : [])
      .where('u.id = :id AND u.organization_id = :org', { id, org: actor.organizationId })
      .getOne();
    if (!user) throw new DomainError('USER_NOT_FOUND');
    return user;
  }

  private async assertUnit(tx: EntityManager, actor: Actor, unitId: string): Promise<void> {
    const found = await tx.existsBy(Unit, { id: unitId, organizationId: actor.organizationId });
    if (!found)
      throw new DomainError('UNIT_NOT_FOUND', [{ field: 'unitId', rule: 'exists', message: 'unknown unit' }]);
  }
}

const passwordField = () => [
  {
    field: 'password',
    rule: 'chosenByOwner',
    message: 'only the person chooses their password: POST /users/{id}/password-reset sends them a link',
    messageTh: 'เจ้าของบัญชีเท่านั้นที่ตั้งรหัสผ่านได้ ระบบจะส่งลิงก์ตั้งรหัสผ่านทางอีเมล',
  },
];
