import { randomUUID } from 'node:crypto';
import { AuditEntry } from '../src/audit/entities/audit-entry.entity';
import { ComplaintChannel } from '../src/complaints/channels';
import { ComplaintStatus } from '../src/complaints/complaint-workflow';
import { Complaint } from '../src/complaints/entities/complaint.entity';
import { ComplaintEvent, ComplaintEventType } from '../src/complaints/entities/complaint-event.entity';
import { insertRows, rowsOf } from '../src/infrastructure/database/insert-rows';
import { Role } from '../src/users/roles';
import { invite, useAccountLink } from './helpers/officers';
import { bearer, createTestApp, TestApp } from './helpers/test-app';

describe('foundation: HTTP basics, sign-in and accounts', () => {
  let t: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    adminToken = await t.login();
  });
  afterAll(() => t.close());

  describe('health', () => {
    it('live answers without checking dependencies', async () => {
      const res = await t.request({ method: 'GET', url: '/health/live' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok' });
    });

    it('ready checks PostgreSQL and Redis', async () => {
      const res = await t.request({ method: 'GET', url: '/health/ready' });
      expect(res.statusCode).toBe(200);
      expect(res.json().details).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });
    });
  });

  describe('OpenAPI', () => {
    it('serves a valid OpenAPI 3 document with schemas and bearer auth', async () => {
      const res = await t.request({ method: 'GET', url: '/api/docs-json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.paths['/api/v1/auth/login'].post).toBeDefined();
      expect(doc.paths['/api/v1/users'].post.security).toEqual([{ bearer: [] }]);
      expect(doc.components.schemas.CreateUserDto.required).toEqual(
        expect.arrayContaining(['email', 'displayName', 'roles']),
      );
      // the person chooses their password through the invitation, never the administrator
      expect(doc.components.schemas.CreateUserDto.required).not.toContain('password');
      expect(doc.components.securitySchemes.bearer.scheme).toBe('bearer');
    });

    it('serves the docs UI', async () => {
      const res = await t.request({ method: 'GET', url: '/api/docs' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
    });
  });

  describe('error body and request id', () => {
    it('echoes a given request id and uses it in the error body', async () => {
      const res = await t.request({
        method: 'GET',
        url: '/api/v1/nowhere',
        headers: { 'x-request-id': 'abc-123' },
      });
      expect(res.statusCode).toBe(404);
      expect(res.headers['x-request-id']).toBe('abc-123');
      expect(res.json()).toEqual({
        statusCode: 404,
        code: 'ROUTE_NOT_FOUND',
        message: 'No such route.',
        messageTh: 'ไม่พบเส้นทางที่เรียก',
        requestId: 'abc-123',
      });
    });

    it('makes a request id when none (or a malformed one) is given', async () => {
      const res = await t.request({
        method: 'GET',
        url: '/health/live',
        headers: { 'x-request-id': 'bad id\n' },
      });
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('lists every offending field of a bad body', async () => {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/users',
        headers: bearer(adminToken),
        payload: { email: 'nope', displayName: '', roles: ['king'], extra: 1 },
      });
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body.code).toBe('VALIDATION_FAILED');
      const fields = new Set(body.details.map((d: { field: string }) => d.field));
      expect([...fields].sort()).toEqual(['displayName', 'email', 'extra', 'roles'].sort());
      expect(body.requestId).toBe(res.headers['x-request-id']);
    });

    it('answers malformed JSON with 400, not 500', async () => {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"email":',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('BAD_REQUEST');
    });

    it('limits the body size', async () => {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: 'a'.repeat(t.config.app.bodyLimitBytes), password: 'x' }),
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('sends security headers', async () => {
      const res = await t.request({ method: 'GET', url: '/health/live' });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    });
  });

  describe('sign-in', () => {
    it('rejects a wrong password with the same answer as an unknown e-mail', async () => {
      const wrong = await t.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: t.config.admin.email, password: 'wrong-password!' },
      });
      const unknown = await t.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'nobody@test.local', password: 'wrong-password!' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
      expect(unknown.json().code).toBe('INVALID_CREDENTIALS');
    });

    it('refresh rotates the token, and replaying a used one ends the session', async () => {
      const login = await t.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: t.config.admin.email, password: t.config.admin.password },
      });
      const first = login.json().refreshToken as string;
      const refreshed = await t.request({
        method: 'POST',
        url: '/api/v1/auth/refresh',
        payload: { refreshToken: first },
      });
      expect(refreshed.statusCode).toBe(200);
      const second = refreshed.json().refreshToken as string;
      expect(second).not.toBe(first);
      const me = await t.request({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: bearer(refreshed.json().accessToken),
      });
      expect(me.json().email).toBe(t.config.admin.email);

      const replay = await t.request({
        method: 'POST',
        url: '/api/v1/auth/refresh',
        payload: { refreshToken: first },
      });
      expect(replay.statusCode).toBe(401);
      expect(replay.json().code).toBe('INVALID_REFRESH_TOKEN');
      // the replay revoked the whole family, including the newer token
      const after = await t.request({
        method: 'POST',
        url: '/api/v1/auth/refresh',
        payload: { refreshToken: second },
      });
      expect(after.statusCode).toBe(401);
    });

    it('logout revokes the refresh token', async () => {
      const login = await t.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: t.config.admin.email, password: t.config.admin.password },
      });
      const refreshToken = login.json().refreshToken as string;
      const out = await t.request({ method: 'POST', url: '/api/v1/auth/logout', payload: { refreshToken } });
      expect(out.statusCode).toBe(204);
      const res = await t.request({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } });
      expect(res.statusCode).toBe(401);
    });

    it('slows down, then locks an account after repeated failures, even for the right password', async () => {
      const email = 'lockme@test.local';
      await invite(t, adminToken, {
        email,
        displayName: 'Lock Me',
        roles: [Role.Officer],
        password: 'correct-horse-battery',
      });
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) {
        const res = await t.request({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email, password: `bad-${i}` },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual(Array(10).fill(401));
      const locked = await t.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: 'correct-horse-battery' },
      });
      expect(locked.statusCode).toBe(429);
      expect(locked.json().code).toBe('ACCOUNT_LOCKED');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    });
  });

  describe('accounts and the role guard', () => {
    it('an administrator creates an officer who can sign in but cannot manage users', async () => {
      const units = await t.request({ method: 'GET', url: '/api/v1/units', headers: bearer(adminToken) });
      const engineering = units.json().find((u: { code: string }) => u.code === 'engineering');
      const created = await t.request({
        method: 'POST',
        url: '/api/v1/users',
        headers: bearer(adminToken),
        payload: {
          email: 'Officer.One@Test.local',
          displayName: 'เจ้าหน้าที่ หนึ่ง',
          roles: [Role.Officer],
          unitId: engineering.id,
        },
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        email: 'officer.one@test.local',
        roles: ['officer'],
        pendingRoles: [],
        unitId: engineering.id,
      });
      expect((await useAccountLink(t, created.json().id, 'officer-password-1')).statusCode).toBe(204);

      const officerToken = await t.login('officer.one@test.local', 'officer-password-1');
      const denied = await t.request({ method: 'GET', url: '/api/v1/users', headers: bearer(officerToken) });
      expect(denied.statusCode).toBe(403);
      expect(denied.json().code).toBe('FORBIDDEN');
      const allowed = await t.request({ method: 'GET', url: '/api/v1/units', headers: bearer(officerToken) });
      expect(allowed.statusCode).toBe(200);

      const audit = await t.db.query(`SELECT action FROM audit_entries WHERE entity_id = $1 ORDER BY id`, [
        created.json().id,
      ]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'user.create',
        'user.invitation_sent',
        'user.password_chosen',
        'auth.login',
      ]);
    });

    it('rejects a duplicate e-mail with 409', async () => {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/users',
        headers: bearer(adminToken),
        payload: { email: t.config.admin.email, displayName: 'Dup', roles: [] },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('EMAIL_TAKEN');
    });

    it('deactivation locks the account out at once, including tokens already issued', async () => {
      const leaver = await invite(t, adminToken, {
        email: 'leaver@test.local',
        displayName: 'Leaver',
        roles: [Role.Intake],
        password: 'leaver-password-1',
      });
      const token = leaver.token;
      const res = await t.request({
        method: 'POST',
        url: `/api/v1/users/${leaver.id}/deactivate`,
        headers: bearer(adminToken),
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().isActive).toBe(false);
      const me = await t.request({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
      expect(me.statusCode).toBe(401);
      const login = await t.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'leaver@test.local', password: 'leaver-password-1' },
      });
      expect(login.statusCode).toBe(401);
    });

    it('changes roles and unit, audited with before and after', async () => {
      const created = await t.request({
        method: 'POST',
        url: '/api/v1/users',
        headers: bearer(adminToken),
        payload: {
          email: 'mover@test.local',
          displayName: 'Mover',
          roles: [Role.Officer],
        },
      });
      const id = created.json().id as string;
      const res = await t.request({
        method: 'PATCH',
        url: `/api/v1/users/${id}`,
        headers: bearer(adminToken),
        payload: { roles: [Role.UnitHead, Role.Officer] },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().roles).toEqual(['unit_head', 'officer']);
      const [entry] = await t.db.query(
        `SELECT before, after FROM audit_entries WHERE entity_id = $1 AND action = 'user.update'`,
        [id],
      );
      expect(entry.before.roles).toEqual(['officer']);
      expect(entry.after.roles).toEqual(['unit_head', 'officer']);
    });

    it('requires a token on officer routes and rejects a forged one', async () => {
      expect((await t.request({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(401);
      const forged = await t.request({
        method: 'GET',
        url: '/api/v1/users',
        headers: bearer(adminToken.slice(0, -2) + (adminToken.endsWith('AA') ? 'BB' : 'AA')),
      });
      expect(forged.statusCode).toBe(401);
    });

    it('the audit trail cannot be changed or deleted', async () => {
      await expect(t.db.query(`UPDATE audit_entries SET action = 'x'`)).rejects.toThrow(/append-only/);
      await expect(t.db.query(`DELETE FROM audit_entries`)).rejects.toThrow(/append-only/);
    });
  });

  describe('insertRows: several tables in one statement', () => {
    const ids = () => ({ complaint: randomUUID(), deadline: randomUUID() });
    let org: { id: string; category: string };

    beforeAll(async () => {
      [org] = await t.db.query(
        `SELECT o.id, c.id AS category FROM organizations o
           JOIN complaint_categories c ON c.organization_id = o.id LIMIT 1`,
      );
    });

    const complaint = (id: string, referenceNo: string) =>
      rowsOf(Complaint, [
        {
          id,
          organizationId: org.id,
          referenceNo,
          fiscalYear: 2569,
          trackingCodeHash: randomUUID(),
          categoryId: org.category,
          channel: ComplaintChannel.Web,
          status: ComplaintStatus.Received,
          subject: 'ทดสอบ',
          description: 'เขียนหลายตารางในคำสั่งเดียว',
          receivedAt: new Date('2026-04-10T03:00:00Z'),
        },
      ]);
    const event = (complaintId: string, data: Record<string, unknown>) =>
      rowsOf(ComplaintEvent, [
        {
          complaintId,
          organizationId: org.id,
          type: ComplaintEventType.Received,
          isPublic: true,
          data: data as never,
        },
        { complaintId, organizationId: org.id, type: ComplaintEventType.InternalNote, isPublic: false },
      ]);
    const count = async (table: string, column: string, id: string) =>
      Number((await t.db.query(`SELECT count(*) AS n FROM ${table} WHERE ${column} = $1`, [id]))[0].n);

    it('writes a parent and its children with defaults, jsonb and dates converted', async () => {
      const id = ids();
      await insertRows(t.db.manager, [
        complaint(id.complaint, 'IR/1'),
        event(id.complaint, { channel: 'web', n: 1 }),
      ]);
      const [row] = await t.db.query(
        `SELECT reopen_count, consent_to_contact, created_at IS NOT NULL AS stamped FROM complaints WHERE id = $1`,
        [id.complaint],
      );
      expect(row).toEqual({ reopen_count: 0, consent_to_contact: false, stamped: true });
      const events = await t.db.query(
        `SELECT type, is_public, data FROM complaint_events WHERE complaint_id = $1 ORDER BY id`,
        [id.complaint],
      );
      expect(events).toEqual([
        { type: 'received', is_public: true, data: { channel: 'web', n: 1 } },
        { type: 'internal_note', is_public: false, data: null },
      ]);
    });

    it('writes nothing when a later part fails', async () => {
      const id = ids();
      await insertRows(t.db.manager, [complaint(id.complaint, 'IR/2')]);
      const again = ids();
      // the second complaint reuses a reference number: its events and the audit row go with it
      await expect(
        insertRows(t.db.manager, [
          event(again.complaint, {}),
          rowsOf(AuditEntry, [{ action: 'test', entityType: 'complaint', entityId: again.complaint }]),
          complaint(again.complaint, 'IR/2'),
        ]),
      ).rejects.toThrow(/uq_complaints_organization_reference/);
      expect(await count('complaints', 'id', again.complaint)).toBe(0);
      expect(await count('complaint_events', 'complaint_id', again.complaint)).toBe(0);
      expect(await count('audit_entries', 'entity_id', again.complaint)).toBe(0);
    });

    it('skips conflicting rows of a part marked ignoreConflicts and writes the rest', async () => {
      const id = ids();
      await insertRows(t.db.manager, [complaint(id.complaint, 'IR/3')]);
      const other = ids();
      await insertRows(t.db.manager, [
        { ...complaint(id.complaint, 'IR/3'), ignoreConflicts: true },
        complaint(other.complaint, 'IR/4'),
        event(other.complaint, {}),
      ]);
      expect(await count('complaints', 'id', other.complaint)).toBe(1);
      expect(await count('complaint_events', 'complaint_id', other.complaint)).toBe(2);
    });

    it('does nothing for no rows', async () => {
      await expect(insertRows(t.db.manager, [rowsOf(Complaint, [])])).resolves.toBeUndefined();
    });
  });
});
