import { Role } from '../users/roles';

/** Where a general complaint stands. The complainant sees the label of every status. */
export enum ComplaintStatus {
  Received = 'received',
  Accepted = 'accepted',
  Rejected = 'rejected',
  Referred = 'referred',
  Assigned = 'assigned',
  InProgress = 'in_progress',
  AwaitingInfo = 'awaiting_info',
  Resolved = 'resolved',
  Closed = 'closed',
  Duplicate = 'duplicate',
}

export enum ComplaintAction {
  Accept = 'accept',
  Reject = 'reject',
  Refer = 'refer',
  MarkDuplicate = 'mark_duplicate',
  Assign = 'assign',
  Start = 'start',
  RequestInfo = 'request_info',
  Resume = 'resume',
  Resolve = 'resolve',
  Close = 'close',
  Reopen = 'reopen',
}

export const STATUS_LABELS: Record<ComplaintStatus, { th: string; en: string }> = {
  received: { th: 'รับเรื่องแล้ว รอตรวจสอบ', en: 'Received, awaiting screening' },
  accepted: { th: 'รับเป็นเรื่องร้องเรียนแล้ว', en: 'Accepted' },
  rejected: { th: 'ไม่รับเป็นเรื่องร้องเรียน', en: 'Not accepted' },
  referred: { th: 'ส่งต่อหน่วยงานอื่น', en: 'Referred to another agency' },
  assigned: { th: 'มอบหมายหน่วยงานผู้รับผิดชอบแล้ว', en: 'Assigned to the responsible unit' },
  in_progress: { th: 'อยู่ระหว่างดำเนินการ', en: 'In progress' },
  awaiting_info: { th: 'รอข้อมูลเพิ่มเติมจากผู้ร้องเรียน', en: 'Awaiting information from the complainant' },
  resolved: { th: 'ดำเนินการแล้วเสร็จ', en: 'Resolved' },
  closed: { th: 'ปิดเรื่อง', en: 'Closed' },
  duplicate: { th: 'เป็นเรื่องซ้ำกับเรื่องที่รับไว้แล้ว', en: 'Duplicate of an earlier complaint' },
};

/** What each officer action is called on screen (buttons, history). */
export const ACTION_LABELS: Record<ComplaintAction, { th: string; en: string }> = {
  accept: { th: 'รับเป็นเรื่องร้องเรียน', en: 'Accept' },
  reject: { th: 'ไม่รับเป็นเรื่องร้องเรียน', en: 'Reject' },
  refer: { th: 'ส่งต่อหน่วยงานอื่น', en: 'Refer to another agency' },
  mark_duplicate: { th: 'เป็นเรื่องซ้ำ', en: 'Mark as duplicate' },
  assign: { th: 'มอบหมาย', en: 'Assign' },
  start: { th: 'เริ่มดำเนินการ', en: 'Start work' },
  request_info: { th: 'ขอข้อมูลเพิ่มเติม', en: 'Request information' },
  resume: { th: 'ได้รับข้อมูลแล้ว ดำเนินการต่อ', en: 'Resume' },
  resolve: { th: 'แจ้งผลการดำเนินการ', en: 'Resolve' },
  close: { th: 'ปิดเรื่อง', en: 'Close' },
  reopen: { th: 'เปิดเรื่องใหม่', en: 'Reopen' },
};

/** Statuses after which the complainant has had an answer (the case left the 15-day clock). */
export const ANSWERED_STATUSES: ReadonlySet<ComplaintStatus> = new Set([
  ComplaintStatus.Rejected,
  ComplaintStatus.Referred,
  ComplaintStatus.Resolved,
  ComplaintStatus.Closed,
  ComplaintStatus.Duplicate,
]);

export interface Transition {
  action: ComplaintAction;
  from: readonly ComplaintStatus[];
  to: ComplaintStatus;
  roles: readonly Role[];
  /** Officers and unit heads may act only on their own unit's cases; the other roles on any. */
  unitScoped: boolean;
}

const S = ComplaintStatus;
const A = ComplaintAction;
const SCREENING = [Role.Intake, Role.Supervisor];
const HANDLING = [Role.Officer, Role.UnitHead, Role.Supervisor];

/** The workflow, in one place: the service applies it, the API documents it, the tests iterate it. */
export const TRANSITIONS: readonly Transition[] = [
  { action: A.Accept, from: [S.Received], to: S.Accepted, roles: SCREENING, unitScoped: false },
  { action: A.Reject, from: [S.Received, S.Accepted], to: S.Rejected, roles: SCREENING, unitScoped: false },
  { action: A.Refer, from: [S.Received, S.Accepted], to: S.Referred, roles: SCREENING, unitScoped: false },
  {
    action: A.MarkDuplicate,
    from: [S.Received, S.Accepted, S.Assigned],
    to: S.Duplicate,
    roles: SCREENING,
    unitScoped: false,
  },
  {
    action: A.Assign,
    from: [S.Received, S.Accepted, S.Assigned, S.InProgress],
    to: S.Assigned,
    roles: [Role.Intake, Role.Supervisor, Role.UnitHead],
    unitScoped: true,
  },
  { action: A.Start, from: [S.Assigned], to: S.InProgress, roles: HANDLING, unitScoped: true },
  {
    action: A.RequestInfo,
    from: [S.Assigned, S.InProgress],
    to: S.AwaitingInfo,
    roles: HANDLING,
    unitScoped: true,
  },
  {
    action: A.Resume,
    from: [S.AwaitingInfo],
    to: S.InProgress,
    roles: [...HANDLING, Role.Intake],
    unitScoped: true,
  },
  { action: A.Resolve, from: [S.Assigned, S.InProgress], to: S.Resolved, roles: HANDLING, unitScoped: true },
  { action: A.Close, from: [S.Resolved], to: S.Closed, roles: [...HANDLING, Role.Intake], unitScoped: true },
  {
    action: A.Reopen,
    from: [S.Resolved, S.Closed],
    to: S.InProgress,
    roles: [Role.Intake, Role.Supervisor, Role.UnitHead],
    unitScoped: true,
  },
];

const BY_ACTION = new Map(TRANSITIONS.map((t) => [t.action, t]));

export function transitionFor(action: ComplaintAction): Transition {
  const t = BY_ACTION.get(action);
  if (!t) throw new Error(`unknown action ${action}`);
  return t;
}

/** Actions possible from `status` for someone holding `roles` (all roles when omitted). */
export function allowedActions(status: ComplaintStatus, roles?: readonly Role[]): ComplaintAction[] {
  return TRANSITIONS.filter(
    (t) => t.from.includes(status) && (!roles || t.roles.some((r) => roles.includes(r))),
  ).map((t) => t.action);
}

export type TransitionCheck =
  { ok: true; to: ComplaintStatus } | { ok: false; reason: 'not_from_this_status' | 'role_not_allowed' };

/** Pure check of one step of the workflow. Unit scope is checked by the service, which knows the case. */
export function checkTransition(
  status: ComplaintStatus,
  action: ComplaintAction,
  roles: readonly Role[],
): TransitionCheck {
  const t = transitionFor(action);
  if (!t.from.includes(status)) return { ok: false, reason: 'not_from_this_status' };
  if (!t.roles.some((r) => roles.includes(r))) return { ok: false, reason: 'role_not_allowed' };
  return { ok: true, to: t.to };
}
