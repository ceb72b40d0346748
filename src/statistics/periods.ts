import { DateTime } from 'luxon';
import { fiscalYearRange } from '../common/time/fiscal-year';

/** A reporting period: a fiscal year, one of its quarters or one of its months, in the business zone. */
export interface Period {
  fiscalYear: number;
  quarter: number | null;
  month: string | null;
  /** [start, end) instants */
  start: Date;
  end: Date;
  /** first and last civil day */
  firstDay: string;
  lastDay: string;
}

export type PeriodProblem = { field: 'quarter' | 'month'; rule: string; message: string };

/**
 * The period of `fiscalYear` (BE), narrowed to `quarter` (1 = Oct-Dec) or `month` (YYYY-MM, CE, inside
 * that fiscal year). Returns a problem instead when the request is inconsistent.
 */
export function resolvePeriod(
  fiscalYear: number,
  narrow: { quarter?: number; month?: string },
  zone: string,
): Period | PeriodProblem {
  const year = fiscalYearRange(fiscalYear, zone);
  if (narrow.quarter !== undefined && narrow.month !== undefined) {
    return { field: 'month', rule: 'oneOf', message: 'give quarter or month, not both' };
  }
  const fyStart = DateTime.fromJSDate(year.start, { zone });
  if (narrow.quarter !== undefined) {
    const start = fyStart.plus({ months: 3 * (narrow.quarter - 1) });
    return span(fiscalYear, narrow.quarter, null, start, start.plus({ months: 3 }));
  }
  if (narrow.month !== undefined) {
    const [y, m] = narrow.month.split('-').map(Number);
    const start = DateTime.fromObject({ year: y, month: m, day: 1 }, { zone });
    if (!start.isValid || start < fyStart || start.toJSDate() >= year.end) {
      return {
        field: 'month',
        rule: 'inFiscalYear',
        message: `month must be a month of fiscal year ${fiscalYear} (${year.firstDay} to ${year.lastDay})`,
      };
    }
    return span(fiscalYear, null, narrow.month, start, start.plus({ months: 1 }));
  }
  return { fiscalYear, quarter: null, month: null, ...year };
}

function span(
  fiscalYear: number,
  quarter: number | null,
  month: string | null,
  start: DateTime,
  end: DateTime,
): Period {
  return {
    fiscalYear,
    quarter,
    month,
    start: start.toJSDate(),
    end: end.toJSDate(),
    firstDay: start.toISODate()!,
    lastDay: end.minus({ days: 1 }).toISODate()!,
  };
}

export const isPeriod = (p: Period | PeriodProblem): p is Period => 'start' in p;

/** The months (YYYY-MM) a period covers, in order. */
export function monthsOf(p: Period, zone: string): string[] {
  const out: string[] = [];
  let d = DateTime.fromJSDate(p.start, { zone });
  const end = DateTime.fromJSDate(p.end, { zone });
  while (d < end) {
    out.push(d.toFormat('yyyy-MM'));
    d = d.plus({ months: 1 });
  }
  return out;
}
