import { isThaiNationalId } from './dto/field-rules';
import { withMinimumDuration } from './minimum-duration';
import { reportNumber } from './report-dates';
import { civilDate, fiscalYearOfDate } from '../common/time/fiscal-year';
import { startOfDay } from '../deadlines/day-counting';

describe('report dates and numbers', () => {
  it.each([
    ['2025-09-30', 2568],
    ['2025-10-01', 2569],
    ['2026-01-15', 2569],
    ['2026-09-30', 2569],
    ['2026-10-01', 2570],
  ])('%s is in fiscal year %i', (date, year) => {
    expect(fiscalYearOfDate(date)).toBe(year);
  });

  it.each([
    // 00:30 in Bangkok is still the previous day in UTC
    ['2026-04-09T17:30:00Z', '2026-04-10'],
    ['2026-04-09T16:59:59Z', '2026-04-09'],
    ['2025-09-30T17:00:00Z', '2025-10-01'],
  ])('%s is %s in Bangkok', (instant, date) => {
    expect(civilDate(new Date(instant), 'Asia/Bangkok')).toBe(date);
  });

  it.each([
    ['2026-04-10', 'Asia/Bangkok', '2026-04-09T17:00:00.000Z'],
    ['2026-01-01', 'Asia/Bangkok', '2025-12-31T17:00:00.000Z'],
    ['2028-02-29', 'Asia/Bangkok', '2028-02-28T17:00:00.000Z'],
    ['2026-04-10', 'UTC', '2026-04-10T00:00:00.000Z'],
  ])('%s in %s starts at %s', (date, zone, instant) => {
    expect(startOfDay(date, zone).toISOString()).toBe(instant);
  });

  it.each([
    [2569, 7, 'IR-2569-0007'],
    [2570, 1234, 'IR-2570-1234'],
    [2570, 12345, 'IR-2570-12345'],
  ])('report %i/%i is numbered %s', (year, sequence, number) => {
    expect(reportNumber(year, sequence)).toBe(number);
  });
});

describe('Thai national id', () => {
  it.each([
    // check digit worked by hand: 1×13 + 1×12 + 0×11 + … + 5×2 = 144; (11 − 144 mod 11) mod 10 = 0
    ['1101700203450', true],
    ['3100600312341', true],
    ['1101700203451', false],
    ['110170020345', false],
    ['11017002034511', false],
    ['110170020345a', false],
  ])('%s valid: %s', (id, valid) => {
    expect(isThaiNationalId(id)).toBe(valid);
  });
});

describe('withMinimumDuration', () => {
  it('returns what the work returns', async () => {
    await expect(withMinimumDuration(5, async () => 42)).resolves.toBe(42);
  });

  it('rethrows what the work throws, after waiting', async () => {
    await expect(
      withMinimumDuration(5, async () => {
        throw new Error('no match');
      }),
    ).rejects.toThrow('no match');
  });
});
