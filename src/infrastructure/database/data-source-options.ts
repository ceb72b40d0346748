import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { SnakeNamingStrategy } from './snake-naming.strategy';

const root = join(__dirname, '..', '..', '..');

/** The role the running service acts as: row-level security binds it (migration RowLevelSecurity). */
export const APP_DATABASE_ROLE = 'rongrian_app';

/**
 * The one database definition: the application, the migration CLI and the tests all build their
 * DataSource from this, so they cannot drift apart. The schema comes from migrations only.
 *
 * This one is the OWNER's (DATABASE_URL): migrations, start-up seeding and the commands, which work
 * across organisations (`systemDataSource` in tenancy.ts: the tables force row-level security on
 * their owner too). The running service uses `appDataSourceOptions`.
 */
export function dataSourceOptions(config: Pick<AppConfig, 'database' | 'app'>): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.database.url,
    entities: [join(root, 'src', '**', '*.entity.{ts,js}')],
    migrations: [join(root, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'schema_migrations',
    uuidExtension: 'pgcrypto',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: config.database.poolSize,
      // A new connection costs PostgreSQL a backend to start and its caches (catalogue, row-level
      // security's policies, the triggers' compiled functions) to fill again: node-postgres' default
      // of 10 s idle made the first filings after a quiet spell pay for a pool's worth of them.
      idleTimeoutMillis: config.database.poolIdleSeconds * 1000,
      connectionTimeoutMillis: 5000,
      application_name: `rongrian-${config.app.role}`,
      // a statement that hangs must not hold a request forever
      statement_timeout: 30000,
    },
  };
}

/**
 * The running service's database: DATABASE_APP_URL when given (a login of the role `rongrian_app`,
 * or of another role bound by the policies: no superuser, no BYPASSRLS, owner of nothing; the way
 * through PgBouncer), else DATABASE_URL. `url` overrides the address (the statistics' read replica,
 * whose login must then be such a role too when DATABASE_APP_URL is given).
 */
export function appDataSourceOptions(
  config: Pick<AppConfig, 'database' | 'app'>,
  url?: string,
): DataSourceOptions {
  return {
    ...dataSourceOptions(config),
    url: url ?? config.database.appUrl ?? config.database.url,
  } as DataSourceOptions;
}

/**
 * The role each transaction of the service switches to (`SET LOCAL ROLE`, sent with its tenancy):
 * `rongrian_app` when the service connects with the owner's DATABASE_URL; none when DATABASE_APP_URL
 * logs in as a bound role already.
 */
export function appDatabaseRole(config: Pick<AppConfig, 'database'>): string | null {
  return config.database.appUrl ? null : APP_DATABASE_ROLE;
}
