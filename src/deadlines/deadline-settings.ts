import { DEADLINE_MODES, DeadlineMode, DEFAULT_OFFICE_HOURS, OfficeHours } from './day-counting';
import type { DeadlineTrack } from './deadline-track';

/** The deadline rules of one track in one organisation. */
export interface DeadlineSettings {
  mode: DeadlineMode;
  /** N: days (calendar mode) or working days (working days mode) */
  days: number;
  /** reminders this many working days before the due date */
  reminderWorkingDaysBefore: number[];
  /** an extension may move the due date at most this many days (in the mode's unit) without a supervisor */
  maxExtensionDays: number;
}

export const DEFAULT_DEADLINE_SETTINGS: Readonly<DeadlineSettings> = Object.freeze({
  mode: 'calendar',
  days: 15,
  reminderWorkingDaysBefore: [3, 1],
  maxExtensionDays: 15,
});

/**
 * Defaults per track. The conclusion of an integrity report (not admissible, referred or concluded)
 * is due within 90 days of receipt by default, in line with the three months the EU Whistleblowing
 * Directive and ISO 37002 allow for feedback; the other tracks take DEFAULT_DEADLINE_SETTINGS.
 */
export const TRACK_DEFAULT_SETTINGS: Readonly<Record<DeadlineTrack, Readonly<DeadlineSettings>>> =
  Object.freeze({
    complaint: DEFAULT_DEADLINE_SETTINGS,
    integrity_report: DEFAULT_DEADLINE_SETTINGS,
    integrity_report_conclusion: Object.freeze({
      ...DEFAULT_DEADLINE_SETTINGS,
      days: 90,
      maxExtensionDays: 30,
    }),
  });

type WithSettings = { settings?: Record<string, unknown> | null };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * `organizations.settings.deadlines[track]` with the track's defaults (TRACK_DEFAULT_SETTINGS) for
 * missing or invalid keys: `{ deadlines: { complaint: { mode: 'calendar', days: 15,
 * reminderWorkingDaysBefore: [3, 1], maxExtensionDays: 15 }, integrity_report: { ... },
 * integrity_report_conclusion: { days: 90, ... } } }`.
 */
export function deadlineSettings(org: WithSettings, track: DeadlineTrack): DeadlineSettings {
  const all = isRecord(org.settings?.deadlines) ? org.settings.deadlines : {};
  const s = isRecord(all[track]) ? all[track] : {};
  const d = TRACK_DEFAULT_SETTINGS[track];
  const reminders = Array.isArray(s.reminderWorkingDaysBefore)
    ? s.reminderWorkingDaysBefore.filter((n) => isCount(n, 60))
    : d.reminderWorkingDaysBefore;
  return {
    mode: DEADLINE_MODES.includes(s.mode as DeadlineMode) ? (s.mode as DeadlineMode) : d.mode,
    days: isCount(s.days, 365) ? s.days : d.days,
    reminderWorkingDaysBefore: [...new Set(reminders)].sort((a, b) => b - a),
    maxExtensionDays: isCount(s.maxExtensionDays, 365) ? s.maxExtensionDays : d.maxExtensionDays,
  };
}

/** `organizations.settings.officeHours`, default 08:30-16:30 (business time zone). */
export function officeHours(org: WithSettings): OfficeHours {
  const h = org.settings?.officeHours;
  if (isRecord(h) && typeof h.start === 'string' && typeof h.end === 'string') {
    if (HHMM.test(h.start) && HHMM.test(h.end) && h.start < h.end) return { start: h.start, end: h.end };
  }
  return { ...DEFAULT_OFFICE_HOURS };
}

/** `organizations.settings.satisfactionTargetPercent`: the share of satisfied complainants aimed for. */
export const DEFAULT_SATISFACTION_TARGET_PERCENT = 80;

export function satisfactionTargetPercent(org: WithSettings): number {
  const v = org.settings?.satisfactionTargetPercent;
  return isCount(v, 100) ? v : DEFAULT_SATISFACTION_TARGET_PERCENT;
}
