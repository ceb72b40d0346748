import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config/app-config';
import { useJsonLogs } from '../src/infrastructure/logging/json-lines';
import { prepareDatabase } from '../src/infrastructure/startup';
import { createDatabase } from './helpers/databases';
import { templateDatabase, testEnvironment } from './helpers/test-env';

/**
 * Once per run: a template database migrated and seeded from scratch. Each test file then gets its
 * own copy (CREATE DATABASE ... TEMPLATE), so files run in parallel and never see each other's rows.
 */
export default async function globalSetup(): Promise<void> {
  // Business dates must not depend on the server's zone: tests run under UTC unless told otherwise
  // (`npm test` runs the day-counting tests a second time under TZ=Asia/Bangkok). Workers inherit it.
  process.env.TZ ??= 'UTC';
  process.env.RONGRIAN_TEST_RUN = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const template = templateDatabase();
  await createDatabase(template);
  const config = loadConfig(testEnvironment(template));
  useJsonLogs(config);
  await prepareDatabase(config, { migrate: true });
}
