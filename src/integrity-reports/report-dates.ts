import { DateTime } from 'luxon';

/** The civil date (YYYY-MM-DD) of an instant in the business time zone. */
export function civilDateOf(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate()!;
}

/** Thai fiscal year (Buddhist era) of a civil date: 1 October starts the next year. FY 2569 = Oct 2025 - Sep 2026. */
export function fiscalYearOf(date: string): number {
  const [year, month] = date.split('-').map(Number);
  return (month >= 10 ? year + 1 : year) + 543;
}

/** IR-2569-0007 */
export function reportNumber(fiscalYear: number, sequence: number): string {
  return `IR-${fiscalYear}-${String(sequence).padStart(4, '0')}`;
}

/**
 * 00:00 of a civil date in the business time zone: the instant recorded for anything the reporter
 * causes that must be an instant (the deadline engine's receipt), so that it tells the day only.
 */
export function startOfCivilDay(date: string, timeZone: string): Date {
  return DateTime.fromISO(date, { zone: timeZone }).startOf('day').toJSDate();
}
