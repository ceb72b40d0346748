import Redis from 'ioredis';
import { Clock } from '../src/common/clock/clock';
import { minimalReport, openSession, REPORTER_MESSAGES_URL, submit } from './helpers/integrity';
import { Role } from '../src/users/roles';
import { createOfficer } from './helpers/officers';
import { bearer, createTestApp, TestApp } from './helpers/test-app';
import { TEST_METRICS_TOKEN, TEST_REDIS_URL } from './helpers/test-env';

const bangkok = (local: string) => new Date(`${local}+07:00`);
const STATS = '/api/v1/orgs/demo/statistics/integrity-reports?fiscalYear=2569';
const HOUR_MS = 3_600_000;

/** Every key of the app with its absolute expiry in ms (-1: none) and, for strings, its value. */
async function redisSnapshot(prefix: string): Promise<Map<string, { expiresAt: number; value: string }>> {
  const redis = new Redis(TEST_REDIS_URL);
  const keys = new Map<string, { expiresAt: number; value: string }>();
  try {
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      for (const key of found) {
        const type = await redis.type(key);
        const value = type === 'string' ? ((await redis.get(key)) ?? '') : `(${type})`;
        keys.set(key, { expiresAt: Number(await redis.call('PEXPIRETIME', key)), value });
      }
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return keys;
}

describe('issue 12 item 5: nothing tells within the hour when an integrity report was sent', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    // integrity reports are refused while nobody can receive them (NO_INTEGRITY_OFFICER)
    await createOfficer(t, await t.login(), [Role.IntegrityOfficer]);
  });
  afterAll(() => t.close());

  it('public integrity figures count reports only up to the end of the previous Bangkok day', async () => {
    const clock = t.app.get(Clock);
    try {
      clock.freeze(bangkok('2026-03-10T09:00:00'));
      await submit(t, minimalReport(), {}, '198.51.100.61');
      const sameDay = await t.request({ method: 'GET', url: STATS });
      expect(sameDay.statusCode).toBe(200);
      expect(sameDay.json()).toMatchObject({ countedThrough: '2026-03-09', figures: { received: 0 } });
      // polling through the day shows nothing, up to its last second
      clock.freeze(bangkok('2026-03-10T23:59:59'));
      expect((await t.request({ method: 'GET', url: STATS })).json().figures.received).toBe(0);
      clock.freeze(bangkok('2026-03-11T00:00:00'));
      const nextDay = (await t.request({ method: 'GET', url: STATS })).json();
      expect(nextDay).toMatchObject({ countedThrough: '2026-03-10', figures: { received: 1 } });
      expect(nextDay.definitions.countedThrough.th).toContain('สิ้นวันก่อนหน้า');
      // a period that ended long ago is counted to its last day
      const past = await t.request({ method: 'GET', url: `${STATS}&month=2026-02` });
      expect(past.json().countedThrough).toBe('2026-02-28');
    } finally {
      clock.reset();
    }
  });

  it('Redis keys made by a submission, a sign-in and a follow-up expire on an hour boundary and hold no time', async () => {
    const prefix = t.config.redis.prefix;
    const before = await redisSnapshot(prefix);
    const from = Date.now();
    const client = '198.51.100.62';
    const receipt = await submit(t, minimalReport(), {}, client);
    const wrong = receipt.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    expect(
      (
        await t.request({
          method: 'POST',
          url: `/api/v1/orgs/demo/integrity-reports/session`,
          payload: { receipt: wrong },
          remoteAddress: client,
        })
      ).statusCode,
    ).toBe(401);
    const token = await openSession(t, receipt, {}, client);
    const added = await t.request({
      method: 'POST',
      url: REPORTER_MESSAGES_URL,
      headers: bearer(token),
      payload: { body: 'ข้อมูลเพิ่มเติม' },
      remoteAddress: client,
    });
    expect(added.statusCode).toBe(201);
    const to = Date.now();

    const after = await redisSnapshot(prefix);
    // BullMQ's own keys (locks, stalled checks of the worker's recurring jobs) come and go with their
    // own expiries; that no job about the report is written at a submission is the anonymity test's
    const changed = [...after].filter(([key, v]) => {
      const old = before.get(key);
      return (
        !key.startsWith(`${prefix}:bull:`) && (!old || old.expiresAt !== v.expiresAt || old.value !== v.value)
      );
    });
    // the throttles and the session were written (the check below is not vacuous)
    const names = changed.map(([key]) => key.slice(prefix.length + 1).replace(/:[^:]+$/, ':…'));
    expect(names).toEqual(
      expect.arrayContaining([
        'integrity:submissions:…',
        'integrity:receipt-attempts:…',
        'integrity:receipt-failures:…',
        'integrity:reporter-session:…',
      ]),
    );
    for (const [key, { expiresAt, value }] of changed) {
      if (expiresAt >= 0) expect({ key, offHour: expiresAt % HOUR_MS }).toEqual({ key, offHour: 0 });
      // no instant of the requests, in milliseconds or seconds, in any value written
      for (const n of value.match(/\d{10,13}/g) ?? []) {
        const ms = n.length === 13 ? Number(n) : Number(n) * 1000;
        expect({ key, dated: ms >= from - 1000 && ms <= to + 1000 }).toEqual({ key, dated: false });
      }
    }
    // no per-minute limiter key (expiring a minute after the request) was written for the reporter
    expect(changed.filter(([key]) => key.includes('rate-limit'))).toEqual([]);
    // the session still lasts at least INTEGRITY_SESSION_TTL_SECONDS
    const session = changed.find(([key]) => key.includes('integrity:reporter-session:'))!;
    expect(session[1].expiresAt).toBeGreaterThanOrEqual(from + t.config.integrity.sessionTtlSeconds * 1000);
    expect(session[1].expiresAt).toBeLessThanOrEqual(
      to + t.config.integrity.sessionTtlSeconds * 1000 + HOUR_MS,
    );
  });

  it('/metrics answers only with METRICS_TOKEN, and is not served at all without one', async () => {
    for (const headers of [{}, bearer('guess'), bearer(`${TEST_METRICS_TOKEN}x`)]) {
      const res = await t.request({ method: 'GET', url: '/metrics', headers });
      expect(res.statusCode).toBe(401);
      expect(res.body).not.toContain('rongrian_mail');
    }
    const allowed = await t.request({ method: 'GET', url: '/metrics', headers: bearer(TEST_METRICS_TOKEN) });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.body).toContain('rongrian_mail_messages');

    const unset = await createTestApp({ METRICS_TOKEN: '' });
    try {
      for (const headers of [{}, bearer(TEST_METRICS_TOKEN)]) {
        const res = await unset.request({ method: 'GET', url: '/metrics', headers });
        expect(res.statusCode).toBe(404);
        expect(res.body).not.toContain('rongrian_mail');
      }
    } finally {
      await unset.close();
    }
  });
});
