import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import { Actor, hasRole } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { AppConfig } from '../config/app-config';
import { Role } from '../users/roles';
import { AuditPage, ListAuditQuery } from './dto/audit-views.dto';
import { AuditEntry } from './entities/audit-entry.entity';

/** Entity types of the integrity channel: their rows are for integrity officers only, never with contents. */
const INTEGRITY_ENTITY = `entity_type LIKE 'integrity\\_%'`;

/** Reads the audit trail of the caller's organisation. */
@Injectable()
export class AuditQueries {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  async list(actor: Actor, q: ListAuditQuery): Promise<AuditPage> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const zone = this.config.app.timeZone;
    const general = hasRole(actor, Role.Admin, Role.Supervisor);
    const integrity = hasRole(actor, Role.IntegrityOfficer);
    const qb = this.db
      .getRepository(AuditEntry)
      .createQueryBuilder('e')
      .leftJoin('users', 'u', 'u.id = e.actor_user_id')
      .select([
        'e.id AS id',
        'e.created_at AS at',
        'e.actor_user_id AS "actorUserId"',
        'u.display_name AS "actorName"',
        'e.action AS action',
        'e.entity_type AS "entityType"',
        'e.entity_id AS "entityId"',
        `CASE WHEN e.${INTEGRITY_ENTITY} THEN NULL ELSE e.before END AS before`,
        `CASE WHEN e.${INTEGRITY_ENTITY} THEN NULL ELSE e.after END AS after`,
        'e.request_id AS "requestId"',
      ])
      .where('e.organization_id = :org', { org: actor.organizationId });
    if (!integrity) qb.andWhere(`NOT e.${INTEGRITY_ENTITY}`);
    if (!general) qb.andWhere(`e.${INTEGRITY_ENTITY}`);
    if (q.actorId) qb.andWhere('e.actor_user_id = :actorId', { actorId: q.actorId });
    if (q.action) {
      qb.andWhere(
        new Brackets((w) =>
          q.action!.endsWith('.')
            ? w.where('e.action LIKE :prefix', { prefix: `${q.action!.replace(/_/g, '\\_')}%` })
            : w.where('e.action = :action', { action: q.action }),
        ),
      );
    }
    if (q.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: q.entityType });
    if (q.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: q.entityId });
    if (q.from) {
      qb.andWhere(`e.created_at >= ((:from::date)::timestamp AT TIME ZONE '${zone}')`, {
        from: q.from.slice(0, 10),
      });
    }
    if (q.to) {
      qb.andWhere(`e.created_at < ((:to::date + 1)::timestamp AT TIME ZONE '${zone}')`, {
        to: q.to.slice(0, 10),
      });
    }
    const count = await qb.clone().select('count(*)', 'n').getRawOne<{ n: string }>();
    const rows = await qb
      .orderBy('e.id', 'DESC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getRawMany<Omit<AuditPage['items'][number], 'at' | 'id'> & { at: Date; id: string }>();
    return {
      items: rows.map((r) => ({ ...r, id: String(r.id), at: new Date(r.at).toISOString() })),
      total: Number(count?.n ?? 0),
      page,
      pageSize,
    };
  }
}

@ApiTags('audit')
@ApiBearerAuth()
@Roles(Role.Admin, Role.Supervisor, Role.IntegrityOfficer)
@Controller('audit-entries')
export class AuditController {
  constructor(private readonly queries: AuditQueries) {}

  @Get()
  @ApiOperation({
    summary:
      'The audit trail of my organisation, newest first: administrators and supervisors see every row but ' +
      "the integrity channel's; integrity officers see the integrity channel's rows, never their contents",
  })
  @ApiOkResponse({ type: AuditPage })
  list(@CurrentActor() actor: Actor, @Query() query: ListAuditQuery): Promise<AuditPage> {
    return this.queries.list(actor, query);
  }
}
