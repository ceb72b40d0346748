import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, hasRole } from '../common/auth/actor';
import { Clock } from '../common/clock/clock';
import { DomainError } from '../common/errors/domain-error';
import { insertRows, rowsOf, RowsOf } from '../infrastructure/database/insert-rows';
import { Role } from '../users/roles';
import { AppConfig } from '../config/app-config';
import { BusinessCalendarService, OrganizationCalendar } from './business-calendar.service';
import {
  addDays,
  BusinessCalendar,
  civilDate,
  computeDueDate,
  countDays,
  daysBetween,
  DeadlineMode,
  dueDistance,
  DueDateComputation,
  isIsoDate,
  workingDaysBetween,
} from './day-counting';
import { thaiDate } from '../common/time/civil-date-text';
import {
  deadlineState,
  DerivedDates,
  deriveDates,
  DueFacts,
  milestoneSchedule,
  nextMilestoneAt,
  outcomeOf,
  overdueSinceAt,
  reminderDates,
  veryOverdueDateOf,
} from './deadline-rules';
import { deadlineSettings } from './deadline-settings';
import type { DeadlineTrack } from './deadline-track';
import { DeadlineMilestonesService, OrganizationCalendars } from './deadline-milestones.service';
import { DeadlineScheduler } from './deadline-scheduler.service';
import { DeadlineCountView, DeadlineExplanation, DeadlineView } from './dto/deadline-view';
import { CaseDeadlineChange } from './entities/case-deadline-change.entity';
import { CaseDeadlinePause } from './entities/case-deadline-pause.entity';
import { CaseDeadline } from './entities/case-deadline.entity';

export interface StartClockInput {
  track: DeadlineTrack;
  caseId: string;
  organizationId: string;
  /** when the case was received; only its civil date (business time zone) counts */
  receivedAt: Date;
  /**
   * The instant recorded as when the clock started (the row's created/updated times and `dueSetAt`);
   * default now. A track whose cases must not reveal the moment they arrived (anonymous reports)
   * passes a rounded instant not later than now, e.g. the start of the day of receipt.
   */
  startedAt?: Date;
}

/** A new case's deadline, planned to be written with the case (see planClock). */
export interface PlannedClock {
  rows: RowsOf<CaseDeadline>;
  view: DeadlineView;
}

export interface ExtendInput {
  /** YYYY-MM-DD, after the current due date */
  newDueDate: string;
  /** the explanation told to the complainant */
  reason: string;
  /** a supervisor's justification for going beyond EXTENSION_MAX_DAYS (kept in the audit trail) */
  longExtensionReason?: string;
}

/** No extension reaches further than this beyond the current due date, whoever records it. */
export const EXTENSION_HARD_LIMIT_DAYS = 365;

export interface CaseRef {
  track: DeadlineTrack;
  caseId: string;
}

const UPDATE_CHUNK = 1000;

/**
 * The deadline engine's API for the tracks (complaints, integrity reports). Every method that changes
 * a deadline runs in the caller's transaction (`tx`), so the case and its deadline commit together;
 * after the commit the caller calls `reschedule()` to move the timers. The engine keeps its own rows
 * and knows nothing about the tracks' tables.
 */
@Injectable()
export class DeadlinesService {
  private readonly datesByCalendar = new WeakMap<BusinessCalendar, Map<string, DerivedDates>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly calendars: BusinessCalendarService,
    private readonly milestones: DeadlineMilestonesService,
    private readonly scheduler: DeadlineScheduler,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  private get zone(): string {
    return this.calendars.zone;
  }

  /**
   * Starts the clock of a new case with the organisation's rule for the track (mode and days are
   * fixed for the case from now on). Idempotent: a second call returns the existing deadline.
   */
  async startClock(tx: EntityManager, input: StartClockInput): Promise<DeadlineView> {
    await insertRows(tx, [rowsOf(CaseDeadline, [await this.newClock(input, tx)], { ignoreConflicts: true })]);
    const stored = await this.load(tx, input.track, input.caseId);
    if (stored.organizationId !== input.organizationId)
      throw new DomainError('CONFLICT', { reason: 'deadline_exists' });
    return this.view(tx, stored);
  }

  /**
   * startClock for a case that is written in one statement with its deadline (insertRows): the
   * deadline row to write and what the case's answer shows. Writes nothing; its timers are set by
   * the worker's next sweeper pass (DeadlineScheduler.armNewClocks), so filing needs no Redis.
   */
  async planClock(input: StartClockInput, manager: EntityManager = this.db.manager): Promise<PlannedClock> {
    const row = await this.newClock(input, manager);
    return { rows: rowsOf(CaseDeadline, [row]), view: this.toView(row, [], this.clock.now()) };
  }

  /**
   * A new case's dates depend only on its day of receipt, the rule and the calendar, so each day's are
   * worked out once per calendar: the calendar cache replaces a calendar after 30 s, and at once in
   * the process that changes holidays or office hours, which forgets them.
   */
  private newCaseDates(facts: DueFacts, reminders: number[], calendar: BusinessCalendar): DerivedDates {
    let known = this.datesByCalendar.get(calendar);
    if (!known) this.datesByCalendar.set(calendar, (known = new Map()));
    const key = `${facts.receivedDate}|${facts.mode}|${facts.periodDays}|${reminders.join(',')}`;
    let dates = known.get(key);
    if (!dates) {
      if (known.size >= 64) known.clear();
      known.set(key, (dates = Object.freeze(deriveDates(facts, reminders, calendar))));
    }
    return dates;
  }

  /** The deadline row of a new case under the organisation's rule for the track (not yet written). */
  private async newClock(input: StartClockInput, manager: EntityManager): Promise<CaseDeadline> {
    const ctx = await this.calendars.context(input.organizationId, manager);
    const settings = deadlineSettings(ctx.organization, input.track);
    const facts = {
      receivedDate: civilDate(input.receivedAt, this.zone),
      mode: settings.mode,
      periodDays: settings.days,
      extensionDueDate: null,
      pausedDays: 0,
      pausedDaysSinceExtension: 0,
    };
    const derived = this.newCaseDates(facts, settings.reminderWorkingDaysBefore, ctx.calendar);
    const dueSetAt = input.startedAt ?? this.clock.now();
    const schedule = milestoneSchedule(
      { ...derived, dueSetAt, resultAt: null, pausedSince: null },
      settings.reminderWorkingDaysBefore,
      ctx.calendar,
    );
    return Object.assign(new CaseDeadline(), {
      id: randomUUID(),
      track: input.track,
      caseId: input.caseId,
      organizationId: input.organizationId,
      receivedAt: input.receivedAt,
      ...facts,
      ...derived,
      // nothing has happened to a new case yet
      pausedSince: null,
      firstResponseAt: null,
      explainedAt: null,
      dueDateBeforeExplanation: null,
      overdueSince: null,
      resultAt: null,
      outcome: null,
      originalDueDate: derived.currentDueDate,
      dueSetAt,
      nextMilestoneAt: nextMilestoneAt(schedule, new Set()),
      version: 0,
      ...(input.startedAt ? { createdAt: input.startedAt, updatedAt: input.startedAt } : {}),
    });
  }

  /** The first public reply or progress note to the complainant; later calls keep the first time. */
  async markFirstResponse(tx: EntityManager, track: DeadlineTrack, caseId: string, at: Date): Promise<void> {
    const result = await tx
      .createQueryBuilder()
      .update(CaseDeadline)
      .set({ firstResponseAt: at })
      .where('track = :track AND case_id = :caseId AND first_response_at IS NULL', { track, caseId })
      .execute();
    if (result.affected === 0) await this.load(tx, track, caseId);
  }

  /**
   * The explanation to the complainant: a reason and a new due date, after the current one and at most
   * `maxExtensionDays` (in the mode's unit) beyond it unless the officer is a supervisor. Recorded
   * while the due date has not passed, it counts as the explanation the rule requires.
   */
  async extend(
    tx: EntityManager,
    actor: Actor,
    track: DeadlineTrack,
    caseId: string,
    input: ExtendInput,
  ): Promise<DeadlineView> {
    const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
    if (!isIsoDate(input.newDueDate) || !reason) {
      throw new DomainError('VALIDATION_FAILED', [
        ...(isIsoDate(input.newDueDate)
          ? []
          : [{ field: 'newDueDate', rule: 'isDate', message: 'newDueDate must be a date (YYYY-MM-DD)' }]),
        ...(reason ? [] : [{ field: 'reason', rule: 'isNotEmpty', message: 'reason should not be empty' }]),
      ]);
    }
    const row = await this.load(tx, track, caseId);
    if (row.resultAt) throw new DomainError('DEADLINE_CLOSED');
    if (row.pausedSince) throw new DomainError('DEADLINE_PAUSED');
    const now = this.clock.now();
    this.noteLapse(row, now);
    const previousDueDate = row.currentDueDate;
    if (input.newDueDate <= previousDueDate || input.newDueDate < civilDate(now, this.zone)) {
      throw new DomainError('EXTENSION_NOT_LATER', { currentDueDate: previousDueDate });
    }
    const longExtensionReason = this.assertExtensionBound(actor, previousDueDate, input);
    const ctx = await this.calendars.context(row.organizationId, tx);
    const { maxExtensionDays } = deadlineSettings(ctx.organization, track);
    const requestedDays =
      row.mode === 'calendar'
        ? daysBetween(previousDueDate, input.newDueDate)
        : workingDaysBetween(previousDueDate, input.newDueDate, ctx.calendar);
    if (requestedDays > maxExtensionDays && !hasRole(actor, Role.Supervisor)) {
      throw new DomainError('EXTENSION_TOO_LONG', { maxExtensionDays, requestedDays, unit: row.mode });
    }
    const timely = !row.overdueSince;
    row.extensionDueDate = input.newDueDate;
    row.pausedDaysSinceExtension = 0;
    if (timely && !row.explainedAt) {
      row.explainedAt = now;
      row.dueDateBeforeExplanation = previousDueDate;
    }
    await this.save(tx, row, ctx, now, { rederive: true });
    await tx.insert(CaseDeadlineChange, {
      deadlineId: row.id,
      organizationId: row.organizationId,
      kind: 'extension',
      previousDueDate,
      newDueDate: row.currentDueDate,
      reason,
      timely,
      actorUserId: actor.userId,
      at: now,
    });
    await this.audit.record(tx, actor, {
      action: 'deadline.extend',
      // the case's entry (both deadlines of an integrity report are the report's); `track` says which
      entityType: track === 'complaint' ? 'complaint' : 'integrity_report',
      entityId: caseId,
      before: { currentDueDate: previousDueDate },
      after: { track, currentDueDate: row.currentDueDate, timely, ...longExtensionReason },
    });
    return this.view(tx, row);
  }

  /**
   * Up to EXTENSION_MAX_DAYS calendar days beyond the current due date anyone allowed to extend may
   * go; further only a supervisor, with a reason; never beyond EXTENSION_HARD_LIMIT_DAYS.
   */
  private assertExtensionBound(
    actor: Actor,
    currentDueDate: string,
    input: ExtendInput,
  ): { longExtensionReason: string } | undefined {
    const days = daysBetween(currentDueDate, input.newDueDate);
    const max = this.config.deadlines.extensionMaxDays;
    if (days > EXTENSION_HARD_LIMIT_DAYS) {
      throw new DomainError('VALIDATION_FAILED', [
        {
          field: 'newDueDate',
          rule: 'maxDate',
          message: `newDueDate may be at most ${EXTENSION_HARD_LIMIT_DAYS} days after the current due date (${currentDueDate})`,
          messageTh: `วันครบกำหนดใหม่ต้องไม่เกิน ${EXTENSION_HARD_LIMIT_DAYS} วันนับจากวันครบกำหนดเดิม`,
        },
      ]);
    }
    if (days <= max) return undefined;
    if (!hasRole(actor, Role.Supervisor)) {
      throw new DomainError('EXTENSION_TOO_LONG', {
        maxExtensionDays: max,
        requestedDays: days,
        unit: 'calendar',
      });
    }
    const reason = input.longExtensionReason?.trim();
    if (!reason) {
      throw new DomainError('VALIDATION_FAILED', [
        {
          field: 'longExtensionReason',
          rule: 'isNotEmpty',
          message: `an extension of more than ${max} days beyond the due date needs longExtensionReason`,
          messageTh: `การขยายเวลาเกิน ${max} วันต้องระบุเหตุผล`,
        },
      ]);
    }
    return { longExtensionReason: reason };
  }

  /** The case awaits information from the complainant: the clock stops (no milestones meanwhile). */
  async pause(tx: EntityManager, track: DeadlineTrack, caseId: string, at: Date): Promise<DeadlineView> {
    const row = await this.load(tx, track, caseId);
    if (row.resultAt) throw new DomainError('DEADLINE_CLOSED');
    if (row.pausedSince) return this.view(tx, row);
    this.noteLapse(row, at);
    row.pausedSince = at;
    await tx.insert(CaseDeadlinePause, {
      deadlineId: row.id,
      organizationId: row.organizationId,
      pausedAt: at,
    });
    await this.save(tx, row, await this.calendars.context(row.organizationId, tx), this.clock.now());
    return this.view(tx, row);
  }

  /**
   * The clock runs again; the due date moves by the paused days (from the pause's day to the day
   * before `at`, in the mode's unit; days before counting started do not count).
   */
  async resume(tx: EntityManager, track: DeadlineTrack, caseId: string, at: Date): Promise<DeadlineView> {
    const row = await this.load(tx, track, caseId);
    if (row.resultAt) throw new DomainError('DEADLINE_CLOSED');
    if (!row.pausedSince) return this.view(tx, row);
    await this.closePause(tx, row, await this.calendars.context(row.organizationId, tx), at);
    return this.view(tx, row);
  }

  /**
   * The case has its result: the outcome (met, met_by_explanation, missed) is frozen for good, so
   * published figures never drift. Later calls change nothing.
   */
  async recordResult(
    tx: EntityManager,
    track: DeadlineTrack,
    caseId: string,
    at: Date,
  ): Promise<DeadlineView> {
    const row = await this.load(tx, track, caseId);
    if (row.resultAt) return this.view(tx, row);
    const ctx = await this.calendars.context(row.organizationId, tx);
    if (row.pausedSince) await this.closePause(tx, row, ctx, at);
    this.noteLapse(row, at);
    row.resultAt = at;
    row.outcome = outcomeOf(row, civilDate(at, this.zone));
    await this.save(tx, row, ctx, this.clock.now());
    return this.view(tx, row);
  }

  /** Pass the caller's transaction as `manager` when inside one (a second connection could wait on the pool). */
  async get(
    track: DeadlineTrack,
    caseId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<DeadlineView | null> {
    const row = await manager.getRepository(CaseDeadline).findOneBy({ track, caseId });
    return row ? this.view(manager, row) : null;
  }

  /** Deadlines of many cases (lists); cases without one are absent from the map. */
  async getMany(track: DeadlineTrack, caseIds: string[]): Promise<Map<string, DeadlineView>> {
    if (caseIds.length === 0) return new Map();
    const rows = await this.db.getRepository(CaseDeadline).findBy({ track, caseId: In(caseIds) });
    const extensions = await this.extensionsOf(
      this.db.manager,
      rows.map((r) => r.id),
    );
    const now = this.clock.now();
    return new Map(rows.map((r) => [r.caseId, this.toView(r, extensions.get(r.id) ?? [], now)]));
  }

  /**
   * Days left or overdue for open cases of one organisation, counted in each case's mode with the
   * organisation's calendar (lists and dashboards); answered cases get nulls.
   */
  async distances(
    organizationId: string,
    cases: readonly { dueDate: string | null; mode: DeadlineMode | null; answered: boolean }[],
  ): Promise<{ daysLeft: number | null; daysOverdue: number | null }[]> {
    const none = { daysLeft: null, daysOverdue: null };
    if (cases.every((c) => c.answered || !c.dueDate || !c.mode)) return cases.map(() => none);
    const calendar = await this.calendars.forOrganization(organizationId);
    const today = this.calendars.today();
    return cases.map((c) =>
      c.answered || !c.dueDate || !c.mode ? none : dueDistance(today, c.dueDate, c.mode, calendar),
    );
  }

  /** (Re)creates the case's timers from the database; call after the transaction commits. Never throws. */
  reschedule(track: DeadlineTrack, caseId: string): Promise<void> {
    return this.scheduler.reschedule(track, caseId);
  }

  /** How the deadline was computed: the count, the days skipped, pauses, extensions, changes, result. */
  async explain(track: DeadlineTrack, caseId: string): Promise<DeadlineExplanation> {
    const row = await this.db.getRepository(CaseDeadline).findOneBy({ track, caseId });
    if (!row) throw new DomainError('DEADLINE_NOT_FOUND');
    const { organization, calendar } = await this.calendars.context(row.organizationId);
    const changes = await this.db.getRepository(CaseDeadlineChange).find({
      where: { deadlineId: row.id },
      order: { id: 'ASC' },
    });
    const pauses = await this.db.getRepository(CaseDeadlinePause).find({
      where: { deadlineId: row.id },
      order: { pausedAt: 'ASC', id: 'ASC' },
    });
    const deadline = this.toView(
      row,
      changes.filter((c) => c.kind === 'extension'),
      this.clock.now(),
    );
    const original = countView(computeDueDate(row.receivedDate, row.periodDays, row.mode, calendar));
    const current = row.extensionDueDate
      ? null
      : countView(computeDueDate(row.receivedDate, row.periodDays + row.pausedDays, row.mode, calendar));
    const settings = deadlineSettings(organization, track);
    return {
      timeZone: this.zone,
      deadline,
      original,
      current,
      pauses: pauses.map((p) => ({ pausedAt: p.pausedAt, resumedAt: p.resumedAt, pausedDays: p.pausedDays })),
      changes: changes.map((c) => ({
        kind: c.kind,
        previousDueDate: c.previousDueDate,
        newDueDate: c.newDueDate,
        reason: c.reason,
        at: c.at,
      })),
      reminders: row.resultAt
        ? []
        : reminderDates(row.currentDueDate, settings.reminderWorkingDaysBefore, calendar),
      ...summaries(deadline, original, changes, this.zone),
    };
  }

  /**
   * After a holiday was added or removed (in `tx`, before this call): recomputes the dates of every
   * running case of the organisation (null: every organisation) whose period contains `date`. A due
   * date that has already passed stays (the case is overdue); a recomputed one never moves into the
   * past. Each moved due date gets a `holiday_change` history row. Returns the cases to reschedule.
   */
  async recomputeForHolidayChange(
    tx: EntityManager,
    organizationId: string | null,
    date: string,
    reason: string,
  ): Promise<CaseRef[]> {
    const now = this.clock.now();
    const today = civilDate(now, this.zone);
    const q = tx
      .getRepository(CaseDeadline)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.result_at IS NULL AND d.received_date < :date AND d.very_overdue_date >= :date', { date })
      .orderBy('d.id');
    if (organizationId) q.andWhere('d.organization_id = :organizationId', { organizationId });
    const rows = await q.getMany();
    const calendars = new OrganizationCalendars(this.calendars, tx, true);
    const handled = await this.milestones.handledSets(
      tx,
      rows.map((r) => r.id),
    );
    const changed: CaseDeadline[] = [];
    const history: Pick<
      CaseDeadlineChange,
      'deadlineId' | 'organizationId' | 'kind' | 'previousDueDate' | 'newDueDate' | 'reason' | 'at'
    >[] = [];
    for (const row of rows) {
      const { organization, calendar } = await calendars.get(row.organizationId);
      const reminders = deadlineSettings(organization, row.track).reminderWorkingDaysBefore;
      const before = `${row.currentDueDate} ${row.veryOverdueDate} ${row.reminderFrom}`;
      const previousDueDate = row.currentDueDate;
      if (row.overdueSince || today > row.currentDueDate) {
        row.veryOverdueDate = veryOverdueDateOf(row, row.currentDueDate, calendar);
      } else {
        Object.assign(row, deriveDates(row, reminders, calendar, today));
      }
      if (`${row.currentDueDate} ${row.veryOverdueDate} ${row.reminderFrom}` === before) continue;
      if (row.currentDueDate !== previousDueDate) {
        row.dueSetAt = now;
        history.push({
          deadlineId: row.id,
          organizationId: row.organizationId,
          kind: 'holiday_change',
          previousDueDate,
          newDueDate: row.currentDueDate,
          reason,
          at: now,
        });
      }
      row.nextMilestoneAt = nextMilestoneAt(
        milestoneSchedule(row, reminders, calendar),
        handled.get(row.id)!,
      );
      changed.push(row);
    }
    for (let i = 0; i < changed.length; i += UPDATE_CHUNK) {
      const chunk = changed.slice(i, i + UPDATE_CHUNK);
      await tx.query(
        `UPDATE case_deadlines d
            SET current_due_date = v.due, very_overdue_date = v.very, reminder_from = v.reminder,
                due_set_at = v.due_set_at, next_milestone_at = v.next, version = d.version + 1, updated_at = now()
           FROM unnest($1::uuid[], $2::date[], $3::date[], $4::date[], $5::timestamptz[], $6::timestamptz[])
                AS v(id, due, very, reminder, due_set_at, next)
          WHERE d.id = v.id`,
        [
          chunk.map((r) => r.id),
          chunk.map((r) => r.currentDueDate),
          chunk.map((r) => r.veryOverdueDate),
          chunk.map((r) => r.reminderFrom),
          chunk.map((r) => r.dueSetAt),
          chunk.map((r) => r.nextMilestoneAt),
        ],
      );
    }
    for (let i = 0; i < history.length; i += UPDATE_CHUNK) {
      await tx.insert(CaseDeadlineChange, history.slice(i, i + UPDATE_CHUNK));
    }
    return changed.map((r) => ({ track: r.track, caseId: r.caseId }));
  }

  // --- internals -------------------------------------------------------------------------------

  private async load(tx: EntityManager, track: DeadlineTrack, caseId: string): Promise<CaseDeadline> {
    const row = await tx
      .getRepository(CaseDeadline)
      .findOne({ where: { track, caseId }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw new DomainError('DEADLINE_NOT_FOUND');
    return row;
  }

  /** The due date passed with neither result nor explanation before `at`: overdue, for good. */
  private noteLapse(row: CaseDeadline, at: Date): void {
    if (!row.resultAt && !row.pausedSince && !row.overdueSince) {
      row.overdueSince = overdueSinceAt(row.currentDueDate, at, this.zone);
    }
  }

  private async closePause(
    tx: EntityManager,
    row: CaseDeadline,
    ctx: OrganizationCalendar,
    at: Date,
  ): Promise<void> {
    const pausedFrom = civilDate(row.pausedSince!, this.zone);
    const countFrom = addDays(row.receivedDate, 1);
    const days = countDays(
      pausedFrom > countFrom ? pausedFrom : countFrom,
      civilDate(at, this.zone),
      row.mode,
      ctx.calendar,
    );
    await tx
      .createQueryBuilder()
      .update(CaseDeadlinePause)
      .set({ resumedAt: at, pausedDays: days })
      .where('deadline_id = :id AND resumed_at IS NULL', { id: row.id })
      .execute();
    row.pausedSince = null;
    row.pausedDays += days;
    if (row.extensionDueDate) row.pausedDaysSinceExtension += days;
    const previousDueDate = row.currentDueDate;
    const now = this.clock.now();
    await this.save(tx, row, ctx, now, { rederive: true });
    if (row.currentDueDate !== previousDueDate) {
      await tx.insert(CaseDeadlineChange, {
        deadlineId: row.id,
        organizationId: row.organizationId,
        kind: 'resume',
        previousDueDate,
        newDueDate: row.currentDueDate,
        reason: `paused ${days} ${row.mode === 'calendar' ? 'day(s)' : 'working day(s)'}`,
        at: now,
      });
    }
  }

  /** Writes the row; with `rederive` first recomputes its dates. Always moves the sweeper's pointer. */
  private async save(
    tx: EntityManager,
    row: CaseDeadline,
    ctx: OrganizationCalendar,
    now: Date,
    options: { rederive?: boolean } = {},
  ): Promise<void> {
    const reminders = deadlineSettings(ctx.organization, row.track).reminderWorkingDaysBefore;
    if (options.rederive) {
      const previousDueDate = row.currentDueDate;
      Object.assign(row, deriveDates(row, reminders, ctx.calendar));
      if (row.currentDueDate !== previousDueDate) row.dueSetAt = now;
    }
    const handled = (await this.milestones.handledSets(tx, [row.id])).get(row.id)!;
    row.nextMilestoneAt = nextMilestoneAt(milestoneSchedule(row, reminders, ctx.calendar), handled);
    row.version += 1;
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { id, organization, createdAt, updatedAt, ...columns } = row;
    await tx.update(CaseDeadline, { id }, columns);
  }

  private async extensionsOf(
    manager: EntityManager,
    deadlineIds: string[],
  ): Promise<Map<string, CaseDeadlineChange[]>> {
    const out = new Map<string, CaseDeadlineChange[]>();
    if (deadlineIds.length === 0) return out;
    const changes = await manager.find(CaseDeadlineChange, {
      where: { deadlineId: In(deadlineIds), kind: 'extension' },
      order: { id: 'ASC' },
    });
    for (const c of changes) out.set(c.deadlineId, [...(out.get(c.deadlineId) ?? []), c]);
    return out;
  }

  private async view(manager: EntityManager, row: CaseDeadline): Promise<DeadlineView> {
    const extensions = (await this.extensionsOf(manager, [row.id])).get(row.id) ?? [];
    return this.toView(row, extensions, this.clock.now());
  }

  private toView(row: CaseDeadline, extensions: CaseDeadlineChange[], now: Date): DeadlineView {
    return {
      track: row.track,
      caseId: row.caseId,
      organizationId: row.organizationId,
      receivedAt: row.receivedAt,
      receivedDate: row.receivedDate,
      mode: row.mode,
      periodDays: row.periodDays,
      originalDueDate: row.originalDueDate,
      currentDueDate: row.currentDueDate,
      extended: row.extensionDueDate !== null,
      extensions: extensions.map((e) => ({
        previousDueDate: e.previousDueDate,
        newDueDate: e.newDueDate,
        reason: e.reason,
        at: e.at,
        timely: e.timely === true,
      })),
      pausedDays: row.pausedDays,
      pausedSince: row.pausedSince,
      firstResponseAt: row.firstResponseAt,
      explainedAt: row.explainedAt,
      overdueSince: row.overdueSince,
      resultAt: row.resultAt,
      outcome: row.outcome,
      state: deadlineState(row, now, this.zone),
      reminderFrom: row.reminderFrom,
      veryOverdueDate: row.veryOverdueDate,
    };
  }
}

function countView(c: DueDateComputation): DeadlineCountView {
  return {
    daysCounted: c.days,
    startDate: c.startDate,
    lastCountedDate: c.lastCountedDate,
    dueDate: c.dueDate,
    skipped: c.skipped,
  };
}

const OUTCOME_TEXT = {
  met: { th: 'ทันกำหนด', en: 'on time' },
  met_by_explanation: { th: 'ทันกำหนดที่ขยายโดยได้ชี้แจงผู้ร้องแล้ว', en: 'by the extended date, explained in time' },
  missed: { th: 'เกินกำหนด', en: 'late' },
} as const;

/** The computation in one paragraph, in Thai (Buddhist Era dates) and English. */
function summaries(
  d: DeadlineView,
  original: DeadlineCountView,
  changes: CaseDeadlineChange[],
  zone: string,
): { summaryTh: string; summaryEn: string } {
  const th: string[] = [];
  const en: string[] = [];
  const unitTh = d.mode === 'calendar' ? 'วัน' : 'วันทำการ (ไม่นับวันเสาร์ วันอาทิตย์ และวันหยุดราชการ)';
  const unitEn = d.mode === 'calendar' ? 'days' : 'working days (weekends and public holidays not counted)';
  th.push(
    `รับเรื่องวันที่ ${thaiDate(d.receivedDate)} นับ ${d.periodDays} ${unitTh} เริ่มนับวันถัดไป (${thaiDate(original.startDate)})`,
  );
  en.push(
    `Received ${d.receivedDate}; ${d.periodDays} ${unitEn} counted from the next day (${original.startDate})`,
  );
  if (d.mode === 'calendar' && original.lastCountedDate !== original.dueDate) {
    th.push(
      `วันที่ ${d.periodDays} คือ ${thaiDate(original.lastCountedDate)} ซึ่งเป็นวันหยุด จึงเลื่อนเป็นวันทำการถัดไป ${thaiDate(original.dueDate)}`,
    );
    en.push(
      `day ${d.periodDays} is ${original.lastCountedDate}, not a working day, so the deadline moves to the next working day, ${original.dueDate}`,
    );
  } else {
    th.push(`ครบกำหนดวันที่ ${thaiDate(original.dueDate)}`);
    en.push(`due ${original.dueDate}`);
  }
  if (d.pausedDays > 0 || d.pausedSince) {
    th.push(`หยุดนับระหว่างรอข้อมูลจากผู้ร้องรวม ${d.pausedDays} ${d.mode === 'calendar' ? 'วัน' : 'วันทำการ'}`);
    en.push(
      `the clock was paused ${d.pausedDays} ${d.mode === 'calendar' ? 'days' : 'working days'} awaiting the complainant`,
    );
  }
  const extensions = changes.filter((c) => c.kind === 'extension').length;
  const holidayChanges = changes.filter((c) => c.kind === 'holiday_change').length;
  if (extensions > 0) {
    th.push(`ขยายเวลาโดยชี้แจงผู้ร้อง ${extensions} ครั้ง`);
    en.push(`extended with an explanation ${extensions} time(s)`);
  }
  if (holidayChanges > 0) {
    th.push(`วันครบกำหนดเปลี่ยนเพราะมีการเปลี่ยนแปลงวันหยุด ${holidayChanges} ครั้ง`);
    en.push(`the due date changed ${holidayChanges} time(s) because holidays changed`);
  }
  th.push(`กำหนดปัจจุบัน ${thaiDate(d.currentDueDate)}`);
  en.push(`current due date ${d.currentDueDate}`);
  if (d.outcome && d.resultAt) {
    th.push(`มีผลการดำเนินการเมื่อ ${thaiDate(civilDate(d.resultAt, zone))}: ${OUTCOME_TEXT[d.outcome].th}`);
    en.push(`result on ${civilDate(d.resultAt, zone)}: ${OUTCOME_TEXT[d.outcome].en}`);
  }
  return { summaryTh: `${th.join(' ')}`, summaryEn: `${en.join('; ')}.` };
}
