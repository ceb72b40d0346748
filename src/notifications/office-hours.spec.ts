import { DateTime } from 'luxon';
import { DEFAULT_OFFICE_HOURS, nextOfficeOpening, nextOfficeTime, officeHoursFrom } from './office-hours';

const bkk = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Bangkok' }).toJSDate();

describe('nextOfficeTime (Asia/Bangkok, 08:30-16:30, Monday-Friday)', () => {
  it.each([
    ['Monday inside hours: now', '2026-03-16T10:15', '2026-03-16T10:15'],
    ['Monday at opening: now', '2026-03-16T08:30', '2026-03-16T08:30'],
    ['Monday before opening: that morning', '2026-03-16T06:00', '2026-03-16T08:30'],
    ['Monday at closing: Tuesday morning', '2026-03-16T16:30', '2026-03-17T08:30'],
    ['Friday evening: Monday morning', '2026-03-20T19:00', '2026-03-23T08:30'],
    ['Saturday: Monday morning', '2026-03-14T07:00', '2026-03-16T08:30'],
    ['Sunday 23:59: Monday morning', '2026-03-15T23:59', '2026-03-16T08:30'],
  ])('%s', (_name, now, expected) => {
    expect(nextOfficeTime(bkk(now), 'Asia/Bangkok').toISOString()).toBe(bkk(expected).toISOString());
  });

  it('uses the business zone, not the server zone: 23:00 UTC Sunday is 06:00 Monday in Bangkok', () => {
    const sundayUtc = new Date('2026-03-15T23:00:00Z');
    expect(nextOfficeTime(sundayUtc, 'Asia/Bangkok').toISOString()).toBe('2026-03-16T01:30:00.000Z');
  });

  it('honours other hours', () => {
    expect(
      nextOfficeTime(bkk('2026-03-16T07:30'), 'Asia/Bangkok', { start: '07:00', end: '15:00' }).toISOString(),
    ).toBe(bkk('2026-03-16T07:30').toISOString());
  });
});

describe('nextOfficeOpening: the daily batch (Asia/Bangkok, opening 08:30, Monday-Friday)', () => {
  it.each([
    ['Monday inside hours: Tuesday opening', '2026-03-16T10:15', '2026-03-17T08:30'],
    ['Monday at opening: Tuesday opening', '2026-03-16T08:30', '2026-03-17T08:30'],
    ['Monday a minute before opening: that opening', '2026-03-16T08:29', '2026-03-16T08:30'],
    ['Monday after closing: Tuesday opening', '2026-03-16T20:00', '2026-03-17T08:30'],
    ['Friday inside hours: Monday opening', '2026-03-20T09:00', '2026-03-23T08:30'],
    ['Saturday: Monday opening', '2026-03-14T07:00', '2026-03-16T08:30'],
    ['Sunday 23:59: Monday opening', '2026-03-15T23:59', '2026-03-16T08:30'],
  ])('%s', (_name, now, expected) => {
    expect(nextOfficeOpening(bkk(now), 'Asia/Bangkok').toISOString()).toBe(bkk(expected).toISOString());
  });

  it('uses the business zone and the given hours: 23:00 UTC Sunday is 06:00 Monday in Bangkok', () => {
    const sundayUtc = new Date('2026-03-15T23:00:00Z');
    expect(nextOfficeOpening(sundayUtc, 'Asia/Bangkok', { start: '07:00', end: '15:00' }).toISOString()).toBe(
      '2026-03-16T00:00:00.000Z',
    );
  });
});

describe('officeHoursFrom', () => {
  it.each([
    ['no settings', undefined, DEFAULT_OFFICE_HOURS],
    ['valid', { officeHours: { start: '08:00', end: '16:00' } }, { start: '08:00', end: '16:00' }],
    ['malformed', { officeHours: { start: '8:00', end: '16:00' } }, DEFAULT_OFFICE_HOURS],
    ['end before start', { officeHours: { start: '16:00', end: '08:00' } }, DEFAULT_OFFICE_HOURS],
    ['not an object', { officeHours: 'all day' }, DEFAULT_OFFICE_HOURS],
  ])('%s', (_name, settings, expected) => {
    expect(officeHoursFrom(settings as Record<string, unknown> | undefined)).toEqual(expected);
  });
});
