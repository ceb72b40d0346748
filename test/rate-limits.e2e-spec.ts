import { createTestApp, TestApp } from './helpers/test-app';

describe('per-route rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      RATE_LIMIT_TRACKING_PER_MINUTE: '3',
      RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '2',
    });
  });
  afterAll(() => t.close());

  it('tracking look-ups are limited per client, with Retry-After and the standard body', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await t.request({ method: 'GET', url: '/api/v1/track/AAAA-BBBB-CCCC' })).statusCode);
    }
    expect(statuses).toEqual([404, 404, 404, 429]);
    const limited = await t.request({ method: 'GET', url: '/api/v1/track/AAAA-BBBB-CCCC' });
    expect(limited.json()).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // the wait is in the body too, for pages that do not read headers
    expect(limited.json().details.retryAfterSeconds).toBe(Number(limited.headers['retry-after']));
    // another client is not affected
    const other = await t.request({
      method: 'GET',
      url: '/api/v1/track/AAAA-BBBB-CCCC',
      remoteAddress: '192.0.2.77',
    });
    expect(other.statusCode).toBe(404);
  });

  it('public submissions are limited per client', async () => {
    const body = { categoryCode: 'roads', subject: 'ถนน', description: 'หลุม' };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (
          await t.request({
            method: 'POST',
            url: '/api/v1/orgs/demo/complaints',
            payload: body,
            remoteAddress: '192.0.2.10',
          })
        ).statusCode,
      );
    }
    expect(statuses).toEqual([201, 201, 429]);
    const limited = await t.request({
      method: 'POST',
      url: '/api/v1/orgs/demo/complaints',
      payload: body,
      remoteAddress: '192.0.2.10',
    });
    expect(limited.json().details.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.headers['retry-after']).toBe(String(limited.json().details.retryAfterSeconds));
  });

  it('the account-link routes are limited like tracking (inspect) and sign-in (complete)', async () => {
    const token = 'x'.repeat(43);
    const inspect: number[] = [];
    for (let i = 0; i < 4; i++) {
      inspect.push(
        (
          await t.request({
            method: 'POST',
            url: '/api/v1/auth/account-links/inspect',
            payload: { token },
            remoteAddress: '192.0.2.20',
          })
        ).statusCode,
      );
    }
    expect(inspect).toEqual([404, 404, 404, 429]);
    const complete = await t.request({
      method: 'POST',
      url: '/api/v1/auth/account-links/complete',
      payload: { token, password: 'long-enough-password' },
      remoteAddress: '192.0.2.21',
    });
    expect(complete.json().code).toBe('ACCOUNT_LINK_INVALID');
    expect(Number(complete.headers['x-ratelimit-limit'])).toBe(t.config.app.routeLimits.signIn);
  });
});
