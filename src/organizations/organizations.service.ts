import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { Organization } from './entities/organization.entity';
import { Unit } from './entities/unit.entity';

@Injectable()
export class OrganizationsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The organisation named in a public URL; ORGANIZATION_NOT_FOUND otherwise. */
  async bySlug(slug: string): Promise<Organization> {
    const org = await this.db.getRepository(Organization).findOneBy({ slug });
    if (!org) throw new DomainError('ORGANIZATION_NOT_FOUND');
    return org;
  }

  async byId(id: string): Promise<Organization> {
    return this.db.getRepository(Organization).findOneByOrFail({ id });
  }

  units(organizationId: string): Promise<Unit[]> {
    return this.db.getRepository(Unit).find({ where: { organizationId }, order: { sortOrder: 'ASC' } });
  }
}
