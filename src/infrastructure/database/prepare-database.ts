import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { DependencyUnavailableError } from '../dependency-unavailable.error';

const MIGRATION_LOCK = 'rongrian:migrations';

function adminUrl(databaseUrl: string): { adminUrl: string; database: string } {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '/postgres';
  return { adminUrl: url.toString(), database };
}

/** PostgreSQL's answer when the database named in the URL does not exist. */
const INVALID_CATALOG_NAME = '3D000';

/**
 * Creates the database named in DATABASE_URL when it does not exist yet. An existing database is
 * reached directly: the maintenance database (`postgres`), which a managed service may not open to
 * the application's role, is used only to create a missing one.
 */
export async function ensureDatabaseExists(databaseUrl: string): Promise<boolean> {
  const direct = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await direct.connect();
    return false;
  } catch (error) {
    if ((error as { code?: string }).code !== INVALID_CATALOG_NAME) {
      throw new DependencyUnavailableError('PostgreSQL', databaseUrl, error);
    }
  } finally {
    await direct.end().catch(() => undefined);
  }
  const { adminUrl: url, database } = adminUrl(databaseUrl);
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new DependencyUnavailableError('PostgreSQL', databaseUrl, error);
  }
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
    } catch (error) {
      // another instance created it between our check and our CREATE
      if (!['42P04', '23505'].includes(String((error as { code?: string }).code))) throw error;
      return false;
    }
    return true;
  } finally {
    await client.end();
  }
}

/**
 * Runs `work` while holding a PostgreSQL advisory lock, so that several instances starting together
 * migrate and seed one after the other. The lock is a transaction lock in a transaction kept open on
 * a dedicated connection: it works behind PgBouncer in transaction mode too (a session lock there
 * would belong to whichever server connection the pooler happened to lend), and it is released when
 * the transaction ends, whatever happens to this process.
 */
export async function withMigrationLock<T>(databaseUrl: string, work: () => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [MIGRATION_LOCK]);
    const result = await work();
    await client.query('COMMIT');
    return result;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
}

/** Applies pending migrations; returns the names of those applied. */
export async function applyMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}

export type DatabaseSeeder = (dataSource: DataSource, config: AppConfig) => Promise<void>;
