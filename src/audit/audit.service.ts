import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Actor } from '../common/auth/actor';
import { currentRequestId } from '../infrastructure/request-context/request-context';
import { insertRows, rowsOf, RowsOf } from '../infrastructure/database/insert-rows';
import { AuditEntityType } from './audit-entity-types';
import { AuditEntry } from './entities/audit-entry.entity';

export interface AuditRecord {
  action: string;
  entityType: AuditEntityType;
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Writes the audit trail inside the caller's transaction, so an action and its record commit together. */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, actor: Actor | null, record: AuditRecord): Promise<void> {
    await insertRows(manager, [this.entry(actor, record)]);
  }

  /** The audit row of `record`, for a caller that writes it in one statement with its own rows. */
  entry(actor: Actor | null, record: AuditRecord): RowsOf<AuditEntry> {
    // jsonb columns: TypeORM's deep-partial typing cannot describe arbitrary objects
    return rowsOf(AuditEntry, [
      <QueryDeepPartialEntity<AuditEntry>>{
        organizationId: actor?.organizationId ?? null,
        actorUserId: actor?.userId ?? null,
        requestId: actor?.requestId ?? currentRequestId(),
        action: record.action,
        entityType: record.entityType,
        entityId: record.entityId,
        before: record.before ?? null,
        after: record.after ?? null,
      },
    ]);
  }
}
