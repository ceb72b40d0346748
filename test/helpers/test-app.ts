import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AppModuleOptions } from '../../src/app.module';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { createHttpApp } from '../../src/infrastructure/http/create-http-app';
import { ContractValidator } from './contract';
import { createDatabase, dropDatabase } from './databases';
import { runId, templateDatabase, testEnvironment, uniqueSuffix } from './test-env';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  db: DataSource;
  database: string;
  /**
   * light-my-request against the real application, no socket. Every answer is checked against the
   * application's OpenAPI document (status, content type, JSON schema): a response the document does
   * not describe fails the test.
   */
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
  const contract = await contractOf(app);
  const request = (async (opts: Parameters<NestFastifyApplication['inject']>[0]) => {
    const res = await app.inject(opts as never);
    const o = (typeof opts === 'string' ? { url: opts } : (opts ?? {})) as { method?: string; url?: unknown };
    const problems = contract.problems({
      method: o.method ?? 'GET',
      url: String(o.url ?? ''),
      statusCode: res.statusCode,
      headers: res.headers,
      body: res.body,
    });
    if (problems.length > 0)
      throw new Error(`The response breaks the OpenAPI document:\n${problems.join('\n')}`);
    return res;
  }) as NestFastifyApplication['inject'];
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

const contracts = new Map<string, ContractValidator>();

/** The validator of the document this application serves (one per distinct document and process). */
async function contractOf(app: NestFastifyApplication): Promise<ContractValidator> {
  const res = await app.inject({ method: 'GET', url: '/api/docs-json' });
  if (res.statusCode !== 200) throw new Error(`GET /api/docs-json answered ${res.statusCode}`);
  let contract = contracts.get(res.body);
  if (!contract) {
    contract = new ContractValidator(JSON.parse(res.body));
    contracts.set(res.body, contract);
  }
  return contract;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
