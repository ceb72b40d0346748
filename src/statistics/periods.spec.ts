import { fiscalYearOf } from '../common/time/fiscal-year';
import { isPeriod, monthsOf, Period, resolvePeriod } from './periods';

const ZONE = 'Asia/Bangkok';
const resolve = (fy: number, narrow: { quarter?: number; month?: string } = {}) => {
  const p = resolvePeriod(fy, narrow, ZONE);
  if (!isPeriod(p)) throw new Error(p.message);
  return p;
};
const contains = (p: Period, instant: string) => {
  const t = new Date(instant);
  return t >= p.start && t < p.end;
};

describe('reporting periods (Asia/Bangkok)', () => {
  it.each([
    [2569, {}, '2025-10-01', '2026-09-30', '2025-09-30T17:00:00.000Z', '2026-09-30T17:00:00.000Z'],
    [
      2569,
      { quarter: 1 },
      '2025-10-01',
      '2025-12-31',
      '2025-09-30T17:00:00.000Z',
      '2025-12-31T17:00:00.000Z',
    ],
    [
      2569,
      { quarter: 2 },
      '2026-01-01',
      '2026-03-31',
      '2025-12-31T17:00:00.000Z',
      '2026-03-31T17:00:00.000Z',
    ],
    [
      2569,
      { quarter: 3 },
      '2026-04-01',
      '2026-06-30',
      '2026-03-31T17:00:00.000Z',
      '2026-06-30T17:00:00.000Z',
    ],
    [
      2569,
      { quarter: 4 },
      '2026-07-01',
      '2026-09-30',
      '2026-06-30T17:00:00.000Z',
      '2026-09-30T17:00:00.000Z',
    ],
    [
      2569,
      { month: '2026-02' },
      '2026-02-01',
      '2026-02-28',
      '2026-01-31T17:00:00.000Z',
      '2026-02-28T17:00:00.000Z',
    ],
    [
      2571,
      { month: '2028-02' },
      '2028-02-01',
      '2028-02-29',
      '2028-01-31T17:00:00.000Z',
      '2028-02-29T17:00:00.000Z',
    ],
    [
      2570,
      { month: '2026-10' },
      '2026-10-01',
      '2026-10-31',
      '2026-09-30T17:00:00.000Z',
      '2026-10-31T17:00:00.000Z',
    ],
  ])('FY %i %j: %s to %s', (fy, narrow, firstDay, lastDay, start, end) => {
    const p = resolve(fy, narrow);
    expect(p).toMatchObject({ firstDay, lastDay });
    expect(p.start.toISOString()).toBe(start);
    expect(p.end.toISOString()).toBe(end);
  });

  it.each([
    // [instant, FY 2569?, Q4 of 2569?, Q1 of 2570?, fiscalYearOf]
    ['2026-09-30T23:59:00+07:00', true, true, false, 2569],
    ['2026-09-30T23:59:59.999+07:00', true, true, false, 2569],
    ['2026-10-01T00:00:00+07:00', false, false, true, 2570],
    ['2026-09-30T17:30:00Z', false, false, true, 2570], // 00:30 on 1 October in Bangkok, still 30 Sep in UTC
    ['2025-10-01T00:00:00+07:00', true, false, false, 2569],
    ['2025-09-30T23:59:00+07:00', false, false, false, 2568],
  ])('%s: in FY 2569 %s, in Q4 %s, in Q1 of 2570 %s', (instant, inYear, inQ4, inNextQ1, fy) => {
    expect(contains(resolve(2569), instant)).toBe(inYear);
    expect(contains(resolve(2569, { quarter: 4 }), instant)).toBe(inQ4);
    expect(contains(resolve(2570, { quarter: 1 }), instant)).toBe(inNextQ1);
    expect(fiscalYearOf(new Date(instant), ZONE)).toBe(fy);
  });

  it.each([
    [{ quarter: 1, month: '2025-10' }, 'oneOf'],
    [{ month: '2026-10' }, 'inFiscalYear'],
    [{ month: '2025-09' }, 'inFiscalYear'],
  ])('rejects %j (%s)', (narrow, rule) => {
    const p = resolvePeriod(2569, narrow, ZONE);
    expect(isPeriod(p) ? null : p.rule).toBe(rule);
  });

  it('lists the months of a year and of a quarter', () => {
    expect(monthsOf(resolve(2569), ZONE)).toEqual([
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
    ]);
    expect(monthsOf(resolve(2569, { quarter: 2 }), ZONE)).toEqual(['2026-01', '2026-02', '2026-03']);
  });
});
