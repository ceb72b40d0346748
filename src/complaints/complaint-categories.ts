import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { referenceCache } from '../infrastructure/cache/reference-cache';
import { ComplaintCategory } from '../reference-data/entities/complaint-category.entity';

/** The active complaint categories of each organisation: reference data, cached like organisations. */
@Injectable()
export class ComplaintCategories {
  private readonly cache = referenceCache(async (organizationId, manager) => ({
    list: await manager.find(ComplaintCategory, {
      where: { organizationId, isActive: true },
      order: { sortOrder: 'ASC', code: 'ASC' },
    }),
  }));

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Forget the cached list after a change (other processes within REFERENCE_CACHE_MS). */
  forget(organizationId: string): void {
    this.cache.delete(organizationId);
  }

  async active(organizationId: string): Promise<ComplaintCategory[]> {
    return (await this.cache.fetch(organizationId, { context: this.db.manager }))?.list ?? [];
  }

  /** The active category with this code; a validation error on `categoryCode` otherwise. */
  async byCode(organizationId: string, code: string): Promise<ComplaintCategory> {
    const category = (await this.active(organizationId)).find((c) => c.code === code);
    if (!category) {
      throw new DomainError('VALIDATION_FAILED', [
        {
          field: 'categoryCode',
          rule: 'knownCategory',
          message: 'categoryCode is not a category of this organisation',
        },
      ]);
    }
    return category;
  }
}
