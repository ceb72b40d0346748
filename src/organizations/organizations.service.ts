import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { Organization } from './entities/organization.entity';
import { Unit } from './entities/unit.entity';

/** Organisations change rarely (name, settings): a process may use one up to this old. */
export const ORGANIZATION_CACHE_MS = 30_000;

@Injectable()
export class OrganizationsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private readonly bySlugCache = new Map<string, { until: number; org: Organization }>();

  /**
   * The organisation named in a public URL; ORGANIZATION_NOT_FOUND otherwise. Every public request
   * asks, so a found organisation is kept for ORGANIZATION_CACHE_MS.
   */
  async bySlug(slug: string): Promise<Organization> {
    const hit = this.bySlugCache.get(slug);
    if (hit && hit.until > Date.now()) return hit.org;
    const org = await this.db.getRepository(Organization).findOneBy({ slug });
    if (!org) throw new DomainError('ORGANIZATION_NOT_FOUND');
    this.bySlugCache.set(slug, { until: Date.now() + ORGANIZATION_CACHE_MS, org });
    return org;
  }

  private readonly byIdCache = new Map<string, { until: number; org: Organization }>();

  /** Cached like bySlug; inside a transaction pass it as `manager` (a miss then reads through it). */
  async byId(id: string, manager: EntityManager = this.db.manager): Promise<Organization> {
    const hit = this.byIdCache.get(id);
    if (hit && hit.until > Date.now()) return hit.org;
    const org = await manager.getRepository(Organization).findOneByOrFail({ id });
    this.byIdCache.set(id, { until: Date.now() + ORGANIZATION_CACHE_MS, org });
    return org;
  }

  units(organizationId: string): Promise<Unit[]> {
    return this.db.getRepository(Unit).find({ where: { organizationId }, order: { sortOrder: 'ASC' } });
  }
}
