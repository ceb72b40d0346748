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

/** `days` calendar days after a civil date. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}
