/**
 * Officers over plain HTTP (no Nest test app): usable from Playwright's global setup and its tests.
 * The same flows as test/helpers/officers.ts, as a person would do them: the administrator invites,
 * a second person (an executive) approves protected roles, the officer follows the link in the
 * invitation e-mail (read from the SMTP sink) and chooses a password.
 */
import { browserEnv } from './env';

export type Role =
  | 'admin'
  | 'intake'
  | 'officer'
  | 'unit_head'
  | 'supervisor'
  | 'integrity_officer'
  | 'custodian'
  | 'executive';
/** Roles that take a second person's approval (src/users/role-requests.service.ts isProtected). */
const PROTECTED: Role[] = ['admin', 'executive', 'integrity_officer', 'custodian'];

export interface Credentials {
  email: string;
  password: string;
}
export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
}

export class ServiceClient {
  constructor(
    readonly baseUrl = browserEnv('baseUrl'),
    readonly mailUrl = browserEnv('mailUrl'),
  ) {}

  /** A JSON call to the API; throws with the answer on an unexpected status. */
  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
    expected?: number,
  ): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (expected ? response.status !== expected : !response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async login({ email, password }: Credentials): Promise<string> {
    return (await this.request<{ accessToken: string }>('POST', '/api/v1/auth/login', { email, password }))
      .accessToken;
  }

  /** Every message the SMTP sink received. */
  async mail(): Promise<MailMessage[]> {
    return (await fetch(this.mailUrl)).json() as Promise<MailMessage[]>;
  }

  /** The SMTP sink refuses mail to `address` (`5.1.1 No such user`) `times` times: the mail fails. */
  async rejectMail(address: string, times = 1): Promise<void> {
    const response = await fetch(new URL('/reject', this.mailUrl), {
      method: 'POST',
      body: JSON.stringify({ address, code: 550, message: '5.1.1 No such user', times }),
    });
    if (response.status !== 204) throw new Error(`rejectMail: ${response.status}`);
  }

  /** The newest message to `address` matching `test`, waiting for the mail worker up to 30 s. */
  async waitForMail(address: string, test: (m: MailMessage) => boolean = () => true): Promise<MailMessage> {
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      const found = (await this.mail())
        .filter((m) => m.to.some((t) => t.toLowerCase() === address.toLowerCase()) && test(m))
        .pop();
      if (found) return found;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`no mail to ${address} within 30 s`);
  }

  /** The token of the newest account link (invitation or reset) mailed to `address`. */
  async accountLinkToken(address: string): Promise<string> {
    const mail = await this.waitForMail(address, (m) => /\/officer\/set-password#/.test(m.text));
    return /\/officer\/set-password#([\w.~-]+)/.exec(mail.text)![1];
  }

  /**
   * Invites `email` with `roles` as the administrator, has `approver` (an executive) approve the
   * protected ones, and chooses the password through the invitation link. Without an approver the
   * protected roles must be the organisation's first (bootstrap) executive.
   */
  async createOfficer(
    admin: Credentials,
    who: { email: string; displayName: string; roles: Role[]; unitId?: string | null; password?: string },
    approver?: Credentials,
  ): Promise<Credentials & { id: string }> {
    const adminToken = await this.login(admin);
    const created = await this.request<{ id: string; pendingRoles: Role[] }>(
      'POST',
      '/api/v1/users',
      { email: who.email, displayName: who.displayName, roles: who.roles, unitId: who.unitId ?? null },
      adminToken,
      201,
    );
    if (created.pendingRoles.length > 0) {
      if (!approver)
        throw new Error(`${who.email}: roles ${created.pendingRoles.join(', ')} need an approver`);
      const approverToken = await this.login(approver);
      const requests = await this.request<{ id: string; user: { id: string } }[]>(
        'GET',
        '/api/v1/role-requests',
        undefined,
        approverToken,
      );
      for (const r of requests.filter((r) => r.user.id === created.id))
        await this.request(
          'POST',
          `/api/v1/role-requests/${r.id}/decision`,
          { decision: 'approve', reason: 'appointed (browser test)' },
          approverToken,
        );
    }
    const password = who.password ?? `pw-${created.id}`;
    const token = await this.accountLinkToken(who.email);
    await this.request('POST', '/api/v1/auth/account-links/complete', { token, password }, undefined, 204);
    return { id: created.id, email: who.email, password };
  }
}

export const isProtected = (role: Role): boolean => PROTECTED.includes(role);
