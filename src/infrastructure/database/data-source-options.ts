import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { SnakeNamingStrategy } from './snake-naming.strategy';

const root = join(__dirname, '..', '..', '..');

/**
 * The one database definition: the application, the migration CLI and the tests all build their
 * DataSource from this, so they cannot drift apart. The schema comes from migrations only.
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
      connectionTimeoutMillis: 5000,
      application_name: `rongrian-${config.app.role}`,
      // a statement that hangs must not hold a request forever
      statement_timeout: 30000,
    },
  };
}
