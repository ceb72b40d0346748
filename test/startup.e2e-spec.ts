import { spawnSync } from 'node:child_process';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/infrastructure/database/data-source-options';
import { DependencyUnavailableError } from '../src/infrastructure/dependency-unavailable.error';
import { checkRedis, prepareDatabase } from '../src/infrastructure/startup';
import { accountFailureKeys } from '../src/auth/login-throttle.service';
import { verifyPassword } from '../src/auth/password';
import { createRedis } from '../src/infrastructure/redis/redis.module';
import { CommandRefused, resetAdministratorPassword } from '../src/users/reset-administrator-password';
import { createDatabase, dropDatabase } from './helpers/databases';
import { runId, testEnvironment, uniqueSuffix } from './helpers/test-env';

const COUNTED = ['organizations', 'units', 'complaint_categories', 'allegation_types', 'holidays', 'users'];

async function counts(db: DataSource): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of COUNTED)
    out[table] = Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  return out;
}

describe('start-up: database creation, migrations, seeding, first administrator', () => {
  const name = () => `rongrian_test_${runId()}_${uniqueSuffix()}`;

  it('creates the database, migrates, seeds, and does it again without change', async () => {
    const database = name();
    const config = loadConfig(testEnvironment(database));
    try {
      await prepareDatabase(config);
      const db = await new DataSource(dataSourceOptions(config)).initialize();
      const first = await counts(db);
      expect(first.organizations).toBe(1);
      expect(first.units).toBeGreaterThanOrEqual(6);
      expect(first.complaint_categories).toBeGreaterThanOrEqual(19);
      expect(first.holidays).toBeGreaterThan(50);
      expect(first.users).toBe(1);
      await prepareDatabase(config);
      expect(await counts(db)).toEqual(first);
      await db.destroy();
    } finally {
      await dropDatabase(database);
    }
  });

  it('two instances starting at once migrate safely under the advisory lock', async () => {
    const database = name();
    const config = loadConfig(testEnvironment(database));
    try {
      await Promise.all([prepareDatabase(config), prepareDatabase(config), prepareDatabase(config)]);
      const db = await new DataSource(dataSourceOptions(config)).initialize();
      expect((await counts(db)).users).toBe(1);
      const migrations = await db.query('SELECT count(*)::int AS n FROM schema_migrations');
      expect(migrations[0].n).toBe(db.migrations.length);
      await db.destroy();
    } finally {
      await dropDatabase(database);
    }
  });

  it('every migration reverts cleanly down to an empty schema', async () => {
    const database = name();
    await createDatabase(database);
    const config = loadConfig(testEnvironment(database));
    const db = await new DataSource(dataSourceOptions(config)).initialize();
    try {
      await db.runMigrations({ transaction: 'each' });
      for (let i = 0; i < db.migrations.length; i++) await db.undoLastMigration({ transaction: 'each' });
      const tables = await db.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
      );
      expect(tables).toEqual([]);
      await db.runMigrations({ transaction: 'each' });
      expect((await db.query(`SELECT to_regclass('public.users') AS t`))[0].t).toBe('users');
    } finally {
      await db.destroy();
      await dropDatabase(database);
    }
  });

  it('without ADMIN_PASSWORD, generates one that works', async () => {
    const database = name();
    const config = loadConfig(testEnvironment(database, { ADMIN_PASSWORD: '' }));
    try {
      await prepareDatabase(config);
      const db = await new DataSource(dataSourceOptions(config)).initialize();
      const [admin] = await db.query(`SELECT email, roles, password_hash FROM users`);
      expect(admin.email).toBe('admin@test.local');
      expect(admin.roles).toEqual(['admin']);
      expect(admin.password_hash).toMatch(/^\$argon2id\$/);
      await db.destroy();
    } finally {
      await dropDatabase(database);
    }
  });

  it('an operator resets a lost administrator password: printed once, sessions ended, lock lifted, audited', async () => {
    const database = name();
    const config = loadConfig(testEnvironment(database));
    const redis = createRedis(config.redis, 'commands', { keyPrefix: `${config.redis.prefix}:` });
    try {
      await prepareDatabase(config);
      // the account's total and the lock of the client the administrator signs in from
      const keys = accountFailureKeys('ADMIN@test.local');
      const pair = keys.pairs.replace('*', 'client-of-the-admin');
      await redis.set(keys.total, '10');
      await redis.set(pair, '10');
      await expect(resetAdministratorPassword(config, 'nobody@test.local')).rejects.toThrow(CommandRefused);
      const password = await resetAdministratorPassword(config, 'ADMIN@test.local');
      expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
      expect(await redis.exists(accountFailureKeys('admin@test.local').total, pair)).toBe(0);
      const db = await new DataSource(dataSourceOptions(config)).initialize();
      const [admin] = await db.query(`SELECT id, password_hash FROM users WHERE email = 'admin@test.local'`);
      expect(await verifyPassword(admin.password_hash, password)).toBe(true);
      expect(await verifyPassword(admin.password_hash, 'admin-password-for-tests')).toBe(false);
      const audit = await db.query(
        `SELECT actor_user_id FROM audit_entries WHERE action = $1 AND entity_id = $2`,
        ['user.reset_administrator_password', admin.id],
      );
      expect(audit).toEqual([{ actor_user_id: null }]);
      await db.destroy();
    } finally {
      redis.disconnect();
      await dropDatabase(database);
    }
  });

  it('names the PostgreSQL URL and how to start it when it cannot be reached', async () => {
    const config = loadConfig(
      testEnvironment('nowhere', { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/rongrian' }),
    );
    const error = await prepareDatabase(config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect((error as Error).message).toMatch(
      /Cannot reach PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/rongrian/,
    );
    expect((error as Error).message).toContain('docker compose -f docker/compose.yml up -d postgres redis');
  });

  it('names the Redis URL when Redis cannot be reached', async () => {
    const config = loadConfig(testEnvironment('nowhere', { REDIS_URL: 'redis://127.0.0.1:1' }));
    await expect(checkRedis(config)).rejects.toThrow(/Cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
  });

  it('a bad configuration value stops the process with one clear line', () => {
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      env: { ...process.env, PORT: 'eighty', JWT_SECRET: 'x'.repeat(40) },
      encoding: 'utf8',
      timeout: 60000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: PORT .*\(got "eighty"\)$/);
  });
});
