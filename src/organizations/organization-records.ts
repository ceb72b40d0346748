import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { DomainError } from '../common/errors/domain-error';
import { seedOrganizationStructure } from '../reference-data/seed-reference-data';
import { OrganizationFields } from './dla-csv';
import { Organization } from './entities/organization.entity';

/**
 * Writing organisations, shared by the operator's routes and the import command: a new one gets its
 * reference data (units and complaint categories; holidays and allegation types are national) in the
 * same transaction, and every creation or change is in that organisation's audit trail.
 */
export interface AuditedBy {
  userId: string | null;
  requestId: string | null;
  /** e.g. 'organization.create' or 'organization.import_create' */
  action: string;
}

export async function createOrganization(
  tx: EntityManager,
  fields: OrganizationFields & { slug: string },
  by: AuditedBy,
): Promise<Organization> {
  await assertFree(tx, fields, null);
  const org = await tx.save(tx.create(Organization, { ...fields, settings: {} }));
  await seedOrganizationStructure(tx, org.id);
  await audit(tx, org.id, by, null, fields);
  return org;
}

/** Applies `changes` to `org` (audited with the values before); returns the organisation as changed. */
export async function updateOrganization(
  tx: EntityManager,
  org: Organization,
  changes: Partial<OrganizationFields>,
  by: AuditedBy,
): Promise<Organization> {
  await assertFree(tx, changes, org.id);
  const before = Object.fromEntries(
    Object.keys(changes).map((k) => [k, org[k as keyof Organization] ?? null]),
  );
  await tx.update(Organization, org.id, changes);
  await audit(tx, org.id, by, before, changes);
  return tx.findOneByOrFail(Organization, { id: org.id });
}

/** SLUG_TAKEN / DLA_CODE_TAKEN (409) when another organisation has the slug or DLA code. */
async function assertFree(
  tx: EntityManager,
  fields: Partial<OrganizationFields>,
  self: string | null,
): Promise<void> {
  const other = async (where: { slug: string } | { dlaCode: string }) => {
    const found = await tx.findOne(Organization, { select: { id: true }, where });
    return found !== null && found.id !== self;
  };
  if (fields.slug && (await other({ slug: fields.slug }))) {
    throw new DomainError('SLUG_TAKEN', [{ field: 'slug', rule: 'unique', message: 'slug in use' }]);
  }
  if (fields.dlaCode && (await other({ dlaCode: fields.dlaCode }))) {
    throw new DomainError('DLA_CODE_TAKEN', [
      { field: 'dlaCode', rule: 'unique', message: 'DLA code in use' },
    ]);
  }
}

async function audit(
  tx: EntityManager,
  organizationId: string,
  by: AuditedBy,
  before: Record<string, unknown> | null,
  after: object,
): Promise<void> {
  await tx.insert(AuditEntry, <QueryDeepPartialEntity<AuditEntry>>{
    organizationId,
    actorUserId: by.userId,
    requestId: by.requestId,
    action: by.action,
    entityType: 'organization',
    entityId: organizationId,
    before,
    after,
  });
}
