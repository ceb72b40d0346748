import { encryptExistingReports } from '../src/integrity-reports/crypto/encrypt-existing';
import { IntegritySecrets } from '../src/integrity-reports/integrity-secrets';
import { Role } from '../src/users/roles';
import {
  createOfficer,
  findInDatabase,
  latestReportId,
  minimalReport,
  officerApi,
  Officer,
  openSession,
  REPORTER_MESSAGES_URL,
  reporterView,
  submit,
} from './helpers/integrity';
import { enrol } from './helpers/officers';
import { bearer, createTestApp, TestApp } from './helpers/test-app';

const LEGACY = {
  description: 'รายงานเก่าก่อนการเข้ารหัส: เจ้าหน้าที่พัสดุแบ่งซื้อแบ่งจ้างหลีกเลี่ยงการประกวดราคา',
  accused: { name: 'นายเก่า ก่อนเข้ารหัส' },
  place: 'กองคลัง',
  message: 'ข้อความเก่าจากผู้แจ้งก่อนการเข้ารหัส',
  note: 'บันทึกภายในเก่าก่อนการเข้ารหัส',
  workflow: {
    factFinding: {
      orderNumber: '12/2569',
      orderDate: '2026-01-05',
      committee: [{ name: 'นางกรรมการ สอบข้อเท็จจริง' }],
    },
  },
};
const IDENTITY = {
  name: 'นางผู้แจ้ง รายเก่า',
  phone: '081 000 1111',
  email: 'old.reporter@example.org',
  nationalId: '1101700203450',
  consentToContact: false,
};
const WAITING_DESCRIPTION = 'รายงานเก่าที่ยังไม่มีผู้ถือกุญแจ: ยังรอเจ้าหน้าที่เข้าสู่ระบบ';

describe('encrypt-integrity-reports: reports filed before encryption move into it', () => {
  let t: TestApp;
  let admin: string;
  let io1: Officer;
  let custodian: Officer;
  let receipt: string;
  let reportId: string;
  let waitingId: string;
  let withoutKey: { id: string; email: string; password: string };

  /** Turns a submitted report back into what issue 6 stored: plain columns, identity under IDENTITY_KEYS. */
  async function asBeforeEncryption(id: string, description: string, identity?: object): Promise<void> {
    const accused = identity ? LEGACY.accused : null;
    const workflow = identity ? LEGACY.workflow : {};
    await t.db.query(
      `UPDATE integrity_reports SET description = $2, accused = $3, place = $4, sealed_contents = NULL,
         reporter_key_salt = NULL, reporter_wrapped_key = NULL, last_message_seq = 1, workflow = $5 WHERE id = $1`,
      [id, description, accused, LEGACY.place, workflow],
    );
    await t.db.query(`DELETE FROM integrity_report_keys WHERE report_id = $1`, [id]);
    await t.db.query(
      `INSERT INTO integrity_report_messages (report_id, organization_id, seq, author, body, sent_on)
       SELECT id, organization_id, 1, 'reporter', $2, current_date FROM integrity_reports WHERE id = $1`,
      [id, LEGACY.message],
    );
    await t.db.query(
      `INSERT INTO integrity_report_notes (report_id, organization_id, author_user_id, body)
       SELECT id, organization_id, $2, $3 FROM integrity_reports WHERE id = $1`,
      [id, io1.id, LEGACY.note],
    );
    if (!identity) return;
    const [{ organization_id: org }] = await t.db.query(
      `SELECT organization_id FROM integrity_reports WHERE id = $1`,
      [id],
    );
    const sealed = t.app
      .get(IntegritySecrets)
      .vault.seal(JSON.stringify(identity), `integrity-reporter-identity|${org}|${id}`);
    await t.db.query(
      `UPDATE integrity_reporter_identities SET key_id = $2, iv = $3, ciphertext = $4, auth_tag = $5,
         sealed = NULL, reporter_wrapped_key = NULL, notice_address = NULL WHERE report_id = $1`,
      [id, sealed.keyId, sealed.iv, sealed.ciphertext, sealed.authTag],
    );
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    io1 = await createOfficer(t, admin, [Role.IntegrityOfficer], 'ผู้รับผิดชอบ');
    custodian = await createOfficer(t, admin, [Role.Custodian], 'ผู้เก็บรักษา');
    receipt = await submit(t, { ...minimalReport(), identity: IDENTITY });
    reportId = await latestReportId(t);
    await asBeforeEncryption(reportId, LEGACY.description, IDENTITY);

    // an integrity officer who never signed in (no key pair) alone has access to this one
    withoutKey = { id: '', email: 'never-signed-in@test.local', password: 'password-never-signed-in' };
    withoutKey.id = (
      await enrol(t, admin, {
        email: withoutKey.email,
        password: withoutKey.password,
        displayName: 'ยังไม่เคยเข้าระบบ',
        roles: [Role.IntegrityOfficer],
      })
    ).id;
    await submit(t);
    waitingId = await latestReportId(t);
    await asBeforeEncryption(waitingId, WAITING_DESCRIPTION);
    await t.db.query(`DELETE FROM integrity_report_access WHERE report_id = $1`, [waitingId]);
    await t.db.query(
      `INSERT INTO integrity_report_access (report_id, organization_id, user_id, status)
       SELECT id, organization_id, $2, 'granted' FROM integrity_reports WHERE id = $1`,
      [waitingId, withoutKey.id],
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('encrypts what its officers can read, leaves what no one could, and empties the plain columns', async () => {
    expect(await findInDatabase(t.db, LEGACY.description)).toEqual([
      { table: 'integrity_reports', column: 'description' },
    ]);
    // what `npm run integrity:encrypt` (node dist/src/main.js encrypt-integrity-reports) runs
    expect(await encryptExistingReports(t.config)).toEqual({ encrypted: 1, waiting: 1 });
    for (const value of [
      LEGACY.description,
      LEGACY.accused.name,
      LEGACY.workflow.factFinding.committee[0].name,
      IDENTITY.name,
      IDENTITY.nationalId,
    ]) {
      expect({ value, hits: await findInDatabase(t.db, value) }).toEqual({ value, hits: [] });
    }
    // the message and note were written on both reports; the waiting one keeps its plain text until it can move
    expect(await findInDatabase(t.db, LEGACY.message)).toEqual([
      { table: 'integrity_report_messages', column: 'body' },
    ]);
    expect(await findInDatabase(t.db, LEGACY.note)).toEqual([
      { table: 'integrity_report_notes', column: 'body' },
    ]);
    expect(await findInDatabase(t.db, WAITING_DESCRIPTION)).toEqual([
      { table: 'integrity_reports', column: 'description' },
    ]);

    const res = await officerApi(t, io1).get(`/${reportId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      description: LEGACY.description,
      accused: LEGACY.accused,
      place: LEGACY.place,
      messages: [{ from: 'reporter', body: LEGACY.message }],
      notes: [{ body: LEGACY.note }],
      workflow: LEGACY.workflow,
    });
  });

  it('the identity needs the custodian and the officer, as for new reports', async () => {
    const asked = await officerApi(t, io1).post(`/${reportId}/identity-requests`, {
      justification: 'จำเป็นต้องสอบถามผู้แจ้งเพื่อยืนยันข้อเท็จจริงในรายงานเก่า',
    });
    const requestId = asked.json().id as string;
    const approved = await officerApi(t, custodian).post(`/identity-requests/${requestId}/decision`, {
      decision: 'approve',
      reason: 'จำเป็น',
    });
    expect(approved.statusCode).toBe(200);
    const read = await officerApi(t, io1).get(`/${reportId}/identity-requests/${requestId}/identity`);
    expect(read.json()).toEqual(IDENTITY);
  });

  it('the reporter’s wrap is completed by the next officer who opens the report after the reporter came back', async () => {
    const before = await openSession(t, receipt);
    const waiting = await reporterView(t, before);
    expect(waiting.statusCode).toBe(200);
    expect(waiting.json()).toMatchObject({ messages: [], canAddInformation: false });
    const add = (token: string) =>
      t.request({
        method: 'POST',
        url: REPORTER_MESSAGES_URL,
        headers: bearer(token),
        payload: { body: 'ข้อมูลเพิ่ม' },
      });
    const refused = await add(before);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('REPORT_KEY_PENDING');

    expect((await officerApi(t, io1).get(`/${reportId}`)).statusCode).toBe(200);
    const [row] = await t.db.query(
      `SELECT reporter_wrapped_key IS NOT NULL AS wrapped,
        (SELECT count(*)::int FROM integrity_report_keys WHERE report_id = $1 AND secret = 'reporter_kek') AS pending
       FROM integrity_reports WHERE id = $1`,
      [reportId],
    );
    expect(row).toEqual({ wrapped: true, pending: 0 });

    const after = await openSession(t, receipt);
    expect((await reporterView(t, after)).json().messages.map((m: { body: string }) => m.body)).toEqual([
      LEGACY.message,
    ]);
    expect((await add(after)).statusCode).toBe(201);
  });

  it('runs again safely, and moves the waiting report once its officer has a key pair', async () => {
    expect(await encryptExistingReports(t.config)).toEqual({ encrypted: 0, waiting: 1 });
    await t.login(withoutKey.email, withoutKey.password); // the first sign-in makes the key pair
    expect(await encryptExistingReports(t.config)).toEqual({ encrypted: 1, waiting: 0 });
    expect(await findInDatabase(t.db, WAITING_DESCRIPTION)).toEqual([]);
    expect(await findInDatabase(t.db, LEGACY.note)).toEqual([]);
    expect(await findInDatabase(t.db, LEGACY.message)).toEqual([]);
  });
});
