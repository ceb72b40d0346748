import { Role } from '../../users/roles';

/** The signed-in officer performing an action, as the services see them. */
export interface Actor {
  userId: string;
  organizationId: string;
  unitId: string | null;
  roles: Role[];
  requestId: string;
  /** the session (refresh-token family) of the access token; absent for actors made outside a request */
  sessionId?: string;
  /**
   * A deployment operator (OPERATOR_EMAILS): may create and edit organisations. Not a role of the
   * organisation: it follows the person's e-mail, whichever organisation they signed in to.
   */
  operator?: boolean;
  /**
   * The signed-in integrity officer's or custodian's unlocked key (integrity-reports/crypto): the
   * session family whose Redis entry holds the private key sealed, and the key that opens it, which
   * only the client's tokens carry.
   */
  keySession?: KeySession;
}

export interface KeySession {
  familyId: string;
  key: string;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.includes(r));
}
