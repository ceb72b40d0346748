import { DateTime } from 'luxon';

/** Buddhist Era year = Common Era year + 543. */
export const BE_OFFSET = 543;

/**
 * ปีงบประมาณ: 1 October to 30 September, named by the BE year in which it ends
 * (FY 2569 = 1 Oct 2025 – 30 Sep 2026). `at` is an instant; the civil date is taken in `zone`.
 */
export function fiscalYearOf(at: Date, zone: string): number {
  return fiscalYearOfDate(civilDate(at, zone));
}

/** The fiscal year of a civil date (YYYY-MM-DD): 1 October starts the next one. */
export function fiscalYearOfDate(date: string): number {
  const [year, month] = date.split('-').map(Number);
  return (month >= 10 ? year + 1 : year) + BE_OFFSET;
}

/** The instants bounding a fiscal year: [start, end) in `zone`, and its civil first and last day. */
export function fiscalYearRange(
  fiscalYear: number,
  zone: string,
): { start: Date; end: Date; firstDay: string; lastDay: string } {
  const endYear = fiscalYear - BE_OFFSET;
  const start = DateTime.fromObject({ year: endYear - 1, month: 10, day: 1 }, { zone });
  const end = DateTime.fromObject({ year: endYear, month: 10, day: 1 }, { zone });
  return {
    start: start.toJSDate(),
    end: end.toJSDate(),
    firstDay: start.toISODate()!,
    lastDay: end.minus({ days: 1 }).toISODate()!,
  };
}

/** A civil date in a zone and the instants that bound it: [start, end). */
export interface CivilDay {
  date: string;
  start: number;
  end: number;
}

// the last day looked up per zone: most instants asked for fall on it (a zoned DateTime costs an Intl lookup)
const lastDays = new Map<string, CivilDay>();

/** The civil day of an instant in `zone`, with its bounds (null for an invalid instant). */
export function civilDay(at: Date, zone: string): CivilDay | null {
  const t = at.getTime();
  const last = lastDays.get(zone);
  if (last && t >= last.start && t < last.end) return last;
  const local = DateTime.fromJSDate(at, { zone });
  if (!local.isValid) return null;
  const start = local.startOf('day');
  const day = { date: local.toISODate(), start: start.toMillis(), end: start.plus({ days: 1 }).toMillis() };
  lastDays.set(zone, day);
  return day;
}

/** Civil date (YYYY-MM-DD) of an instant in `zone`. */
export function civilDate(at: Date, zone: string): string {
  return (civilDay(at, zone)?.date ?? null) as string;
}
