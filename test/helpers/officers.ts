import { AccountLinksService } from '../../src/users/account-links.service';
import { isProtected } from '../../src/users/role-requests.service';
import { Role } from '../../src/users/roles';
import { bearer, TestApp } from './test-app';

export interface Officer {
  id: string;
  email: string;
  token: string;
  unitId: string | null;
}

let counter = 0;

/**
 * Follows the newest unused link of `userId` (invitation or reset) as its owner would with the link
 * from their mail: the token is derived the way the mail worker derives it. Returns the answer.
 */
export async function useAccountLink(t: TestApp, userId: string, password: string) {
  const [link] = await t.db.query(
    `SELECT id FROM account_links WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL
     ORDER BY created_at DESC LIMIT 1`,
    [userId],
  );
  if (!link) throw new Error(`no usable account link for ${userId}`);
  const token = t.app.get(AccountLinksService).tokenFor(link.id as string);
  return t.request({
    method: 'POST',
    url: '/api/v1/auth/account-links/complete',
    payload: { token, password },
  });
}

/** Approves every pending role request of `userId` as `approverToken`. */
export async function approveRoles(t: TestApp, approverToken: string, userId: string): Promise<void> {
  const list = await t.request({
    method: 'GET',
    url: '/api/v1/role-requests',
    headers: bearer(approverToken),
  });
  if (list.statusCode !== 200) throw new Error(`role requests: ${list.statusCode} ${list.body}`);
  for (const request of (list.json() as { id: string; user: { id: string } }[]).filter(
    (r) => r.user.id === userId,
  )) {
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/role-requests/${request.id}/decision`,
      headers: bearer(approverToken),
      payload: { decision: 'approve', reason: 'appointed (test)' },
    });
    if (res.statusCode !== 200) throw new Error(`approve: ${res.statusCode} ${res.body}`);
  }
}

/** Per application: the executive who approves the roles the helpers ask for (the second person). */
const approvers = new WeakMap<TestApp, Promise<string>>();

/**
 * The token of a second person (an executive) for approving roles. The first one an organisation
 * appoints takes effect at once (the bootstrap exception); it is made before any other account that
 * needs approval.
 */
export function approverToken(t: TestApp, adminToken: string): Promise<string> {
  let token = approvers.get(t);
  if (!token) {
    token = invite(t, adminToken, {
      email: `approver-${++counter}-${Date.now()}@test.local`,
      displayName: 'ผู้อนุมัติ (Approver)',
      roles: [Role.Executive],
      bootstrap: true,
    }).then((o) => o.token);
    approvers.set(t, token);
  }
  return token;
}

export interface Invitation {
  email: string;
  displayName: string;
  roles: Role[];
  unitId?: string | null;
  /** the organisation's first approver: granted at once, nobody to ask */
  bootstrap?: boolean;
  /** the password the person chooses (default: one made from their id) */
  password?: string;
}

/**
 * Creates an account the way the service now requires: the administrator invites, a second person
 * approves any protected role, the person chooses their password through the link; then signs in.
 */
export async function invite(
  t: TestApp,
  adminToken: string,
  who: Invitation,
): Promise<{ id: string; email: string; token: string }> {
  const { id, password } = await enrol(t, adminToken, who);
  return { id, email: who.email, token: await t.login(who.email, password) };
}

/** As `invite`, up to the chosen password: the person has not signed in yet. */
export async function enrol(
  t: TestApp,
  adminToken: string,
  who: Invitation,
): Promise<{ id: string; password: string }> {
  const approver = who.roles.some(isProtected) && !who.bootstrap ? await approverToken(t, adminToken) : null;
  const res = await t.request({
    method: 'POST',
    url: '/api/v1/users',
    headers: bearer(adminToken),
    payload: { email: who.email, displayName: who.displayName, roles: who.roles, unitId: who.unitId ?? null },
  });
  if (res.statusCode !== 201) throw new Error(`cannot create officer: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  if (approver && (res.json().pendingRoles as Role[]).length > 0) await approveRoles(t, approver, id);
  const password = who.password ?? `password-of-${id}`;
  const done = await useAccountLink(t, id, password);
  if (done.statusCode !== 204) throw new Error(`cannot choose password: ${done.statusCode} ${done.body}`);
  return { id, password };
}

/** Creates an officer through the admin API (invitation, approval, own password) and signs them in. */
export async function createOfficer(
  t: TestApp,
  adminToken: string,
  roles: Role[],
  unitCode?: string,
): Promise<Officer> {
  let unitId: string | null = null;
  if (unitCode) {
    const units = await t.request({ method: 'GET', url: '/api/v1/units', headers: bearer(adminToken) });
    unitId = (units.json() as { id: string; code: string }[]).find((u) => u.code === unitCode)!.id;
  }
  const email = `${roles.join('-')}-${++counter}-${Date.now()}@test.local`;
  const officer = await invite(t, adminToken, { email, displayName: `Officer ${counter}`, roles, unitId });
  return { ...officer, unitId };
}
