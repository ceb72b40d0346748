import { isPlausibleIncidentDate } from './dto/field-rules';

/** 2026-12-01 10:00 Bangkok */
const NOW = new Date('2026-12-01T03:00:00Z');

describe('incident dates', () => {
  it.each([
    ['2026-11-15', true],
    ['2026-12-01', true], // today
    ['2026-12-02', true], // tomorrow: a day of slack near midnight
    ['2026-12-03', false],
    ['2569-11-15', false], // a Buddhist-era year typed in a Gregorian field
    ['3112-11-15', false], // the same, converted once more
    ['1900-01-01', true],
    ['1899-12-31', false],
    ['not a date', true], // the format rule reports it, not this one
    ['2026-13-01', true], // likewise: not a calendar date
    [undefined, true],
  ])('%s → %s', (value, plausible) => {
    expect(isPlausibleIncidentDate(value, NOW)).toBe(plausible);
  });

  it('counts today in Bangkok, not UTC', () => {
    // 18:00 UTC on 1 December is 01:00 on 2 December in Bangkok: tomorrow there is 3 December
    expect(isPlausibleIncidentDate('2026-12-03', new Date('2026-12-01T18:00:00Z'))).toBe(true);
    expect(isPlausibleIncidentDate('2026-12-04', new Date('2026-12-01T18:00:00Z'))).toBe(false);
  });
});
