import { Role } from '../../users/roles';

/** The signed-in officer performing an action, as the services see them. */
export interface Actor {
  userId: string;
  organizationId: string;
  unitId: string | null;
  roles: Role[];
  requestId: string;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.includes(r));
}
