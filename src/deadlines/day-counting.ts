import { DateTime } from 'luxon';
import type { HolidayKind } from './entities/holiday.entity';

/**
 * Day counting for response deadlines: plain functions over civil dates (YYYY-MM-DD strings) and a
 * BusinessCalendar (time zone, weekends, holidays, office hours). Nothing here reads the server's
 * time zone: civil dates are computed in UTC-as-a-calendar, instants are converted in `calendar.zone`.
 */

/** `calendar`: N days from the day after receipt, a last day on a non-working day moves to the next
 *  working day. `working_days`: N working days from the day after receipt. */
export type DeadlineMode = 'calendar' | 'working_days';
export const DEADLINE_MODES: readonly DeadlineMode[] = ['calendar', 'working_days'];
export const DEADLINE_MODE_LABELS: Record<DeadlineMode, { th: string; en: string }> = {
  calendar: { th: 'วันปฏิทิน', en: 'Calendar days' },
  working_days: { th: 'วันทำการ', en: 'Working days' },
};

export interface HolidayInfo {
  date: string;
  nameTh: string;
  nameEn: string | null;
  kind: HolidayKind;
  /** null for national holidays */
  organizationId: string | null;
}

export interface OfficeHours {
  /** 'HH:mm' in the calendar's zone */
  start: string;
  end: string;
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = { start: '08:30', end: '16:30' };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/**
 * Civil dates as day numbers (days since 1970-01-01). Plain UTC arithmetic: a civil date has no zone,
 * and this is many times faster than building a zoned DateTime for every day counted.
 */
function dayNumber(date: string): number {
  if (ISO_DATE.test(date)) {
    const y = Number(date.slice(0, 4));
    const m = Number(date.slice(5, 7));
    const d = Number(date.slice(8, 10));
    const t = Date.UTC(y, m - 1, d);
    const back = new Date(t);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d)
      return t / DAY_MS;
  }
  throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
}

const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    dayNumber(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: string, days: number): string {
  return dateOf(dayNumber(date) + days);
}

/** `to - from` in days (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function weekday(date: string): number {
  return new Date(dayNumber(date) * DAY_MS).getUTCDay() || 7;
}

/** The civil date of an instant in `zone` (a receipt at 00:30 Bangkok is that Bangkok day, whatever UTC says). */
// One definition of "the civil date of an instant", shared with fiscal years.
export { civilDate } from '../common/time/fiscal-year';

const dayStarts = new Map<string, number>();

/** The instant a civil date starts in `zone` (memoised: the milestones of many cases share days). */
export function startOfDay(date: string, zone: string): Date {
  const key = `${zone} ${date}`;
  let t = dayStarts.get(key);
  if (t === undefined) {
    t = DateTime.fromISO(dateOf(dayNumber(date)), { zone }).toMillis();
    if (dayStarts.size >= 20_000) dayStarts.clear();
    dayStarts.set(key, t);
  }
  return new Date(t);
}

/** Weekends, national holidays, the organisation's own holidays and its office hours, in one zone. */
export class BusinessCalendar {
  private readonly holidays = new Map<string, HolidayInfo>();

  constructor(
    readonly zone: string,
    holidays: Iterable<HolidayInfo> = [],
    readonly officeHours: OfficeHours = DEFAULT_OFFICE_HOURS,
  ) {
    for (const h of holidays) {
      // the organisation's own entry wins over a national one on the same day (it carries the local name)
      if (!this.holidays.has(h.date) || h.organizationId !== null) this.holidays.set(h.date, h);
    }
  }

  holiday(date: string): HolidayInfo | undefined {
    return this.holidays.get(date);
  }

  isWeekend(date: string): boolean {
    return weekday(date) >= 6;
  }

  isWorkingDay(date: string): boolean {
    return !this.isWeekend(date) && !this.holidays.has(date);
  }

  /** Why a day is not a working day, for explanations; undefined on working days. */
  closure(date: string): SkippedDay | undefined {
    const h = this.holidays.get(date);
    if (h) return { date, reason: 'holiday', name: h.nameTh, nameEn: h.nameEn ?? undefined };
    if (this.isWeekend(date)) return { date, reason: 'weekend' };
    return undefined;
  }

  /** A copy with one more holiday, or one fewer (previews and tests of a holiday change). */
  withHoliday(h: HolidayInfo): BusinessCalendar {
    return new BusinessCalendar(this.zone, [...this.holidays.values(), h], this.officeHours);
  }

  withoutHoliday(date: string): BusinessCalendar {
    return new BusinessCalendar(
      this.zone,
      [...this.holidays.values()].filter((h) => h.date !== date),
      this.officeHours,
    );
  }
}

export interface SkippedDay {
  date: string;
  reason: 'weekend' | 'holiday';
  /** the holiday's Thai name */
  name?: string;
  nameEn?: string;
}

export interface DueDateComputation {
  mode: DeadlineMode;
  /** N: the days counted */
  days: number;
  receivedDate: string;
  /** day 1: the day after receipt */
  startDate: string;
  /** the N-th counted day (calendar mode: may be a weekend or holiday, then the due date moves on) */
  lastCountedDate: string;
  dueDate: string;
  /** the non-working days the count stepped over (working days mode) or moved past (calendar mode) */
  skipped: SkippedDay[];
}

/** The date itself when it is a working day, otherwise the next working day; `skipped` collects the rest. */
export function nextWorkingDay(date: string, calendar: BusinessCalendar, skipped: SkippedDay[] = []): string {
  let d = date;
  for (let guard = 0; guard < 366; guard++) {
    const closure = calendar.closure(d);
    if (!closure) return d;
    skipped.push(closure);
    d = addDays(d, 1);
  }
  throw new RangeError(`No working day within a year after ${date}`);
}

/** The n-th working day after `date` (n = 0: `date` itself, unchanged). */
export function addWorkingDays(
  date: string,
  n: number,
  calendar: BusinessCalendar,
  skipped: SkippedDay[] = [],
): string {
  let d = date;
  for (let counted = 0; counted < n;) {
    d = addDays(d, 1);
    const closure = calendar.closure(d);
    if (closure) skipped.push(closure);
    else counted++;
  }
  return d;
}

/** The n-th working day before `date`. */
export function subtractWorkingDays(date: string, n: number, calendar: BusinessCalendar): string {
  let d = date;
  for (let counted = 0; counted < n;) {
    d = addDays(d, -1);
    if (calendar.isWorkingDay(d)) counted++;
  }
  return d;
}

/** Working days d with from < d <= to (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string, calendar: BusinessCalendar): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) n++;
  return n;
}

/** Days d with from <= d < to counted in the mode's unit (all days, or working days only). */
export function countDays(from: string, to: string, mode: DeadlineMode, calendar: BusinessCalendar): number {
  if (to <= from) return 0;
  return mode === 'calendar'
    ? daysBetween(from, to)
    : workingDaysBetween(addDays(from, -1), addDays(to, -1), calendar);
}

/**
 * The due date of a case received on `receivedDate` with `days` days in `mode`. Counting starts the
 * day after receipt. Example (calendar, 15): received Friday 2026-04-10, day 15 is Saturday
 * 2026-04-25, so the case is due Monday 2026-04-27.
 */
export function computeDueDate(
  receivedDate: string,
  days: number,
  mode: DeadlineMode,
  calendar: BusinessCalendar,
): DueDateComputation {
  if (!Number.isInteger(days) || days < 1)
    throw new RangeError(`days must be a positive integer (got ${days})`);
  const startDate = addDays(receivedDate, 1);
  const skipped: SkippedDay[] = [];
  if (mode === 'calendar') {
    const lastCountedDate = addDays(receivedDate, days);
    const dueDate = nextWorkingDay(lastCountedDate, calendar, skipped);
    return { mode, days, receivedDate, startDate, lastCountedDate, dueDate, skipped };
  }
  const dueDate = addWorkingDays(receivedDate, days, calendar, skipped);
  return { mode, days, receivedDate, startDate, lastCountedDate: dueDate, dueDate, skipped };
}

/**
 * Moves a due date later by `days` in the mode's unit (after a pause that followed an extension).
 * Calendar days land on a working day; 0 days leaves the date as it is.
 */
export function shiftDueDate(
  date: string,
  days: number,
  mode: DeadlineMode,
  calendar: BusinessCalendar,
): string {
  if (days <= 0) return date;
  return mode === 'calendar'
    ? nextWorkingDay(addDays(date, days), calendar)
    : addWorkingDays(date, days, calendar);
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/**
 * The earliest instant at or after `now` inside office hours (default 08:30-16:30 in the calendar's
 * zone) on a working day: officers' notifications are held until then.
 */
export function nextOfficeWindow(now: Date, calendar: BusinessCalendar): Date {
  const local = DateTime.fromJSDate(now, { zone: calendar.zone });
  const minute = local.hour * 60 + local.minute + local.second / 60 + local.millisecond / 60000;
  const open = minutesOf(calendar.officeHours.start);
  const close = minutesOf(calendar.officeHours.end);
  const today = local.toISODate()!;
  if (calendar.isWorkingDay(today) && minute >= open && minute < close) return now;
  const day =
    calendar.isWorkingDay(today) && minute < open ? today : nextWorkingDay(addDays(today, 1), calendar);
  return DateTime.fromISO(day, { zone: calendar.zone })
    .set({ hour: Math.floor(open / 60), minute: open % 60 })
    .toJSDate();
}

/**
 * The next opening of office hours strictly after `now`, on a working day: the daily batch for
 * messages whose sending time must not tell when someone acted (an anonymous reporter's submission).
 */
export function nextOfficeOpening(now: Date, calendar: BusinessCalendar): Date {
  const open = minutesOf(calendar.officeHours.start);
  const opening = (day: string) =>
    DateTime.fromISO(day, { zone: calendar.zone })
      .set({ hour: Math.floor(open / 60), minute: open % 60 })
      .toJSDate();
  const today = DateTime.fromJSDate(now, { zone: calendar.zone }).toISODate()!;
  if (calendar.isWorkingDay(today) && opening(today).getTime() > now.getTime()) return opening(today);
  return opening(nextWorkingDay(addDays(today, 1), calendar));
}

/**
 * How far `today` is from a due date, in the mode's unit: days left (after today, up to and
 * including the due date; 0 on the due date) or days overdue (after the due date, up to and
 * including today; at least 1 once the due date has passed).
 */
export function dueDistance(
  today: string,
  dueDate: string,
  mode: DeadlineMode,
  calendar: BusinessCalendar,
): { daysLeft: number | null; daysOverdue: number | null } {
  const between = (from: string, to: string) =>
    mode === 'calendar' ? daysBetween(from, to) : workingDaysBetween(from, to, calendar);
  if (dueDate >= today) return { daysLeft: between(today, dueDate), daysOverdue: null };
  return { daysLeft: null, daysOverdue: Math.max(1, between(dueDate, today)) };
}
