/**
 * The officer's session in the browser. The access token lives in memory only (api.ts); the single-use
 * refresh token is kept in sessionStorage (this tab only) so a reload resumes the session. The keys are
 * the legacy console's (src/web/public/officer.js), so pages not yet ported share the session.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, call, setAccessToken, type Schemas } from './api';
import { ApiError } from './errors';

const REFRESH_KEY = 'rongrian.officer.refresh';
const deviceKey = (email: string) => `rongrian.officer.device:${email.toLowerCase()}`;

/** The signed-in account, and whether the person is one of the deployment's operators. */
export type Officer = Schemas['UserView'] & { operator: boolean };
type Listener = (user: Officer | null) => void;

let current: Officer | null = null;
/**
 * An integrity officer's key news from the last sign-in, for the console to show once: the recovery key
 * of a new key pair (shown once), or that the key is locked after a password reset.
 */
let keyNotice: Schemas['IntegrityKeyView'] | null = null;
export const takeKeyNotice = (): Schemas['IntegrityKeyView'] | null => {
  const notice = keyNotice;
  keyNotice = null;
  return notice;
};
const listeners = new Set<Listener>();
const publish = (user: Officer | null) => {
  current = user;
  for (const l of listeners) l(user);
};

function signedIn(tokens: Schemas['TokensView']): Officer {
  setAccessToken(tokens.accessToken);
  sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
  if (tokens.deviceToken) localStorage.setItem(deviceKey(tokens.user.email), tokens.deviceToken);
  const officer = { ...tokens.user, operator: tokens.operator };
  publish(officer);
  return officer;
}

const noticeOf = (tokens: Schemas['TokensView']) => {
  const integrityKey = tokens.integrityKey;
  keyNotice =
    integrityKey && (integrityKey.recoveryKey || integrityKey.status === 'locked') ? integrityKey : null;
};

/**
 * Signs in; integrity officers after a password reset add their `recoveryKey` (or `replaceKey`). A person
 * with accounts in several organisations gets 409 ORGANIZATION_CHOICE_REQUIRED (see `organizationChoices`)
 * and signs in again with the chosen `organizationId`.
 */
export async function signIn(
  email: string,
  password: string,
  options: { recoveryKey?: string; replaceKey?: boolean; organizationId?: string } = {},
): Promise<Schemas['TokensView']> {
  const tokens = await call(
    api.POST('/api/v1/auth/login', {
      body: { email, password, deviceToken: localStorage.getItem(deviceKey(email)) ?? undefined, ...options },
    }),
  );
  noticeOf(tokens);
  signedIn(tokens);
  return tokens;
}

export interface OrganizationChoice {
  organizationId: string;
  slug: string;
  nameTh: string;
}

/** The organisations listed by a 409 ORGANIZATION_CHOICE_REQUIRED, or null for any other error. */
export function organizationChoices(err: unknown): OrganizationChoice[] | null {
  if (!(err instanceof ApiError) || err.code !== 'ORGANIZATION_CHOICE_REQUIRED') return null;
  const details = err.body?.details as { organizations?: unknown } | undefined;
  const list = Array.isArray(details?.organizations) ? (details.organizations as unknown[]) : [];
  return list.filter(
    (o): o is OrganizationChoice =>
      typeof o === 'object' &&
      o !== null &&
      typeof (o as OrganizationChoice).organizationId === 'string' &&
      typeof (o as OrganizationChoice).nameTh === 'string',
  );
}

/**
 * Moves to the person's account in another organisation (its own password): a new session there, and
 * the current one ends. The old refresh token is dropped; the new one replaces it.
 */
export async function switchOrganization(organizationId: string, password: string): Promise<Officer> {
  const tokens = await call(
    api.POST('/api/v1/auth/switch-organization', { body: { organizationId, password } }),
  );
  noticeOf(tokens);
  return signedIn(tokens);
}

/** Resumes the tab's session with its refresh token; null when there is none or it is no longer valid. */
export async function resume(): Promise<Officer | null> {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  if (!refreshToken) return null;
  try {
    return signedIn(await call(api.POST('/api/v1/auth/refresh', { body: { refreshToken } })));
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 400)) {
      sessionStorage.removeItem(REFRESH_KEY);
      return null;
    }
    throw err;
  }
}

export async function signOut(): Promise<void> {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  sessionStorage.removeItem(REFRESH_KEY);
  if (refreshToken)
    await call(api.POST('/api/v1/auth/logout', { body: { refreshToken } })).catch(() => undefined);
  setAccessToken(null);
  publish(null);
}

/** The signed-in officer (null before sign-in); re-renders on sign-in and sign-out. */
export function useOfficer(): Officer | null {
  const [user, setUser] = useState(current);
  useEffect(() => {
    listeners.add(setUser);
    return () => void listeners.delete(setUser);
  }, []);
  return user;
}
