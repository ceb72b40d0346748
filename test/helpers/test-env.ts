import { randomBytes } from 'node:crypto';

/** Where the tests find PostgreSQL and Redis; never the developer's own database or keys. */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** GET /metrics with `authorization: Bearer <this>` (see METRICS_TOKEN). */
export const TEST_METRICS_TOKEN = 'test-metrics-token-test-metrics-token-0123';

/** Set by global-setup: one id per `npm test` run, used in every database name and Redis prefix. */
export const runId = (): string => {
  const id = process.env.RONGRIAN_TEST_RUN;
  if (!id) throw new Error('RONGRIAN_TEST_RUN is not set: run the tests through jest (global-setup)');
  return id;
};

export const templateDatabase = (): string => `rongrian_test_${runId()}_template`;
export const uniqueSuffix = (): string => randomBytes(4).toString('hex');

export function databaseUrl(database: string): string {
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Environment for a test application: the defaults of a developer machine, isolated names, fast throttles. */
export function testEnvironment(database: string, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    APP_ROLE: 'all',
    DATABASE_URL: databaseUrl(database),
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `rongrian-test:${runId()}:${database}`,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    ADMIN_EMAIL: 'admin@test.local',
    ADMIN_PASSWORD: 'admin-password-for-tests',
    ORG_SLUG: 'demo',
    ORG_NAME: 'องค์การบริหารส่วนตำบลทดสอบ',
    LOG_LEVEL: 'silent',
    // many requests come from one test client; tests of the limits set their own
    RATE_LIMIT_PER_MINUTE: '10000',
    RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '10000',
    RATE_LIMIT_TRACKING_PER_MINUTE: '10000',
    LOGIN_SLOWDOWN_BASE_MS: '5',
    PUBLIC_BASE_URL: 'http://rongrian.test',
    RECEIPT_PEPPER: 'test-pepper-test-pepper-test-pepper-0123456789',
    IDENTITY_KEYS: `t1:${Buffer.alloc(32, 7).toString('base64')}`,
    INTEGRITY_RECEIPT_MIN_MS: '20',
    // custodians made by the helpers decide at once; the waiting period has its own test
    CUSTODIAN_WAITING_DAYS: '0',
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    ...overrides,
  };
}
