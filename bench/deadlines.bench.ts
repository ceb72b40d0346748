/**
 * Deadline engine bench: 100,000 running cases in a scratch database.
 *
 *   npx ts-node --transpile-only bench/deadlines.bench.ts [cases] [timers]
 *
 * Measures the rebuild of every case's timer from the database (as at a worker start or after
 * Redis lost its data) beside a raw ioredis pipeline of the same ZADDs (one a case) in the same run,
 * the Redis memory per open case (INFO memory before/after, and MEMORY USAGE of the timers' sorted
 * set), and (unless `timers` is given, for a run at national scale) the sweeper's time for one pass
 * (with overdue milestones to handle, then with nothing to do) and a national holiday's recompute. Uses DATABASE_URL's
 * server and REDIS_URL (defaults: local), creates and drops its own database, and deletes its own
 * Redis keys (prefix rongrian-bench-<random>) at the end: it never touches other keys.
 */
import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { AppConfig, loadConfig } from '../src/config/app-config';
import { loadDotEnv } from '../src/config/dotenv';
import { BusinessCalendarService } from '../src/deadlines/business-calendar.service';
import { civilDate } from '../src/deadlines/day-counting';
import { DeadlineMilestonesService } from '../src/deadlines/deadline-milestones.service';
import { deriveDates, milestoneSchedule } from '../src/deadlines/deadline-rules';
import { DeadlineScheduler } from '../src/deadlines/deadline-scheduler.service';
import { DeadlineTracksRegistry } from '../src/deadlines/deadline-tracks.registry';
import { DeadlinesService } from '../src/deadlines/deadlines.service';
import { redisOptionsFromUrl } from '../src/infrastructure/redis/redis.module';
import { runAsSystem } from '../src/infrastructure/database/tenancy';
import { prepareDatabase } from '../src/infrastructure/startup';

const CASES = Number(process.argv[2] ?? 100_000);
const TIMERS_ONLY = process.argv[3] === 'timers';
/** cases whose milestones passed while no timer ran (what the sweeper must catch up on) */
const OVERDUE = Math.round(CASES * 0.02);
const DAY = 24 * 3600 * 1000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = Date.now();
  const result = await work();
  return [result, Date.now() - started];
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

async function deleteKeys(redis: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 5000);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}

/** Inserts the running cases straight into case_deadlines, with the dates the engine would compute. */
async function insertCases(
  app: INestApplicationContext,
  db: DataSource,
  organizationId: string,
): Promise<void> {
  const { calendar } = await app.get(BusinessCalendarService).context(organizationId);
  const zone = calendar.zone;
  const now = Date.now();
  const byDate = new Map<string, ReturnType<typeof deriveDates>>();
  const rows: unknown[][] = Array.from({ length: 9 }, () => []);
  for (let i = 0; i < CASES; i++) {
    // most were received in the last 9 days (nothing due yet); OVERDUE of them 13-16 days ago
    const age =
      i < OVERDUE ? 13 * DAY + (i / OVERDUE) * 3 * DAY : ((i - OVERDUE) / (CASES - OVERDUE)) * 9 * DAY;
    const receivedAt = new Date(now - age);
    const receivedDate = civilDate(receivedAt, zone);
    const facts = {
      receivedDate,
      mode: 'calendar' as const,
      periodDays: 15,
      extensionDueDate: null,
      pausedDays: 0,
      pausedDaysSinceExtension: 0,
    };
    let derived = byDate.get(receivedDate);
    if (!derived) byDate.set(receivedDate, (derived = deriveDates(facts, [3, 1], calendar)));
    const schedule = milestoneSchedule(
      { ...derived, dueSetAt: receivedAt, resultAt: null, pausedSince: null },
      [3, 1],
      calendar,
    );
    const values = [
      randomUUID(),
      receivedAt,
      receivedDate,
      derived.currentDueDate,
      derived.currentDueDate,
      receivedAt,
      derived.reminderFrom,
      derived.veryOverdueDate,
      schedule[0]?.fireAt ?? null,
    ];
    values.forEach((v, k) => rows[k].push(v));
  }
  const CHUNK = 5000;
  for (let i = 0; i < CASES; i += CHUNK) {
    await db.query(
      `INSERT INTO case_deadlines (track, organization_id, mode, period_days, case_id, received_at, received_date,
              original_due_date, current_due_date, due_set_at, reminder_from, very_overdue_date, next_milestone_at)
       SELECT 'complaint', $1, 'calendar', 15, * FROM unnest($2::uuid[], $3::timestamptz[], $4::date[], $5::date[],
              $6::date[], $7::timestamptz[], $8::date[], $9::date[], $10::timestamptz[])`,
      [organizationId, ...rows.slice(0, 9).map((column) => column.slice(i, i + CHUNK))],
    );
  }
}

async function main(): Promise<void> {
  loadDotEnv();
  const base = loadConfig();
  const id = randomBytes(4).toString('hex');
  const database = `rongrian_bench_${id}`;
  const url = new URL(base.database.url);
  url.pathname = `/${database}`;
  const admin = new URL(base.database.url);
  admin.pathname = '/postgres';
  const config: AppConfig = loadConfig({
    ...process.env,
    APP_ROLE: 'api', // no worker ticks: the timers stay set while we measure
    DATABASE_URL: url.toString(),
    REDIS_PREFIX: `rongrian-bench-${id}`,
    ADMIN_PASSWORD: randomBytes(12).toString('hex'),
    LOG_LEVEL: 'warn',
  });
  const pg = new Client({ connectionString: admin.toString() });
  await pg.connect();
  const redis = new Redis(redisOptionsFromUrl(config.redis.url));
  let app: INestApplicationContext | undefined;
  console.log(
    `Deadline bench: ${CASES} running cases (${OVERDUE} with milestones passed), database ${database}`,
  );
  try {
    await pg.query(`CREATE DATABASE ${database}`);
    await prepareDatabase(config, { migrate: true });
    app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'] });
    const db = app.get(DataSource);
    const [{ id: organizationId }] = await db.query(`SELECT id FROM organizations WHERE slug = $1`, [
      config.organization.slug,
    ]);
    // a track that writes one outbox-like row per milestone, as a real track would; the table is
    // created by the owner (the service acts as rongrian_app, which may not create tables)
    const owner = new Client({ connectionString: url.toString() });
    await owner.connect();
    await owner.query(
      `CREATE TABLE bench_notifications (case_id uuid, milestone text, at timestamptz DEFAULT now());
       GRANT SELECT, INSERT ON bench_notifications TO rongrian_app`,
    );
    await owner.end();
    app.get(DeadlineTracksRegistry).override('complaint', {
      onMilestone: async (tx, event) => {
        await tx.query(`INSERT INTO bench_notifications (case_id, milestone) VALUES ($1, $2)`, [
          event.caseId,
          event.milestone,
        ]);
      },
    });

    const [, insertMs] = await timed(() => insertCases(app!, db, organizationId));
    console.log(`inserted ${CASES} cases in ${seconds(insertMs)}`);

    const scheduler = app.get(DeadlineScheduler);
    const memoryBefore = await usedMemory(redis);
    const [report, reconcileMs] = await timed(() => scheduler.reconcile());
    const memoryAfter = await usedMemory(redis);
    const zsetBytes = Number(await redis.memory('USAGE', scheduler.timersKey, 'SAMPLES', '0'));
    const [again, againMs] = await timed(() => scheduler.reconcile());

    // the baseline: the same members and scores, one ZADD each, in one ioredis pipeline (sent in
    // chunks of 10,000 commands, all in flight), into another key
    const flat = await redis.zrange(scheduler.timersKey, 0, -1, 'WITHSCORES');
    const rawKey = `${config.redis.prefix}:bench-raw-zadd`;
    const [, rawMs] = await timed(async () => {
      const sent: Promise<unknown>[] = [];
      for (let i = 0; i < flat.length; i += 20_000) {
        const pipeline = redis.pipeline();
        for (let k = i; k < Math.min(i + 20_000, flat.length); k += 2)
          pipeline.zadd(rawKey, flat[k + 1], flat[k]);
        sent.push(pipeline.exec());
      }
      await Promise.all(sent);
    });
    const rawCount = await redis.zcard(rawKey);
    await redis.unlink(rawKey);
    await redis.del(scheduler.timersKey);
    const [rebuilt, rebuildMs] = await timed(() => scheduler.reconcile());

    const perCase = (memoryAfter - memoryBefore) / report.cases;
    console.log('');
    console.log('| measure | figure |');
    console.log('| --- | --- |');
    console.log(`| running cases | ${report.cases} |`);
    console.log(`| timers set (one per case, its next milestone) | ${report.timers} |`);
    console.log(
      `| Redis memory (INFO used_memory delta) | ${mib(memoryAfter - memoryBefore)}: ${Math.round(perCase)} bytes per open case |`,
    );
    console.log(
      `| MEMORY USAGE of the timers' sorted set | ${mib(zsetBytes)}: ${Math.round(zsetBytes / report.timers)} bytes per timer |`,
    );
    console.log(
      `| raw ioredis pipeline of the same ${rawCount} ZADDs (baseline) | ${seconds(rawMs)} (${Math.round(rawCount / (rawMs / 1000))}/s) |`,
    );
    console.log(
      `| rebuild from the database (empty Redis) | ${seconds(reconcileMs)}, again ${seconds(rebuildMs)}: ${(Math.min(reconcileMs, rebuildMs) / rawMs).toFixed(2)}× the raw pipeline (${Math.round(rebuilt.cases / (rebuildMs / 1000))} cases/s) |`,
    );
    console.log(
      `| reconciliation with every timer set | ${seconds(againMs)} (${again.timers} timers overwritten) |`,
    );
    if (TIMERS_ONLY) return;

    const milestones = app.get(DeadlineMilestonesService);
    const [busy, busyMs] = await timed(() => milestones.sweep());
    const [idle, idleMs] = await timed(() => milestones.sweep());
    const [[{ notifications }]] = await Promise.all([
      db.query(`SELECT count(*)::int AS notifications FROM bench_notifications`),
    ]);

    // a national holiday added inside every running case's period (rolled back)
    const deadlines = app.get(DeadlinesService);
    const holiday = civilDate(new Date(Date.now() + 3 * DAY), config.app.timeZone);
    let recomputed = 0;
    const rollback = new Error('rollback');
    // across organisations, as the operator's national holiday runs (row-level security)
    const [, recomputeMs] = await timed(() =>
      runAsSystem(() =>
        db.transaction(async (tx) => {
          await tx.query(
            `INSERT INTO holidays (organization_id, date, name_th, kind) VALUES (NULL, $1, 'bench', 'special') ON CONFLICT DO NOTHING`,
            [holiday],
          );
          recomputed = (await deadlines.recomputeForHolidayChange(tx, null, holiday, 'bench')).length;
          throw rollback;
        }),
      ).catch((error: unknown) => {
        if (error !== rollback) throw error;
      }),
    );
    console.log(
      `| sweeper pass, catching up | ${seconds(busyMs)}: ${busy.handled} milestones of ${busy.cases} cases (${busy.notified} notified, ${busy.failed} failed, ${Math.round(busy.cases / (busyMs / 1000))} cases/s) |`,
    );
    console.log(`| sweeper pass, nothing due | ${seconds(idleMs)} (${idle.cases} cases) |`);
    console.log(`| track handler calls | ${notifications} |`);
    console.log(
      `| national holiday change: recompute in one transaction | ${seconds(recomputeMs)} for ${recomputed} cases (rolled back) |`,
    );
  } finally {
    if (app) await app.close();
    const deleted = await deleteKeys(redis, `${config.redis.prefix}:*`);
    redis.disconnect();
    await pg.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await pg.end();
    console.log(
      `\ncleaned up: dropped ${database}, deleted ${deleted} Redis keys under ${config.redis.prefix}:`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
