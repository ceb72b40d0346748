import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { User } from '../users/entities/user.entity';
import { Role } from '../users/roles';
import { IntegrityReportAccess } from './entities/integrity-report-access.entity';
import { IntegrityReport } from './entities/integrity-report.entity';

const IO = `'${Role.IntegrityOfficer}'`;

/**
 * Who may read a report, as one SQL condition on report alias `r` and a user id expression: an
 * officer holding a grant on it (every active integrity officer when the report arrived, recorded
 * as grants, and those an officer with access granted it to later), never one recused from it.
 *
 * There is no other way in: making someone an integrity officer later (which itself needs a second
 * person's approval) opens no report already received, and a report whose officers all left stays
 * closed until one of them is reactivated or re-appointed. The caller also checks the organisation
 * and the officer's role (the route's @Roles).
 */
export function accessCondition(userId: string): string {
  return `EXISTS (
      SELECT 1 FROM integrity_report_access x
      WHERE x.report_id = r.id AND x.user_id = ${userId} AND x.status = 'granted')`;
}

@Injectable()
export class ReportAccessPolicy {
  /** The report if `actor` may read it; 404 otherwise (another organisation's, recused, unknown). */
  async load(tx: EntityManager, actor: Actor, reportId: string, lock = false): Promise<IntegrityReport> {
    const query = tx
      .getRepository(IntegrityReport)
      .createQueryBuilder('r')
      .where('r.id = :reportId AND r.organization_id = :org', { reportId, org: actor.organizationId })
      .andWhere(accessCondition(':actorId'), { actorId: actor.userId });
    if (lock) query.setLock('pessimistic_write', undefined, ['r']);
    const report = await query.getOne();
    if (!report) throw new DomainError('INTEGRITY_REPORT_NOT_FOUND');
    return report;
  }

  /**
   * Grants every active integrity officer of the organisation access to a new report (one grant row
   * each, without instant or author: nothing dates the reporter's action). Refuses the report when
   * there is nobody to grant: it would reach no one.
   */
  async grantCurrentOfficers(tx: EntityManager, report: IntegrityReport): Promise<void> {
    const granted: unknown[] = await tx.query(
      `INSERT INTO integrity_report_access (report_id, organization_id, user_id, status)
       SELECT $1, $2, u.id, 'granted' FROM users u
       WHERE u.organization_id = $2 AND u.is_active AND ${IO} = ANY(u.roles)
       RETURNING user_id`,
      [report.id, report.organizationId],
    );
    if (granted.length === 0) throw new DomainError('NO_INTEGRITY_OFFICER');
  }

  /** An active integrity officer of the actor's organisation, or NOT_AN_INTEGRITY_OFFICER. */
  async integrityOfficer(tx: EntityManager, actor: Actor, userId: string): Promise<User> {
    const user = await tx.getRepository(User).findOneBy({ id: userId, organizationId: actor.organizationId });
    if (!user || !user.isActive || !user.roles.includes(Role.IntegrityOfficer)) {
      throw new DomainError('NOT_AN_INTEGRITY_OFFICER');
    }
    return user;
  }

  /** Active integrity officers who hold a grant on the report (the ones who keep it from being orphaned). */
  async grantedOfficerCount(tx: EntityManager, reportId: string): Promise<number> {
    return tx
      .getRepository(IntegrityReportAccess)
      .createQueryBuilder('x')
      .innerJoin(User, 'u', 'u.id = x.user_id')
      .where(`x.report_id = :reportId AND x.status = 'granted' AND u.is_active AND ${IO} = ANY(u.roles)`, {
        reportId,
      })
      .getCount();
  }

  /** Every active integrity officer of the organisation, with whether each can read the report. */
  async officersOf(
    tx: EntityManager,
    report: IntegrityReport,
  ): Promise<{ user: User; entry: IntegrityReportAccess | null; hasAccess: boolean }[]> {
    const rows: { id: string; has_access: boolean }[] = await tx.query(
      `SELECT u.id, EXISTS (SELECT 1 FROM integrity_reports r WHERE r.id = $1 AND ${accessCondition('u.id')})
         AS has_access
       FROM users u WHERE u.organization_id = $2 AND u.is_active AND ${IO} = ANY(u.roles)`,
      [report.id, report.organizationId],
    );
    if (rows.length === 0) return [];
    const users = await tx.getRepository(User).findBy({ id: In(rows.map((r) => r.id)) });
    const entries = await tx.getRepository(IntegrityReportAccess).findBy({ reportId: report.id });
    return rows
      .map((row) => ({
        user: users.find((u) => u.id === row.id)!,
        entry: entries.find((e) => e.userId === row.id) ?? null,
        hasAccess: row.has_access,
      }))
      .sort((a, b) => a.user.displayName.localeCompare(b.user.displayName, 'th'));
  }
}
