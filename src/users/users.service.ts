import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { Unit } from '../organizations/entities/unit.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { CreateUserDto, UpdateUserDto, UserView } from './dto/user.dto';
import { User } from './entities/user.entity';
import { OfficerDirectory } from './officer-directory';

/** Officer accounts of one organisation, managed by its administrators. Every change is audited. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly directory: OfficerDirectory,
  ) {}

  async list(actor: Actor): Promise<UserView[]> {
    const users = await this.db.getRepository(User).find({
      where: { organizationId: actor.organizationId },
      order: { displayName: 'ASC' },
    });
    return users.map(UserView.of);
  }

  async get(actor: Actor, id: string): Promise<UserView> {
    return UserView.of(await this.findInOrganization(this.db.manager, actor, id));
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserView> {
    const created = await this.db.transaction(async (tx) => {
      if (dto.unitId) await this.assertUnit(tx, actor, dto.unitId);
      if (await tx.existsBy(User, { email: dto.email })) throw new DomainError('EMAIL_TAKEN');
      const user = await tx.save(
        tx.create(User, {
          organizationId: actor.organizationId,
          unitId: dto.unitId ?? null,
          email: dto.email,
          displayName: dto.displayName,
          passwordHash: await hashPassword(dto.password),
          roles: dto.roles,
          isActive: true,
        }),
      );
      const view = UserView.of(user);
      await this.audit.record(tx, actor, {
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        after: { ...view },
      });
      return view;
    });
    this.directory.forget(actor.organizationId);
    return created;
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserView> {
    const updated = await this.db.transaction(async (tx) => {
      const user = await this.findInOrganization(tx, actor, id, true);
      const before = UserView.of(user);
      if (dto.unitId) await this.assertUnit(tx, actor, dto.unitId);
      if (dto.displayName !== undefined) user.displayName = dto.displayName;
      if (dto.roles !== undefined) user.roles = dto.roles;
      if (dto.unitId !== undefined) user.unitId = dto.unitId;
      if (dto.isActive !== undefined) user.isActive = dto.isActive;
      if (dto.password !== undefined) user.passwordHash = await hashPassword(dto.password);
      await tx.save(user);
      if (user.isActive === false || dto.password !== undefined) await this.revokeSessions(tx, user.id);
      const after = UserView.of(user);
      await this.audit.record(tx, actor, {
        action: dto.password !== undefined ? 'user.update_with_password' : 'user.update',
        entityType: 'user',
        entityId: user.id,
        before: { ...before },
        after: { ...after },
      });
      return after;
    });
    this.directory.forget(actor.organizationId);
    return updated;
  }

  deactivate(actor: Actor, id: string): Promise<UserView> {
    return this.update(actor, id, { isActive: false });
  }

  private async revokeSessions(tx: EntityManager, userId: string): Promise<void> {
    await tx
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
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
