import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import Redis from 'ioredis';
import { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppModule } from '../src/app.module';
import { Clock } from '../src/common/clock/clock';
import { loadConfig } from '../src/config/app-config';
import { addDays } from '../src/deadlines/day-counting';
import { DeadlineMilestonesService } from '../src/deadlines/deadline-milestones.service';
import {
  DeadlineScheduler,
  milestoneJobId,
  MilestoneJobData,
  SWEEPER_ID,
} from '../src/deadlines/deadline-scheduler.service';
import { DeadlineTracksRegistry } from '../src/deadlines/deadline-tracks.registry';
import { DeadlinesService } from '../src/deadlines/deadlines.service';
import { CaseDeadline } from '../src/deadlines/entities/case-deadline.entity';
import { QueueName } from '../src/infrastructure/queue/queue-names';
import { Role } from '../src/users/roles';
import { freePort, startRedis } from './helpers/private-redis';
import { RecordingTrackHandler } from './helpers/recording-track-handler';
import { bearer, createTestApp, TestApp } from './helpers/test-app';
import { testEnvironment } from './helpers/test-env';

/** An instant given as Bangkok wall time. */
const bkk = (local: string) => new Date(`${local}+07:00`);

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 15000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error('condition not reached in time');
}

/** The engine's pieces in a test application, with a recording track for both tracks. */
function engineOf(t: TestApp) {
  const handler = new RecordingTrackHandler();
  const registry = t.app.get(DeadlineTracksRegistry);
  const restore = [registry.override('complaint', handler), registry.override('integrity_report', handler)];
  const deadlines = t.app.get(DeadlinesService);
  const scheduler = t.app.get(DeadlineScheduler);
  const clock = t.app.get(Clock);
  let organizationId = '';
  return {
    handler,
    deadlines,
    scheduler,
    clock,
    queue: scheduler.queue,
    milestones: t.app.get(DeadlineMilestonesService),
    restore: () => restore.forEach((r) => r()),
    /** starts the clock of a new case (committed) and schedules its jobs */
    async start(receivedAt: Date, caseId: string = randomUUID()): Promise<string> {
      if (!organizationId)
        [{ id: organizationId }] = await t.db.query(`SELECT id FROM organizations WHERE slug = 'demo'`);
      await t.db.transaction((tx) =>
        deadlines.startClock(tx, { track: 'complaint', caseId, organizationId, receivedAt }),
      );
      await deadlines.reschedule('complaint', caseId);
      return caseId;
    },
    /** the case's timer in Redis (its next milestone), or null */
    timerOf: (caseId: string) => scheduler.timerOf('complaint', caseId),
    /** the case's milestone jobs (fired timers) still to run */
    async jobsOf(caseId: string): Promise<Job<MilestoneJobData>[]> {
      const jobs = await scheduler.queue.getJobs(['delayed', 'waiting', 'active', 'prioritized']);
      return jobs.filter((j) => j?.name === 'milestone' && j.data.caseId === caseId);
    },
  };
}

describe('deadline jobs with the real worker', () => {
  let t: TestApp;
  let e: ReturnType<typeof engineOf>;
  let events: QueueEvents;

  beforeAll(async () => {
    t = await createTestApp(); // APP_ROLE=all: the DeadlinesProcessor consumes the queue
    e = engineOf(t);
    await e.scheduler.reconciliation;
    events = new QueueEvents(QueueName.Deadlines, {
      connection: { url: t.config.redis.url, maxRetriesPerRequest: null },
      prefix: `${t.config.redis.prefix}:bull`,
    });
    await events.waitUntilReady();
  });
  afterAll(async () => {
    await events.close();
    e.restore();
    await t.close();
  });
  afterEach(() => e.clock.reset());

  /** the return value of a job when it completes (it is removed then, so QueueEvents tells) */
  const completedWith = (jobId: string) =>
    new Promise<unknown>((resolve) => {
      const listener = ({ jobId: id, returnvalue }: { jobId: string; returnvalue: unknown }) => {
        if (id !== jobId) return;
        events.off('completed', listener);
        resolve(typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue);
      };
      events.on('completed', listener);
    });

  it('a timer fires at its time (the clock is 2 s before the due milestone), then moves to the next', async () => {
    // received Friday 10 April 2026, due Monday 27 April: overdue from 00:00 on the 28th (Bangkok)
    e.clock.advance(bkk('2026-04-28T00:00:00').getTime() - 2000 - Date.now());
    const dueAt = bkk('2026-04-28T00:00:00');
    const caseId = randomUUID();
    const completed = completedWith(milestoneJobId('complaint', caseId, dueAt));
    await e.start(bkk('2026-04-10T10:00:00'), caseId);
    // one timer per case: its next milestone (the reminders' time had passed)
    expect(await e.timerOf(caseId)).toEqual(dueAt);
    expect(e.handler.of(caseId)).toEqual([]);

    // the timer's job handled the milestone (not the sweeper): its result says so
    expect(await completed).toEqual({ handled: 1, notified: 1 });
    expect(e.handler.of(caseId)).toEqual([
      expect.objectContaining({ milestone: 'due', dueDate: '2026-04-27' }),
    ]);
    expect(await e.jobsOf(caseId)).toEqual([]); // done jobs are removed
    const row = await t.db.getRepository(CaseDeadline).findOneByOrFail({ caseId });
    expect(row.overdueSince).toEqual(dueAt);
    expect(row.nextMilestoneAt).toEqual(bkk('2026-05-13T00:00:00'));
    await until(async () => (await e.timerOf(caseId))?.getTime() === row.nextMilestoneAt!.getTime());
  });

  it('a timer the clock passed fires at the next tick', async () => {
    e.clock.freeze(bkk('2026-04-20T10:00:00'));
    const caseId = await e.start(bkk('2026-04-10T10:00:00'));
    expect(await e.timerOf(caseId)).toEqual(bkk('2026-04-22T00:00:00'));
    e.clock.freeze(bkk('2026-04-22T09:00:00'));
    await until(() => e.handler.of(caseId).length > 0);
    expect(e.handler.of(caseId)).toEqual([
      expect.objectContaining({ milestone: 'reminder', workingDaysLeft: 3, dueDate: '2026-04-27' }),
    ]);
    await until(async () => (await e.timerOf(caseId))?.getTime() === bkk('2026-04-24T00:00:00').getTime());
  });

  it('rescheduling moves the timer; a result removes it', async () => {
    e.clock.freeze(bkk('2026-04-20T10:00:00'));
    const caseId = await e.start(bkk('2026-04-10T10:00:00'));
    expect(await e.timerOf(caseId)).toEqual(bkk('2026-04-22T00:00:00')); // the first reminder

    const [{ id: organizationId }] = await t.db.query(`SELECT id FROM organizations WHERE slug = 'demo'`);
    const actor = {
      userId: randomUUID(),
      organizationId,
      unitId: null,
      roles: [Role.Officer],
      requestId: 't',
    };
    await t.db.transaction((tx) =>
      e.deadlines.extend(tx, actor, 'complaint', caseId, { newDueDate: '2026-05-07', reason: 'รอผลตรวจ' }),
    );
    await e.deadlines.reschedule('complaint', caseId);
    expect(await e.timerOf(caseId)).toEqual(bkk('2026-05-01T00:00:00')); // 4 May is Coronation Day
    const row = await t.db.getRepository(CaseDeadline).findOneByOrFail({ caseId });
    expect(row.nextMilestoneAt).toEqual(bkk('2026-05-01T00:00:00'));

    await t.db.transaction((tx) => e.deadlines.recordResult(tx, 'complaint', caseId, e.clock.now()));
    await e.deadlines.reschedule('complaint', caseId);
    expect(await e.timerOf(caseId)).toBeNull();
  });

  it('a holiday change moves the timers of the cases it moves', async () => {
    e.clock.freeze(bkk('2026-04-25T10:00:00')); // after the reminders: the next milestone is the due one
    const caseId = await e.start(bkk('2026-04-10T10:00:00'));
    const timer = async () => (await e.timerOf(caseId))?.toISOString();
    expect(await timer()).toBe(bkk('2026-04-28T00:00:00').toISOString());
    const token = await t.login();
    const added = await t.request({
      method: 'POST',
      url: '/api/v1/holidays',
      headers: bearer(token),
      payload: { date: '2026-04-27', nameTh: 'วันหยุดท้องถิ่น' },
    });
    expect(added.statusCode).toBe(201);
    await until(async () => (await timer()) === bkk('2026-04-29T00:00:00').toISOString());
    await t.request({
      method: 'DELETE',
      url: `/api/v1/holidays/${added.json().holiday.id}`,
      headers: bearer(token),
    });
    await until(async () => (await timer()) === bkk('2026-04-28T00:00:00').toISOString());
    expect(e.handler.of(caseId)).toEqual([]);
  });

  it('one member per running case in one sorted set: a reconciliation sets it again, never twice', async () => {
    e.clock.freeze(bkk('2026-04-20T10:00:00'));
    const caseId = await e.start(bkk('2026-04-10T10:00:00'));
    const redis = new Redis(t.config.redis.url);
    try {
      const members = await redis.zrange(e.scheduler.timersKey, 0, -1);
      expect(members.filter((m) => m.endsWith(caseId))).toEqual([`complaint.${caseId}`]);
      const report = await e.scheduler.reconcile();
      expect(report.cases).toBeGreaterThanOrEqual(1);
      expect(report.timers).toBeLessThanOrEqual(report.cases);
      const again = await redis.zrange(e.scheduler.timersKey, 0, -1);
      expect(again.filter((m) => m.endsWith(caseId))).toEqual([`complaint.${caseId}`]);
      expect(await e.timerOf(caseId)).toEqual(bkk('2026-04-22T00:00:00'));
      // under the queue's prefix: with a hash-tagged prefix, in the queue's slot on a Redis Cluster
      expect(e.scheduler.timersKey).toBe(`${t.config.redis.prefix}:bull:deadlines:timers`);
    } finally {
      redis.disconnect();
    }
  });

  it('the worker start upserted the sweeper (every 5 minutes)', async () => {
    const schedulers = await e.queue.getJobSchedulers();
    expect(schedulers).toEqual([expect.objectContaining({ key: SWEEPER_ID, every: 300000, name: 'sweep' })]);
  });

  it('a complaint is filed without timers; the next sweeper pass sets them, once', async () => {
    const filed = await t.request({
      method: 'POST',
      url: '/api/v1/orgs/demo/complaints',
      payload: { categoryCode: 'street_lighting', subject: 'ไฟดับ', description: 'ไฟถนนดับสามคืนแล้ว' },
    });
    expect(filed.statusCode).toBe(201);
    const { referenceNo, dueDate } = filed.json() as { referenceNo: string; dueDate: string };
    const [{ id: caseId }] = await t.db.query(`SELECT id FROM complaints WHERE reference_no = $1`, [
      referenceNo,
    ]);
    const row = () => t.db.getRepository(CaseDeadline).findOneByOrFail({ caseId });
    expect(await e.timerOf(caseId)).toBeNull();
    expect((await row()).timersSet).toBe(false);

    const sweepId = `test-sweep-${randomUUID()}`;
    const completed = completedWith(sweepId);
    await (e.queue as Queue).add('sweep', {}, { jobId: sweepId });
    const result = (await completed) as { armed: { cases: number; timers: number } };
    expect(result.armed.cases).toBeGreaterThanOrEqual(1);
    // the first reminder, before the case is overdue from 00:00 (Bangkok) after the due date it was told
    const timer = (await e.timerOf(caseId))!;
    expect(timer).toEqual((await row()).nextMilestoneAt);
    expect(timer.getTime()).toBeGreaterThan(Date.now());
    expect(timer.getTime()).toBeLessThan(bkk(`${addDays(dueDate, 1)}T00:00:00`).getTime());
    expect((await row()).timersSet).toBe(true);

    expect(await e.scheduler.armNewClocks()).toEqual(expect.objectContaining({ cases: 0, timers: 0 }));
    expect(await e.timerOf(caseId)).toEqual(timer);
  });
});

describe('a worker that dies in the middle of a job', () => {
  let t: TestApp;
  let e: ReturnType<typeof engineOf>;
  let connection: { url: string; maxRetriesPerRequest: null };
  let prefix: string;

  beforeAll(async () => {
    t = await createTestApp({ APP_ROLE: 'api' }); // no processor: the workers below are the only ones
    e = engineOf(t);
    connection = { url: t.config.redis.url, maxRetriesPerRequest: null };
    prefix = `${t.config.redis.prefix}:bull`;
  });
  afterAll(async () => {
    e.restore();
    await t.close();
  });

  /** a case whose due date passed: its timer fired, its job waits to run now */
  const overdueCase = async () => {
    e.clock.freeze(bkk('2026-04-28T10:00:00'));
    const caseId = await e.start(bkk('2026-04-10T10:00:00'));
    expect(await e.scheduler.fireDue()).toBeGreaterThanOrEqual(1);
    const [due] = await e.jobsOf(caseId);
    expect(await due.getState()).toBe('waiting');
    expect(due.id).toBe(milestoneJobId('complaint', caseId, bkk('2026-04-28T00:00:00')));
    return { caseId, jobId: due.id! };
  };

  it('workers ticking at once: each due timer fires once; fired again, its job is not added twice', async () => {
    e.clock.freeze(bkk('2026-04-28T10:00:00'));
    const cases = [];
    for (let i = 0; i < 20; i++) cases.push(await e.start(bkk('2026-04-10T10:00:00')));
    const fired = await Promise.all([e.scheduler.fireDue(), e.scheduler.fireDue(), e.scheduler.fireDue()]);
    expect(fired.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(20);
    for (const caseId of cases) {
      expect(await e.timerOf(caseId)).toBeNull();
      expect(await e.jobsOf(caseId)).toHaveLength(1);
    }
    // the reconciliation puts the (still unhandled) timers back; firing them again adds no second job
    await e.scheduler.reconcile();
    expect(await e.timerOf(cases[0])).toEqual(bkk('2026-04-28T00:00:00'));
    await e.scheduler.fireDue();
    for (const caseId of cases) expect(await e.jobsOf(caseId)).toHaveLength(1);
    await e.queue.drain(true);
  });

  it('crashing after the transaction committed: the retry does not notify again', async () => {
    const { caseId, jobId } = await overdueCase();
    const runs: number[] = [];
    const worker = new Worker<MilestoneJobData>(
      QueueName.Deadlines,
      async (job) => {
        if (job.id !== jobId) return null;
        runs.push(job.attemptsMade);
        const result = await e.milestones.processCase(job.data.track, job.data.caseId);
        if (job.attemptsMade === 0) throw new Error('worker died after the commit');
        return result;
      },
      { connection, prefix, stalledInterval: 300 },
    );
    try {
      await until(async () => (await e.queue.getJob(jobId))?.attemptsMade === 1);
      expect(e.handler.of(caseId)).toHaveLength(1);
      const retry = (await e.queue.getJob(jobId))!;
      expect(await retry.getState()).toBe('delayed'); // backoff before the retry
      await retry.promote();
      await until(async () => runs.length === 2 && !(await e.queue.getJob(jobId)));
    } finally {
      await worker.close();
    }
    expect(runs).toEqual([0, 1]);
    expect(e.handler.of(caseId).map((c) => c.milestone)).toEqual(['due']);
  });

  it('a worker stopped mid-job: the stalled job is taken over without a second notification', async () => {
    const { caseId, jobId } = await overdueCase();
    let committed!: () => void;
    const inTheMiddle = new Promise<void>((resolve) => (committed = resolve));
    const dying = new Worker<MilestoneJobData>(
      QueueName.Deadlines,
      async (job) => {
        if (job.id !== jobId) return null;
        await e.milestones.processCase(job.data.track, job.data.caseId);
        committed();
        return new Promise(() => undefined); // never finishes: the process is gone from here on
      },
      // every worker of a fleet checks for stalled jobs at the same interval (the check is shared)
      { connection, prefix, lockDuration: 1000, stalledInterval: 300 },
    );
    await inTheMiddle;
    // like SIGKILL as far as Redis can tell: no completion, no lock renewal, the job stays active
    await dying.close(true);
    expect(await (await e.queue.getJob(jobId))!.getState()).toBe('active');
    expect(e.handler.of(caseId)).toHaveLength(1);

    const taken: number[] = [];
    const survivor = new Worker<MilestoneJobData>(
      QueueName.Deadlines,
      async (job) => {
        if (job.id !== jobId) return null;
        const result = await e.milestones.processCase(job.data.track, job.data.caseId);
        taken.push(result.notified);
        return result;
      },
      { connection, prefix, lockDuration: 1000, stalledInterval: 300 },
    );
    try {
      await until(async () => taken.length === 1 && !(await e.queue.getJob(jobId)), 20000);
    } finally {
      await survivor.close();
    }
    expect(taken).toEqual([0]);
    expect(e.handler.of(caseId).map((c) => c.milestone)).toEqual(['due']);
  });
});

/** On a private Redis server: FLUSHALL and stopping it touch nobody else's keys. */
describe('losing Redis loses no deadline', () => {
  let t: TestApp;
  let e: ReturnType<typeof engineOf>;
  let port: number;
  let redis: ChildProcess;
  let admin: Redis;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    admin = new Redis({ port });
    t = await createTestApp({ APP_ROLE: 'api', REDIS_URL: `redis://127.0.0.1:${port}` });
    e = engineOf(t);
    // the mail queue (not ours) has no 'error' listener: BullMQ would print every reconnection failure
    t.app.get<Queue>(getQueueToken(QueueName.Mail)).on('error', () => undefined);
  });
  afterAll(async () => {
    e.restore();
    await t.close();
    admin.disconnect();
    redis.kill('SIGKILL');
  });

  it('after FLUSHALL, a worker start recreates every pending job from the database', async () => {
    const now = new Date();
    const running = [await e.start(now), await e.start(now), await e.start(now)];
    const closed = await e.start(now);
    const paused = await e.start(now);
    await t.db.transaction(async (tx) => {
      await e.deadlines.recordResult(tx, 'complaint', closed, now);
      await e.deadlines.pause(tx, 'complaint', paused, now);
    });
    await e.deadlines.reschedule('complaint', closed);
    await e.deadlines.reschedule('complaint', paused);
    const timers = async (ids: string[]) =>
      new Map(await Promise.all(ids.map(async (id) => [id, (await e.timerOf(id))?.getTime()] as const)));
    const expected = await timers(running);
    expect([...expected.values()].every((at) => at! > Date.now())).toBe(true);
    expect(await timers([closed, paused])).toEqual(
      new Map([
        [closed, undefined],
        [paused, undefined],
      ]),
    );

    await admin.flushall();
    expect(await e.scheduler.timerCount()).toBe(0);

    const config = loadConfig(
      testEnvironment(t.database, { APP_ROLE: 'worker', REDIS_URL: `redis://127.0.0.1:${port}` }),
    );
    const worker: INestApplicationContext = await NestFactory.createApplicationContext(
      AppModule.forRoot(config),
      {
        logger: false,
      },
    );
    try {
      await worker.init();
      const report = await worker.get(DeadlineScheduler).reconciliation;
      expect(report).toMatchObject({ cases: 3, timers: 3 });
      expect(await e.scheduler.timerCount()).toBe(3);
      expect(await timers(running)).toEqual(expected);
      expect((await e.queue.getJobSchedulers()).map((s) => s.key)).toEqual([SWEEPER_ID]);
    } finally {
      await worker.close();
    }
  });

  it('with Redis down, rescheduling neither throws nor hangs; the database keeps the deadline', async () => {
    redis.kill('SIGKILL');
    try {
      const started = Date.now();
      const caseId = await e.start(new Date()); // startClock commits, reschedule gives up with a warning
      expect(Date.now() - started).toBeLessThan(10000);
      expect(await e.deadlines.get('complaint', caseId)).toMatchObject({ state: 'on_track' });
    } finally {
      redis = await startRedis(port);
    }
  });
});
