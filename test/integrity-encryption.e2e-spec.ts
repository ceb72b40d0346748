import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import { derivedKey, open, passwordKek, SealOpenError } from '../src/integrity-reports/crypto/envelope';
import { openForReporter, reporterKek } from '../src/integrity-reports/crypto/report-contents';
import { identityKey } from '../src/integrity-reports/identity-store';
import { normalizeReceipt } from '../src/integrity-reports/receipt';
import { Role } from '../src/users/roles';
import {
  createOfficer,
  findInDatabase,
  officerApi,
  latestReportId,
  Officer,
  openSession,
  REPORTER_MESSAGES_URL,
  reporterView,
  submit,
} from './helpers/integrity';
import { enrol, useAccountLink } from './helpers/officers';
import { bearer, createTestApp, TestApp } from './helpers/test-app';
import { databaseUrl, TEST_REDIS_URL, testEnvironment } from './helpers/test-env';

const DESCRIPTION = 'ปลัดเรียกรับเงินสามหมื่นบาทจากผู้รับเหมาเพื่อให้ผ่านการตรวจรับงานถนนหมู่ 4';
const ACCUSED = 'นายทุจริต ตัวอย่างยิ่ง';
const PLACE = 'ห้องประชุมชั้นสองอาคารเก่า';
const EVIDENCE = 'สลิปโอนเงินสามใบ';
const FROM_REPORTER = 'มีคลิปเสียงการเรียกรับเงินเพิ่มเติม';
const TO_REPORTER = 'ขอบคุณ กรุณาส่งวันที่ของคลิปเสียง';
const NOTE = 'ตรวจสอบบัญชีธนาคารของผู้รับเหมาแล้ว';
const IDENTITY = {
  name: 'นายผู้แจ้ง กล้าหาญมาก',
  phone: '089 876 5432',
  email: 'brave.reporter@example.org',
  nationalId: '1101700203450',
  consentToContact: false,
};
const SECRETS = [
  DESCRIPTION,
  ACCUSED,
  PLACE,
  EVIDENCE,
  FROM_REPORTER,
  TO_REPORTER,
  NOTE,
  IDENTITY.name,
  IDENTITY.phone,
  IDENTITY.email,
  IDENTITY.nationalId,
];

interface SignIn {
  accessToken: string;
  refreshToken: string;
  integrityKey?: { status: string; recoveryKey?: string };
}

describe('integrity reports: encrypted per report and per reader (issue 11)', () => {
  let t: TestApp;
  let admin: string;
  let io1: Officer;
  let custodian: Officer;
  let receipt: string;
  let reportId: string;

  const signIn = async (email: string, password: string, extra: object = {}) => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password, ...extra },
    });
    return { statusCode: res.statusCode, body: res.json() as SignIn & { code?: string } };
  };
  const detail = (token: string, id = reportId) => officerApi(t, { token }).get(`/${id}`);
  const redisExists = async (key: string) => {
    const redis = new Redis(TEST_REDIS_URL);
    try {
      return (await redis.exists(key)) === 1;
    } finally {
      redis.disconnect();
    }
  };
  /** The Redis entry holding the sealed private key of the session an access token belongs to. */
  const sealedKeyOf = (accessToken: string) => {
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as {
      sid: string;
    };
    return `${t.config.redis.prefix}:integrity:officer-key:${claims.sid}`;
  };
  const resetPassword = async (officer: Officer, password: string) => {
    // a reset link: whoever uses it (the officer, or someone who took their mailbox) does not know
    // the old password
    const sent = await t.request({
      method: 'POST',
      url: `/api/v1/users/${officer.id}/password-reset`,
      headers: bearer(admin),
    });
    expect(sent.statusCode).toBe(202);
    expect((await useAccountLink(t, officer.id, password)).statusCode).toBe(204);
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    io1 = await createOfficer(t, admin, [Role.IntegrityOfficer], 'ผู้รับผิดชอบ');
    custodian = await createOfficer(t, admin, [Role.Custodian], 'ผู้เก็บรักษา');
    receipt = await submit(t, {
      kind: 'complaint',
      allegationType: 'bribery_extortion',
      description: DESCRIPTION,
      accused: { name: ACCUSED, position: 'ปลัด' },
      place: PLACE,
      evidence: { description: EVIDENCE },
      identity: IDENTITY,
    });
    reportId = await latestReportId(t);
    const session = await openSession(t, receipt);
    const added = await t.request({
      method: 'POST',
      url: REPORTER_MESSAGES_URL,
      headers: bearer(session),
      payload: { body: FROM_REPORTER },
    });
    expect(added.statusCode).toBe(201);
    expect((await officerApi(t, io1).post(`/${reportId}/messages`, { body: TO_REPORTER })).statusCode).toBe(
      201,
    );
    expect((await officerApi(t, io1).post(`/${reportId}/notes`, { body: NOTE })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('an integrity officer with access reads it all; the reporter with the receipt reads and adds', async () => {
    const res = await detail(io1.token);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      description: DESCRIPTION,
      accused: { name: ACCUSED, position: 'ปลัด' },
      place: PLACE,
      evidence: { description: EVIDENCE },
      messages: [
        { from: 'reporter', body: FROM_REPORTER },
        { from: 'officer', body: TO_REPORTER },
      ],
      notes: [{ body: NOTE }],
    });
    const session = await openSession(t, receipt);
    const view = await reporterView(t, session);
    expect(view.json().messages.map((m: { body: string }) => m.body)).toEqual([FROM_REPORTER, TO_REPORTER]);
    const more = await t.request({
      method: 'POST',
      url: REPORTER_MESSAGES_URL,
      headers: bearer(session),
      payload: { body: 'วันที่ 3 มีนาคม' },
    });
    expect(more.statusCode).toBe(201);
    expect((await detail(io1.token)).json().messages.at(-1).body).toBe('วันที่ 3 มีนาคม');
  });

  it('a data-only pg_dump with the whole environment holds none of it, and the environment’s secrets open nothing', async () => {
    const dump = execFileSync('pg_dump', ['--data-only', databaseUrl(t.database)], {
      maxBuffer: 256 * 1024 * 1024,
    }).toString('utf8');
    const env = testEnvironment(t.database);
    const everything = dump + JSON.stringify(env);
    expect(dump).toContain('integrity_report_keys'); // the dump is the real thing
    for (const secret of SECRETS)
      expect({ secret, found: everything.includes(secret) }).toEqual({ secret, found: false });

    // every key one could make from the environment's secrets, tried on every sealed value
    const candidates: Buffer[] = [];
    for (const value of Object.values(env).filter((v): v is string => typeof v === 'string')) {
      candidates.push(Buffer.from(value), createHash('sha256').update(value).digest());
      for (const domain of ['recovery-key', 'reporter-session', 'reporter-identity'])
        candidates.push(derivedKey(value, domain));
    }
    for (const entry of env.IDENTITY_KEYS!.split(','))
      candidates.push(Buffer.from(entry.split(':')[1], 'base64'));
    candidates.push(await passwordKek(env.RECEIPT_PEPPER!, Buffer.alloc(16), 'integrity-reporter-key'));
    const keys32 = candidates.map((c) => (c.length === 32 ? c : createHash('sha256').update(c).digest()));

    const [report] = await t.db.query(`SELECT sealed_contents FROM integrity_reports WHERE id = $1`, [
      reportId,
    ]);
    const [identity] = await t.db.query(
      `SELECT sealed FROM integrity_reporter_identities WHERE report_id = $1`,
      [reportId],
    );
    const messages: { seq: number; sealed_body: Buffer }[] = await t.db.query(
      `SELECT seq, sealed_body FROM integrity_report_messages WHERE report_id = $1`,
      [reportId],
    );
    const sealed: [Buffer, string][] = [
      [report.sealed_contents, `integrity-report-contents|${reportId}`],
      [
        identity.sealed,
        `integrity-reporter-identity|${(await t.db.query(`SELECT organization_id FROM integrity_reports WHERE id = $1`, [reportId]))[0].organization_id}|${reportId}`,
      ],
      ...messages.map((m): [Buffer, string] => [
        m.sealed_body,
        `integrity-report-message|${reportId}|${m.seq}`,
      ]),
    ];
    for (const [value, place] of sealed) {
      for (const key of keys32) expect(() => open(key, value, place)).toThrow(SealOpenError);
    }
    // the control: the receipt (which exists nowhere but with the reporter) does open the same values
    const [wraps] = await t.db.query(
      `SELECT r.reporter_key_salt, r.reporter_wrapped_key, i.reporter_wrapped_key AS identity_wrapped
       FROM integrity_reports r JOIN integrity_reporter_identities i ON i.report_id = r.id WHERE r.id = $1`,
      [reportId],
    );
    const kek = await reporterKek(normalizeReceipt(receipt)!, wraps.reporter_key_salt);
    const dataKey = openForReporter(kek, reportId, wraps.reporter_wrapped_key);
    const half = openForReporter(kek, reportId, wraps.identity_wrapped, 'identity');
    expect(open(dataKey, sealed[0][0], sealed[0][1]).toString('utf8')).toContain(DESCRIPTION);
    expect(JSON.parse(open(identityKey(half, dataKey), sealed[1][0], sealed[1][1]).toString('utf8'))).toEqual(
      IDENTITY,
    );
    for (const [value, place] of sealed.slice(2)) expect(() => open(dataKey, value, place)).not.toThrow();
  });

  it('Redis holds a signed-in officer’s private key only sealed, under a key that only their tokens carry', async () => {
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const keys = await redis.keys(`${t.config.redis.prefix}:integrity:officer-key:*`);
      expect(keys.length).toBeGreaterThan(0);
      const [privateKeyRow] = await t.db.query(
        `SELECT private_key_by_password FROM integrity_officer_keys WHERE user_id = $1`,
        [io1.id],
      );
      for (const key of keys) {
        const value = Buffer.from((await redis.get(key))!, 'base64');
        expect(value.includes(privateKeyRow.private_key_by_password)).toBe(false);
        expect(value[0]).toBe(1); // a versioned envelope, never the raw key
      }
    } finally {
      redis.disconnect();
    }
  });

  it('a newly appointed integrity officer reads no earlier report until one with access grants it (re-wrapped, audited)', async () => {
    const io2 = await createOfficer(t, admin, [Role.IntegrityOfficer], 'ผู้มาใหม่');
    expect((await detail(io2.token)).statusCode).toBe(404);
    const granted = await officerApi(t, io1).post(`/${reportId}/grants`, { userId: io2.id });
    expect(granted.statusCode).toBe(200);
    const res = await detail(io2.token);
    expect(res.statusCode).toBe(200);
    expect(res.json().description).toBe(DESCRIPTION);
    const [wrap] = await t.db.query(
      `SELECT secret FROM integrity_report_keys WHERE report_id = $1 AND user_id = $2`,
      [reportId, io2.id],
    );
    expect(wrap).toEqual({ secret: 'data' });
    const [audit] = await t.db.query(
      `SELECT actor_user_id, after FROM audit_entries WHERE action = 'integrity_report.grant' AND entity_id = $1`,
      [reportId],
    );
    expect(audit).toEqual({
      actor_user_id: io1.id,
      after: { userId: io2.id, status: 'granted', keyWrapped: true },
    });
  });

  it('a reset password opens no report: the recovery key restores it; a new key pair needs a new grant', async () => {
    const io3 = await createOfficer(t, admin, [Role.IntegrityOfficer], 'ผู้ถูกรีเซ็ต');
    // the officer's first sign-in made the key pair; sign in again to see the status
    const first = await signIn(io3.email, io3.password);
    expect(first.body.integrityKey).toEqual({ status: 'unlocked' });
    // a fresh officer's key pair and recovery key, as the officer saw them at their first sign-in
    await t.db.query(`DELETE FROM integrity_officer_keys WHERE user_id = $1`, [io3.id]);
    const made = await signIn(io3.email, io3.password);
    expect(made.body.integrityKey).toEqual({
      status: 'created',
      recoveryKey: expect.stringMatching(/^([0-9A-F]{8}-){7}[0-9A-F]{8}$/),
    });
    const recoveryKey = made.body.integrityKey!.recoveryKey!;
    expect((await officerApi(t, io1).post(`/${reportId}/grants`, { userId: io3.id })).statusCode).toBe(200);
    expect((await detail(made.body.accessToken)).statusCode).toBe(200);

    // the takeover of the issue: someone sets the officer's password and signs in as them
    await resetPassword(io3, 'a-password-someone-else-set');
    // the reset ended the officer's sessions, with the unlocked key they carried
    expect((await detail(made.body.accessToken)).statusCode).toBe(401);
    expect(await redisExists(sealedKeyOf(made.body.accessToken))).toBe(false);
    const taken = await signIn(io3.email, 'a-password-someone-else-set');
    expect(taken.statusCode).toBe(200);
    expect(taken.body.integrityKey).toEqual({ status: 'locked' });
    const refused = await detail(taken.body.accessToken);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('INTEGRITY_KEY_LOCKED');
    expect(refused.body).not.toContain(DESCRIPTION);

    // the officer, with their recovery key, takes the key under their new password
    const wrong = await signIn(io3.email, 'a-password-someone-else-set', {
      recoveryKey: 'AAAAAAAA-'.repeat(7) + 'AAAAAAAA',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body.code).toBe('INVALID_RECOVERY_KEY');
    const recovered = await signIn(io3.email, 'a-password-someone-else-set', { recoveryKey });
    expect(recovered.body.integrityKey).toEqual({ status: 'recovered' });
    expect((await detail(recovered.body.accessToken)).json().description).toBe(DESCRIPTION);
    expect((await signIn(io3.email, 'a-password-someone-else-set')).body.integrityKey).toEqual({
      status: 'unlocked',
    });

    // without the recovery key: a new key pair, and nothing earlier until granted again
    await resetPassword(io3, 'another-new-password');
    const replaced = await signIn(io3.email, 'another-new-password', { replaceKey: true });
    expect(replaced.body.integrityKey).toEqual({ status: 'replaced', recoveryKey: expect.any(String) });
    const notGranted = await detail(replaced.body.accessToken);
    expect(notGranted.statusCode).toBe(403);
    expect(notGranted.json().code).toBe('INTEGRITY_REPORT_KEY_NOT_GRANTED');
    expect((await officerApi(t, io1).post(`/${reportId}/grants`, { userId: io3.id })).statusCode).toBe(200);
    expect((await detail(replaced.body.accessToken)).json().description).toBe(DESCRIPTION);

    const audit = await t.db.query(
      `SELECT action FROM audit_entries WHERE entity_id = $1 AND action LIKE 'integrity_key.%' ORDER BY id`,
      [io3.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'integrity_key.create',
      'integrity_key.create',
      'integrity_key.recover',
      'integrity_key.replace',
    ]);
  });

  it('one’s own new password keeps the key unlocked; deactivation drops the session’s key', async () => {
    const self = await createOfficer(t, admin, [Role.Admin, Role.IntegrityOfficer], 'ผู้ดูแลและเจ้าหน้าที่');
    const changed = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${self.id}`,
      headers: bearer(self.token),
      payload: { password: 'a-password-of-my-own-choice' },
    });
    expect(changed.statusCode).toBe(200);
    expect(await redisExists(sealedKeyOf(self.token))).toBe(false);
    const again = await signIn(self.email, 'a-password-of-my-own-choice');
    expect(again.body.integrityKey).toEqual({ status: 'unlocked' });
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_entries WHERE entity_id = $1 AND action = 'integrity_key.reseal'`,
      [self.id],
    );
    expect(n).toBe(1);
    expect(await redisExists(sealedKeyOf(again.body.accessToken))).toBe(true);
    const off = await t.request({
      method: 'POST',
      url: `/api/v1/users/${self.id}/deactivate`,
      headers: bearer(admin),
    });
    expect(off.statusCode).toBe(201);
    expect(await redisExists(sealedKeyOf(again.body.accessToken))).toBe(false);
  });

  it('a refreshed session still reads; after sign-out the old access token opens nothing', async () => {
    const login = await signIn(io1.email, io1.password);
    const refreshed = await t.request({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: login.body.refreshToken },
    });
    expect(refreshed.statusCode).toBe(200);
    const { accessToken, refreshToken } = refreshed.json() as SignIn;
    expect((await detail(accessToken)).json().description).toBe(DESCRIPTION);
    const redis = new Redis(TEST_REDIS_URL);
    const sealedKey = sealedKeyOf(accessToken);
    try {
      expect(await redis.exists(sealedKey)).toBe(1);
      await t.request({ method: 'POST', url: '/api/v1/auth/logout', payload: { refreshToken } });
      // the session is revoked, and the unlocked key it carried is gone from Redis
      expect((await detail(accessToken)).statusCode).toBe(401);
      expect(await redis.exists(sealedKey)).toBe(0);
    } finally {
      redis.disconnect();
    }
  });

  it('the officers’ own text in the workflow steps is sealed; which steps were taken stays readable', async () => {
    const reason = 'ผู้ถูกกล่าวหาเป็นญาติของนายกฯ จึงส่งเรื่องให้หน่วยงานภายนอกไม่ได้ในขณะนี้';
    await submit(t);
    const id = await latestReportId(t);
    expect(
      (await officerApi(t, io1).post(`/${id}/transitions`, { action: 'start_screening' })).statusCode,
    ).toBe(200);
    const dismissed = await officerApi(t, io1).post(`/${id}/transitions`, {
      action: 'dismiss',
      dismissal: { reason },
    });
    expect(dismissed.statusCode).toBe(200);
    expect((await detail(io1.token, id)).json().workflow).toEqual({ dismissal: { reason } });
    expect(await findInDatabase(t.db, reason)).toEqual([]);
    const [row] = await t.db.query(`SELECT workflow FROM integrity_reports WHERE id = $1`, [id]);
    expect(row.workflow).toEqual({ dismissal: {} });
  });

  it('releasing the identity needs a custodian holding its key; the reporter’s sign-in gives it to new custodians', async () => {
    const late = await createOfficer(t, admin, [Role.Custodian], 'ผู้เก็บรักษาใหม่');
    const asked = await officerApi(t, io1).post(`/${reportId}/identity-requests`, {
      justification: 'จำเป็นต้องสอบถามผู้แจ้งเพื่อยืนยันวันที่ของหลักฐาน',
    });
    expect(asked.statusCode).toBe(201);
    const requestId = asked.json().id as string;
    const decide = (who: Officer) =>
      officerApi(t, who).post(`/identity-requests/${requestId}/decision`, {
        decision: 'approve',
        reason: 'จำเป็น',
      });
    const notHeld = await decide(late);
    expect(notHeld.statusCode).toBe(409);
    expect(notHeld.json().code).toBe('IDENTITY_KEY_NOT_HELD');
    await openSession(t, receipt); // the reporter comes back: the identity key is wrapped to `late` too
    expect((await decide(late)).statusCode).toBe(200);
    const read = await officerApi(t, io1).get(`/${reportId}/identity-requests/${requestId}/identity`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(IDENTITY);
    // the custodian who released it still cannot read the report: a different role, and no data key
    expect((await detail(custodian.token)).statusCode).toBe(403);
    const [held] = await t.db.query(
      `SELECT count(*)::int AS n FROM integrity_report_keys WHERE report_id = $1 AND user_id = $2 AND secret = 'data'`,
      [reportId, late.id],
    );
    expect(held.n).toBe(0);
  });

  it('an officer granted at arrival who had no key pair yet receives the key at the reporter’s next visit', async () => {
    await enrol(t, admin, {
      email: 'not-yet-signed-in@test.local',
      password: 'password-not-yet-signed-in',
      displayName: 'ยังไม่เคยเข้าระบบ',
      roles: [Role.IntegrityOfficer],
    });
    const lateReceipt = await submit(t);
    const id = await latestReportId(t);
    const token = await t.login('not-yet-signed-in@test.local', 'password-not-yet-signed-in');
    const before = await detail(token, id);
    expect(before.statusCode).toBe(403);
    expect(before.json().code).toBe('INTEGRITY_REPORT_KEY_NOT_GRANTED');
    await openSession(t, lateReceipt);
    expect((await detail(token, id)).statusCode).toBe(200);
    // and only those granted at arrival: the report stays closed to an officer appointed since
    const since = await createOfficer(t, admin, [Role.IntegrityOfficer], 'แต่งตั้งภายหลัง');
    await openSession(t, lateReceipt);
    expect((await detail(since.token, id)).statusCode).toBe(404);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM integrity_report_keys WHERE report_id = $1 AND user_id = $2`,
      [id, since.id],
    );
    expect(n).toBe(0);
  });

  it('the role juggling of the issue, every role change made: the administrator reads no contents and no identity', async () => {
    // roles are set in the database here, as if every approval had been obtained: encryption must hold alone
    const [{ id: adminId }] = await t.db.query(`SELECT id FROM users WHERE email = $1`, [
      t.config.admin.email,
    ]);
    const officers: { id: string; roles: string[] }[] = await t.db.query(
      `SELECT id, roles FROM users WHERE 'integrity_officer' = ANY(roles)`,
    );
    const setRoles = (id: string, roles: string[]) =>
      t.db.query(`UPDATE users SET roles = $2 WHERE id = $1`, [id, roles]);
    try {
      // 1. the administrator makes themself an integrity officer (and signs in again: a key pair)
      await setRoles(adminId, [Role.Admin, Role.IntegrityOfficer]);
      const adminToken = await t.login();
      // 2. every other integrity officer becomes a plain officer: no active granted officer is left
      for (const o of officers) await setRoles(o.id, ['officer']);
      // 3. the older report: the access rules do not let them in (no fallback to other officers)…
      expect((await detail(adminToken)).statusCode).toBe(404);
      // …and were a grant entry written for them (by a later grant, as an officer would), its key
      // still does not open
      await t.db.query(
        `INSERT INTO integrity_report_access (report_id, organization_id, user_id, status, changed_by_user_id)
         SELECT id, organization_id, $2, 'granted', $3 FROM integrity_reports WHERE id = $1`,
        [reportId, adminId, officers[0].id],
      );
      const read = await detail(adminToken);
      expect(read.statusCode).toBe(403);
      expect(read.json().code).toBe('INTEGRITY_REPORT_KEY_NOT_GRANTED');
      expect(read.body).not.toContain(DESCRIPTION);
      // 4. a custodian account whose password they know, and an identity request approved with it
      const accomplice = await createOfficer(t, admin, [Role.Custodian], 'ผู้เก็บรักษาปลอม');
      const asked = await officerApi(t, { token: adminToken }).post(`/${reportId}/identity-requests`, {
        justification: 'ขอทราบตัวผู้แจ้งเพื่อประกอบการพิจารณาของฝ่ายบริหาร',
      });
      expect(asked.statusCode).toBe(201);
      const decide = () =>
        officerApi(t, accomplice).post(`/identity-requests/${asked.json().id}/decision`, {
          decision: 'approve',
          reason: 'อนุมัติ',
        });
      expect((await decide()).json().code).toBe('IDENTITY_KEY_NOT_HELD');
      // even after the reporter's next visit hands the new custodian the identity half…
      await openSession(t, receipt);
      expect((await decide()).statusCode).toBe(200);
      // 5. …reading it needs the report's data key too, which the administrator does not hold
      const identity = await officerApi(t, { token: adminToken }).get(
        `/${reportId}/identity-requests/${asked.json().id}/identity`,
      );
      expect(identity.statusCode).toBe(403);
      expect(identity.json().code).toBe('INTEGRITY_REPORT_KEY_NOT_GRANTED');
      for (const value of [IDENTITY.name, IDENTITY.phone, IDENTITY.nationalId])
        expect(identity.body).not.toContain(value);
    } finally {
      await t.db.query(`DELETE FROM integrity_report_access WHERE report_id = $1 AND user_id = $2`, [
        reportId,
        adminId,
      ]);
      await setRoles(adminId, [Role.Admin]);
      for (const o of officers) await setRoles(o.id, o.roles);
    }
  });
});
