import { ComplaintStatus } from '../complaints/complaint-workflow';
import { DEFAULT_SATISFACTION_TARGET_PERCENT } from '../deadlines/deadline-settings';
import type { DeadlineOutcome } from '../deadlines/entities/case-deadline.entity';

/**
 * The figures of general complaints, as pure functions over the facts of each case. The SQL in
 * statistics.sql.ts computes the same measures in the database; `measureCases` is its reference
 * implementation (the unit tests use it with hand-made cases, the e2e test compares both).
 */

export const STATUS_GROUPS = ['in_progress', 'resolved', 'rejected', 'referred', 'duplicate'] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

/** resolved and closed count as resolved; every status before an answer is in progress. */
export function statusGroupOf(status: ComplaintStatus): StatusGroup {
  switch (status) {
    case ComplaintStatus.Resolved:
    case ComplaintStatus.Closed:
      return 'resolved';
    case ComplaintStatus.Rejected:
    case ComplaintStatus.Referred:
    case ComplaintStatus.Duplicate:
      return status;
    default:
      return 'in_progress';
  }
}

export type DeadlineClass = DeadlineOutcome | 'open_past_deadline' | 'running';

export interface DeadlineFacts {
  outcome: DeadlineOutcome | null;
  resultAt: Date | null;
  overdueSince: Date | null;
  pausedSince: Date | null;
  currentDueDate: string;
}

/**
 * Where a case stands against its deadline on `today` (Bangkok civil date):
 * - its frozen outcome once it has a result;
 * - `open_past_deadline`: no result and the due date has passed (already marked overdue, or its
 *   current due date is before today while the clock runs). Such a case can only end `missed`;
 * - `running` otherwise (still in time, or paused awaiting the complainant, or without a deadline).
 */
export function deadlineClassOf(d: DeadlineFacts | null, today: string): DeadlineClass {
  if (!d) return 'running';
  if (d.outcome) return d.outcome;
  if (d.overdueSince || (!d.pausedSince && d.currentDueDate < today)) return 'open_past_deadline';
  return 'running';
}

/** Additive counts over a set of cases: the database returns these per breakdown cell. */
export interface Measures {
  received: number;
  inProgress: number;
  resolved: number;
  rejected: number;
  referred: number;
  duplicate: number;
  met: number;
  metByExplanation: number;
  missed: number;
  openPastDeadline: number;
  reopened: number;
  responses: number;
  ratingSum: number;
  satisfied: number;
  /** cases with a result, and the sum of their days to result */
  withResult: number;
  resultDaysSum: number;
}

export const EMPTY_MEASURES: Measures = {
  received: 0,
  inProgress: 0,
  resolved: 0,
  rejected: 0,
  referred: 0,
  duplicate: 0,
  met: 0,
  metByExplanation: 0,
  missed: 0,
  openPastDeadline: 0,
  reopened: 0,
  responses: 0,
  ratingSum: 0,
  satisfied: 0,
  withResult: 0,
  resultDaysSum: 0,
};

/** The facts of one case that the figures use. Days are Bangkok civil dates. */
export interface CaseFacts {
  status: ComplaintStatus;
  receivedDate: string;
  deadline: DeadlineFacts | null;
  /** civil date of the result (the deadline's result instant in Bangkok) */
  resultDate: string | null;
  reopenCount: number;
  rating: number | null;
}

const GROUP_FIELD: Record<StatusGroup, keyof Measures> = {
  in_progress: 'inProgress',
  resolved: 'resolved',
  rejected: 'rejected',
  referred: 'referred',
  duplicate: 'duplicate',
};
const CLASS_FIELD: Partial<Record<DeadlineClass, keyof Measures>> = {
  met: 'met',
  met_by_explanation: 'metByExplanation',
  missed: 'missed',
  open_past_deadline: 'openPastDeadline',
};

export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Adds one case to the measures (the reference of the SQL aggregation). */
export function addCase(m: Measures, c: CaseFacts, today: string): Measures {
  const out = { ...m, received: m.received + 1 };
  out[GROUP_FIELD[statusGroupOf(c.status)]] += 1;
  const cls = CLASS_FIELD[deadlineClassOf(c.deadline, today)];
  if (cls) out[cls] += 1;
  if (c.reopenCount > 0) out.reopened += 1;
  if (c.rating !== null) {
    out.responses += 1;
    out.ratingSum += c.rating;
    if (c.rating >= 4) out.satisfied += 1;
  }
  if (c.resultDate) {
    out.withResult += 1;
    out.resultDaysSum += daysBetween(c.receivedDate, c.resultDate);
  }
  return out;
}

export const measureCases = (cases: CaseFacts[], today: string): Measures =>
  cases.reduce((m, c) => addCase(m, c, today), EMPTY_MEASURES);

/** Days from receipt to result: value → number of cases. */
export type DaysHistogram = { days: number; cases: number }[];

export function histogramOf(cases: CaseFacts[]): DaysHistogram {
  const counts = new Map<number, number>();
  for (const c of cases) {
    if (!c.resultDate) continue;
    const d = daysBetween(c.receivedDate, c.resultDate);
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return [...counts].map(([days, n]) => ({ days, cases: n }));
}

/** The median of the values a histogram describes (mean of the two middle ones for an even count). */
export function medianOf(histogram: DaysHistogram): number | null {
  const sorted = [...histogram].filter((h) => h.cases > 0).sort((a, b) => a.days - b.days);
  const n = sorted.reduce((s, h) => s + h.cases, 0);
  if (n === 0) return null;
  const at = (index: number): number => {
    let seen = 0;
    for (const h of sorted) {
      seen += h.cases;
      if (index < seen) return h.days;
    }
    return sorted[sorted.length - 1].days;
  };
  return n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

/** The target when an organisation sets none (organizations.settings.satisfactionTargetPercent). */
export const SATISFACTION_TARGET_PERCENT = DEFAULT_SATISFACTION_TARGET_PERCENT;

/**
 * A published percentage, or null when the cases it is computed over are fewer than `minSample`
 * (STATISTICS_MIN_SAMPLE): one case would otherwise show as 100%. The counts are still published.
 */
export const percent = (part: number, whole: number, minSample: number): number | null =>
  whole === 0 || whole < minSample ? null : Math.round((1000 * part) / whole) / 10;
const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));

/** Deadline figures: results by outcome, open past deadline, and compliance with the 15-day rule. */
export function deadlineFigures(m: Measures, minSample: number) {
  const compliant = m.met + m.metByExplanation;
  const due = compliant + m.missed + m.openPastDeadline;
  return {
    withResult: m.met + m.metByExplanation + m.missed,
    met: m.met,
    metByExplanation: m.metByExplanation,
    missed: m.missed,
    openPastDeadline: m.openPastDeadline,
    due,
    compliant,
    compliancePercent: percent(compliant, due, minSample),
  };
}

export function satisfactionFigures(
  m: Measures,
  minSample: number,
  targetPercent = SATISFACTION_TARGET_PERCENT,
) {
  const satisfiedPercent = percent(m.satisfied, m.responses, minSample);
  return {
    responses: m.responses,
    meanRating: m.responses === 0 ? null : round(m.ratingSum / m.responses, 2),
    satisfied: m.satisfied,
    satisfiedPercent,
    targetPercent,
    meetsTarget: satisfiedPercent === null ? null : satisfiedPercent >= targetPercent,
  };
}

export const meanDaysToResult = (m: Measures): number | null =>
  m.withResult === 0 ? null : round(m.resultDaysSum / m.withResult, 1);

/** The headline figures of a set of cases. */
export function headlineFigures(
  m: Measures,
  histogram: DaysHistogram,
  minSample: number,
  satisfactionTargetPercent = SATISFACTION_TARGET_PERCENT,
) {
  return {
    received: m.received,
    open: m.inProgress,
    closed: m.received - m.inProgress,
    byStatusGroup: {
      inProgress: m.inProgress,
      resolved: m.resolved,
      rejected: m.rejected,
      referred: m.referred,
      duplicate: m.duplicate,
    },
    deadline: deadlineFigures(m, minSample),
    daysToResult: { cases: m.withResult, median: medianOf(histogram), mean: meanDaysToResult(m) },
    reopened: m.reopened,
    satisfaction: satisfactionFigures(m, minSample, satisfactionTargetPercent),
  };
}

/** One breakdown cell (category, channel, unit or month). */
export function cellFigures(m: Measures, minSample: number) {
  const d = deadlineFigures(m, minSample);
  return {
    received: m.received,
    open: m.inProgress,
    withResult: d.withResult,
    met: d.met,
    metByExplanation: d.metByExplanation,
    missed: d.missed,
    openPastDeadline: d.openPastDeadline,
    compliancePercent: d.compliancePercent,
    meanDaysToResult: meanDaysToResult(m),
    reopened: m.reopened,
  };
}

/** The sum of two sets of measures (every measure is additive: totals over organisations). */
export function addMeasures(a: Measures, b: Measures): Measures {
  const out = { ...a };
  for (const key of Object.keys(b) as (keyof Measures)[]) out[key] += b[key];
  return out;
}

/** The figures of one row of the national view: an organisation, a province, a type or the country. */
export function summaryFigures(m: Measures, minSample: number) {
  const d = deadlineFigures(m, minSample);
  const s = satisfactionFigures(m, minSample);
  return {
    received: m.received,
    open: m.inProgress,
    closed: m.received - m.inProgress,
    withResult: d.withResult,
    met: d.met,
    metByExplanation: d.metByExplanation,
    missed: d.missed,
    openPastDeadline: d.openPastDeadline,
    due: d.due,
    compliancePercent: d.compliancePercent,
    reopened: m.reopened,
    satisfactionResponses: s.responses,
    meanRating: s.meanRating,
    satisfiedPercent: s.satisfiedPercent,
  };
}

/**
 * Totals of `rows` by `keyOf` (e.g. province or type), in order of first appearance: the sum of the
 * rows' measures and how many rows (organisations) each holds.
 */
export function totalsBy<R extends { measures: Measures }>(
  rows: R[],
  keyOf: (row: R) => string,
): { key: string; organizations: number; measures: Measures }[] {
  const groups = new Map<string, { key: string; organizations: number; measures: Measures }>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key) ?? { key, organizations: 0, measures: EMPTY_MEASURES };
    groups.set(key, {
      key,
      organizations: group.organizations + 1,
      measures: addMeasures(group.measures, row.measures),
    });
  }
  return [...groups.values()];
}
