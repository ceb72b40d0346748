import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { definedOnly } from '../common/validation/validators';
import { CreateUnitDto, UpdateUnitDto } from './dto/unit.dto';
import { referenceCache } from '../infrastructure/cache/reference-cache';
import { Organization } from './entities/organization.entity';
import { Unit } from './entities/unit.entity';
import { OrganizationFields } from './dla-csv';
import { createOrganization, updateOrganization } from './organization-records';
import { OrganizationType } from './organization-types';

/** Fields every organisation has: an edit may change them, not remove them. */
const REQUIRED_FIELDS = ['slug', 'nameTh', 'type', 'dlaCode', 'province'] as const;

const unitFacts = (u: Unit) => ({
  code: u.code,
  nameTh: u.nameTh,
  nameEn: u.nameEn,
  sortOrder: u.sortOrder,
  isActive: u.isActive,
});

/** Organisations and their units: reference data, kept in memory (see referenceCache). */
@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

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

  /** Forget the cached organisation after a change (other processes within REFERENCE_CACHE_MS). */
  forget(org: Organization): void {
    this.byIdCache.delete(org.id);
    this.bySlugCache.delete(org.slug);
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

  /** Every organisation, by province and name; optionally of one province or type (operators). */
  /** Organisations by province and type; `q`: words found in the names, slug, DLA code or district. */
  list(filter: { province?: string; type?: OrganizationType; q?: string }): Promise<Organization[]> {
    const query = this.db
      .getRepository(Organization)
      .createQueryBuilder('o')
      .orderBy('o.province', 'ASC', 'NULLS LAST')
      .addOrderBy('o.name_th', 'ASC');
    if (filter.province) query.andWhere('o.province = :province', { province: filter.province });
    if (filter.type) query.andWhere('o.type = :type', { type: filter.type });
    (filter.q ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .forEach((word, i) =>
        query.andWhere(
          `concat_ws(' ', o.name_th, o.name_en, o.slug, o.dla_code, o.district, o.province) ILIKE :w${i}`,
          { [`w${i}`]: `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%` },
        ),
      );
    return query.getMany();
  }

  /**
   * A new organisation with its reference data (operators; audited in its own trail); `then` runs in
   * the same transaction (the first administrator's invitation), so both happen or neither.
   */
  create(
    actor: Actor,
    fields: OrganizationFields & { slug: string },
    then?: (tx: EntityManager, org: Organization) => Promise<unknown>,
  ): Promise<Organization> {
    return this.db.transaction(async (tx) => {
      const org = await createOrganization(tx, fields, {
        userId: actor.userId,
        requestId: actor.requestId,
        action: 'organization.create',
      });
      if (then) await then(tx, org);
      return org;
    });
  }

  /** Changes the given fields (operators; audited with the values before). */
  async update(actor: Actor, id: string, changes: Partial<OrganizationFields>): Promise<Organization> {
    const nulled = REQUIRED_FIELDS.filter((f) => f in changes && changes[f] == null);
    if (nulled.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        nulled.map((field) => ({ field, rule: 'required', message: `${field} cannot be removed` })),
      );
    }
    const org = await this.db.transaction(async (tx) => {
      const before = await tx.findOneBy(Organization, { id });
      if (!before) throw new DomainError('ORGANIZATION_NOT_FOUND');
      this.forget(before);
      return updateOrganization(tx, before, changes, {
        userId: actor.userId,
        requestId: actor.requestId,
        action: 'organization.update',
      });
    });
    this.forget(org);
    return org;
  }

  units(organizationId: string): Promise<Unit[]> {
    return this.db
      .getRepository(Unit)
      .find({ where: { organizationId }, order: { sortOrder: 'ASC', code: 'ASC' } });
  }

  async createUnit(actor: Actor, dto: CreateUnitDto): Promise<Unit> {
    const unit = await this.db.transaction(async (tx) => {
      const created = await tx.save(
        tx.create(Unit, {
          organizationId: actor.organizationId,
          code: dto.code,
          nameTh: dto.nameTh,
          nameEn: dto.nameEn ?? null,
          sortOrder: dto.sortOrder ?? 0,
          isActive: true,
        }),
      );
      await this.audit.record(tx, actor, {
        action: 'unit.create',
        entityType: 'unit',
        entityId: created.id,
        after: unitFacts(created),
      });
      return created;
    });
    this.unitsCache.delete(actor.organizationId);
    return unit;
  }

  async updateUnit(actor: Actor, id: string, dto: UpdateUnitDto): Promise<Unit> {
    const unit = await this.db.transaction(async (tx) => {
      const u = await this.ownUnit(tx, actor, id);
      const before = unitFacts(u);
      Object.assign(u, definedOnly(dto));
      const saved = await tx.save(u);
      await this.audit.record(tx, actor, {
        action: 'unit.update',
        entityType: 'unit',
        entityId: u.id,
        before,
        after: unitFacts(saved),
      });
      return saved;
    });
    this.unitsCache.delete(actor.organizationId);
    return unit;
  }

  /** Deletes a unit nothing refers to; one with cases, officers or categories is deactivated instead. */
  async removeUnit(actor: Actor, id: string): Promise<'deleted' | 'deactivated'> {
    const outcome = await this.db.transaction(async (tx) => {
      const u = await this.ownUnit(tx, actor, id);
      const [{ used }] = await tx.query<{ used: boolean }[]>(
        `SELECT EXISTS (SELECT 1 FROM complaints WHERE unit_id = $1)
             OR EXISTS (SELECT 1 FROM users WHERE unit_id = $1)
             OR EXISTS (SELECT 1 FROM complaint_categories WHERE default_unit_id = $1) AS used`,
        [u.id],
      );
      if (used) {
        u.isActive = false;
        await tx.save(u);
      } else {
        await tx.delete(Unit, { id: u.id });
      }
      const result = used ? 'deactivated' : 'deleted';
      await this.audit.record(tx, actor, {
        action: `unit.${used ? 'deactivate' : 'delete'}`,
        entityType: 'unit',
        entityId: u.id,
        before: unitFacts(u),
      });
      return result;
    });
    this.unitsCache.delete(actor.organizationId);
    return outcome;
  }

  private async ownUnit(tx: EntityManager, actor: Actor, id: string): Promise<Unit> {
    const u = await tx.findOne(Unit, {
      where: { id, organizationId: actor.organizationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!u) throw new DomainError('UNIT_NOT_FOUND');
    return u;
  }
}
