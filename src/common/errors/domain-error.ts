import { ERRORS, ErrorCode } from './error-codes';

/**
 * An expected failure of the domain (not found, not allowed, conflict). The global filter turns it
 * into the standard error body; `details` must never carry report contents or personal data.
 */
export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    message?: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message ?? ERRORS[code].en);
    this.status = ERRORS[code].status;
  }
}

/**
 * 409 TRANSITION_NOT_ALLOWED, with one shape of details for every track: the case's status, the
 * action asked for, and the actions open from that status to this caller; where the track has them,
 * what changed (`current`: the status label and when the case was last changed), so a page that
 * acted on a stale copy can say so and reload.
 */
export class TransitionNotAllowed extends DomainError {
  constructor(
    currentStatus: string,
    action: string,
    allowedActions: readonly string[],
    current?: { statusLabel: { th: string; en: string }; updatedAt: Date },
  ) {
    super('TRANSITION_NOT_ALLOWED', {
      currentStatus,
      action,
      allowedActions,
      ...(current
        ? { currentStatusLabel: current.statusLabel, updatedAt: current.updatedAt.toISOString() }
        : {}),
    });
  }
}
