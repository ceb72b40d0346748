import { DateTime } from 'luxon';

/** Local office hours, 'HH:mm' in the business time zone, Monday to Friday. */
export interface OfficeHours {
  start: string;
  end: string;
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = { start: '08:30', end: '16:30' };

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The organisation's `settings.officeHours` when valid, else the default. */
export function officeHoursFrom(settings: Record<string, unknown> | null | undefined): OfficeHours {
  const value = settings?.officeHours as Partial<OfficeHours> | undefined;
  if (
    value &&
    typeof value.start === 'string' &&
    typeof value.end === 'string' &&
    HHMM.test(value.start) &&
    HHMM.test(value.end) &&
    value.start < value.end
  ) {
    return { start: value.start, end: value.end };
  }
  return DEFAULT_OFFICE_HOURS;
}

/**
 * The first instant at or after `now` that falls in office hours (Monday-Friday, `hours` in `zone`).
 * Public holidays are not considered: a message held over a holiday arrives that morning.
 */
export function nextOfficeTime(now: Date, zone: string, hours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  const local = DateTime.fromJSDate(now, { zone });
  const at = (day: DateTime, hhmm: string) => {
    const [hour, minute] = hhmm.split(':').map(Number);
    return day.set({ hour, minute, second: 0, millisecond: 0 });
  };
  const isWeekday = (day: DateTime) => day.weekday <= 5;
  if (isWeekday(local)) {
    if (local < at(local, hours.start)) return at(local, hours.start).toJSDate();
    if (local < at(local, hours.end)) return now;
  }
  let day = local.plus({ days: 1 });
  while (!isWeekday(day)) day = day.plus({ days: 1 });
  return at(day, hours.start).toJSDate();
}

/**
 * The next opening of office hours strictly after `now` (Monday-Friday, `hours.start` in `zone`):
 * the daily batch in which messages go out whose timing must not tell when someone acted (an
 * anonymous reporter's submission or message). Inside office hours that is the next working day's.
 */
export function nextOfficeOpening(now: Date, zone: string, hours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  const [hour, minute] = hours.start.split(':').map(Number);
  let day = DateTime.fromJSDate(now, { zone }).set({ hour, minute, second: 0, millisecond: 0 });
  while (day.weekday > 5 || day.toMillis() <= now.getTime()) day = day.plus({ days: 1 });
  return day.toJSDate();
}
