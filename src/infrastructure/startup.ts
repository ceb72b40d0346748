import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { seedReferenceData } from '../reference-data/seed-reference-data';
import { ensureFirstAdministrator } from '../users/first-administrator';
import { dataSourceOptions } from './database/data-source-options';
import { systemDataSource } from './database/tenancy';
import { applyMigrations, ensureDatabaseExists, withMigrationLock } from './database/prepare-database';
import { DependencyUnavailableError } from './dependency-unavailable.error';
import { createRedis } from './redis/redis.module';

/**
 * Brings the database to the current schema and reference data before the application starts:
 * creates it when missing, migrates (unless DATABASE_MIGRATE_ON_START=false), seeds, and creates the
 * first administrator. Several instances may run this at once; an advisory lock serialises them.
 */
export async function prepareDatabase(config: AppConfig, options: { migrate?: boolean } = {}): Promise<void> {
  const logger = new Logger('Startup');
  const created = await ensureDatabaseExists(config.database.url);
  if (created) logger.log('Created the database');
  const db = systemDataSource({ ...dataSourceOptions(config), extra: { max: 2 } });
  await db.initialize();
  try {
    await withMigrationLock(config.database.url, async () => {
      if (options.migrate ?? config.database.migrateOnStart) {
        const applied = await applyMigrations(db);
        if (applied.length > 0) logger.log(`Applied migrations: ${applied.join(', ')}`);
      }
      await seedReferenceData(db, config);
      await ensureFirstAdministrator(db, config);
    });
  } finally {
    await db.destroy();
  }
}

/** Fails start-up with a clear message when Redis does not answer. */
export async function checkRedis(config: AppConfig): Promise<void> {
  const redis = createRedis(config.redis, 'commands', { retryStrategy: () => null, lazyConnect: true });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new DependencyUnavailableError('Redis', config.redis.url, error);
  } finally {
    redis.disconnect();
  }
}
