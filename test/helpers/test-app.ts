import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AppModuleOptions } from '../../src/app.module';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { createHttpApp } from '../../src/infrastructure/http/create-http-app';
import { createDatabase, dropDatabase } from './databases';
import { runId, templateDatabase, testEnvironment, uniqueSuffix } from './test-env';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  db: DataSource;
  database: string;
  /** light-my-request against the real application, no socket */
  request: NestFastifyApplication['inject'];
  login(email?: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Boots the real application (Fastify, PostgreSQL, Redis, queues) on a private copy of the
 * template database. `env` overrides any setting; `options.logDestination` captures the log lines.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: AppModuleOptions = {},
): Promise<TestApp> {
  const database = `rongrian_test_${runId()}_${uniqueSuffix()}`;
  await createDatabase(database, templateDatabase());
  const config = loadConfig(testEnvironment(database, env));
  const app = await createHttpApp(config, options);
  const db = app.get(DataSource);
  const request = app.inject.bind(app) as NestFastifyApplication['inject'];
  return {
    app,
    config,
    db,
    database,
    request,
    async login(email = config.admin.email, password = config.admin.password!) {
      const res = await request({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
      if (res.statusCode !== 200) throw new Error(`login failed for ${email}: ${res.statusCode} ${res.body}`);
      return (res.json() as { accessToken: string }).accessToken;
    },
    async close() {
      await app.close();
      await dropDatabase(database);
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
