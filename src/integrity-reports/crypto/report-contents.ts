import { AccusedPerson, Evidence, WorkflowRecord } from '../entities/integrity-report.entity';
import { derivedKey, open, openJson, passwordKek, seal, sealJson } from './envelope';

/** What the reporter wrote, sealed as one value per report. */
export interface ReportContents {
  description: string;
  accused: AccusedPerson | null;
  incidentPeriod: string | null;
  place: string | null;
  evidence: Evidence | null;
}

const contentsPlace = (reportId: string) => `integrity-report-contents|${reportId}`;
const messagePlace = (reportId: string, seq: number) => `integrity-report-message|${reportId}|${seq}`;
const notePlace = (reportId: string, noteId: string) => `integrity-report-note|${reportId}|${noteId}`;
const reporterPlace = (reportId: string) => `integrity-report-reporter-key|${reportId}`;

export const sealContents = (dataKey: Buffer, reportId: string, contents: ReportContents) =>
  sealJson(dataKey, contents, contentsPlace(reportId));
export const openContents = (dataKey: Buffer, reportId: string, sealed: Buffer) =>
  openJson<ReportContents>(dataKey, sealed, contentsPlace(reportId));

export const sealMessage = (dataKey: Buffer, reportId: string, seq: number, body: string) =>
  seal(dataKey, body, messagePlace(reportId, seq));
export const openMessage = (dataKey: Buffer, reportId: string, seq: number, sealed: Buffer) =>
  open(dataKey, sealed, messagePlace(reportId, seq)).toString('utf8');

export const sealNote = (dataKey: Buffer, reportId: string, noteId: string, body: string) =>
  seal(dataKey, body, notePlace(reportId, noteId));
export const openNote = (dataKey: Buffer, reportId: string, noteId: string, sealed: Buffer) =>
  open(dataKey, sealed, notePlace(reportId, noteId)).toString('utf8');

/**
 * The reporter's key: Argon2id of the receipt digits with the report's own salt, in a domain of its
 * own (the receipt lookup hash uses the organisation's salt and the pepper, so the two never coincide).
 */
export const reporterKek = (digits: string, salt: Buffer) =>
  passwordKek(digits, salt, 'integrity-reporter-key');

export const sealForReporter = (kek: Buffer, reportId: string, secret: Buffer, what = 'data') =>
  seal(kek, secret, `${reporterPlace(reportId)}|${what}`);
export const openForReporter = (kek: Buffer, reportId: string, sealed: Buffer, what = 'data') =>
  open(kek, sealed, `${reporterPlace(reportId)}|${what}`);

/** The key a reporter session token opens its stored data key with (the token itself is not stored). */
export const reporterSessionKey = (token: string) => derivedKey(token, 'reporter-session');

/**
 * The officer-written text among the particulars of workflow steps (why a report was dismissed, the
 * committee, the conclusion's summary and actions, the closing note) is sealed; the rest (which steps
 * were taken, outcome, agency, dates, order and letter numbers) stays plain for statistics.
 */
const SEALED_PARTICULARS: Record<string, string[]> = {
  dismissal: ['reason'],
  factFinding: ['committee'],
  conclusion: ['summary', 'actionsTaken'],
  closure: ['note'],
};
type Particulars = Record<string, Record<string, unknown>>;
const particularsPlace = (reportId: string) => `integrity-report-particulars|${reportId}`;

/** `workflow` split into what stays plain and what is sealed. */
export function splitParticulars(workflow: WorkflowRecord): { plain: WorkflowRecord; secret: Particulars } {
  const plain: Particulars = {};
  const secret: Particulars = {};
  for (const [step, details] of Object.entries(workflow as Particulars)) {
    plain[step] = { ...details };
    for (const field of SEALED_PARTICULARS[step] ?? []) {
      if (!(field in details)) continue;
      (secret[step] ??= {})[field] = details[field];
      delete plain[step][field];
    }
  }
  return { plain: plain as WorkflowRecord, secret };
}

export function joinParticulars(plain: WorkflowRecord, secret: Particulars): WorkflowRecord {
  const joined: Particulars = {};
  for (const [step, details] of Object.entries(plain as Particulars))
    joined[step] = { ...details, ...secret[step] };
  return joined as WorkflowRecord;
}

export const sealParticulars = (dataKey: Buffer, reportId: string, secret: Particulars) =>
  sealJson(dataKey, secret, particularsPlace(reportId));
export const openParticulars = (dataKey: Buffer, reportId: string, sealed: Buffer | null): Particulars =>
  sealed ? openJson<Particulars>(dataKey, sealed, particularsPlace(reportId)) : {};
