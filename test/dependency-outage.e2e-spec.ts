import { ChildProcess } from 'node:child_process';
import { freePort, startRedis } from './helpers/private-redis';
import { createTestApp, TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

describe('when Redis goes away while running', () => {
  let t: TestApp;
  let redis: ChildProcess;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    t = await createTestApp({ REDIS_URL: `redis://127.0.0.1:${port}`, RATE_LIMIT_TRACKING_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await t.close();
    redis.kill('SIGKILL');
  });

  const ready = async () => {
    const res = await t.request({ method: 'GET', url: '/health/ready' });
    return { statusCode: res.statusCode, body: res.json() };
  };
  const login = () =>
    t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: t.config.admin.email, password: t.config.admin.password },
    });

  it('stays ready for intake (degraded), limits rates per process, answers 503 where Redis is needed, and recovers', async () => {
    expect(await ready()).toMatchObject({ statusCode: 200, body: { status: 'ok', role: 'all' } });

    redis.kill('SIGKILL');
    const degraded = await waitFor('readiness to report Redis down', async () => {
      const r = await ready();
      return r.body.details?.redis?.status === 'down' && r;
    });
    // PostgreSQL is what intake needs: a load balancer keeps sending citizens here
    expect(degraded.statusCode).toBe(200);
    expect(degraded.body).toMatchObject({ status: 'degraded', details: { postgres: { status: 'up' } } });

    const filed = await t.request({
      method: 'POST',
      url: '/api/v1/orgs/demo/complaints',
      payload: { categoryCode: 'roads', subject: 'ถนนชำรุด', description: 'หลุมใหญ่หน้าโรงเรียน' },
    });
    expect(filed.statusCode).toBe(201);

    // the limits still apply, counted in this process while Redis is away
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.request({
        method: 'GET',
        url: '/api/v1/track/AAAA-BBBB-CCCC',
        remoteAddress: '192.0.2.5',
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([404, 404, 404, 429]);

    // sign-in keeps its failure counters in Redis: the documented 503, in the standard body
    const refused = await login();
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.json()).toEqual({
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      message: expect.any(String),
      messageTh: expect.any(String),
      requestId: refused.headers['x-request-id'],
    });

    redis = await startRedis(port);
    await waitFor('readiness to report Redis up', async () => (await ready()).body.status === 'ok');
    expect((await login()).statusCode).toBe(200);
  });
});
