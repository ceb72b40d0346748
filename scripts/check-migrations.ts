/**
 * Fails when the entities and the migrations disagree: migrates a scratch database from zero,
 * asks TypeORM what it would generate, and prints it if anything.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { loadDotEnv } from '../src/config/dotenv';
import { dataSourceOptions } from '../src/infrastructure/database/data-source-options';

async function main(): Promise<number> {
  loadDotEnv();
  const base = loadConfig();
  const url = new URL(base.database.url);
  const scratch = `rongrian_drift_${randomBytes(4).toString('hex')}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE ${scratch}`);
  url.pathname = `/${scratch}`;
  const ds = new DataSource(
    dataSourceOptions({ ...base, database: { ...base.database, url: url.toString() } }),
  );
  try {
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    const pending = await ds.driver.createSchemaBuilder().log();
    if (pending.upQueries.length > 0) {
      console.error(
        'Entities and migrations disagree. Run `npm run migration:generate -- migrations/<Name>`:',
      );
      for (const q of pending.upQueries) console.error(`  ${q.query}`);
      return 1;
    }
    console.log(`migrations match entities (${ds.migrations.length} migrations)`);
    return 0;
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await client.query(`DROP DATABASE IF EXISTS ${scratch}`);
    await client.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
