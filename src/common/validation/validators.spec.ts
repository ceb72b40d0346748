import { isCalendarDate, normalizeThaiPhone } from './validators';

describe('normalizeThaiPhone', () => {
  it.each([
    ['0812345678', '0812345678'],
    ['081-234-5678', '0812345678'],
    ['+66 81 234 5678', '0812345678'],
    ['0612345678', '0612345678'],
    ['021234567', '021234567'],
    ['02-123-4567', '021234567'],
    ['053123456', '053123456'],
    ['0712345678', null],
    ['812345678', null],
    ['08123456789', null],
    ['0112345678', null],
    ['abc', null],
    ['', null],
  ])('%p → %p', (input, expected) => {
    expect(normalizeThaiPhone(input)).toBe(expected);
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['2026-03-15', true],
    ['2028-02-29', true],
    ['2000-02-29', true],
    ['2026-02-28', true],
    ['2026-02-30', false],
    ['2025-02-29', false],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-1-5', false],
    ['2026-01-05T00:00:00Z', false],
    ['', false],
    [20260315, false],
  ])('%p → %p', (input, expected) => {
    expect(isCalendarDate(input)).toBe(expected);
  });
});
