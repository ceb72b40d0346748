import {
  addDays,
  BusinessCalendar,
  civilDate,
  computeDueDate,
  DeadlineMode,
  shiftDueDate,
  startOfDay,
  subtractWorkingDays,
} from './day-counting';
import type { Milestone } from './deadline-track';
import type { DeadlineOutcome } from './entities/case-deadline.entity';

/**
 * The deadline rules over the stored facts of a case: what the due date is, when milestones fall,
 * which state a case is in, and how a result is judged. Pure: the service loads and stores, these decide.
 */

export type DeadlineState = 'on_track' | 'due_soon' | 'overdue' | DeadlineOutcome;

/** What each deadline state is called on screen (GET /labels). */
export const DEADLINE_STATE_LABELS: Record<DeadlineState, { th: string; en: string }> = {
  on_track: { th: 'อยู่ในกำหนด', en: 'On track' },
  due_soon: { th: 'ใกล้ครบกำหนด', en: 'Due soon' },
  overdue: { th: 'เกินกำหนด', en: 'Overdue' },
  met: { th: 'ตอบภายในกำหนด', en: 'Met' },
  met_by_explanation: { th: 'ชี้แจงภายในกำหนด', en: 'Met by explanation' },
  missed: { th: 'เกินกำหนด', en: 'Missed' },
};

/** What the current due date is computed from. */
export interface DueFacts {
  receivedDate: string;
  mode: DeadlineMode;
  periodDays: number;
  extensionDueDate: string | null;
  pausedDays: number;
  pausedDaysSinceExtension: number;
}

/**
 * Without extension: N + paused days counted from the day after receipt. After an extension: the
 * date the officer chose, moved on by the days paused since.
 */
export function dueDateOf(f: DueFacts, calendar: BusinessCalendar): string {
  if (f.extensionDueDate)
    return shiftDueDate(f.extensionDueDate, f.pausedDaysSinceExtension, f.mode, calendar);
  return computeDueDate(f.receivedDate, f.periodDays + f.pausedDays, f.mode, calendar).dueDate;
}

/**
 * "Twice the period": without extension, 2N + paused days from the day after receipt; after an
 * extension, one more full period after the extended due date.
 */
export function veryOverdueDateOf(f: DueFacts, dueDate: string, calendar: BusinessCalendar): string {
  if (f.extensionDueDate) return shiftDueDate(dueDate, f.periodDays, f.mode, calendar);
  return computeDueDate(f.receivedDate, 2 * f.periodDays + f.pausedDays, f.mode, calendar).dueDate;
}

export interface ReminderDate {
  workingDaysBefore: number;
  date: string;
}

/** The reminder days: each `k` working days before the due date, earliest first. */
export function reminderDates(
  dueDate: string,
  workingDaysBefore: number[],
  calendar: BusinessCalendar,
): ReminderDate[] {
  return workingDaysBefore
    .map((k) => ({ workingDaysBefore: k, date: subtractWorkingDays(dueDate, k, calendar) }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export interface DerivedDates {
  currentDueDate: string;
  veryOverdueDate: string;
  reminderFrom: string | null;
}

/**
 * All dates derived from the facts. `notBefore` (holiday changes) keeps a recomputed due date from
 * moving into the past: a case is never made overdue retroactively.
 */
export function deriveDates(
  f: DueFacts,
  reminders: number[],
  calendar: BusinessCalendar,
  notBefore?: string,
): DerivedDates {
  let currentDueDate = dueDateOf(f, calendar);
  if (notBefore && currentDueDate < notBefore) currentDueDate = notBefore;
  const veryOverdueDate = veryOverdueDateOf(f, currentDueDate, calendar);
  return {
    currentDueDate,
    veryOverdueDate,
    reminderFrom: reminderDates(currentDueDate, reminders, calendar)[0]?.date ?? null,
  };
}

export interface MilestoneOccurrence {
  /** 'reminder-3', 'reminder-1', 'due', 'very_overdue': also the last part of the job id */
  key: string;
  milestone: Milestone;
  /** the due date (reminders, due) or the very-overdue date */
  targetDate: string;
  fireAt: Date;
  workingDaysBefore?: number;
}

export interface ScheduleFacts {
  currentDueDate: string;
  veryOverdueDate: string;
  dueSetAt: Date;
  resultAt: Date | null;
  pausedSince: Date | null;
}

export const occurrenceId = (o: { key: string; targetDate: string }): string => `${o.key}@${o.targetDate}`;

/**
 * The milestones of an open, running case, in time order. A milestone fires at the start of its day
 * (Bangkok): a reminder on its reminder day; `due` the day after the due date (the due date itself is
 * still in time); `very_overdue` the day after the very-overdue date. Reminders whose time had already
 * come when the due date was set (a late extension, a back-dated receipt) are not part of it: they
 * would announce a number of days that is no longer true. Closed and paused cases have none.
 */
export function milestoneSchedule(
  f: ScheduleFacts,
  reminders: number[],
  calendar: BusinessCalendar,
): MilestoneOccurrence[] {
  if (f.resultAt || f.pausedSince) return [];
  const zone = calendar.zone;
  const out: MilestoneOccurrence[] = reminderDates(f.currentDueDate, reminders, calendar)
    .map((r) => ({
      key: `reminder-${r.workingDaysBefore}`,
      milestone: 'reminder' as const,
      targetDate: f.currentDueDate,
      fireAt: startOfDay(r.date, zone),
      workingDaysBefore: r.workingDaysBefore,
    }))
    .filter((o) => o.fireAt.getTime() > f.dueSetAt.getTime());
  out.push({
    key: 'due',
    milestone: 'due',
    targetDate: f.currentDueDate,
    fireAt: startOfDay(addDays(f.currentDueDate, 1), zone),
  });
  out.push({
    key: 'very_overdue',
    milestone: 'very_overdue',
    targetDate: f.veryOverdueDate,
    fireAt: startOfDay(addDays(f.veryOverdueDate, 1), zone),
  });
  return out.sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime());
}

/** The earliest milestone not yet handled (the sweeper's pointer), or null. */
export function nextMilestoneAt(schedule: MilestoneOccurrence[], handled: ReadonlySet<string>): Date | null {
  return schedule.find((o) => !handled.has(occurrenceId(o)))?.fireAt ?? null;
}

/**
 * Whether a milestone whose time has come should still notify at `now`: `due` and `very_overdue`
 * always do; a reminder not when the next milestone's time has come too (it would be stale).
 */
export function stillRelevant(o: MilestoneOccurrence, schedule: MilestoneOccurrence[], now: Date): boolean {
  if (o.milestone !== 'reminder') return true;
  const next = schedule[schedule.indexOf(o) + 1];
  return !next || next.fireAt.getTime() > now.getTime();
}

export interface StateFacts {
  currentDueDate: string;
  reminderFrom: string | null;
  pausedSince: Date | null;
  overdueSince: Date | null;
  outcome: DeadlineOutcome | null;
}

/**
 * From the stored row and the time alone. `due_soon` from the first reminder day; `overdue` once the
 * due date has passed with neither result nor explanation (and for good once that happened), not
 * while the clock is paused.
 */
export function deadlineState(f: StateFacts, now: Date, zone: string): DeadlineState {
  if (f.outcome) return f.outcome;
  const today = civilDate(now, zone);
  if (f.overdueSince) return 'overdue';
  if (f.pausedSince) return 'on_track';
  if (today > f.currentDueDate) return 'overdue';
  if (f.reminderFrom && today >= f.reminderFrom) return 'due_soon';
  return 'on_track';
}

/** When a running case whose due date is `dueDate` became overdue (the start of the next day), if by `now`. */
export function overdueSinceAt(dueDate: string, now: Date, zone: string): Date | null {
  const since = startOfDay(addDays(dueDate, 1), zone);
  return now.getTime() >= since.getTime() ? since : null;
}

export interface OutcomeFacts {
  currentDueDate: string;
  overdueSince: Date | null;
  explainedAt: Date | null;
  dueDateBeforeExplanation: string | null;
}

/**
 * The frozen outcome of a result on `resultDate`: `missed` when the due date passed at any time
 * without result or explanation; `met_by_explanation` when an explanation was given in time and the
 * result came after the date then in force but by the new one; otherwise `met`.
 */
export function outcomeOf(f: OutcomeFacts, resultDate: string): DeadlineOutcome {
  if (f.overdueSince || resultDate > f.currentDueDate) return 'missed';
  if (f.explainedAt && f.dueDateBeforeExplanation && resultDate > f.dueDateBeforeExplanation) {
    return 'met_by_explanation';
  }
  return 'met';
}
