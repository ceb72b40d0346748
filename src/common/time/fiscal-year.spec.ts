import { civilDate, fiscalYearOf, fiscalYearRange } from './fiscal-year';

const BKK = 'Asia/Bangkok';

describe('fiscalYearOf', () => {
  it.each([
    ['2025-09-30T16:59:59Z', 2568, 'Bangkok 30 Sep 2025 23:59:59 is the last second of FY 2568'],
    ['2025-09-30T17:00:00Z', 2569, 'Bangkok 1 Oct 2025 00:00 starts FY 2569'],
    ['2026-01-01T00:00:00Z', 2569, 'January is mid-year'],
    ['2026-09-30T16:59:59Z', 2569, 'last second of FY 2569'],
    ['2026-09-30T17:00:00Z', 2570, 'first second of FY 2570'],
    ['2024-02-29T12:00:00Z', 2567, 'leap day'],
  ])('%s → FY %i (%s)', (iso, expected) => {
    expect(fiscalYearOf(new Date(iso), BKK)).toBe(expected);
  });
});

describe('fiscalYearRange', () => {
  it('FY 2569 runs from 1 Oct 2025 to 30 Sep 2026, Bangkok time', () => {
    const r = fiscalYearRange(2569, BKK);
    expect(r.start.toISOString()).toBe('2025-09-30T17:00:00.000Z');
    expect(r.end.toISOString()).toBe('2026-09-30T17:00:00.000Z');
    expect(r.firstDay).toBe('2025-10-01');
    expect(r.lastDay).toBe('2026-09-30');
  });
});

describe('civilDate', () => {
  it('00:30 in Bangkok is still the previous day in UTC', () => {
    expect(civilDate(new Date('2026-04-09T17:30:00Z'), BKK)).toBe('2026-04-10');
    expect(civilDate(new Date('2026-04-09T17:30:00Z'), 'UTC')).toBe('2026-04-09');
  });
});
