import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { Actor, hasRole } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { Role } from '../users/roles';
import { Complaint } from './entities/complaint.entity';

/** Roles that see every general complaint of their organisation; the others see their unit's and their own. */
export const ORGANIZATION_WIDE_ROLES = [Role.Intake, Role.Supervisor, Role.Executive, Role.Admin] as const;
/** Roles that may change a complaint at all (executives and administrators only read). */
export const WRITING_ROLES = [Role.Intake, Role.Officer, Role.UnitHead, Role.Supervisor] as const;
export const READING_ROLES = [...new Set([...ORGANIZATION_WIDE_ROLES, ...WRITING_ROLES])];

/** Who may see and act on which general complaint. Integrity officers have no access here. */
@Injectable()
export class ComplaintAccess {
  seesWholeOrganization(actor: Actor): boolean {
    return hasRole(actor, ...ORGANIZATION_WIDE_ROLES);
  }

  mayWrite(actor: Actor): boolean {
    return hasRole(actor, ...WRITING_ROLES);
  }

  /** Unit-scoped actions: screening staff anywhere, officers on their unit's cases or those assigned to them. */
  mayActOnUnit(actor: Actor, c: Complaint): boolean {
    if (hasRole(actor, Role.Intake, Role.Supervisor)) return true;
    return (c.unitId !== null && c.unitId === actor.unitId) || c.assigneeId === actor.userId;
  }

  /** Restricts a query on alias `alias` to what the actor may see. */
  restrict<T extends object>(qb: SelectQueryBuilder<T>, actor: Actor, alias = 'c'): SelectQueryBuilder<T> {
    qb.andWhere(`${alias}.organization_id = :actorOrg`, { actorOrg: actor.organizationId });
    if (!this.seesWholeOrganization(actor)) {
      qb.andWhere(`(${alias}.unit_id = :actorUnit OR ${alias}.assignee_id = :actorUser)`, {
        actorUnit: actor.unitId ?? '00000000-0000-0000-0000-000000000000',
        actorUser: actor.userId,
      });
    }
    return qb;
  }

  /** The case, locked for this transaction, or COMPLAINT_NOT_FOUND when the actor may not see it. */
  async loadForUpdate(tx: EntityManager, actor: Actor, id: string): Promise<Complaint> {
    const qb = tx
      .getRepository(Complaint)
      .createQueryBuilder('c')
      .where('c.id = :id', { id })
      .setLock('pessimistic_write');
    const c = await this.restrict(qb, actor).getOne();
    if (!c) throw new DomainError('COMPLAINT_NOT_FOUND');
    return c;
  }
}
