import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { referenceCache } from '../infrastructure/cache/reference-cache';
import { Organization } from './entities/organization.entity';
import { Unit } from './entities/unit.entity';

/** Organisations and their units: reference data, kept in memory (see referenceCache). */
@Injectable()
export class OrganizationsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private readonly bySlugCache = referenceCache(
    async (slug, manager) => (await manager.findOneBy(Organization, { slug })) ?? undefined,
  );
  private readonly byIdCache = referenceCache(
    async (id, manager) => (await manager.findOneBy(Organization, { id })) ?? undefined,
  );
  private readonly unitsCache = referenceCache(
    async (organizationId, manager) =>
      new Map((await manager.findBy(Unit, { organizationId })).map((u) => [u.id, u])),
  );

  /** The organisation named in a public URL (cached); ORGANIZATION_NOT_FOUND otherwise. */
  async bySlug(slug: string): Promise<Organization> {
    const org = await this.bySlugCache.fetch(slug, { context: this.db.manager });
    if (!org) throw new DomainError('ORGANIZATION_NOT_FOUND');
    return org;
  }

  /** Cached like bySlug; inside a transaction pass it as `manager` (a miss then reads through it). */
  async byId(id: string, manager: EntityManager = this.db.manager): Promise<Organization> {
    const org = await this.byIdCache.fetch(id, { context: manager });
    if (!org) throw new DomainError('ORGANIZATION_NOT_FOUND');
    return org;
  }

  /** One unit of the organisation (cached), or null when it has no such unit. */
  async unit(
    organizationId: string,
    unitId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<Unit | null> {
    const units = await this.unitsCache.fetch(organizationId, { context: manager });
    return units?.get(unitId) ?? null;
  }

  units(organizationId: string): Promise<Unit[]> {
    return this.db.getRepository(Unit).find({ where: { organizationId }, order: { sortOrder: 'ASC' } });
  }
}
