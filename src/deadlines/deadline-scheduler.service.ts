import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { AppConfig } from '../config/app-config';
import { createRedis } from '../infrastructure/redis/redis.module';
import { QueueName } from '../infrastructure/queue/queue-names';
import { within } from '../infrastructure/queue/within';
import { OperationalCounters } from '../infrastructure/metrics/operational-counters';
import type { DeadlineTrack } from './deadline-track';
import { describeError } from '../common/errors/error-summary';

export const DeadlineJob = { Milestone: 'milestone', Sweep: 'sweep' } as const;

export interface MilestoneJobData {
  track: DeadlineTrack;
  caseId: string;
  /** when the timer was due (ISO): the case's next_milestone_at when it was set */
  fireAt: string;
}

/**
 * `complaint.<case id>`: a case's member in the timers sorted set. Dots, not colons: the same text
 * (with the due time) becomes the milestone job's id, and BullMQ reserves ":" in custom ids.
 */
export const timerMember = (track: DeadlineTrack, caseId: string): string => `${track}.${caseId}`;

/** The job a fired timer becomes: one per (case, due time), so a timer fired twice runs once. */
export const milestoneJobId = (track: DeadlineTrack, caseId: string, fireAt: Date): string =>
  `${timerMember(track, caseId)}.${fireAt.getTime()}`;

function parseMember(member: string): { track: DeadlineTrack; caseId: string } {
  const dot = member.lastIndexOf('.');
  return { track: member.slice(0, dot) as DeadlineTrack, caseId: member.slice(dot + 1) };
}

export const SWEEPER_ID = 'deadlines-sweeper';
export const TIMERS_REBUILT = 'deadline_timers_rebuilt';
export const SWEEP_EVERY_MS = 5 * 60_000;
/** How often each worker looks for due timers (they fire within this of their time). */
export const TIMER_TICK_MS = 1000;
/** A Redis call that takes longer means Redis is away: give up, the safety nets will recover. */
const REDIS_TIMEOUT_MS = 3000;
/** rows read from PostgreSQL per round of a reconciliation (one ZADD each) */
const RECONCILE_BATCH = 10_000;
const ARM_BATCH = 1000;
const FIRE_BATCH = 500;

/**
 * Takes up to ARGV[2] members due by ARGV[1] (ms) off the timers set, atomically: of several
 * workers ticking at once, each due timer goes to exactly one. Returns member, score, member, ...
 */
const TAKE_DUE = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[2]))
local members = {}
for i = 1, #due, 2 do members[#members + 1] = due[i] end
if #members > 0 then redis.call('ZREM', KEYS[1], unpack(members)) end
return due`;

export interface ReconcileReport {
  cases: number;
  /** timers set (one per case with a milestone ahead) */
  timers: number;
  ms: number;
}

interface TimerRow {
  track: DeadlineTrack;
  case_id: string;
  next_milestone_at: Date | null;
}

/**
 * The timers of the deadline engine: one member per running case in one Redis sorted set,
 * `<queue prefix>:deadlines:timers` (member `track.caseId`, score = its next milestone in ms), taken
 * from `case_deadlines.next_milestone_at`, which the database keeps for the sweeper. About 100 bytes
 * of Redis per open case, and a rebuild is a stream of multi-member ZADDs. Each worker takes the due
 * timers every TIMER_TICK_MS (atomically, so one worker each) and turns them into milestone jobs;
 * after the job, the case's timer moves to its next milestone. The database stays the source of
 * truth: losing the timers loses nothing, the sweeper and the reconciliations recover.
 */
@Injectable()
export class DeadlineScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger('Deadlines');
  /** the reconciliation started by the last worker start (tests and diagnostics wait on it) */
  reconciliation: Promise<ReconcileReport | null> = Promise.resolve(null);
  private ticker?: NodeJS.Timeout;
  private ticking: Promise<unknown> = Promise.resolve();
  private tickFailing = false;
  /** its own connection, waiting for Redis as the queues' do (calls that must not wait use within()) */
  private readonly client: Redis;

  constructor(
    @InjectQueue(QueueName.Deadlines) readonly queue: Queue<MilestoneJobData>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly counters: OperationalCounters,
    config: AppConfig,
  ) {
    counters.define(TIMERS_REBUILT, 'Deadline timers re-created from the database after Redis lost them');
    this.client = createRedis(config.redis, 'queues');
    this.client.on('error', () => undefined); // the queues report Redis being away (once a minute)
  }

  /** the sorted set's key: under the queue's prefix, so in its hash slot on a Redis Cluster */
  get timersKey(): string {
    return `${this.queue.opts.prefix}:${this.queue.name}:timers`;
  }

  /** The score and member of each row with a milestone ahead; the members of the others. */
  private split(rows: TimerRow[]): { add: (string | number)[]; remove: string[] } {
    const add: (string | number)[] = [];
    const remove: string[] = [];
    for (const r of rows) {
      const member = timerMember(r.track, r.case_id);
      if (r.next_milestone_at) add.push(new Date(r.next_milestone_at).getTime(), member);
      else remove.push(member);
    }
    return { add, remove };
  }

  private async write(rows: TimerRow[]): Promise<number> {
    const { add, remove } = this.split(rows);
    await Promise.all([
      add.length > 0 ? this.client.zadd(this.timersKey, ...add) : null,
      remove.length > 0 ? this.client.zrem(this.timersKey, ...remove) : null,
    ]);
    return add.length / 2;
  }

  /**
   * Moves the case's timer to its next milestone (or removes it: closed, paused, nothing ahead),
   * from its row. Call after the transaction that changed the deadline has committed. Never throws:
   * with Redis away it logs a warning, and the sweeper (and the next worker start) make up for it.
   */
  async reschedule(track: DeadlineTrack, caseId: string): Promise<void> {
    return this.rescheduleMany([{ track, caseId }]);
  }

  /** reschedule() for many cases (after a holiday change): one read and two Redis commands a batch. */
  async rescheduleMany(cases: { track: DeadlineTrack; caseId: string }[]): Promise<void> {
    try {
      for (let i = 0; i < cases.length; i += ARM_BATCH) {
        const batch = cases.slice(i, i + ARM_BATCH);
        const wanted = new Set(batch.map((c) => timerMember(c.track, c.caseId)));
        const rows: TimerRow[] = (
          await this.db.query(
            `SELECT track, case_id, next_milestone_at FROM case_deadlines WHERE case_id = ANY($1::uuid[])`,
            [batch.map((c) => c.caseId)],
          )
        ).filter((r: TimerRow) => wanted.has(timerMember(r.track, r.case_id)));
        await within(REDIS_TIMEOUT_MS, 'Rescheduling deadline timers', this.write(rows));
      }
    } catch (error) {
      this.logger.warn(
        `Deadline timers of ${cases.length} case(s) not rescheduled: ${describeError(error)}; the sweeper will catch up`,
      );
    }
  }

  /**
   * Sets the timer of every running case, from the database (ZADD overwrites: the database wins).
   * Run when a worker starts (Redis keeps nothing on disk here) and after Redis lost its data.
   * One sequential read through a cursor (no sort, no plan that depends on statistics), in a
   * transaction, so it works behind PgBouncer in transaction mode; the next batch is fetched from
   * PostgreSQL while the last one goes to Redis as one multi-member ZADD.
   */
  async reconcile(): Promise<ReconcileReport> {
    const started = Date.now();
    const report: ReconcileReport = { cases: 0, timers: 0, ms: 0 };
    await this.db.transaction('REPEATABLE READ', async (tx) => {
      await tx.query(
        `DECLARE deadline_timers NO SCROLL CURSOR FOR
           SELECT track, case_id, next_milestone_at FROM case_deadlines
            WHERE next_milestone_at IS NOT NULL AND result_at IS NULL AND paused_since IS NULL`,
      );
      let writing: Promise<number> = Promise.resolve(0);
      for (;;) {
        const rows: TimerRow[] = await tx.query(`FETCH ${RECONCILE_BATCH} FROM deadline_timers`);
        report.timers += await writing;
        if (rows.length === 0) break;
        report.cases += rows.length;
        writing = this.write(rows);
        writing.catch(() => undefined); // awaited (and thrown) on the next round
      }
      await tx.query(`CLOSE deadline_timers`);
    });
    report.ms = Date.now() - started;
    this.logger.log(`Deadline timers reconciled: ${report.timers} timers of ${report.cases} running cases`);
    return report;
  }

  /**
   * Sets the timers of the cases filed since the last pass (`timers_set` still false): new cases
   * are written without touching Redis, and the sweeper pass calls this, so a new case's first
   * timer exists within SWEEP_EVERY_MS (its first milestone is days away; one due sooner, as with
   * a back-dated letter, is handled by the same pass). Throws when Redis is away: the cases stay
   * unmarked for the next pass.
   */
  async armNewClocks(): Promise<ReconcileReport> {
    const started = Date.now();
    const report: ReconcileReport = { cases: 0, timers: 0, ms: 0 };
    for (;;) {
      const rows: (TimerRow & { id: string })[] = await this.db.query(
        `SELECT id, track, case_id, next_milestone_at FROM case_deadlines
          WHERE NOT timers_set ORDER BY created_at LIMIT ${ARM_BATCH}`,
      );
      if (rows.length === 0) break;
      report.timers += await within(REDIS_TIMEOUT_MS, 'Setting deadline timers', this.write(rows));
      await this.db.query(`UPDATE case_deadlines SET timers_set = true WHERE id = ANY($1::uuid[])`, [
        rows.map((r) => r.id),
      ]);
      report.cases += rows.length;
    }
    report.ms = Date.now() - started;
    if (report.cases > 0)
      this.logger.log(
        `Deadline timers set for ${report.cases} new cases (${report.timers} with a milestone ahead)`,
      );
    return report;
  }

  /** The case's timer, when it has one (ms since the epoch). */
  async timerOf(track: DeadlineTrack, caseId: string): Promise<Date | null> {
    const score = await this.client.zscore(this.timersKey, timerMember(track, caseId));
    return score === null ? null : new Date(Number(score));
  }

  /** How many timers are set. */
  async timerCount(): Promise<number> {
    return this.client.zcard(this.timersKey);
  }

  /**
   * Turns every timer due by the clock's now into a milestone job (waiting: the worker runs it at
   * once). Returns how many fired. A worker that dies between taking timers and adding their jobs
   * loses them: the sweeper handles those cases on its next pass, as after any loss.
   */
  async fireDue(): Promise<number> {
    let fired = 0;
    for (;;) {
      const due = (await this.client.eval(
        TAKE_DUE,
        1,
        this.timersKey,
        this.clock.now().getTime(),
        FIRE_BATCH,
      )) as string[];
      const jobs = [];
      for (let i = 0; i < due.length; i += 2) {
        const { track, caseId } = parseMember(due[i]);
        const fireAt = new Date(Number(due[i + 1]));
        jobs.push({
          name: DeadlineJob.Milestone,
          data: { track, caseId, fireAt: fireAt.toISOString() },
          // done jobs go at once: the next timer of the case has another id anyway
          opts: { jobId: milestoneJobId(track, caseId, fireAt), removeOnComplete: true },
        });
      }
      if (jobs.length > 0) await this.queue.addBulk(jobs);
      fired += jobs.length;
      if (jobs.length < FIRE_BATCH) return fired;
    }
  }

  /** Worker role: fire due timers every TIMER_TICK_MS until shutdown. */
  startTicking(): void {
    if (this.ticker) return;
    this.ticker = setInterval(() => {
      this.ticking = this.ticking.then(() =>
        within(REDIS_TIMEOUT_MS * 2, 'Firing deadline timers', this.fireDue()).then(
          () => {
            if (this.tickFailing) this.logger.log('Deadline timers fire again');
            this.tickFailing = false;
          },
          (error: unknown) => {
            if (!this.tickFailing)
              this.logger.warn(`Deadline timers not fired: ${describeError(error)}; retrying every tick`);
            this.tickFailing = true;
          },
        ),
      );
    }, TIMER_TICK_MS);
    this.ticker.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.ticker);
    this.ticker = undefined;
    await this.ticking;
    await this.client.quit().catch(() => this.client.disconnect());
  }

  /**
   * At worker start, once the recurring jobs (the sweeper among them) are scheduled: a
   * reconciliation, in the background (start-up does not wait), then the ticks.
   */
  startSafetyNets(schedulesInstalled: Promise<void>): void {
    this.reconciliation = schedulesInstalled
      .then(() => this.reconcile())
      .catch((error: unknown) => {
        this.logger.error(`Deadline safety nets could not start: ${describeError(error)}`);
        return null;
      });
    this.startTicking();
  }

  /**
   * After Redis lost its data with the worker running: every running case's timer again, from the
   * database, with a log line and `rongrian_deadline_timers_rebuilt_total`.
   */
  async rebuildAfterLoss(): Promise<ReconcileReport> {
    const report = await this.reconcile();
    const armed = await this.armNewClocks();
    await this.counters.increment(TIMERS_REBUILT, report.timers + armed.timers);
    this.logger.warn(
      `Redis lost the deadline timers: ${report.timers} timers of ${report.cases} running cases rebuilt ` +
        `from the database in ${report.ms} ms`,
    );
    return report;
  }
}
