/** The Thai fiscal year (Buddhist era) of a moment, in Bangkok: 1 October 2025 – 30 September 2026 is 2569. */
export function fiscalYearBE(now: Date = new Date()): number {
  const [year, month] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Bangkok',
    year: 'numeric',
    month: '2-digit',
  })
    .format(now)
    .split('-')
    .map(Number);
  return year + 543 + (month >= 10 ? 1 : 0);
}

/** The years offered by the selector: the current one first, then the four before it. */
export const recentFiscalYears = (current: number, count = 5): number[] =>
  Array.from({ length: count }, (_, i) => current - i);

/** `?year=2569` when it is a plausible BE fiscal year, else null (the current year). */
export function yearFromQuery(search: string): number | null {
  const year = Number(new URLSearchParams(search).get('year'));
  return Number.isInteger(year) && year >= 2500 && year <= 2700 ? year : null;
}
