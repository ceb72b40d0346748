import { Actor } from '../src/common/auth/actor';
import { Clock } from '../src/common/clock/clock';
import { ReportKeys } from '../src/integrity-reports/crypto/report-keys';
import {
  ACCOUNT_LINK_RECIPIENT,
  AccountLinksService,
  SET_PASSWORD_PATH,
} from '../src/users/account-links.service';
import { Role } from '../src/users/roles';
import {
  createOfficer,
  findInDatabase,
  latestReportId,
  minimalReport,
  Officer,
  officerApi,
  openSession,
  submit,
  SUBMIT_URL,
} from './helpers/integrity';
import { approveRoles, approverToken, invite, useAccountLink } from './helpers/officers';
import { SmtpSink } from './helpers/smtp-sink';
import { bearer, createTestApp, TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

const LINK = new RegExp(`http://rongrian\\.test${SET_PASSWORD_PATH}#([A-Za-z0-9_-]+)`);
const identity = { name: 'นายสมศักดิ์ ผู้แจ้ง', email: 'somsak.tip@example.org', consentToContact: false };
const JUSTIFICATION = 'คณะกรรมการสืบสวนจำเป็นต้องสอบถามผู้แจ้งเพื่อยืนยันเอกสารที่อ้างถึงในรายงาน';

/**
 * Issue 11: an attacker with nothing but an administrator account. Both paths of the issue, step by
 * step as written, each now stopped at the step that should stop it; then the rules that do it.
 */
describe('an administrator cannot take over officers', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let admin: string;
  let adminId: string;
  let executive: string;
  let io1: Officer;
  let io2: Officer;
  let reportId: string;
  let receipt: string;

  const api = (token: string) => ({
    get: (url: string) => t.request({ method: 'GET', url: `/api/v1${url}`, headers: bearer(token) }),
    post: (url: string, payload: object = {}) =>
      t.request({ method: 'POST', url: `/api/v1${url}`, headers: bearer(token), payload }),
    patch: (url: string, payload: object) =>
      t.request({ method: 'PATCH', url: `/api/v1${url}`, headers: bearer(token), payload }),
  });
  const mailsTo = (email: string) => sink.to(email).filter((m) => LINK.test(m.text));
  /**
   * The token in the mail carrying `userId`'s newest link, once that mail has arrived: the mail is
   * recognised by the token the server derives for that link, so the test proves the mail's link is
   * the one that works.
   */
  const mailedToken = async (userId: string, email: string) => {
    const [link] = await t.db.query(
      `SELECT id FROM account_links WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [userId],
    );
    const token = t.app.get(AccountLinksService).tokenFor(link.id);
    await waitFor(`link mail to ${email}`, async () => mailsTo(email).some((m) => m.text.includes(token)));
    const mail = mailsTo(email).find((m) => m.text.includes(token))!;
    expect(LINK.exec(mail.text)![1]).toBe(token);
    return { token, mail };
  };

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await createTestApp({
      SMTP_URL: sink.url,
      MAIL_DISPATCH_INTERVAL_MS: '100',
      CUSTODIAN_WAITING_DAYS: '7',
      ACCOUNT_LINK_TTL_HOURS: '24',
    });
    admin = await t.login();
    adminId = (await api(admin).get('/auth/me')).json().id;
    executive = await approverToken(t, admin);
    io1 = await createOfficer(t, admin, [Role.IntegrityOfficer], 'ผู้ตรวจ หนึ่ง');
    io2 = await createOfficer(t, admin, [Role.IntegrityOfficer], 'ผู้ตรวจ สอง');
    receipt = await submit(t, { ...minimalReport(), identity });
    reportId = await latestReportId(t);
  });
  afterAll(async () => {
    t.app.get(Clock).reset();
    await t.close();
    await sink.stop();
  });

  describe('path 1: the administrator resets an integrity officer’s password', () => {
    it('step 1 (set the officer’s password) is refused; a reset mails the officer a link the admin never sees', async () => {
      // PATCH /users/{id} with a password of the administrator's choosing: refused
      const set = await api(admin).patch(`/users/${io1.id}`, { password: 'chosen-by-the-admin-1' });
      expect(set.statusCode).toBe(403);
      expect(set.json()).toMatchObject({
        code: 'PASSWORD_SET_BY_OWNER_ONLY',
        details: [expect.objectContaining({ field: 'password', rule: 'chosenByOwner' })],
      });
      expect(set.json().messageTh).toBeTruthy();
      // so signing in as them with it fails, and their own password still works
      const asThem = await t.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: io1.email, password: 'chosen-by-the-admin-1' },
      });
      expect(asThem.statusCode).toBe(401);
      expect((await officerApi(t, io1).get(`/${reportId}`)).statusCode).toBe(200);

      // what the administrator can do instead: send a reset link, which goes to the officer only
      const reset = await api(admin).post(`/users/${io1.id}/password-reset`);
      expect(reset.statusCode).toBe(202);
      expect(reset.json()).toEqual({ purpose: 'reset', expiresAt: expect.any(String) });
      const { token, mail } = await mailedToken(io1.id, io1.email);
      expect(reset.body).not.toContain(token);
      expect(mail.envelopeTo).toEqual([io1.email]);
      expect(mail.subject).toContain('ตั้งรหัสผ่านใหม่');

      // the token is nowhere: neither in the outbox (only the link's id) nor as itself in any table
      expect(await findInDatabase(t.db, token)).toEqual([]);
      const [row] = await t.db.query(
        `SELECT recipient_email, resolve_type, params::text AS params FROM notification_outbox
         WHERE template = 'officer.account_link' ORDER BY created_at DESC LIMIT 1`,
      );
      expect(row).toMatchObject({ recipient_email: null, resolve_type: ACCOUNT_LINK_RECIPIENT });
      expect(row.params ?? '').not.toContain(SET_PASSWORD_PATH);
      // nor in the administrator's mail listing
      const listing = await api(admin).get('/notifications/messages?status=sent');
      expect(listing.body).not.toContain(token);

      // sending a reset locks nobody out: the current password works until the officer chooses
      expect((await officerApi(t, io1).get(`/${reportId}`)).statusCode).toBe(200);
    });

    it('the officer chooses the password; the link works once; old sessions end', async () => {
      const { token } = await mailedToken(io1.id, io1.email);
      const oldSession = io1.token;
      const inspect = await t.request({
        method: 'POST',
        url: '/api/v1/auth/account-links/inspect',
        payload: { token },
      });
      expect(inspect.statusCode).toBe(200);
      expect(inspect.json()).toMatchObject({ purpose: 'reset', email: io1.email, displayName: 'ผู้ตรวจ หนึ่ง' });
      const weak = await t.request({
        method: 'POST',
        url: '/api/v1/auth/account-links/complete',
        payload: { token, password: 'short' },
      });
      expect(weak.statusCode).toBe(400);
      expect(weak.json().details[0].field).toBe('password');

      const done = await t.request({
        method: 'POST',
        url: '/api/v1/auth/account-links/complete',
        payload: { token, password: 'only-the-officer-knows-1' },
      });
      expect(done.statusCode).toBe(204);
      const again = await t.request({
        method: 'POST',
        url: '/api/v1/auth/account-links/complete',
        payload: { token, password: 'a-second-try-with-it-2' },
      });
      expect(again.statusCode).toBe(410);
      expect(again.json().code).toBe('ACCOUNT_LINK_USED');
      // every session of the account ends with the change: no refresh token works, and the access
      // tokens of those sessions are refused at once (they carry the session id, `sid`)
      expect((await api(oldSession).get('/auth/me')).statusCode).toBe(401);
      const [{ open }] = await t.db.query(
        `SELECT count(*)::int AS open FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`,
        [io1.id],
      );
      expect(open).toBe(0);
      io1 = { ...io1, token: await t.login(io1.email, 'only-the-officer-knows-1') };
      const [audit] = await t.db.query(
        `SELECT actor_user_id FROM audit_entries WHERE action = 'user.password_chosen' AND entity_id = $1
         ORDER BY id DESC LIMIT 1`,
        [io1.id],
      );
      expect(audit.actor_user_id).toBe(io1.id);
    });

    it('a link expires, and a newer one revokes the older', async () => {
      const first = await api(admin).post(`/users/${io2.id}/password-reset`);
      expect(first.statusCode).toBe(202);
      const { token: older } = await mailedToken(io2.id, io2.email);
      await api(admin).post(`/users/${io2.id}/password-reset`);
      const { token: newer } = await mailedToken(io2.id, io2.email);
      const inspect = (token: string) =>
        t.request({ method: 'POST', url: '/api/v1/auth/account-links/inspect', payload: { token } });
      expect((await inspect(older)).json().code).toBe('ACCOUNT_LINK_INVALID');
      expect((await inspect('x'.repeat(43))).statusCode).toBe(404);
      t.app.get(Clock).advance(25 * 3_600_000);
      try {
        const expired = await inspect(newer);
        expect(expired.statusCode).toBe(410);
        expect(expired.json().code).toBe('ACCOUNT_LINK_EXPIRED');
      } finally {
        t.app.get(Clock).reset();
      }
    });

    it('an account is created without a password: the person gets an invitation', async () => {
      const withPassword = await api(admin).post('/users', {
        email: 'with-password@test.local',
        displayName: 'มีรหัสผ่าน',
        password: 'chosen-by-the-admin-2',
        roles: [Role.Officer],
      });
      expect(withPassword.statusCode).toBe(403);
      expect(withPassword.json().code).toBe('PASSWORD_SET_BY_OWNER_ONLY');
      const created = await api(admin).post('/users', {
        email: 'invited@test.local',
        displayName: 'ผู้ได้รับเชิญ',
        roles: [Role.Officer],
      });
      expect(created.statusCode).toBe(201);
      const { token, mail } = await mailedToken(created.json().id, 'invited@test.local');
      expect(mail.subject).toContain('เชิญตั้งรหัสผ่าน');
      const cannot = await t.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'invited@test.local', password: 'chosen-by-the-admin-2' },
      });
      expect(cannot.statusCode).toBe(401);
      // sent again while never used: still an invitation
      expect((await api(admin).post(`/users/${created.json().id}/password-reset`)).json().purpose).toBe(
        'invitation',
      );
      expect(
        (
          await t.request({ method: 'POST', url: '/api/v1/auth/account-links/inspect', payload: { token } })
        ).json().code,
      ).toBe('ACCOUNT_LINK_INVALID');
    });

    it('an administrator still sets their own password', async () => {
      const own = await api(admin).patch(`/users/${adminId}`, { password: t.config.admin.password });
      expect(own.statusCode).toBe(200);
      // choosing a password ends every session at once, this one too (access tokens carry `sid`)
      expect((await api(admin).get('/auth/me')).statusCode).toBe(401);
      admin = await t.login();
      expect((await api(admin).get('/auth/me')).json().id).toBe(adminId);
    });
  });

  describe('path 2: role juggling with a custodian account the administrator controls', () => {
    it('step 1, "the admin gives themself integrity_officer", waits for a second person', async () => {
      const res = await api(admin).patch(`/users/${adminId}`, { roles: [Role.Admin, Role.IntegrityOfficer] });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ roles: [Role.Admin], pendingRoles: [Role.IntegrityOfficer] });
      expect((await api(admin).get('/integrity-reports')).statusCode).toBe(403);
      // nor can they approve it themselves
      const pending = (await api(admin).get('/role-requests')).json() as {
        id: string;
        user: { id: string };
      }[];
      const mine = pending.find((r) => r.user.id === adminId)!;
      const self = await api(admin).post(`/role-requests/${mine.id}/decision`, { decision: 'approve' });
      expect(self.statusCode).toBe(403);
      expect(self.json().code).toBe('ROLE_SELF_APPROVAL');
      const [audit] = await t.db.query(
        `SELECT actor_user_id, after FROM audit_entries WHERE action = 'role_request.create' AND entity_id = $1`,
        [mine.id],
      );
      expect(audit).toEqual({
        actor_user_id: adminId,
        after: { userId: adminId, role: Role.IntegrityOfficer, status: 'pending' },
      });
    });

    it('steps 2-3, "demote every other integrity officer, then read through the fallback": nothing opens', async () => {
      // even with a second person approving (deceived), and every other officer demoted
      const mine = (
        (await api(executive).get('/role-requests')).json() as { id: string; user: { id: string } }[]
      ).find((r) => r.user.id === adminId)!;
      expect(
        (await api(executive).post(`/role-requests/${mine.id}/decision`, { decision: 'approve' })).statusCode,
      ).toBe(200);
      for (const io of [io1, io2]) {
        expect((await api(admin).patch(`/users/${io.id}`, { roles: [Role.Officer] })).statusCode).toBe(200);
      }
      const list = await api(admin).get('/integrity-reports?pageSize=100');
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(reportId);
      expect((await api(admin).get(`/integrity-reports/${reportId}`)).statusCode).toBe(404);
      expect(
        (
          await api(admin).post(`/integrity-reports/${reportId}/identity-requests`, {
            justification: JUSTIFICATION,
          })
        ).statusCode,
      ).toBe(404);
    });

    it('step 4, "create a custodian account with a password the admin knows": no password, and the role waits', async () => {
      const created = await api(admin).post('/users', {
        email: 'fake-custodian@test.local',
        displayName: 'ผู้เก็บรักษา (ปลอม)',
        password: 'admin-knows-this-1',
        roles: [Role.Custodian],
      });
      expect(created.statusCode).toBe(403);
      // with a mailbox the admin controls, the account opens, but without the role
      const fake = await invite(t, admin, {
        email: 'fake-custodian@test.local',
        displayName: 'ผู้เก็บรักษา (ปลอม)',
        roles: [Role.Custodian],
        bootstrap: true, // the helper must not approve it: see below
      });
      const me = await api(fake.token).get('/auth/me');
      expect(me.json()).toMatchObject({ roles: [], pendingRoles: [Role.Custodian] });
      expect((await api(fake.token).get('/integrity-reports/identity-requests')).statusCode).toBe(403);
      const request = (
        (await api(admin).get('/role-requests')).json() as { id: string; user: { id: string } }[]
      ).find((r) => r.user.id === fake.id)!;
      // neither the requester nor the account concerned approves it
      for (const token of [admin, fake.token]) {
        const res = await api(token).post(`/role-requests/${request.id}/decision`, { decision: 'approve' });
        expect(res.statusCode).toBe(403);
      }
      // a second person refuses it, audited
      const denied = await api(executive).post(`/role-requests/${request.id}/decision`, {
        decision: 'deny',
        reason: 'ไม่มีคำสั่งแต่งตั้ง',
      });
      expect(denied.statusCode).toBe(200);
      expect(denied.json()).toMatchObject({
        status: 'denied',
        role: Role.Custodian,
        decisionReason: 'ไม่มีคำสั่งแต่งตั้ง',
      });
      expect((await api(fake.token).get('/auth/me')).json().roles).toEqual([]);
    });

    it('step 5, "approve the identity request with that account": a new custodian waits CUSTODIAN_WAITING_DAYS', async () => {
      // restore a real officer with access (re-appointed with approval), who files a request
      const res = await api(admin).patch(`/users/${io1.id}`, { roles: [Role.IntegrityOfficer] });
      expect(res.json().pendingRoles).toEqual([Role.IntegrityOfficer]);
      await approveRoles(t, executive, io1.id);
      const asked = await officerApi(t, io1).post(`/${reportId}/identity-requests`, {
        justification: JUSTIFICATION,
      });
      expect(asked.statusCode).toBe(201);
      // a custodian appointed properly, today
      const custodian = await createOfficer(t, admin, [Role.Custodian], 'ผู้เก็บรักษา');
      // appointed after the report arrived, the custodian receives its identity half at the
      // reporter's next visit (the key can only be wrapped by someone who holds it)
      await openSession(t, receipt);
      const decide = () =>
        officerApi(t, custodian).post(`/identity-requests/${asked.json().id}/decision`, {
          decision: 'approve',
          reason: 'จำเป็นต่อการสืบสวน',
        });
      const early = await decide();
      expect(early.statusCode).toBe(403);
      expect(early.json()).toMatchObject({
        code: 'CUSTODIAN_WAITING_PERIOD',
        details: { availableFrom: expect.any(String) },
      });
      const clock = t.app.get(Clock);
      clock.advance(7 * 86_400_000 - 60_000);
      try {
        expect((await decide()).statusCode).toBe(403);
        clock.advance(120_000);
        expect((await decide()).statusCode).toBe(200);
      } finally {
        clock.reset();
      }
    });
  });

  describe('the two-person rule', () => {
    it('the first approver of an organisation is appointed alone, once; the next needs a second person', async () => {
      const [bootstrap] = await t.db.query(
        `SELECT role, requested_by_user_id, decided_by_user_id, decision_reason FROM role_requests
         WHERE decision_reason = 'bootstrap'`,
      );
      expect(bootstrap).toEqual({
        role: Role.Executive,
        requested_by_user_id: adminId,
        decided_by_user_id: adminId,
        decision_reason: 'bootstrap',
      });
      const second = await api(admin).post('/users', {
        email: 'second-executive@test.local',
        displayName: 'นายก (ปลอม)',
        roles: [Role.Executive],
      });
      expect(second.json()).toMatchObject({ roles: [], pendingRoles: [Role.Executive] });
      const administrator = await api(admin).post('/users', {
        email: 'second-admin@test.local',
        displayName: 'ผู้ดูแลคนที่สอง',
        roles: [Role.Admin],
      });
      expect(administrator.json()).toMatchObject({ roles: [], pendingRoles: [Role.Admin] });
    });

    it('lists pending requests to administrators and executives only, and approval adds the role (audited)', async () => {
      const officer = await createOfficer(t, admin, [Role.Officer]);
      expect((await api(officer.token).get('/role-requests')).statusCode).toBe(403);
      const pending = await api(executive).get('/role-requests');
      expect(pending.statusCode).toBe(200);
      const forAdmin = (pending.json() as { id: string; user: { email: string }; role: Role }[]).find(
        (r) => r.user.email === 'second-admin@test.local',
      )!;
      expect(forAdmin).toMatchObject({ role: Role.Admin, status: 'pending', requestedBy: { id: adminId } });
      const approved = await api(executive).post(`/role-requests/${forAdmin.id}/decision`, {
        decision: 'approve',
      });
      expect(approved.statusCode).toBe(200);
      const again = await api(executive).post(`/role-requests/${forAdmin.id}/decision`, { decision: 'deny' });
      expect(again.json().code).toBe('ROLE_REQUEST_DECIDED');
      const users = (await api(admin).get('/users')).json() as { email: string; roles: Role[] }[];
      expect(users.find((u) => u.email === 'second-admin@test.local')!.roles).toEqual([Role.Admin]);
      const [granted] = await t.db.query(
        `SELECT a.actor_user_id, a.after FROM audit_entries a JOIN users u ON u.id = a.entity_id::uuid
         WHERE a.action = 'user.role_granted' AND u.email = 'second-admin@test.local'`,
      );
      expect(granted.after).toEqual({ roles: [Role.Admin], roleRequestId: forAdmin.id });
      expect(granted.actor_user_id).not.toBe(adminId);
      const bad = await api(executive).post(`/role-requests/${forAdmin.id}/decision`, { decision: 'maybe' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details[0].field).toBe('decision');
    });
  });

  describe('one person never holds both halves of a reporter identity key', () => {
    const keysOf = async (userId: string, report: string): Promise<string[]> =>
      (
        (await t.db.query(
          `SELECT secret FROM integrity_report_keys WHERE user_id = $1 AND report_id = $2 ORDER BY secret`,
          [userId, report],
        )) as { secret: string }[]
      ).map((r) => r.secret);
    const conflict = {
      code: 'ROLE_CONFLICT',
      details: expect.objectContaining({ roles: [Role.IntegrityOfficer, Role.Custodian] }),
    };

    it('attack 1, "the admin asks for integrity_officer and custodian for themself": refused with 409 ROLE_CONFLICT', async () => {
      const self = await api(admin).patch(`/users/${adminId}`, {
        roles: [Role.Admin, Role.IntegrityOfficer, Role.Custodian],
      });
      expect(self.statusCode).toBe(409);
      expect(self.json()).toMatchObject(conflict);
      expect(self.json().messageTh).toBeTruthy();
      expect(
        await t.db.query(`SELECT 1 FROM role_requests WHERE user_id = $1 AND role = 'custodian'`, [adminId]),
      ).toEqual([]);
      const created = await api(admin).post('/users', {
        email: 'both-halves@test.local',
        displayName: 'สองบทบาท',
        roles: [Role.IntegrityOfficer, Role.Custodian],
      });
      expect(created.statusCode).toBe(409);
      expect(created.json()).toMatchObject(conflict);
      // a role waiting for approval counts: asking for the other one is refused too
      const waiting = await api(admin).post('/users', {
        email: 'waiting-io@test.local',
        displayName: 'รออนุมัติ',
        roles: [Role.IntegrityOfficer],
      });
      expect(waiting.json().pendingRoles).toEqual([Role.IntegrityOfficer]);
      const other = await api(admin).patch(`/users/${waiting.json().id}`, { roles: [Role.Custodian] });
      expect(other.statusCode).toBe(409);
      expect(other.json()).toMatchObject(conflict);
    });

    it('approval refuses a request that would give both (one filed before the rule)', async () => {
      const custodian = await createOfficer(t, admin, [Role.Custodian], 'ผู้เก็บรักษา เดิม');
      const [{ id }] = await t.db.query(
        `INSERT INTO role_requests (organization_id, user_id, role, requested_by_user_id, status)
         SELECT organization_id, id, 'integrity_officer', $2, 'pending' FROM users WHERE id = $1 RETURNING id`,
        [custodian.id, adminId],
      );
      const res = await api(executive).post(`/role-requests/${id}/decision`, { decision: 'approve' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject(conflict);
      expect((await api(custodian.token).get('/auth/me')).json().roles).toEqual([Role.Custodian]);
    });

    it('an account holding both from before the rule gets the data key of a new report, never its identity half', async () => {
      const both = await createOfficer(t, admin, [Role.IntegrityOfficer], 'สองบทบาท เดิม');
      await t.db.query(`UPDATE users SET roles = ARRAY['integrity_officer', 'custodian'] WHERE id = $1`, [
        both.id,
      ]);
      await submit(t, { ...minimalReport(), identity });
      const report = await latestReportId(t);
      expect(await keysOf(both.id, report)).toEqual(['data']);
    });

    it('attack 2, role juggling: an officer moved to custodian loses the data keys and never gets the identity half', async () => {
      const juggled = await createOfficer(t, admin, [Role.IntegrityOfficer], 'ผู้ตรวจ สลับบทบาท');
      const juggledReceipt = await submit(t, { ...minimalReport(), identity });
      const report = await latestReportId(t);
      expect(await keysOf(juggled.id, report)).toEqual(['data']);

      // step 1: the admin sets the officer's roles to ["custodian"]; the data keys go at once, audited
      const moved = await api(admin).patch(`/users/${juggled.id}`, { roles: [Role.Custodian] });
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ roles: [], pendingRoles: [Role.Custodian] });
      expect(await keysOf(juggled.id, report)).toEqual([]);
      const [revoked] = await t.db.query(
        `SELECT actor_user_id, after FROM audit_entries
         WHERE action = 'integrity_report_key.revoke_all' AND entity_id = $1`,
        [juggled.id],
      );
      expect(revoked).toEqual({
        actor_user_id: adminId,
        after: { secret: 'data', reports: expect.any(Number), reason: 'role_removed' },
      });
      expect(revoked.after.reports).toBeGreaterThanOrEqual(1);

      // step 2: the executive approves custodian (the role itself is allowed)
      await approveRoles(t, executive, juggled.id);
      const custodian = await createOfficer(t, admin, [Role.Custodian], 'ผู้เก็บรักษา ใหม่');

      // step 3: the reporter's next visit wraps the identity half to custodians lacking it: to the
      // new custodian, never to the one who had access to the report; nor the data key back
      await openSession(t, juggledReceipt);
      expect(await keysOf(custodian.id, report)).toEqual(['identity']);
      expect(await keysOf(juggled.id, report)).toEqual([]);

      // so what the account holds (its own wraps, opened with its own key) combines into nothing
      const keys = t.app.get(ReportKeys);
      const actor = { userId: juggled.id } as Actor;
      expect(await keys.secretOf(t.db.manager, actor, report, 'data')).toBeNull();
      expect(await keys.secretOf(t.db.manager, actor, report, 'identity')).toBeNull();
      expect((await officerApi(t, juggled).get(`/${report}`)).statusCode).toBe(403);
    });

    it('a custodian who loses the role, or an officer deactivated, loses their wraps (audited)', async () => {
      const custodian = await createOfficer(t, admin, [Role.Custodian], 'ผู้เก็บรักษา ลาออก');
      const officer = await createOfficer(t, admin, [Role.IntegrityOfficer], 'ผู้ตรวจ ลาออก');
      await submit(t, { ...minimalReport(), identity });
      const report = await latestReportId(t);
      expect(await keysOf(custodian.id, report)).toEqual(['identity']);
      expect(await keysOf(officer.id, report)).toEqual(['data']);
      expect((await api(admin).patch(`/users/${custodian.id}`, { roles: [Role.Officer] })).statusCode).toBe(
        200,
      );
      expect((await api(admin).post(`/users/${officer.id}/deactivate`)).statusCode).toBe(201);
      expect(await keysOf(custodian.id, report)).toEqual([]);
      expect(await keysOf(officer.id, report)).toEqual([]);
      const audits: { entity_id: string; after: { secret: string; reason: string } }[] = await t.db.query(
        `SELECT entity_id, after FROM audit_entries WHERE action = 'integrity_report_key.revoke_all'
         AND entity_id IN ($1, $2) ORDER BY entity_id`,
        [custodian.id, officer.id],
      );
      expect(audits.map((a) => [a.entity_id, a.after.secret, a.after.reason]).sort()).toEqual(
        [
          [custodian.id, 'identity', 'role_removed'],
          [officer.id, 'data', 'deactivated'],
        ].sort(),
      );
    });
  });

  it('a report reaches someone: refused (with where to go instead) while nobody can receive it', async () => {
    const empty = await createTestApp();
    try {
      const res = await empty.request({ method: 'POST', url: SUBMIT_URL, payload: minimalReport() });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('NO_INTEGRITY_OFFICER');
      expect(res.json().messageTh).toContain('ป.ป.ช.');
      expect(await empty.db.query(`SELECT id FROM integrity_reports`)).toEqual([]);
      // with an integrity officer, the report is granted to them, recorded as a grant
      const io = await createOfficer(empty, await empty.login(), [Role.IntegrityOfficer]);
      await submit(empty);
      const grants = await empty.db.query(`SELECT user_id, status FROM integrity_report_access`);
      expect(grants).toEqual([{ user_id: io.id, status: 'granted' }]);
    } finally {
      await empty.close();
    }
  });

  it('a link is followed only while its account is active', async () => {
    const leaver = await api(admin).post('/users', {
      email: 'leaver-before-start@test.local',
      displayName: 'ผู้ลาออก',
      roles: [Role.Officer],
    });
    await api(admin).post(`/users/${leaver.json().id}/deactivate`);
    const res = await useAccountLink(t, leaver.json().id, 'never-used-password-1').catch((e: Error) => e);
    expect(res).toBeInstanceOf(Error); // revoked at deactivation: no usable link left
  });
});
