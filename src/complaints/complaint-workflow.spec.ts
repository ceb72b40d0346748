import { Role } from '../users/roles';
import {
  allowedActions,
  checkTransition,
  ComplaintAction,
  ComplaintStatus,
  STATUS_LABELS,
  TRANSITIONS,
} from './complaint-workflow';

const ALL_STATUSES = Object.values(ComplaintStatus);
const ALL_ACTIONS = Object.values(ComplaintAction);

describe('complaint workflow', () => {
  it('labels every status in Thai and English', () => {
    for (const s of ALL_STATUSES) {
      expect(STATUS_LABELS[s].th).toMatch(/[\u0E00-\u0E7F]/);
      expect(STATUS_LABELS[s].en).toMatch(/^[A-Z]/);
    }
  });

  it('defines every action exactly once', () => {
    expect(TRANSITIONS.map((t) => t.action).sort()).toEqual([...ALL_ACTIONS].sort());
  });

  // Every (status, action) pair: allowed exactly when the table says so.
  const pairs = ALL_STATUSES.flatMap((s) => ALL_ACTIONS.map((a) => [s, a] as const));
  it.each(pairs)('from %s, %s', (status, action) => {
    const t = TRANSITIONS.find((x) => x.action === action)!;
    const result = checkTransition(status, action, t.roles);
    if (t.from.includes(status)) expect(result).toEqual({ ok: true, to: t.to });
    else expect(result).toEqual({ ok: false, reason: 'not_from_this_status' });
  });

  it.each([
    [ComplaintStatus.Received, ComplaintAction.Accept, [Role.Officer], 'role_not_allowed'],
    [ComplaintStatus.Received, ComplaintAction.Accept, [Role.Executive], 'role_not_allowed'],
    [ComplaintStatus.Received, ComplaintAction.Accept, [Role.Admin], 'role_not_allowed'],
    [ComplaintStatus.InProgress, ComplaintAction.Resolve, [Role.Intake], 'role_not_allowed'],
    [ComplaintStatus.Closed, ComplaintAction.Reopen, [Role.Officer], 'role_not_allowed'],
  ])('from %s, %s by %j is refused: %s', (status, action, roles, reason) => {
    expect(checkTransition(status, action, roles)).toEqual({ ok: false, reason });
  });

  it('the journey from receipt to closure and back is possible', () => {
    const journey: [ComplaintAction, ComplaintStatus][] = [
      [ComplaintAction.Accept, ComplaintStatus.Accepted],
      [ComplaintAction.Assign, ComplaintStatus.Assigned],
      [ComplaintAction.Start, ComplaintStatus.InProgress],
      [ComplaintAction.RequestInfo, ComplaintStatus.AwaitingInfo],
      [ComplaintAction.Resume, ComplaintStatus.InProgress],
      [ComplaintAction.Resolve, ComplaintStatus.Resolved],
      [ComplaintAction.Close, ComplaintStatus.Closed],
      [ComplaintAction.Reopen, ComplaintStatus.InProgress],
    ];
    let status = ComplaintStatus.Received;
    for (const [action, expected] of journey) {
      const r = checkTransition(status, action, [Role.Supervisor, Role.Intake]);
      expect(r).toEqual({ ok: true, to: expected });
      status = expected;
    }
  });

  it('terminal statuses offer nothing but reopening', () => {
    for (const s of [ComplaintStatus.Rejected, ComplaintStatus.Referred, ComplaintStatus.Duplicate]) {
      expect(allowedActions(s)).toEqual([]);
    }
    expect(allowedActions(ComplaintStatus.Closed)).toEqual([ComplaintAction.Reopen]);
  });
});
