import { ComplaintStatus as S } from '../complaints/complaint-workflow';
import {
  CaseFacts,
  deadlineClassOf,
  DeadlineFacts,
  EMPTY_MEASURES,
  headlineFigures,
  histogramOf,
  percent,
  summaryFigures,
  totalsBy,
  measureCases,
  medianOf,
  statusGroupOf,
} from './complaint-figures';

const TODAY = '2026-05-01';
const at = (date: string) => new Date(`${date}T10:00:00+07:00`);
const open = (due: string, over: Partial<DeadlineFacts> = {}): DeadlineFacts => ({
  outcome: null,
  resultAt: null,
  overdueSince: null,
  pausedSince: null,
  currentDueDate: due,
  ...over,
});
const done = (due: string, result: string, outcome: DeadlineFacts['outcome']): DeadlineFacts => ({
  ...open(due),
  outcome,
  resultAt: at(result),
});
const kase = (
  status: S,
  receivedDate: string,
  deadline: DeadlineFacts | null,
  over: Partial<CaseFacts> = {},
): CaseFacts => ({
  status,
  receivedDate,
  deadline,
  resultDate: deadline?.resultAt ? deadline.resultAt.toISOString().slice(0, 10) : null,
  reopenCount: 0,
  rating: null,
  ...over,
});

describe('figures of general complaints', () => {
  it.each([
    [S.Received, 'in_progress'],
    [S.Accepted, 'in_progress'],
    [S.Assigned, 'in_progress'],
    [S.InProgress, 'in_progress'],
    [S.AwaitingInfo, 'in_progress'],
    [S.Resolved, 'resolved'],
    [S.Closed, 'resolved'],
    [S.Rejected, 'rejected'],
    [S.Referred, 'referred'],
    [S.Duplicate, 'duplicate'],
  ])('status %s is in group %s', (status, group) => {
    expect(statusGroupOf(status)).toBe(group);
  });

  it.each([
    ['result in time', done('2026-04-16', '2026-04-10', 'met'), 'met'],
    [
      'result by the explained extension',
      done('2026-04-25', '2026-04-20', 'met_by_explanation'),
      'met_by_explanation',
    ],
    ['late result', done('2026-04-16', '2026-04-20', 'missed'), 'missed'],
    ['frozen: a met case stays met whatever today is', done('2026-04-01', '2026-03-30', 'met'), 'met'],
    ['open, due today (still in time)', open(TODAY), 'running'],
    ['open, due yesterday', open('2026-04-30'), 'open_past_deadline'],
    [
      'open, marked overdue, then extended into the future',
      open('2026-05-20', { overdueSince: at('2026-04-17') }),
      'open_past_deadline',
    ],
    [
      'open, paused awaiting the complainant past the old date',
      open('2026-04-20', { pausedSince: at('2026-04-15') }),
      'running',
    ],
    ['no deadline row', null, 'running'],
  ])('%s → %s', (_, facts, expected) => {
    expect(deadlineClassOf(facts, TODAY)).toBe(expected);
  });

  it.each([
    [[], null],
    [[{ days: 4, cases: 1 }], 4],
    [
      [
        { days: 1, cases: 1 },
        { days: 3, cases: 1 },
      ],
      2,
    ],
    [
      [
        { days: 9, cases: 1 },
        { days: 0, cases: 1 },
        { days: 22, cases: 1 },
        { days: 1, cases: 1 },
        { days: 19, cases: 1 },
      ],
      9,
    ],
    [
      [
        { days: 2, cases: 3 },
        { days: 10, cases: 1 },
      ],
      2,
    ],
    [
      [
        { days: 2, cases: 2 },
        { days: 10, cases: 2 },
      ],
      6,
    ],
    [
      [
        { days: 5, cases: 0 },
        { days: 7, cases: 1 },
      ],
      7,
    ],
  ])('median of %j is %s', (histogram, median) => {
    expect(medianOf(histogram)).toBe(median);
  });

  // Nine cases whose figures are worked out by hand below.
  const CASES: CaseFacts[] = [
    kase(S.Resolved, '2026-04-01', done('2026-04-16', '2026-04-10', 'met'), { rating: 5 }), // 9 days
    kase(S.Closed, '2026-04-01', done('2026-04-26', '2026-04-20', 'met_by_explanation'), {
      rating: 4,
      reopenCount: 1,
    }), // 19 days
    kase(S.Rejected, '2026-04-02', done('2026-04-17', '2026-04-03', 'met'), { rating: 2 }), // 1 day
    kase(S.Referred, '2026-04-03', done('2026-04-18', '2026-04-25', 'missed')), // 22 days
    kase(S.InProgress, '2026-04-05', open('2026-04-20')), // open past deadline
    kase(S.AwaitingInfo, '2026-04-10', open('2026-04-25', { pausedSince: at('2026-04-20') })), // running
    kase(S.Assigned, '2026-04-20', open('2026-05-05')), // running
    kase(S.Received, '2026-04-01', open('2026-05-10', { overdueSince: at('2026-04-17') })), // past deadline
    kase(S.Duplicate, '2026-04-28', done('2026-05-13', '2026-04-28', 'met')), // 0 days
  ];

  it('headline figures of the nine cases, computed by hand', () => {
    const f = headlineFigures(measureCases(CASES, TODAY), histogramOf(CASES), 1);
    expect(f).toEqual({
      received: 9,
      open: 4,
      closed: 5,
      byStatusGroup: { inProgress: 4, resolved: 2, rejected: 1, referred: 1, duplicate: 1 },
      deadline: {
        withResult: 5,
        met: 3,
        metByExplanation: 1,
        missed: 1,
        openPastDeadline: 2,
        due: 7, // 5 with a result + 2 open past their date; the 2 running ones are not due yet
        compliant: 4,
        compliancePercent: 57.1, // 4 / 7
      },
      daysToResult: { cases: 5, median: 9, mean: 10.2 }, // 0, 1, 9, 19, 22: sum 51
      reopened: 1,
      satisfaction: {
        responses: 3,
        meanRating: 3.67, // (5 + 4 + 2) / 3
        satisfied: 2,
        satisfiedPercent: 66.7,
        targetPercent: 80,
        meetsTarget: false,
      },
    });
  });

  it('the nine cases with a minimum of 5: compliance over 7 due is shown, satisfaction over 3 responses is not', () => {
    const f = headlineFigures(measureCases(CASES, TODAY), histogramOf(CASES), 5);
    expect(f.deadline).toMatchObject({ due: 7, compliant: 4, compliancePercent: 57.1 });
    expect(f.satisfaction).toMatchObject({
      responses: 3,
      satisfied: 2,
      satisfiedPercent: null,
      meetsTarget: null,
    });
  });

  it('nothing received: zeros, and no rate, median or mean', () => {
    const f = headlineFigures(measureCases([], TODAY), [], 1);
    expect(f.received).toBe(0);
    expect(f.deadline.compliancePercent).toBeNull();
    expect(f.daysToResult).toEqual({ cases: 0, median: null, mean: null });
    expect(f.satisfaction).toMatchObject({ meanRating: null, satisfiedPercent: null, meetsTarget: null });
  });

  it('the same cases a year later: the frozen outcomes keep the figures of the answered ones', () => {
    const later = headlineFigures(measureCases(CASES, '2027-05-01'), histogramOf(CASES), 1);
    const now = headlineFigures(measureCases(CASES, TODAY), histogramOf(CASES), 1);
    expect(later.deadline).toMatchObject({ met: 3, metByExplanation: 1, missed: 1 });
    // only the still-open ones move: the paused one stays running, the assigned one is now past its date
    expect(later.deadline.openPastDeadline).toBe(now.deadline.openPastDeadline + 1);
  });
});

describe('minimum sample (STATISTICS_MIN_SAMPLE)', () => {
  it.each([
    // part, whole, minimum sample, published
    [1, 1, 5, null], // one case would be 100%
    [3, 4, 5, null],
    [4, 5, 5, 80],
    [0, 5, 5, 0],
    [1, 1, 1, 100],
    [0, 0, 1, null], // nothing to divide by
    [2, 3, 1, 66.7],
  ])('%i of %i with a minimum of %i: %p', (part, whole, min, expected) => {
    expect(percent(part, whole, min)).toBe(expected);
  });
});

describe('totals of the national view', () => {
  const one = (m: Partial<typeof EMPTY_MEASURES>) => ({ ...EMPTY_MEASURES, ...m });
  const rows = [
    { province: 'ตาก', measures: one({ received: 3, met: 2, missed: 1 }) },
    { province: 'ลำปาง', measures: one({ received: 1, met: 1 }) },
    { province: 'ตาก', measures: one({ received: 4, met: 2, missed: 1 }) },
  ];

  it('sums the measures of each province and counts its organisations, in order of first appearance', () => {
    expect(totalsBy(rows, (r) => r.province)).toEqual([
      { key: 'ตาก', organizations: 2, measures: one({ received: 7, met: 4, missed: 2 }) },
      { key: 'ลำปาง', organizations: 1, measures: one({ received: 1, met: 1 }) },
    ]);
  });

  it('a province percentage is of the sums, and withheld below the minimum sample', () => {
    const [tak, lampang] = totalsBy(rows, (r) => r.province);
    expect(summaryFigures(tak.measures, 5)).toMatchObject({ due: 6, compliancePercent: 66.7 });
    expect(summaryFigures(lampang.measures, 5)).toMatchObject({ due: 1, met: 1, compliancePercent: null });
  });
});
