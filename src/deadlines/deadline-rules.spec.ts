import holidaysTh from '../reference-data/data/holidays-th.json';
import { BusinessCalendar, HolidayInfo } from './day-counting';
import {
  deadlineState,
  deriveDates,
  DueFacts,
  dueDateOf,
  milestoneSchedule,
  nextMilestoneAt,
  occurrenceId,
  outcomeOf,
  OutcomeFacts,
  overdueSinceAt,
  reminderDates,
  ScheduleFacts,
  StateFacts,
  stillRelevant,
  veryOverdueDateOf,
} from './deadline-rules';
import { deadlineSettings, officeHours } from './deadline-settings';
import type { DeadlineTrack } from './deadline-track';
import { HolidayKind } from './entities/holiday.entity';

const ZONE = 'Asia/Bangkok';
const calendar = new BusinessCalendar(
  ZONE,
  holidaysTh.map((h): HolidayInfo => ({ ...h, kind: h.kind as HolidayKind, organizationId: null })),
);
/** An instant given as Bangkok wall time. */
const bkk = (local: string) => new Date(`${local}+07:00`);

const base: DueFacts = {
  receivedDate: '2026-04-10',
  mode: 'calendar',
  periodDays: 15,
  extensionDueDate: null,
  pausedDays: 0,
  pausedDaysSinceExtension: 0,
};

describe('due and very-overdue dates from the stored facts', () => {
  it.each<[string, Partial<DueFacts>, string, string]>([
    ['the worked example', {}, '2026-04-27', '2026-05-12'], // day 30 is Sunday 10 May, 11 May Royal Ploughing Day
    ['3 paused days (calendar)', { pausedDays: 3 }, '2026-04-28', '2026-05-13'],
    ['working days', { mode: 'working_days' }, '2026-05-07', '2026-05-29'],
    ['2 paused working days', { mode: 'working_days', pausedDays: 2 }, '2026-05-12', '2026-06-04'],
    ['an extension to 8 May', { extensionDueDate: '2026-05-08', pausedDays: 4 }, '2026-05-08', '2026-05-25'],
    [
      'an extension then a 3-day pause (11 May is a holiday)',
      { extensionDueDate: '2026-05-08', pausedDaysSinceExtension: 3 },
      '2026-05-12',
      '2026-05-27',
    ],
    [
      'an extension then a 1-working-day pause',
      { mode: 'working_days', extensionDueDate: '2026-05-08', pausedDaysSinceExtension: 1 },
      '2026-05-12',
      '2026-06-04',
    ],
  ])('%s: due %s, very overdue after %s', (_label, facts, due, veryOverdue) => {
    const f = { ...base, ...facts };
    expect(dueDateOf(f, calendar)).toBe(due);
    expect(veryOverdueDateOf(f, due, calendar)).toBe(veryOverdue);
  });

  it('reminders fall 3 and 1 working days before the due date, earliest first', () => {
    expect(reminderDates('2026-04-27', [1, 3], calendar)).toEqual([
      { workingDaysBefore: 3, date: '2026-04-22' },
      { workingDaysBefore: 1, date: '2026-04-24' },
    ]);
    expect(reminderDates('2026-04-17', [3], calendar)).toEqual([
      { workingDaysBefore: 3, date: '2026-04-09' },
    ]);
  });

  it('a recomputed due date never moves into the past', () => {
    expect(deriveDates(base, [3, 1], calendar)).toEqual({
      currentDueDate: '2026-04-27',
      veryOverdueDate: '2026-05-12',
      reminderFrom: '2026-04-22',
    });
    expect(deriveDates(base, [3, 1], calendar, '2026-04-29').currentDueDate).toBe('2026-04-29');
    expect(deriveDates(base, [], calendar).reminderFrom).toBeNull();
  });
});

describe('milestone schedule', () => {
  const facts: ScheduleFacts = {
    currentDueDate: '2026-04-27',
    veryOverdueDate: '2026-05-12',
    dueSetAt: bkk('2026-04-10T10:00:00'),
    resultAt: null,
    pausedSince: null,
  };
  const schedule = milestoneSchedule(facts, [3, 1], calendar);

  it('fires reminders at the start of their day, due and very overdue the day after their date', () => {
    expect(schedule.map((o) => [o.key, o.milestone, o.targetDate, o.fireAt.toISOString()])).toEqual([
      ['reminder-3', 'reminder', '2026-04-27', '2026-04-21T17:00:00.000Z'],
      ['reminder-1', 'reminder', '2026-04-27', '2026-04-23T17:00:00.000Z'],
      ['due', 'due', '2026-04-27', '2026-04-27T17:00:00.000Z'],
      ['very_overdue', 'very_overdue', '2026-05-12', '2026-05-12T17:00:00.000Z'],
    ]);
  });

  it('leaves out reminders whose time had come when the due date was set', () => {
    const late = milestoneSchedule({ ...facts, dueSetAt: bkk('2026-04-23T09:00:00') }, [3, 1], calendar);
    expect(late.map((o) => o.key)).toEqual(['reminder-1', 'due', 'very_overdue']);
  });

  it.each<[string, Partial<ScheduleFacts>]>([
    ['closed', { resultAt: bkk('2026-04-20T10:00:00') }],
    ['paused', { pausedSince: bkk('2026-04-20T10:00:00') }],
  ])('a %s case has none', (_label, change) => {
    expect(milestoneSchedule({ ...facts, ...change }, [3, 1], calendar)).toEqual([]);
  });

  it('points the sweeper at the earliest milestone not handled', () => {
    expect(nextMilestoneAt(schedule, new Set())).toEqual(schedule[0].fireAt);
    const handled = new Set([occurrenceId(schedule[0]), occurrenceId(schedule[1])]);
    expect(nextMilestoneAt(schedule, handled)).toEqual(schedule[2].fireAt);
    expect(nextMilestoneAt(schedule, new Set(schedule.map(occurrenceId)))).toBeNull();
    // a reminder of an earlier due date is another occurrence
    expect(occurrenceId({ key: 'due', targetDate: '2026-04-27' })).not.toBe(
      occurrenceId({ key: 'due', targetDate: '2026-04-28' }),
    );
  });

  it.each<[string, string, boolean]>([
    ['reminder-3', '2026-04-22T09:00:00', true],
    ['reminder-3', '2026-04-24T09:00:00', false],
    ['reminder-1', '2026-04-27T23:00:00', true],
    ['reminder-1', '2026-04-28T00:00:00', false],
    ['due', '2026-05-20T00:00:00', true],
    ['very_overdue', '2026-05-20T00:00:00', true],
  ])('%s handled at %s (Bangkok) still notifies: %s', (key, at, relevant) => {
    const o = schedule.find((x) => x.key === key)!;
    expect(stillRelevant(o, schedule, bkk(at))).toBe(relevant);
  });
});

describe('state from the row and the clock', () => {
  const open: StateFacts = {
    currentDueDate: '2026-04-27',
    reminderFrom: '2026-04-22',
    pausedSince: null,
    overdueSince: null,
    outcome: null,
  };
  it.each<[string, Partial<StateFacts>, string, string]>([
    ['before the reminders', {}, '2026-04-21T23:59:59', 'on_track'],
    ['from the first reminder day', {}, '2026-04-22T00:00:00', 'due_soon'],
    ['on the due date itself', {}, '2026-04-27T23:59:59', 'due_soon'],
    ['the day after the due date', {}, '2026-04-28T00:00:00', 'overdue'],
    [
      'paused past the due date',
      { pausedSince: bkk('2026-04-20T10:00:00') },
      '2026-05-01T10:00:00',
      'on_track',
    ],
    [
      'once overdue, always overdue',
      { overdueSince: bkk('2026-04-28T00:00:00') },
      '2026-04-20T10:00:00',
      'overdue',
    ],
    ['with a frozen outcome', { outcome: 'met_by_explanation' }, '2026-09-01T10:00:00', 'met_by_explanation'],
  ])('%s', (_label, change, now, state) => {
    expect(deadlineState({ ...open, ...change }, bkk(now), ZONE)).toBe(state);
  });

  it('a case becomes overdue at midnight after its due date', () => {
    expect(overdueSinceAt('2026-04-27', bkk('2026-04-27T23:59:59'), ZONE)).toBeNull();
    expect(overdueSinceAt('2026-04-27', bkk('2026-04-28T08:00:00'), ZONE)).toEqual(
      bkk('2026-04-28T00:00:00'),
    );
  });
});

describe('the frozen outcome of a result', () => {
  const f: OutcomeFacts = {
    currentDueDate: '2026-04-27',
    overdueSince: null,
    explainedAt: null,
    dueDateBeforeExplanation: null,
  };
  const explained: Partial<OutcomeFacts> = {
    currentDueDate: '2026-05-08',
    explainedAt: bkk('2026-04-24T10:00:00'),
    dueDateBeforeExplanation: '2026-04-27',
  };
  it.each<[string, Partial<OutcomeFacts>, string, string]>([
    ['by the due date', {}, '2026-04-27', 'met'],
    ['a day late', {}, '2026-04-28', 'missed'],
    ['after an explanation, by the new date', explained, '2026-05-08', 'met_by_explanation'],
    ['after an explanation, still by the first date', explained, '2026-04-27', 'met'],
    ['after an explanation, later than the new date', explained, '2026-05-11', 'missed'],
    [
      'after a late explanation',
      { ...explained, overdueSince: bkk('2026-04-28T00:00:00') },
      '2026-05-01',
      'missed',
    ],
  ])('%s', (_label, change, resultDate, outcome) => {
    expect(outcomeOf({ ...f, ...change }, resultDate)).toBe(outcome);
  });
});

describe('settings per organisation and track', () => {
  it.each<[string, Record<string, unknown> | null, object]>([
    ['defaults', {}, { mode: 'calendar', days: 15, reminderWorkingDaysBefore: [3, 1], maxExtensionDays: 15 }],
    ['no settings at all', null, { mode: 'calendar', days: 15 }],
    [
      'working days for complaints',
      { deadlines: { complaint: { mode: 'working_days', days: 10, reminderWorkingDaysBefore: [1, 2, 2] } } },
      { mode: 'working_days', days: 10, reminderWorkingDaysBefore: [2, 1], maxExtensionDays: 15 },
    ],
    [
      'invalid values fall back to the defaults',
      {
        deadlines: {
          complaint: { mode: 'lunar', days: -3, reminderWorkingDaysBefore: 'x', maxExtensionDays: 1.5 },
        },
      },
      { mode: 'calendar', days: 15, reminderWorkingDaysBefore: [3, 1], maxExtensionDays: 15 },
    ],
    [
      "another track's settings do not apply",
      { deadlines: { integrity_report: { days: 30 } } },
      { days: 15 },
    ],
    [
      'no reminders',
      { deadlines: { complaint: { reminderWorkingDaysBefore: [] } } },
      { reminderWorkingDaysBefore: [] },
    ],
  ])('%s', (_label, settings, expected) => {
    expect(deadlineSettings({ settings }, 'complaint')).toMatchObject(expected);
  });

  it.each<[DeadlineTrack, Record<string, unknown>, object]>([
    ['integrity_report', {}, { mode: 'calendar', days: 15, maxExtensionDays: 15 }],
    ['integrity_report_conclusion', {}, { mode: 'calendar', days: 90, maxExtensionDays: 30 }],
    [
      'integrity_report_conclusion',
      { deadlines: { integrity_report_conclusion: { days: 60, mode: 'working_days' } } },
      { mode: 'working_days', days: 60, reminderWorkingDaysBefore: [3, 1], maxExtensionDays: 30 },
    ],
    ['integrity_report_conclusion', { deadlines: { integrity_report: { days: 30 } } }, { days: 90 }],
    [
      'integrity_report_conclusion',
      { deadlines: { integrity_report_conclusion: { days: 0 } } },
      { days: 90 },
    ],
  ])('defaults and settings of %s %j', (track, settings, expected) => {
    expect(deadlineSettings({ settings }, track)).toMatchObject(expected);
  });

  it.each<[Record<string, unknown>, object]>([
    [{}, { start: '08:30', end: '16:30' }],
    [{ officeHours: { start: '09:00', end: '15:30' } }, { start: '09:00', end: '15:30' }],
    [{ officeHours: { start: '17:00', end: '09:00' } }, { start: '08:30', end: '16:30' }],
    [{ officeHours: { start: '8:30', end: '16:30' } }, { start: '08:30', end: '16:30' }],
  ])('office hours %j', (settings, expected) => {
    expect(officeHours({ settings })).toEqual(expected);
  });
});
