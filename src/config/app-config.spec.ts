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
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET.* must be set in production/);
  });

  it.each([['{rongrian}'], ['{rongrian}:site-a'], ['rongrian']])(
    'REDIS_PREFIX %s (a hash tag for Redis Cluster)',
    (prefix) => {
      expect(loadConfig({ ...valid, REDIS_PREFIX: prefix }).redis.prefix).toBe(prefix);
    },
  );

  it('names every missing production secret in one line', () => {
    const error = (() => {
      try {
        loadConfig({ NODE_ENV: 'production' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message.split('\n')).toHaveLength(1);
    expect(error?.message).toMatch(
      /^Invalid configuration: JWT_SECRET, RECEIPT_PEPPER, IDENTITY_KEYS must be set in production/,
    );
  });

  it.each([
    [{}, 'http://localhost:3000'],
    [{ PORT: '8080' }, 'http://localhost:8080'],
    [{ PORT: '8080', PUBLIC_BASE_URL: '' }, 'http://localhost:8080'],
    [{ PORT: '8080', PUBLIC_BASE_URL: 'https://x.example/' }, 'https://x.example'],
  ])('links start at PUBLIC_BASE_URL, by default the local PORT (%#)', (env, expected) => {
    expect(loadConfig({ ...valid, ...env }).app.publicBaseUrl).toBe(expected);
  });

  describe('integrity-report secrets', () => {
    const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');
    const production = { ...valid, NODE_ENV: 'production', RECEIPT_PEPPER: 'p'.repeat(40) };

    it.each([
      [
        { ...valid, NODE_ENV: 'production', IDENTITY_KEYS: `k1:${key(1)}` },
        /RECEIPT_PEPPER must be set in production/,
      ],
      [production, /IDENTITY_KEYS must be set in production/],
    ])('refuses to start in production without them (%#)', (env, expected) => {
      expect(() => loadConfig(env)).toThrow(expected);
    });

    it('reads a key ring; the current key defaults to the last one listed', () => {
      const config = loadConfig({ ...production, IDENTITY_KEYS: `k1:${key(1)},k2:${key(2)}` });
      expect(Object.keys(config.integrity.identityKeys)).toEqual(['k1', 'k2']);
      expect(config.integrity.identityKeys.k2).toEqual(Buffer.alloc(32, 2));
      expect(config.integrity.identityKeyCurrent).toBe('k2');
      expect(config.integrity.receiptPepper).toBe('p'.repeat(40));
    });

    it('accepts base64url keys and an explicit current key', () => {
      const k = Buffer.alloc(32, 0xfb).toString('base64url');
      const config = loadConfig({
        ...production,
        IDENTITY_KEYS: `a:${k},b:${key(2)}`,
        IDENTITY_KEY_CURRENT: 'a',
      });
      expect(config.integrity.identityKeys.a).toEqual(Buffer.alloc(32, 0xfb));
      expect(config.integrity.identityKeyCurrent).toBe('a');
    });

    it.each([
      [{ IDENTITY_KEYS: `k1:${Buffer.alloc(31, 1).toString('base64')}` }, /key "k1" must decode to 32 bytes/],
      [{ IDENTITY_KEYS: `k1:${key(1)},k1:${key(2)}` }, /"k1" is listed twice/],
      [
        { IDENTITY_KEYS: `k1:${key(1)}`, IDENTITY_KEY_CURRENT: 'k9' },
        /IDENTITY_KEY_CURRENT must be one of the ids/,
      ],
      [{ IDENTITY_KEYS: 'not a key ring' }, /IDENTITY_KEYS must be a comma-separated list/],
      [{ RECEIPT_PEPPER: 'short' }, /RECEIPT_PEPPER must be at least 32 characters/],
    ])('rejects a bad key setting without echoing it (%#)', (env, expected) => {
      let message = '';
      try {
        loadConfig({ ...valid, ...env });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(expected);
      for (const v of Object.values(env).filter((v) => v.length > 8)) expect(message).not.toContain(v);
    });
  });
});
