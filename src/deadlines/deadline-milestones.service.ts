import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { BusinessCalendarService, OrganizationCalendar } from './business-calendar.service';
import { civilDate, workingDaysBetween } from './day-counting';
import { milestoneSchedule, nextMilestoneAt, occurrenceId, stillRelevant } from './deadline-rules';
import { deadlineSettings } from './deadline-settings';
import type { DeadlineTrack, MilestoneEvent } from './deadline-track';
import { DeadlineTracksRegistry } from './deadline-tracks.registry';
import { CaseDeadline } from './entities/case-deadline.entity';
import { describeError } from '../common/errors/error-summary';

/** No module registered a handler for the track: nothing can be notified, so nothing is marked handled. */
export class NoTrackHandlerError extends Error {}

/** The row changed (or another worker handled the milestone) while we decided: read again. */
class ConcurrentChange extends Error {}

export interface ProcessResult {
  /** milestones marked handled */
  handled: number;
  /** of which the track handler was called for */
  notified: number;
}

export interface SweepReport {
  cases: number;
  handled: number;
  notified: number;
  failed: number;
  ms: number;
  /** false when the pass stopped at its time budget (the next pass continues) */
  complete: boolean;
}

/** Memoises organisations' calendars and settings within one operation over many cases. */
export class OrganizationCalendars {
  private readonly cache = new Map<string, Promise<OrganizationCalendar>>();
  constructor(
    private readonly calendars: BusinessCalendarService,
    private readonly manager: EntityManager,
    /** true inside a holiday change: read the holidays as this transaction sees them */
    private readonly fresh = false,
  ) {}
  get(organizationId: string): Promise<OrganizationCalendar> {
    let hit = this.cache.get(organizationId);
    if (!hit) {
      hit = this.calendars.context(organizationId, this.manager, this.fresh);
      this.cache.set(organizationId, hit);
    }
    return hit;
  }
}

const SWEEP_BATCH = 500;
const SWEEP_CONCURRENCY = 4;
const PROCESS_ATTEMPTS = 5;

/**
 * Handles milestones: exactly once per (case, milestone, date), whoever asks (the milestone's own
 * delayed job, the sweeper, a retry after a crash). The bookkeeping row and the track handler's work
 * commit in one transaction; a unique constraint turns a second attempt into a no-op.
 */
@Injectable()
export class DeadlineMilestonesService {
  private readonly logger = new Logger('Deadlines');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly calendars: BusinessCalendarService,
    private readonly registry: DeadlineTracksRegistry,
  ) {}

  async handledSets(manager: EntityManager, deadlineIds: string[]): Promise<Map<string, Set<string>>> {
    const sets = new Map<string, Set<string>>(deadlineIds.map((id) => [id, new Set<string>()]));
    if (deadlineIds.length === 0) return sets;
    const rows: { deadline_id: string; key: string; target_date: string }[] = await manager.query(
      `SELECT deadline_id, key, to_char(target_date, 'YYYY-MM-DD') AS target_date
         FROM case_deadline_milestones WHERE deadline_id = ANY($1::uuid[])`,
      [deadlineIds],
    );
    for (const r of rows)
      sets.get(r.deadline_id)?.add(occurrenceId({ key: r.key, targetDate: r.target_date }));
    return sets;
  }

  /**
   * Handles every milestone of the case whose time has come and that is not handled yet, then moves
   * the sweeper's pointer. Does nothing when there is nothing to do (a stale job). Safe to call any
   * number of times, concurrently, or again after a crash.
   */
  async processCase(
    track: DeadlineTrack,
    caseId: string,
    calendars?: OrganizationCalendars,
  ): Promise<ProcessResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction((tx) => this.processOnce(tx, track, caseId, calendars));
      } catch (error) {
        if (!(error instanceof ConcurrentChange) || attempt >= PROCESS_ATTEMPTS) throw error;
      }
    }
  }

  private async processOnce(
    tx: EntityManager,
    track: DeadlineTrack,
    caseId: string,
    calendars = new OrganizationCalendars(this.calendars, tx),
  ): Promise<ProcessResult> {
    // No row lock: the track's transactions lock their case row and then ours, while the handler
    // below locks theirs; taking ours first would deadlock. The version check at the end (and the
    // unique milestone row) catch any concurrent change instead.
    const row = await tx.findOneBy(CaseDeadline, { track, caseId });
    if (!row) return { handled: 0, notified: 0 };
    const now = this.clock.now();
    const { organization, calendar } = await calendars.get(row.organizationId);
    const reminders = deadlineSettings(organization, track).reminderWorkingDaysBefore;
    const schedule = milestoneSchedule(row, reminders, calendar);
    const handled = (await this.handledSets(tx, [row.id])).get(row.id)!;
    const due = schedule.filter((o) => o.fireAt.getTime() <= now.getTime() && !handled.has(occurrenceId(o)));
    const next = nextMilestoneAt(schedule, new Set([...handled, ...due.map(occurrenceId)]));
    if (due.length === 0 && next?.getTime() === row.nextMilestoneAt?.getTime())
      return { handled: 0, notified: 0 };

    const handler = due.length > 0 ? this.registry.handlerFor(track) : undefined;
    if (due.length > 0 && !handler)
      throw new NoTrackHandlerError(`No deadline milestone handler is registered for ${track}`);
    let overdueSince = row.overdueSince;
    let notified = 0;
    for (const o of due) {
      const relevant = stillRelevant(o, schedule, now);
      const inserted: unknown[] = await tx.query(
        `INSERT INTO case_deadline_milestones
           (deadline_id, organization_id, key, milestone, target_date, fire_at, handled_at, notified)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT ON CONSTRAINT uq_case_deadline_milestones_occurrence DO NOTHING
         RETURNING id`,
        [row.id, row.organizationId, o.key, o.milestone, o.targetDate, o.fireAt, now, relevant],
      );
      if (inserted.length === 0) throw new ConcurrentChange();
      if (o.milestone === 'due' && !overdueSince) overdueSince = o.fireAt;
      if (!relevant) continue;
      const event: MilestoneEvent = {
        track,
        caseId,
        organizationId: row.organizationId,
        milestone: o.milestone,
        dueDate: row.currentDueDate,
        ...(o.milestone === 'reminder'
          ? {
              workingDaysLeft: workingDaysBetween(
                civilDate(now, calendar.zone),
                row.currentDueDate,
                calendar,
              ),
            }
          : {}),
      };
      await handler!.onMilestone(tx, event);
      notified++;
    }
    const updated = await tx
      .createQueryBuilder()
      .update(CaseDeadline)
      .set({ overdueSince, nextMilestoneAt: next, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id: row.id, version: row.version })
      .execute();
    if (updated.affected !== 1) throw new ConcurrentChange();
    return { handled: due.length, notified };
  }

  /**
   * The safety net: handles every case whose next milestone time has passed, whatever happened to its
   * job. Runs every few minutes (a BullMQ job scheduler); stops at `budgetMs` and leaves the rest to
   * the next pass. A case that fails is logged and retried next pass.
   */
  async sweep(budgetMs = 4 * 60_000): Promise<SweepReport> {
    const started = Date.now();
    const now = this.clock.now();
    const report: SweepReport = { cases: 0, handled: 0, notified: 0, failed: 0, ms: 0, complete: true };
    // one read of each organisation's calendar per pass (a holiday change meanwhile reaches the next pass)
    const calendars = new OrganizationCalendars(this.calendars, this.db.manager);
    let cursor: { at: Date; id: string } | null = null;
    for (;;) {
      const q = this.db
        .getRepository(CaseDeadline)
        .createQueryBuilder('d')
        .select(['d.id', 'd.track', 'd.caseId', 'd.nextMilestoneAt'])
        .where('d.next_milestone_at <= :now', { now })
        .orderBy('d.next_milestone_at')
        .addOrderBy('d.id')
        .limit(SWEEP_BATCH);
      if (cursor) q.andWhere('(d.next_milestone_at, d.id) > (:at, :id)', cursor);
      const rows = await q.getMany();
      if (rows.length === 0) break;
      for (let i = 0; i < rows.length; i += SWEEP_CONCURRENCY) {
        await Promise.all(
          rows.slice(i, i + SWEEP_CONCURRENCY).map(async (r) => {
            report.cases++;
            try {
              const done = await this.processCase(r.track, r.caseId, calendars);
              report.handled += done.handled;
              report.notified += done.notified;
            } catch (error) {
              report.failed++;
              this.logger.warn(`Deadline sweep: case ${r.id} failed: ${describeError(error)}`);
            }
          }),
        );
      }
      const last = rows[rows.length - 1];
      cursor = { at: last.nextMilestoneAt!, id: last.id };
      if (Date.now() - started > budgetMs) {
        report.complete = false;
        break;
      }
    }
    report.ms = Date.now() - started;
    if (report.handled > 0 || report.failed > 0) {
      this.logger.log(
        `Deadline sweep: ${report.handled} milestones of ${report.cases} cases handled, ${report.failed} failed`,
      );
    }
    return report;
  }
}
