import { QueueEvents } from 'bullmq';
import Redis from 'ioredis';
import { ChildProcess } from 'node:child_process';
import { ComplaintsJob } from '../src/complaints/complaints-maintenance.processor';
import { DeadlineScheduler } from '../src/deadlines/deadline-scheduler.service';
import { QueueName } from '../src/infrastructure/queue/queue-names';
import { RECURRING_JOBS, RecurringJob, RecurringJobs } from '../src/infrastructure/queue/recurring-jobs';
import { captureLogs } from './helpers/log-capture';
import { freePort, startRedis } from './helpers/private-redis';
import { bearer, createTestApp, TestApp } from './helpers/test-app';
import { TEST_METRICS_TOKEN } from './helpers/test-env';
import { waitFor } from './helpers/wait';

/** A metric's value in the Prometheus text of /metrics (NaN when absent). */
async function metric(t: TestApp, name: string): Promise<number> {
  const res = await t.request({ method: 'GET', url: '/metrics', headers: bearer(TEST_METRICS_TOKEN) });
  expect(res.statusCode).toBe(200);
  const text = res.body;
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : NaN;
}

async function fileComplaints(t: TestApp, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/orgs/demo/complaints',
      payload: { categoryCode: 'roads', subject: `ถนนชำรุด ${i}`, description: 'หลุมใหญ่หน้าโรงเรียน' },
    });
    expect(res.statusCode).toBe(201);
  }
}

/** On a private Redis server that the test empties and kills under the running worker. */
describe('Redis losing its data under a running worker', () => {
  let t: TestApp;
  let redis: ChildProcess;
  let port: number;
  let admin: Redis;
  const logs = captureLogs();
  let declared: RecurringJob[];
  let recurring: RecurringJobs;
  let scheduler: DeadlineScheduler;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    admin = new Redis({ port });
    t = await createTestApp(
      { REDIS_URL: `redis://127.0.0.1:${port}`, LOG_LEVEL: 'info', SCHEDULES_CHECK_INTERVAL_MS: '300' },
      { logDestination: logs.destination },
    );
    declared = t.app.get<RecurringJob[]>(RECURRING_JOBS);
    recurring = t.app.get(RecurringJobs);
    scheduler = t.app.get(DeadlineScheduler);
    await recurring.installed();
    await scheduler.reconciliation;
  });
  afterAll(async () => {
    await t.close();
    admin.disconnect();
    redis.kill('SIGKILL');
  });

  const missingSchedules = async () => {
    const missing: string[] = [];
    for (const job of declared) {
      const found = await recurring.queue(job.queue).getJobScheduler(job.id);
      if (!found || found.name !== job.name) missing.push(job.id);
    }
    return missing;
  };

  /** the deadline timers in Redis: `track.caseId@time` (one per running case) */
  const timers = async () => {
    const flat = await admin.zrange(scheduler.timersKey, 0, -1, 'WITHSCORES');
    const out = new Set<string>();
    for (let i = 0; i < flat.length; i += 2) out.add(`${flat[i]}@${flat[i + 1]}`);
    return out;
  };

  it('declares the sweeper, mail dispatch, auto-close, the idempotency purge, the upload sweeper and the 08:30 digest, and every one is in Redis after start', async () => {
    expect(declared.map((j) => j.id).sort()).toEqual(
      [
        'auto-close',
        'daily-digest',
        'deadlines-sweeper',
        'mail-dispatch',
        'purge-idempotency',
        'sweep-abandoned-uploads',
      ].sort(),
    );
    expect(await missingSchedules()).toEqual([]);
    const digest = await recurring.queue(QueueName.Complaints).getJobScheduler('daily-digest');
    expect(digest).toMatchObject({
      pattern: '30 8 * * *',
      tz: 'Asia/Bangkok',
      name: ComplaintsJob.DailyDigest,
    });
    // its next run is at 08:30 in Bangkok
    const next = new Date(digest!.next!);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.toLocaleTimeString('en-GB', { timeZone: 'Asia/Bangkok', hour12: false })).toBe('08:30:00');
  });

  it('the scheduled digest job is handled by the worker (not only by a direct call)', async () => {
    const queue = recurring.queue(QueueName.Complaints);
    const events = new QueueEvents(QueueName.Complaints, {
      connection: { port, maxRetriesPerRequest: null },
      prefix: `${t.config.redis.prefix}:bull`,
    });
    await events.waitUntilReady();
    try {
      const job = (await queue.getDelayed()).find((j) => j.name === ComplaintsJob.DailyDigest)!;
      expect(job).toBeDefined();
      const done = new Promise<unknown>((resolve) =>
        events.on('completed', ({ jobId, returnvalue }) => {
          if (jobId === job.id) resolve(returnvalue);
        }),
      );
      await job.promote();
      expect(await done).toEqual({ written: expect.any(Number) });
      // the scheduler set up its next run
      expect(await missingSchedules()).toEqual([]);
    } finally {
      await events.close();
    }
  });

  it('after FLUSHALL: schedules and every open case timer are back without a restart, logged and counted', async () => {
    await fileComplaints(t, 3);
    await scheduler.armNewClocks();
    const before = await timers();
    expect(before.size).toBe(3); // 3 cases, one timer each (its next milestone)
    expect(await metric(t, 'rongrian_deadline_open_cases')).toBe(3);
    expect(await metric(t, 'rongrian_deadline_oldest_unarmed_seconds')).toBe(0);
    expect(await metric(t, 'rongrian_deadline_timers_rebuilt_total')).toBe(0);

    await admin.flushall();
    // no check of the schedules here: the worker's one-second timer poll notices the loss and starts healing
    // at once, racing such a read; the log line below proves that all of them were missing when it healed

    await waitFor('schedules and timers to be rebuilt', async () => {
      const now = await timers();
      return (await missingSchedules()).length === 0 && [...before].every((id) => now.has(id));
    });
    await waitFor('the rebuild to be logged', async () =>
      logs
        .messages()
        .some((m) => /Redis lost the deadline timers: 3 timers of 3 running cases rebuilt/.test(m)),
    );
    expect(
      logs
        .messages()
        .some((m) =>
          m.startsWith(
            `Redis lost its data: ${declared.length} of ${declared.length} recurring schedules were missing`,
          ),
        ),
    ).toBe(true);
    expect(await metric(t, 'rongrian_deadline_timers_rebuilt_total')).toBe(3);
    expect(await metric(t, 'rongrian_redis_data_losses_total')).toBe(1);
    expect(await metric(t, 'rongrian_deadline_timers_armed')).toBeGreaterThanOrEqual(3);
  });

  it('after a restart empty, with a case filed while Redis was down: all timers back, the new case armed', async () => {
    const before = await timers();
    redis.kill('SIGKILL');
    await waitFor(
      'Redis to be gone',
      async () => (await t.request({ method: 'GET', url: '/health/ready' })).json().status === 'degraded',
    );
    await fileComplaints(t, 1); // intake goes on: PostgreSQL only
    redis = await startRedis(port);
    await waitFor(
      'schedules and 4 timers to be back',
      async () => {
        const now = await timers();
        return (
          (await missingSchedules()).length === 0 && [...before].every((id) => now.has(id)) && now.size === 4
        );
      },
      30_000,
    );
    expect(await metric(t, 'rongrian_deadline_oldest_unarmed_seconds')).toBe(0);
    expect(await metric(t, 'rongrian_redis_data_losses_total')).toBe(2);
  });

  it('flushed between two reads of one check: every schedule back at once, the loss logged and counted once', async () => {
    const losses = await metric(t, 'rongrian_redis_data_losses_total');
    const allLost = () =>
      logs
        .messages()
        .filter((m) => m.startsWith(`Redis lost its data: ${declared.length} of ${declared.length}`)).length;
    const logged = allLost();
    // a check the worker's own timer began would not pass through the spy below: let it end first
    // (the next one cannot start before the spy is in place: no timer runs between these lines)
    await recurring.check();
    const [first] = declared;
    const queue = recurring.queue(first.queue);
    const read = queue.getJobScheduler.bind(queue);
    let flushed = false;
    // the real Redis, emptied right after the check has read the first schedule (as a failover would)
    const spy = jest.spyOn(queue, 'getJobScheduler').mockImplementation(async (id: string) => {
      const found = await read(id);
      if (id === first.id && !flushed) {
        flushed = true;
        await admin.flushall();
      }
      return found;
    });
    try {
      const reinstalled = await recurring.check();
      expect(flushed).toBe(true);
      expect(reinstalled.sort()).toEqual(declared.map((job) => job.id).sort());
    } finally {
      spy.mockRestore();
    }
    expect(await missingSchedules()).toEqual([]);
    // a few more checks (every 300 ms here) find nothing missing: the loss was one, counted once
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await metric(t, 'rongrian_redis_data_losses_total')).toBe(losses + 1);
    expect(allLost()).toBe(logged + 1);
  });
});
