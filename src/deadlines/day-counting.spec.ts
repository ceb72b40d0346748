import holidaysTh from '../reference-data/data/holidays-th.json';
import {
  addWorkingDays,
  BusinessCalendar,
  civilDate,
  computeDueDate,
  countDays,
  dueDistance,
  DeadlineMode,
  HolidayInfo,
  nextOfficeOpening,
  nextOfficeWindow,
  shiftDueDate,
  startOfDay,
  subtractWorkingDays,
  weekday,
  workingDaysBetween,
} from './day-counting';
import { HolidayKind } from './entities/holiday.entity';

/**
 * Day counting against the seeded Thai holidays (src/reference-data/data/holidays-th.json). `npm test`
 * runs this file under TZ=UTC and again under TZ=Asia/Bangkok: the results must not depend on it.
 */
const ZONE = 'Asia/Bangkok';
const seeded: HolidayInfo[] = holidaysTh.map((h) => ({
  ...h,
  kind: h.kind as HolidayKind,
  organizationId: null,
}));
const calendar = new BusinessCalendar(ZONE, seeded);
const special = (date: string): HolidayInfo => ({
  date,
  nameTh: 'วันหยุดพิเศษ',
  nameEn: 'Special holiday',
  kind: 'special',
  organizationId: null,
});

it(`runs in the process time zone it was given (TZ=${process.env.TZ})`, () => {
  // test/global-setup.ts defaults TZ to UTC; `npm test` runs this file again with TZ=Asia/Bangkok
  const offsets: Record<string, number> = { UTC: 0, 'Asia/Bangkok': -420 };
  expect(offsets[process.env.TZ ?? '']).toBeDefined();
  expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(offsets[process.env.TZ!]);
});

describe('the seeded holidays the examples rely on', () => {
  it.each([
    ['2026-04-13', 'Songkran Festival'],
    ['2026-04-14', 'Songkran Festival'],
    ['2026-04-15', 'Songkran Festival'],
    ['2025-04-16', 'Substitution for Songkran Festival'],
    ['2025-12-31', "New Year's Eve"],
    ['2026-01-01', "New Year's Day"],
    ['2026-01-02', 'Special government holiday (cabinet resolution)'],
    ['2026-06-01', 'Substitution for Visakha Bucha Day'],
    [
      '2026-12-07',
      "Substitution for King Bhumibol Adulyadej The Great's Birthday / National Day / National Father's Day",
    ],
  ])('%s is %s', (date, name) => {
    expect(calendar.holiday(date)?.nameEn).toBe(name);
    expect(calendar.isWorkingDay(date)).toBe(false);
  });

  it.each([
    ['2026-04-10', 5],
    ['2026-04-25', 6],
    ['2026-04-26', 7],
    ['2026-04-27', 1],
    ['2028-02-29', 2],
  ])('%s is ISO weekday %i', (date, day) => {
    expect(weekday(date)).toBe(day);
  });
});

type Case = [
  label: string,
  received: string,
  mode: DeadlineMode,
  days: number,
  lastCounted: string,
  due: string,
];

describe('computeDueDate', () => {
  const cases: Case[] = [
    // the worked example of the README and the issue
    [
      'worked example: Friday receipt, day 15 on Saturday',
      '2026-04-10',
      'calendar',
      15,
      '2026-04-25',
      '2026-04-27',
    ],
    ['Saturday receipt', '2026-04-11', 'calendar', 15, '2026-04-26', '2026-04-27'],
    ['Sunday receipt', '2026-04-12', 'calendar', 15, '2026-04-27', '2026-04-27'],
    ['Friday receipt, plain weeks', '2026-01-16', 'calendar', 15, '2026-01-31', '2026-02-02'],
    ['Saturday receipt, plain weeks', '2026-01-17', 'calendar', 15, '2026-02-01', '2026-02-02'],
    ['Sunday receipt, plain weeks', '2026-01-18', 'calendar', 15, '2026-02-02', '2026-02-02'],
    ['day 15 on the first day of Songkran', '2026-03-29', 'calendar', 15, '2026-04-13', '2026-04-16'],
    ['Songkran 2025 with its substitute day', '2025-03-30', 'calendar', 15, '2025-04-14', '2025-04-17'],
    ['New Year: 31 Dec BE 2568 to 5 Jan BE 2569', '2025-12-16', 'calendar', 15, '2025-12-31', '2026-01-05'],
    ['substitute day for Visakha Bucha', '2026-05-15', 'calendar', 15, '2026-05-30', '2026-06-02'],
    ['substitute day for 5 December', '2026-11-20', 'calendar', 15, '2026-12-05', '2026-12-08'],
    ['29 February 2028 is day 15', '2028-02-14', 'calendar', 15, '2028-02-29', '2028-02-29'],
    ['29 February 2028 is counted', '2028-02-28', 'calendar', 15, '2028-03-14', '2028-03-14'],
    ['7 days', '2026-04-10', 'calendar', 7, '2026-04-17', '2026-04-17'],
    [
      'worked example in working days (Songkran and Coronation Day skipped)',
      '2026-04-10',
      'working_days',
      15,
      '2026-05-07',
      '2026-05-07',
    ],
    ['Friday receipt, working days', '2026-01-16', 'working_days', 15, '2026-02-06', '2026-02-06'],
    ['Saturday receipt, working days', '2026-01-17', 'working_days', 15, '2026-02-06', '2026-02-06'],
    ['Sunday receipt, working days', '2026-01-18', 'working_days', 15, '2026-02-06', '2026-02-06'],
    ['Songkran 2025 in working days', '2025-04-11', 'working_days', 3, '2025-04-21', '2025-04-21'],
    ['New Year in working days', '2025-12-26', 'working_days', 15, '2026-01-21', '2026-01-21'],
    ['substitute days in working days', '2026-05-25', 'working_days', 15, '2026-06-17', '2026-06-17'],
    ['across 29 February 2028 in working days', '2028-02-25', 'working_days', 15, '2028-03-17', '2028-03-17'],
  ];

  it.each(cases)('%s: %s + %i (%s) -> due %s', (_label, received, mode, days, lastCounted, due) => {
    const c = computeDueDate(received, days, mode, calendar);
    expect(c.startDate > received).toBe(true);
    expect(c.lastCountedDate).toBe(lastCounted);
    expect(c.dueDate).toBe(due);
    expect(calendar.isWorkingDay(c.dueDate)).toBe(true);
  });

  it('lists the days the worked example skips, with their names', () => {
    expect(computeDueDate('2026-04-10', 15, 'calendar', calendar).skipped).toEqual([
      { date: '2026-04-25', reason: 'weekend' },
      { date: '2026-04-26', reason: 'weekend' },
    ]);
    const working = computeDueDate('2026-04-10', 15, 'working_days', calendar);
    expect(working.skipped.filter((s) => s.reason === 'holiday').map((s) => s.date)).toEqual([
      '2026-04-13',
      '2026-04-14',
      '2026-04-15',
      '2026-05-04',
    ]);
    expect(working.skipped.find((s) => s.date === '2026-04-13')).toMatchObject({ name: 'วันสงกรานต์' });
    expect(working.skipped.filter((s) => s.reason === 'weekend')).toHaveLength(8);
  });

  it('rejects nonsense', () => {
    expect(() => computeDueDate('2026-02-30', 15, 'calendar', calendar)).toThrow(RangeError);
    expect(() => computeDueDate('10/04/2026', 15, 'calendar', calendar)).toThrow(RangeError);
    expect(() => computeDueDate('2026-04-10', 0, 'calendar', calendar)).toThrow(RangeError);
  });
});

describe('a holiday added or removed mid-case', () => {
  it.each<[string, DeadlineMode, string, string, string]>([
    [
      'on the due date moves it to the next working day',
      'calendar',
      '2026-04-27',
      '2026-04-27',
      '2026-04-28',
    ],
    ['inside a calendar count changes nothing', 'calendar', '2026-04-20', '2026-04-27', '2026-04-27'],
    ['inside a working-days count adds a day', 'working_days', '2026-04-20', '2026-05-07', '2026-05-08'],
    ['after the due date changes nothing', 'working_days', '2026-05-08', '2026-05-07', '2026-05-07'],
  ])('a special day %s (%s, %s)', (_label, mode, holiday, before, after) => {
    expect(computeDueDate('2026-04-10', 15, mode, calendar).dueDate).toBe(before);
    expect(computeDueDate('2026-04-10', 15, mode, calendar.withHoliday(special(holiday))).dueDate).toBe(
      after,
    );
  });

  it('removing Songkran brings a working-days deadline three days earlier', () => {
    const without = ['2026-04-13', '2026-04-14', '2026-04-15'].reduce(
      (c, d) => c.withoutHoliday(d),
      calendar,
    );
    expect(computeDueDate('2026-04-10', 15, 'working_days', without).dueDate).toBe('2026-05-01');
  });

  it("the organisation's own holiday counts like a national one", () => {
    const own = new BusinessCalendar(ZONE, [
      ...seeded,
      { ...special('2026-04-27'), kind: 'local', organizationId: 'o' },
    ]);
    expect(computeDueDate('2026-04-10', 15, 'calendar', own).dueDate).toBe('2026-04-28');
    expect(own.holiday('2026-04-27')?.organizationId).toBe('o');
  });
});

describe('receipt instants become Bangkok civil dates', () => {
  it.each([
    ['2026-04-09T17:30:00Z', '00:30 Friday in Bangkok, still Thursday in UTC', '2026-04-10', '2026-04-27'],
    ['2026-04-10T16:59:59Z', '23:59:59 Friday in Bangkok', '2026-04-10', '2026-04-27'],
    ['2026-04-10T17:00:00Z', 'midnight: Saturday in Bangkok', '2026-04-11', '2026-04-27'],
    ['2026-04-09T16:30:00Z', '23:30 Thursday in Bangkok', '2026-04-09', '2026-04-24'],
    ['2025-12-31T17:30:00Z', '00:30 on 1 January BE 2569', '2026-01-01', '2026-01-16'],
  ])('%s (%s) is received on %s, due %s', (instant, _label, date, due) => {
    const received = civilDate(new Date(instant), ZONE);
    expect(received).toBe(date);
    expect(computeDueDate(received, 15, 'calendar', calendar).dueDate).toBe(due);
  });

  it.each([
    ['2026-04-27', '2026-04-26T17:00:00.000Z'],
    ['2026-01-01', '2025-12-31T17:00:00.000Z'],
    ['2028-02-29', '2028-02-28T17:00:00.000Z'],
  ])('%s starts at %s', (date, instant) => {
    expect(startOfDay(date, ZONE).toISOString()).toBe(instant);
  });
});

describe('working-day arithmetic', () => {
  it.each([
    ['2026-04-27', 1, '2026-04-24'],
    ['2026-04-27', 3, '2026-04-22'],
    ['2026-04-17', 3, '2026-04-09'], // Songkran is skipped backwards too
    ['2026-01-05', 1, '2025-12-30'],
  ])('%s minus %i working days is %s', (date, n, expected) => {
    expect(subtractWorkingDays(date, n, calendar)).toBe(expected);
  });

  it.each([
    ['2026-04-10', 0, '2026-04-10'],
    ['2026-04-10', 1, '2026-04-16'],
    ['2026-04-24', 1, '2026-04-27'],
  ])('%s plus %i working days is %s', (date, n, expected) => {
    expect(addWorkingDays(date, n, calendar)).toBe(expected);
  });

  it.each([
    ['2026-04-22', '2026-04-27', 3],
    ['2026-04-24', '2026-04-27', 1],
    ['2026-04-27', '2026-04-27', 0],
    ['2026-04-10', '2026-04-17', 2],
  ])('working days after %s up to %s: %i', (from, to, n) => {
    expect(workingDaysBetween(from, to, calendar)).toBe(n);
  });

  it.each<[string, string, DeadlineMode, number]>([
    ['2026-04-17', '2026-04-20', 'calendar', 3],
    ['2026-04-17', '2026-04-20', 'working_days', 1],
    ['2026-04-10', '2026-04-17', 'working_days', 2],
    ['2026-04-20', '2026-04-20', 'calendar', 0],
    ['2026-04-21', '2026-04-20', 'calendar', 0],
  ])('paused from %s until %s: %s counts %i days', (from, to, mode, n) => {
    expect(countDays(from, to, mode, calendar)).toBe(n);
  });

  it.each<[string, number, DeadlineMode, string]>([
    ['2026-04-27', 0, 'calendar', '2026-04-27'],
    ['2026-04-27', 5, 'calendar', '2026-05-05'], // 2 May is a Saturday, 4 May Coronation Day
    ['2026-04-27', 5, 'working_days', '2026-05-05'],
    ['2026-05-25', 5, 'working_days', '2026-06-02'],
  ])('%s shifted by %i (%s) is %s', (date, n, mode, expected) => {
    expect(shiftDueDate(date, n, mode, calendar)).toBe(expected);
  });
});

describe('nextOfficeWindow', () => {
  const custom = new BusinessCalendar(ZONE, seeded, { start: '09:00', end: '15:00' });
  it.each<[string, string, string, BusinessCalendar?]>([
    ['Monday 10:00 is inside', '2026-04-20T03:00:00Z', '2026-04-20T03:00:00.000Z'],
    ['Monday 07:00 waits for 08:30', '2026-04-20T00:00:00Z', '2026-04-20T01:30:00.000Z'],
    ['Monday 08:30 exactly is inside', '2026-04-20T01:30:00Z', '2026-04-20T01:30:00.000Z'],
    ['Monday 16:30 waits for Tuesday', '2026-04-20T09:30:00Z', '2026-04-21T01:30:00.000Z'],
    ['Friday evening waits for Monday', '2026-04-24T10:00:00Z', '2026-04-27T01:30:00.000Z'],
    ['Saturday waits for Monday', '2026-04-25T05:00:00Z', '2026-04-27T01:30:00.000Z'],
    ['Friday before Songkran waits for Thursday', '2026-04-10T10:00:00Z', '2026-04-16T01:30:00.000Z'],
    ['a holiday morning waits for the next working day', '2026-01-01T03:00:00Z', '2026-01-05T01:30:00.000Z'],
    [
      '00:30 Bangkok (previous day in UTC) waits for 08:30',
      '2026-04-20T17:30:00Z',
      '2026-04-21T01:30:00.000Z',
    ],
    ['other office hours: 08:45 waits for 09:00', '2026-04-20T01:45:00Z', '2026-04-20T02:00:00.000Z', custom],
    [
      'other office hours: 15:00 waits for tomorrow 09:00',
      '2026-04-20T08:00:00Z',
      '2026-04-21T02:00:00.000Z',
      custom,
    ],
  ])('%s', (_label, now, expected, cal = calendar) => {
    expect(nextOfficeWindow(new Date(now), cal).toISOString()).toBe(expected);
  });
});

describe('nextOfficeOpening: the daily batch (opening 08:30 on working days)', () => {
  it.each<[string, string, string]>([
    ['Monday inside hours: Tuesday opening', '2026-04-20T03:15:00Z', '2026-04-21T01:30:00.000Z'],
    ['Monday at opening: Tuesday opening', '2026-04-20T01:30:00Z', '2026-04-21T01:30:00.000Z'],
    ['Monday a minute before opening: that opening', '2026-04-20T01:29:00Z', '2026-04-20T01:30:00.000Z'],
    ['Friday inside hours: Monday opening', '2026-04-24T02:00:00Z', '2026-04-27T01:30:00.000Z'],
    ['Sunday 23:59 Bangkok: Monday opening', '2026-04-26T16:59:00Z', '2026-04-27T01:30:00.000Z'],
    ['Friday before Songkran: Thursday after it', '2026-04-10T03:00:00Z', '2026-04-16T01:30:00.000Z'],
  ])('%s', (_label, now, expected) => {
    expect(nextOfficeOpening(new Date(now), calendar).toISOString()).toBe(expected);
  });
});

describe('dueDistance', () => {
  // 2026-04-10 is a Friday; 2026-04-13..15 are Songkran holidays in the seeded list
  it.each([
    ['2026-04-10', '2026-04-10', 'calendar', 0, null],
    ['2026-04-10', '2026-04-20', 'calendar', 10, null],
    ['2026-04-20', '2026-04-10', 'calendar', null, 10],
    ['2026-04-10', '2026-04-17', 'working_days', 2, null],
    ['2026-04-17', '2026-04-10', 'working_days', null, 2],
    ['2026-04-11', '2026-04-10', 'working_days', null, 1],
    ['2026-04-10', '2026-04-13', 'working_days', 0, null],
  ] as [string, string, DeadlineMode, number | null, number | null][])(
    'today %s, due %s (%s): %p days left, %p days overdue',
    (today, due, mode, daysLeft, daysOverdue) => {
      expect(dueDistance(today, due, mode, calendar)).toEqual({ daysLeft, daysOverdue });
    },
  );
});
