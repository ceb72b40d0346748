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
    async start(receivedAt: Date): Promise<string> {
      if (!organizationId)
        [{ id: organizationId }] = await t.db.query(`SELECT id FROM organizations WHERE slug = 'demo'`);
      const caseId = randomUUID();
      await t.db.transaction((tx) =>
        deadlines.startClock(tx, { track: 'complaint', caseId, organizationId, receivedAt }),
      );
      await deadlines.reschedule('complaint', caseId);
      return caseId;
    },
    /** the case's jobs still to run, by key */
    async jobsOf(caseId: string): Promise<Map<string, Job<MilestoneJobData>>> {
      const jobs = await scheduler.queue.getJobs(['delayed', 'waiting', 'active', 'prioritized']);
      return new Map(jobs.filter((j) => j?.data.caseId === caseId).map((j) => [j.data.key, j]));
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

  it('a delayed job fires at its time (the clock is 2 s before the due milestone)', async () => {
    // received Friday 10 April 2026, due Monday 27 April: overdue from 00:00 on the 28th (Bangkok)
    e.clock.advance(bkk('2026-04-28T00:00:00').getTime() - 2000 - Date.now());
    const caseId = await e.start(bkk('2026-04-10T10:00:00'));
    const jobs = await e.jobsOf(caseId);
    const due = jobs.get('due')!;
    const completed = completedWith(due.id!);
    expect(due.id).toBe(`complaint.${caseId}.due`);
    expect(await due.getState()).toBe('delayed');
    expect(due.delay).toBeGreaterThan(0);
    expect(due.delay).toBeLessThanOrEqual(2000);
    expect([...jobs.keys()].sort()).toEqual(['due', 'very_overdue']); // reminders' time had passed
    expect(e.handler.of(caseId)).toEqual([]);

    // the job itself handled the milestone (not the sweeper): its result says so
    expect(await completed).toEqual({ handled: 1, notified: 1 });
    expect(e.handler.of(caseId)).toEqual([
      expect.objectContaining({ milestone: 'due', dueDate: '2026-04-27' }),
    ]);
    expect((await e.jobsOf(caseId)).has('due')).toBe(false); // done jobs are removed
    const row = await t.db.getRepository(CaseDeadline).findOneByOrFail({ caseId });
    expect(row.overdueSince).toEqual(bkk('2026-04-28T00:00:00'));
    expect(row.nextMilestoneAt).toEqual(bkk('2026-05-13T00:00:00'));
  });

  it('a promoted job runs at once', async () => {
    e.clock.freeze(bkk('2026-04-20T10:00:00'));
    const caseId = await e.start(bkk('2026-04-10T10:00:00'));
    e.clock.freeze(bkk('2026-04-22T09:00:00'));
    await (await e.jobsOf(caseId)).get('reminder-3')!.promote();
    await until(() => e.handler.of(caseId).length > 0);
    expect(e.handler.of(caseId)).toEqual([
      expect.objectContaining({ milestone: 'reminder', workingDaysLeft: 3, dueDate: '2026-04-27' }),
    ]);
  });

  it('rescheduling replaces the old jobs; a result removes them all', async () => {
    e.clock.freeze(bkk('2026-04-20T10:00:00'));
    const caseId = await e.start(bkk('2026-04-10T10:00:00'));
    const fireTimes = async () =>
      Object.fromEntries([...(await e.jobsOf(caseId))].map(([key, job]) => [key, job.data.fireAt]));
    expect(await fireTimes()).toEqual({
      'reminder-3': bkk('2026-04-22T00:00:00').toISOString(),
      'reminder-1': bkk('2026-04-24T00:00:00').toISOString(),
      due: bkk('2026-04-28T00:00:00').toISOString(),
      very_overdue: bkk('2026-05-13T00:00:00').toISOString(),
    });
    const oldDue = (await e.jobsOf(caseId)).get('due')!;

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
    expect(await fireTimes()).toEqual({
      'reminder-3': bkk('2026-05-01T00:00:00').toISOString(), // 4 May is Coronation Day
      'reminder-1': bkk('2026-05-06T00:00:00').toISOString(),
      due: bkk('2026-05-08T00:00:00').toISOString(),
      very_overdue: bkk('2026-05-23T00:00:00').toISOString(), // one more period after 7 May
    });
    const newDue = (await e.jobsOf(caseId)).get('due')!;
    expect(newDue.id).toBe(oldDue.id);
    expect(newDue.timestamp + newDue.delay).toBeGreaterThan(oldDue.timestamp + oldDue.delay);
    expect(newDue.delay).toBe(bkk('2026-05-08T00:00:00').getTime() - bkk('2026-04-20T10:00:00').getTime());
    const delayed = await e.queue.getDelayed();
    expect(delayed.filter((j) => j.data.caseId === caseId)).toHaveLength(4);

    await t.db.transaction((tx) => e.deadlines.recordResult(tx, 'complaint', caseId, e.clock.now()));
    await e.deadlines.reschedule('complaint', caseId);
    expect((await e.jobsOf(caseId)).size).toBe(0);
  });

  it('a holiday change moves the jobs of the cases it moves', async () => {
    e.clock.freeze(bkk('2026-04-20T10:00:00'));
    const caseId = await e.start(bkk('2026-04-10T10:00:00'));
    const dueAt = async () => (await e.jobsOf(caseId)).get('due')?.data.fireAt;
    expect(await dueAt()).toBe(bkk('2026-04-28T00:00:00').toISOString());
    const token = await t.login();
    const added = await t.request({
      method: 'POST',
      url: '/api/v1/holidays',
      headers: bearer(token),
      payload: { date: '2026-04-27', nameTh: 'วันหยุดท้องถิ่น' },
    });
    expect(added.statusCode).toBe(201);
    await until(async () => (await dueAt()) === bkk('2026-04-29T00:00:00').toISOString());
    await t.request({
      method: 'DELETE',
      url: `/api/v1/holidays/${added.json().holiday.id}`,
      headers: bearer(token),
    });
    await until(async () => (await dueAt()) === bkk('2026-04-28T00:00:00').toISOString());
    expect(e.handler.of(caseId)).toEqual([]);
  });

  it('a duplicate job id is ignored', async () => {
    e.clock.freeze(bkk('2026-04-20T10:00:00'));
    const caseId = await e.start(bkk('2026-04-10T10:00:00'));
    const before = await e.jobsOf(caseId);
    const due = before.get('due')!;
    await e.queue.add('milestone', { ...due.data, fireAt: 'elsewhere' }, { jobId: due.id, delay: 1 });
    await e.deadlines.reschedule('complaint', caseId);
    const report = await e.scheduler.reconcile();
    expect(report.cases).toBeGreaterThanOrEqual(1);
    const after = await e.jobsOf(caseId);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect(after.get('due')!.data.fireAt).toBe(due.data.fireAt);
    expect(after.get('due')!.timestamp).toBe(due.timestamp);
    expect((await e.queue.getDelayed()).filter((j) => j.id === due.id)).toHaveLength(1);
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
    expect((await e.jobsOf(caseId)).size).toBe(0);
    expect((await row()).timersSet).toBe(false);

    const sweepId = `test-sweep-${randomUUID()}`;
    const completed = completedWith(sweepId);
    await (e.queue as Queue).add('sweep', {}, { jobId: sweepId });
    const result = (await completed) as { armed: { cases: number; jobs: number } };
    expect(result.armed.cases).toBeGreaterThanOrEqual(1);
    const jobs = await e.jobsOf(caseId);
    expect([...jobs.keys()].sort()).toEqual(['due', 'reminder-1', 'reminder-3', 'very_overdue']);
    // overdue from 00:00 (Bangkok) on the day after the due date the citizen was told
    expect(jobs.get('due')!.data.fireAt).toBe(bkk(`${addDays(dueDate, 1)}T00:00:00`).toISOString());
    expect((await row()).timersSet).toBe(true);

    expect(await e.scheduler.armNewClocks()).toEqual(expect.objectContaining({ cases: 0, jobs: 0 }));
    expect((await e.jobsOf(caseId)).size).toBe(4);
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

  /** a case whose due date passed: its `due` job waits to run now */
  const overdueCase = async () => {
    e.clock.freeze(bkk('2026-04-28T10:00:00'));
    const caseId = await e.start(bkk('2026-04-10T10:00:00'));
    const due = (await e.jobsOf(caseId)).get('due')!;
    expect(await due.getState()).toBe('waiting');
    return { caseId, jobId: due.id! };
  };

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
    const expected = new Map<string, string>();
    for (const caseId of running) {
      for (const [key, job] of await e.jobsOf(caseId))
        expected.set(milestoneJobId('complaint', caseId, key), job.data.fireAt);
    }
    expect(expected.size).toBe(12); // 2 reminders, due, very overdue
    expect((await e.jobsOf(closed)).size + (await e.jobsOf(paused)).size).toBe(0);

    await admin.flushall();
    expect(await e.queue.getDelayedCount()).toBe(0);

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
      expect(report).toMatchObject({ cases: 3, jobs: 12 });
      const delayed = (await e.queue.getDelayed()).filter((j) => j.name === 'milestone');
      expect(new Map(delayed.map((j) => [j.id!, j.data.fireAt]))).toEqual(expected);
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
