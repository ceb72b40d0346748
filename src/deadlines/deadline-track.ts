import type { EntityManager } from 'typeorm';

/**
 * The deadlines the engine keeps, one row per track and case. The engine knows nothing else about
 * them: a track is a name with its own settings and milestone handler. A case that needs two
 * deadlines uses two tracks: integrity reports have `integrity_report` (the first response to the
 * reporter) and `integrity_report_conclusion` (the decision on the report), both keyed by the
 * report's id.
 */
export type DeadlineTrack = 'complaint' | 'integrity_report' | 'integrity_report_conclusion';
export const DEADLINE_TRACKS: readonly DeadlineTrack[] = [
  'complaint',
  'integrity_report',
  'integrity_report_conclusion',
];
export const DEADLINE_TRACK_LABELS: Record<DeadlineTrack, { th: string; en: string }> = {
  complaint: { th: 'เรื่องร้องเรียนทั่วไป', en: 'Complaints' },
  integrity_report: { th: 'เรื่องทุจริต: การตอบครั้งแรก', en: 'Integrity reports: first answer' },
  integrity_report_conclusion: { th: 'เรื่องทุจริต: การสรุปผล', en: 'Integrity reports: conclusion' },
};

/**
 * `reminder`: N working days before the due date (default 3 and 1); `due`: the due date passed with
 * neither result nor explanation (the case is now overdue); `very_overdue`: twice the period passed.
 */
export type Milestone = 'reminder' | 'due' | 'very_overdue';

export interface MilestoneEvent {
  track: DeadlineTrack;
  caseId: string;
  organizationId: string;
  milestone: Milestone;
  /** the current due date, YYYY-MM-DD (Bangkok civil date) */
  dueDate: string;
  /** reminders only: working days left after today up to and including the due date */
  workingDaysLeft?: number;
}

/**
 * Implemented by a track module (complaints, integrity reports) and registered with
 * DeadlineTracksRegistry in its onModuleInit. Called inside the transaction in which the engine marks
 * the milestone handled: write notifications and case events with `tx`, so that either both commit
 * or neither does (a crashed worker never notifies twice). Throwing rolls the milestone back; it is
 * retried later. The engine's row for the case is not locked while this runs, so lock your own case
 * row freely.
 */
export interface DeadlineMilestoneHandler {
  onMilestone(tx: EntityManager, event: MilestoneEvent): Promise<void>;
}
