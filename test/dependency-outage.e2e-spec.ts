import { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, startRedis } from './helpers/private-redis';
import { createTestApp, TestApp } from './helpers/test-app';

async function until(check: () => Promise<boolean>, timeoutMs = 15000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await sleep(200);
  }
  return false;
}

describe('when Redis goes away while running', () => {
  let t: TestApp;
  let redis: ChildProcess;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    t = await createTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await t.close();
    redis.kill('SIGKILL');
  });

  const ready = async () => (await t.request({ method: 'GET', url: '/health/ready' })).statusCode;

  it('reports not ready, answers 503 where Redis is needed, and recovers by itself', async () => {
    expect(await ready()).toBe(200);

    redis.kill('SIGKILL');
    expect(await until(async () => (await ready()) === 503)).toBe(true);
    const body = (await t.request({ method: 'GET', url: '/health/ready' })).json();
    expect(body.details.redis.status).toBe('down');
    expect(body.details.postgres.status).toBe('up');

    // sign-in keeps its failure counters in Redis
    const login = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: t.config.admin.email, password: t.config.admin.password },
    });
    expect(login.statusCode).toBe(503);
    expect(login.json().code).toBe('SERVICE_UNAVAILABLE');

    redis = await startRedis(port);
    expect(await until(async () => (await ready()) === 200)).toBe(true);
    const again = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: t.config.admin.email, password: t.config.admin.password },
    });
    expect(again.statusCode).toBe(200);
  });
});
