import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobsOptions, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { QueueName } from '../infrastructure/queue/queue-names';
import { within } from '../infrastructure/queue/within';
import { OperationalCounters } from '../infrastructure/metrics/operational-counters';
import { MilestoneOccurrence } from './deadline-rules';
import type { DeadlineTrack } from './deadline-track';
import {
  DeadlineMilestonesService,
  OrganizationCalendars,
  PendingMilestones,
} from './deadline-milestones.service';
import { BusinessCalendarService } from './business-calendar.service';
import { CaseDeadline } from './entities/case-deadline.entity';
import { describeError } from '../common/errors/error-summary';

export const DeadlineJob = { Milestone: 'milestone', Sweep: 'sweep' } as const;

export interface MilestoneJobData {
  track: DeadlineTrack;
  caseId: string;
  key: string;
  /** when the milestone is due (ISO); the job's delay was computed from it */
  fireAt: string;
}

/**
 * `complaint.<case id>.due`: one job per milestone of a case. Dots, not colons: BullMQ reserves ":"
 * in custom ids (repeat jobs) and announces it will refuse them.
 */
export const milestoneJobId = (track: DeadlineTrack, caseId: string, key: string): string =>
  `${track}.${caseId}.${key}`;

export const SWEEPER_ID = 'deadlines-sweeper';
export const TIMERS_REBUILT = 'deadline_timers_rebuilt';
export const SWEEP_EVERY_MS = 5 * 60_000;
/** A Redis call that takes longer means Redis is away: give up, the safety nets will recover. */
const REDIS_TIMEOUT_MS = 3000;
const RECONCILE_BATCH = 1000;
const RESCHEDULE_CONCURRENCY = 8;

export interface ReconcileReport {
  cases: number;
  jobs: number;
  ms: number;
}

/**
 * The timers of the deadline engine: delayed BullMQ jobs derived from the database, which stays the
 * source of truth. Losing them loses nothing: the sweeper and the start-up reconciliation recover.
 */
@Injectable()
export class DeadlineScheduler {
  private readonly logger = new Logger('Deadlines');
  /** the reconciliation started by the last worker start (tests and diagnostics wait on it) */
  reconciliation: Promise<ReconcileReport | null> = Promise.resolve(null);
  private redisDown = false;

  constructor(
    @InjectQueue(QueueName.Deadlines) readonly queue: Queue<MilestoneJobData>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly milestones: DeadlineMilestonesService,
    private readonly calendars: BusinessCalendarService,
    private readonly counters: OperationalCounters,
  ) {
    counters.define(TIMERS_REBUILT, 'Deadline timers re-created from the database after Redis lost them');
    // the warning itself is QueueModule's (one a minute); here only the state
    queue.on('error', () => {
      this.redisDown = true;
    });
  }

  private jobOptions(track: DeadlineTrack, caseId: string, o: MilestoneOccurrence): JobsOptions {
    return {
      jobId: milestoneJobId(track, caseId, o.key),
      delay: Math.max(0, o.fireAt.getTime() - this.clock.now().getTime()),
      // done jobs go at once: a kept one would block its id when the case is rescheduled
      removeOnComplete: true,
    };
  }

  /**
   * (Re)creates the case's jobs from its row: removes stale ones, adds missing ones. Call after the
   * transaction that changed the deadline has committed. Never throws: with Redis away it logs a
   * warning, and the sweeper (and the next worker start) make up for it.
   */
  async reschedule(track: DeadlineTrack, caseId: string): Promise<void> {
    try {
      await within(REDIS_TIMEOUT_MS, 'Rescheduling deadline jobs', this.rescheduleNow(track, caseId));
      this.redisDown = false;
    } catch (error) {
      this.logger.warn(
        `Deadline jobs of a ${track} not rescheduled: ${describeError(error)}; the sweeper will catch up`,
      );
    }
  }

  /** reschedule() for many cases (after a holiday change). */
  async rescheduleMany(cases: { track: DeadlineTrack; caseId: string }[]): Promise<void> {
    for (let i = 0; i < cases.length; i += RESCHEDULE_CONCURRENCY) {
      await Promise.all(
        cases.slice(i, i + RESCHEDULE_CONCURRENCY).map((c) => this.reschedule(c.track, c.caseId)),
      );
    }
  }

  private async rescheduleNow(track: DeadlineTrack, caseId: string): Promise<void> {
    const row = await this.db.getRepository(CaseDeadline).findOneBy({ track, caseId });
    if (!row) return;
    const [pending] = await this.milestones.pending([row]);
    const wanted = new Map(pending.occurrences.map((o) => [o.key, o]));
    // one case's timers are independent of each other: move them in parallel
    await Promise.all(
      [...new Set([...pending.keys, ...wanted.keys()])].map(async (key) => {
        const id = milestoneJobId(track, caseId, key);
        const o = wanted.get(key);
        const existing = await this.queue.getJob(id);
        if (existing && o && existing.data.fireAt === o.fireAt.toISOString()) {
          const state = await existing.getState();
          if (state === 'delayed' || state === 'waiting' || state === 'prioritized') return;
        }
        // 0 when the job is running (locked): it re-reads the row; the sweeper covers the new time
        if (existing) await this.queue.remove(id);
        if (o)
          await this.queue.add(
            DeadlineJob.Milestone,
            this.jobData(track, caseId, o),
            this.jobOptions(track, caseId, o),
          );
      }),
    );
  }

  private jobData(track: DeadlineTrack, caseId: string, o: MilestoneOccurrence): MilestoneJobData {
    return { track, caseId, key: o.key, fireAt: o.fireAt.toISOString() };
  }

  /**
   * Adds the job of every pending milestone of every running case, from the database. Jobs that
   * exist keep their place (same id: BullMQ ignores the duplicate). Run when a worker starts: Redis
   * keeps nothing on disk here.
   */
  async reconcile(): Promise<ReconcileReport> {
    const started = Date.now();
    const report: ReconcileReport = { cases: 0, jobs: 0, ms: 0 };
    const calendars = new OrganizationCalendars(this.calendars, this.db.manager);
    let lastId = '00000000-0000-0000-0000-000000000000';
    let adding: Promise<unknown> = Promise.resolve();
    for (;;) {
      const rows = await this.db
        .getRepository(CaseDeadline)
        .createQueryBuilder('d')
        .where('d.result_at IS NULL AND d.paused_since IS NULL AND d.id > :lastId', { lastId })
        .orderBy('d.id')
        .limit(RECONCILE_BATCH)
        .getMany();
      if (rows.length === 0) break;
      lastId = rows[rows.length - 1].id;
      const jobs = this.jobsOf(await this.milestones.pending(rows, this.db.manager, calendars));
      report.cases += rows.length;
      report.jobs += jobs.length;
      // the next batch is read from PostgreSQL while this one goes to Redis
      await adding;
      adding = jobs.length > 0 ? this.queue.addBulk(jobs) : Promise.resolve();
      adding.catch(() => undefined); // awaited (and thrown) on the next round
    }
    await adding;
    report.ms = Date.now() - started;
    this.logger.log(`Deadline jobs reconciled: ${report.jobs} milestones of ${report.cases} running cases`);
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
    const report: ReconcileReport = { cases: 0, jobs: 0, ms: 0 };
    const calendars = new OrganizationCalendars(this.calendars, this.db.manager);
    for (;;) {
      const rows = await this.db
        .getRepository(CaseDeadline)
        .createQueryBuilder('d')
        .where('NOT d.timers_set')
        .orderBy('d.created_at')
        .limit(RECONCILE_BATCH)
        .getMany();
      if (rows.length === 0) break;
      const pending = await this.milestones.pending(rows, this.db.manager, calendars);
      const jobs = this.jobsOf(pending);
      if (jobs.length > 0) await within(REDIS_TIMEOUT_MS, 'Setting deadline jobs', this.queue.addBulk(jobs));
      await this.db.query(`UPDATE case_deadlines SET timers_set = true WHERE id = ANY($1::uuid[])`, [
        rows.map((r) => r.id),
      ]);
      report.cases += rows.length;
      report.jobs += jobs.length;
    }
    report.ms = Date.now() - started;
    if (report.cases > 0)
      this.logger.log(`Deadline jobs set for ${report.cases} new cases (${report.jobs} milestones)`);
    return report;
  }

  private jobsOf(pending: PendingMilestones[]) {
    return pending.flatMap((p) =>
      p.occurrences.map((o) => ({
        name: DeadlineJob.Milestone,
        data: this.jobData(p.deadline.track, p.deadline.caseId, o),
        opts: this.jobOptions(p.deadline.track, p.deadline.caseId, o),
      })),
    );
  }

  /**
   * At worker start, once the recurring jobs (the sweeper among them) are scheduled: a
   * reconciliation, in the background (start-up does not wait).
   */
  startSafetyNets(schedulesInstalled: Promise<void>): void {
    this.reconciliation = schedulesInstalled
      .then(() => this.reconcile())
      .catch((error: unknown) => {
        this.logger.error(`Deadline safety nets could not start: ${describeError(error)}`);
        return null;
      });
  }

  /**
   * After Redis lost its data with the worker running: every running case's timers again, from the
   * database, with a log line and `rongrian_deadline_timers_rebuilt_total`.
   */
  async rebuildAfterLoss(): Promise<ReconcileReport> {
    const report = await this.reconcile();
    const armed = await this.armNewClocks();
    await this.counters.increment(TIMERS_REBUILT, report.jobs + armed.jobs);
    this.logger.warn(
      `Redis lost the deadline timers: ${report.jobs} timers of ${report.cases} running cases rebuilt ` +
        `from the database in ${report.ms} ms`,
    );
    return report;
  }
}
