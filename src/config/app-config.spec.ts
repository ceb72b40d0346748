import { ConfigurationError, loadConfig } from './app-config';

const valid = { JWT_SECRET: 'x'.repeat(40) };

describe('loadConfig', () => {
  it('gives developer-machine defaults when nothing is set', () => {
    const config = loadConfig({ ...valid });
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/rongrian');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.app.port).toBe(3000);
    expect(config.app.role).toBe('all');
    expect(config.app.timeZone).toBe('Asia/Bangkok');
    expect(config.database.migrateOnStart).toBe(true);
  });

  it('converts numbers, booleans and lists', () => {
    const config = loadConfig({
      ...valid,
      PORT: '8080',
      DATABASE_MIGRATE_ON_START: 'false',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      APP_ROLE: 'worker',
      PUBLIC_BASE_URL: 'https://rongrian.example.go.th/',
    });
    expect(config.app.port).toBe(8080);
    expect(config.database.migrateOnStart).toBe(false);
    expect(config.app.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.app.role).toBe('worker');
    expect(config.app.publicBaseUrl).toBe('https://rongrian.example.go.th');
  });

  it.each([
    ['PORT', 'abc', /^PORT must not be greater than 65535|PORT .*integer/],
    ['PORT', '70000', /PORT must not be greater than 65535/],
    ['APP_ROLE', 'web', /APP_ROLE must be one of the following values: api, worker, all/],
    ['DATABASE_URL', 'mysql://x/y', /DATABASE_URL must be a postgres:\/\/ URL/],
    ['REDIS_URL', 'localhost:6379', /REDIS_URL must be a redis:\/\/ URL/],
    ['DATABASE_MIGRATE_ON_START', 'maybe', /DATABASE_MIGRATE_ON_START must be a boolean/],
    ['ADMIN_EMAIL', 'not-an-email', /ADMIN_EMAIL must be an e-mail address/],
    ['ADMIN_PASSWORD', 'short', /ADMIN_PASSWORD must be at least 12 characters/],
    ['JWT_SECRET', 'short', /JWT_SECRET must be at least 32 characters/],
    ['ORG_SLUG', 'Bad Slug', /ORG_SLUG must be lowercase/],
    ['SMTP_URL', 'http://mail', /SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/],
    ['BUSINESS_TIME_ZONE', 'Mars/Olympus', /BUSINESS_TIME_ZONE must be an IANA time zone/],
  ])('rejects %s=%s naming the variable', (name, value, expected) => {
    let error: unknown;
    try {
      loadConfig({ ...valid, [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(expected);
    expect((error as Error).message).not.toContain('\n');
  });

  it('never echoes a secret it rejects', () => {
    expect(() => loadConfig({ JWT_SECRET: 'my-short-secret' })).toThrow(/JWT_SECRET .*\(got "\*\*\*"\)/);
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET must be set in production/);
  });
});
