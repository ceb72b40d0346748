import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { referenceCache } from '../infrastructure/cache/reference-cache';
import { User } from './entities/user.entity';
import { Role } from './roles';

/** What messages need to know of an officer. */
export interface DirectoryEntry {
  userId: string;
  email: string;
  name: string;
  roles: Role[];
  unitId: string | null;
}

/**
 * The active officers of each organisation, for addressing messages: every new complaint writes to
 * its unit's officers, so the list is kept (like organisations, up to 30 s in other processes) and
 * forgotten at once in this process when an account changes (UsersService).
 */
@Injectable()
export class OfficerDirectory {
  private readonly cache = referenceCache(async (organizationId, manager) => ({
    officers: (
      await manager.find(User, {
        select: { id: true, email: true, displayName: true, roles: true, unitId: true },
        where: { organizationId, isActive: true },
        order: { email: 'ASC' },
      })
    ).map((u) => ({ userId: u.id, email: u.email, name: u.displayName, roles: u.roles, unitId: u.unitId })),
  }));

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Sorted by e-mail; a miss reads through `manager`. */
  async active(organizationId: string, manager: EntityManager = this.db.manager): Promise<DirectoryEntry[]> {
    return (await this.cache.fetch(organizationId, { context: manager }))?.officers ?? [];
  }

  forget(organizationId: string): void {
    this.cache.delete(organizationId);
  }
}
