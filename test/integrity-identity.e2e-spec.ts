import { Clock } from '../src/common/clock/clock';
import { AppConfig } from '../src/config/app-config';
import { IDENTITY_ACCESS_HOURS } from '../src/integrity-reports/identity-disclosure.service';
import { IdentityStore, ReporterContacts } from '../src/integrity-reports/identity-store';
import { IdentityKeyUnavailableError, IdentityVault } from '../src/integrity-reports/identity-vault';
import { IntegritySecrets } from '../src/integrity-reports/integrity-secrets';
import { reencryptIdentities } from '../src/integrity-reports/reencrypt-identities';
import { Role } from '../src/users/roles';
import {
  createOfficer,
  officerApi,
  findInDatabase,
  findInRedis,
  latestReportId,
  minimalReport,
  Officer,
  submit,
} from './helpers/integrity';
import { bearer, createTestApp, TestApp } from './helpers/test-app';

const identity = {
  name: 'นางสาวสมหญิง กล้าแจ้ง',
  phone: '081 234 5678',
  email: 'somying.whistle@example.org',
  nationalId: '1101700203450',
  consentToContact: true,
};
const JUSTIFICATION = 'คณะกรรมการสืบสวนจำเป็นต้องสอบถามผู้แจ้งเพื่อยืนยันเอกสารใบเสนอราคาที่อ้างถึง';

describe('integrity reports: the reporter’s identity', () => {
  let t: TestApp;
  let admin: string;
  let io: Officer;
  let io2: Officer;
  let custodian: Officer;
  let custodianAndIo: Officer;
  let reportId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    io = await createOfficer(t, admin, [Role.IntegrityOfficer], 'ผู้ขอ');
    io2 = await createOfficer(t, admin, [Role.IntegrityOfficer], 'ผู้ร่วมงาน');
    custodian = await createOfficer(t, admin, [Role.Custodian], 'ผู้เก็บรักษา');
    // both roles in one account are refused now (ROLE_CONFLICT); this one held them from before the rule
    const both = await createOfficer(t, admin, [Role.Custodian], 'สองบทบาท');
    await t.db.query(`UPDATE users SET roles = ARRAY['custodian', 'integrity_officer'] WHERE id = $1`, [
      both.id,
    ]);
    custodianAndIo = { ...both, token: await t.login(both.email, both.password) };
    await submit(t, { ...minimalReport(), identity });
    reportId = await latestReportId(t);
  });
  afterAll(async () => {
    t.app.get(Clock).reset();
    await t.close();
  });

  const request = (officer: Officer, justification = JUSTIFICATION) =>
    officerApi(t, officer).post(`/${reportId}/identity-requests`, { justification });
  const decide = (officer: Officer, requestId: string, decision: 'approve' | 'deny', reason = 'พิจารณาแล้ว') =>
    officerApi(t, officer).post(`/identity-requests/${requestId}/decision`, { decision, reason });
  const read = (officer: Officer, requestId: string) =>
    officerApi(t, officer).get(`/${reportId}/identity-requests/${requestId}/identity`);

  it('is stored nowhere in clear: not in any column of any table, nor in Redis', async () => {
    for (const value of [
      identity.name,
      'สมหญิง',
      identity.phone,
      '0812345678',
      identity.email,
      identity.nationalId,
    ]) {
      expect({ value, hits: await findInDatabase(t.db, value) }).toEqual({ value, hits: [] });
      expect(await findInRedis(t.config.redis.prefix, value)).toEqual([]);
    }
    // the search itself works: the report's readable number is found where it is
    const [{ number }] = await t.db.query(`SELECT number FROM integrity_reports WHERE id = $1`, [reportId]);
    expect(await findInDatabase(t.db, number)).toContainEqual({
      table: 'integrity_reports',
      column: 'number',
    });
    // sealed under both halves; only the address for notices (asked for) under IDENTITY_KEYS
    const [row] = await t.db.query(
      `SELECT key_id, sealed IS NOT NULL AS sealed, notice_address->>'keyId' AS notice_key
       FROM integrity_reporter_identities WHERE report_id = $1`,
      [reportId],
    );
    expect(row).toEqual({ key_id: null, sealed: true, notice_key: 't1' });
  });

  it('officers see only that it was given', async () => {
    const res = await officerApi(t, io).get(`/${reportId}`);
    expect(res.json().identityProvided).toBe(true);
    for (const value of [identity.name, identity.phone, identity.email, identity.nationalId]) {
      expect(res.body).not.toContain(value);
    }
  });

  it('request → custodian approves → the requester reads it, for a limited time; all audited', async () => {
    expect((await request(io, 'สั้นไป')).statusCode).toBe(400);
    const asked = await request(io);
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({
      status: 'pending',
      reportNumber: expect.stringMatching(/^IR-/),
      justification: JUSTIFICATION,
    });
    const requestId = asked.json().id as string;
    expect((await request(io)).json().code).toBe('IDENTITY_REQUEST_PENDING');

    // not before the decision
    expect((await read(io, requestId)).json().code).toBe('IDENTITY_ACCESS_NOT_GRANTED');

    // the custodian's queue: the request and why, never the report
    const queue = await t.request({
      method: 'GET',
      url: '/api/v1/integrity-reports/identity-requests',
      headers: bearer(custodian.token),
    });
    expect(queue.statusCode).toBe(200);
    expect(queue.json()).toEqual([
      expect.objectContaining({
        id: requestId,
        status: 'pending',
        requestedBy: { id: io.id, displayName: 'ผู้ขอ' },
      }),
    ]);
    expect(queue.body).not.toContain(minimalReport().description);
    // a custodian is not an integrity officer: no report
    const peek = await officerApi(t, custodian).get(`/${reportId}`);
    expect(peek.statusCode).toBe(403);

    const approved = await decide(custodian, requestId, 'approve', 'จำเป็นต่อการสืบสวน');
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: { id: custodian.id } });
    expect((await decide(custodian, requestId, 'deny')).json().code).toBe('IDENTITY_REQUEST_DECIDED');

    const disclosed = await read(io, requestId);
    expect(disclosed.statusCode).toBe(200);
    expect(disclosed.json()).toEqual(identity);

    // only the requester: a colleague with access to the report cannot use it
    expect((await read(io2, requestId)).statusCode).toBe(404);

    // and only for a while
    t.app.get(Clock).advance((IDENTITY_ACCESS_HOURS + 1) * 3_600_000);
    expect((await read(io, requestId)).json().code).toBe('IDENTITY_ACCESS_NOT_GRANTED');
    t.app.get(Clock).reset();

    const audit = await t.db.query(
      `SELECT action, actor_user_id, before, after FROM audit_entries WHERE entity_id = $1 ORDER BY id`,
      [requestId],
    );
    expect(audit.map((a: { action: string; actor_user_id: string }) => [a.action, a.actor_user_id])).toEqual([
      ['integrity_identity_request.create', io.id],
      ['integrity_identity_request.approve', custodian.id],
      ['integrity_identity_request.read_identity', io.id],
    ]);
    const text = JSON.stringify(audit);
    for (const value of [identity.name, identity.email, identity.nationalId, JUSTIFICATION]) {
      expect(text).not.toContain(value);
    }
  });

  it('a custodian cannot decide their own request, and a denial opens nothing', async () => {
    const asked = await request(custodianAndIo);
    const requestId = asked.json().id as string;
    const self = await decide(custodianAndIo, requestId, 'approve');
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('IDENTITY_SELF_DECISION');
    const denied = await decide(custodian, requestId, 'deny', 'เหตุผลยังไม่เพียงพอ');
    expect(denied.json()).toMatchObject({
      status: 'denied',
      decisionReason: 'เหตุผลยังไม่เพียงพอ',
      accessUntil: null,
    });
    expect((await read(custodianAndIo, requestId)).json().code).toBe('IDENTITY_ACCESS_NOT_GRANTED');
    const history = await officerApi(t, io2).get(`/${reportId}/identity-requests`);
    expect(
      history
        .json()
        .map((r: { status: string }) => r.status)
        .sort(),
    ).toEqual(['approved', 'denied']);
  });

  it('a recused requester loses the identity with the report', async () => {
    const requestId = (await request(io2)).json().id as string;
    await decide(custodian, requestId, 'approve');
    expect((await read(io2, requestId)).statusCode).toBe(200);
    await officerApi(t, io).post(`/${reportId}/recusals`, { userId: io2.id, reason: 'ขัดกันแห่งผลประโยชน์' });
    expect((await read(io2, requestId)).statusCode).toBe(404);
  });

  it('a report without an identity has nothing to request', async () => {
    await submit(t, { ...minimalReport(), identity: { consentToContact: true } });
    const id = await latestReportId(t);
    const [row] = await t.db.query(`SELECT identity_provided FROM integrity_reports WHERE id = $1`, [id]);
    expect(row.identity_provided).toBe(false);
    const res = await officerApi(t, io).post(`/${id}/identity-requests`, { justification: JUSTIFICATION });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('IDENTITY_NOT_PROVIDED');
  });

  it('the mail sender learns an address only with consent', async () => {
    const contacts = t.app.get(ReporterContacts);
    expect(await contacts.emailForNotices(reportId)).toBe(identity.email);
    await submit(t, { ...minimalReport(), identity: { ...identity, consentToContact: false } });
    expect(await contacts.emailForNotices(await latestReportId(t))).toBeNull();
    await submit(t);
    expect(await contacts.emailForNotices(await latestReportId(t))).toBeNull();
  });

  it('rotation re-encrypts every notice address under the new key; the old key can then go', async () => {
    const config = t.app.get(AppConfig);
    const k2 = Buffer.alloc(32, 9);
    const rotatedConfig: AppConfig = {
      ...config,
      integrity: {
        ...config.integrity,
        identityKeys: { ...config.integrity.identityKeys, k2 },
        identityKeyCurrent: 'k2',
      },
    };
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int AS count FROM integrity_reporter_identities WHERE notice_address IS NOT NULL`,
    );
    // what `node dist/src/main.js reencrypt-identities` runs
    expect(await reencryptIdentities(rotatedConfig)).toBe(count);
    expect(
      await t.db.query(
        `SELECT DISTINCT notice_address->>'keyId' AS key_id FROM integrity_reporter_identities WHERE notice_address IS NOT NULL`,
      ),
    ).toEqual([{ key_id: 'k2' }]);

    const onlyNewKey = new IntegritySecrets({
      ...config,
      integrity: { ...config.integrity, identityKeys: { k2 }, identityKeyCurrent: 'k2' },
    });
    expect(onlyNewKey.vault).toBeInstanceOf(IdentityVault);
    const [{ organization_id: organizationId }] = await t.db.query(
      `SELECT organization_id FROM integrity_reports WHERE id = $1`,
      [reportId],
    );
    const report = { id: reportId, organizationId };
    expect(await new IdentityStore(t.db, onlyNewKey).noticeAddress(report)).toEqual(identity.email);
    // the running app's key ring (t1 only) no longer opens it: the rotation really re-encrypted
    await expect(t.app.get(IdentityStore).noticeAddress(report)).rejects.toThrow(IdentityKeyUnavailableError);
  });
});
