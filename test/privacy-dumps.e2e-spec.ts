import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Clock } from '../src/common/clock/clock';
import {
  ComplaintsJob,
  ComplaintsMaintenanceProcessor,
} from '../src/complaints/complaints-maintenance.processor';
import { QueueName } from '../src/infrastructure/queue/queue-names';
import { Role } from '../src/users/roles';
import { findInDatabase } from './helpers/integrity';
import { createOfficer, Officer } from './helpers/officers';
import { SmtpSink } from './helpers/smtp-sink';
import { bearer, createTestApp, TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

const complaint = (subject = 'ท่อระบายน้ำอุดตันหน้าตลาด') => ({
  categoryCode: 'drainage',
  subject,
  description: 'น้ำท่วมขังทุกครั้งที่ฝนตก',
  complainant: { name: 'สมปอง ดัมพ์', email: 'sompong.dump@example.com', consentToContact: true },
});
type Receipt = { referenceNo: string; trackingCode: string; trackingUrl: string };

/** Every place a database dump could show a tracking code: as shown, without dashes, and its link. */
async function codeInDump(t: TestApp, r: Receipt) {
  const hits = [];
  for (const needle of [r.trackingCode, r.trackingCode.replace(/-/g, ''), r.trackingUrl])
    hits.push(...(await findInDatabase(t.db, needle)));
  return hits;
}

describe('issue 12 item 2: a database dump yields no tracking code', () => {
  let t: TestApp;
  let intake: Officer;
  const file = (key: string, body = complaint()) =>
    t.request({
      method: 'POST',
      url: '/api/v1/orgs/demo/complaints',
      payload: body,
      headers: { 'idempotency-key': key },
    });

  beforeAll(async () => {
    // no SMTP server: the acknowledgements are given up on as "not sent"
    t = await createTestApp({ MAIL_DISPATCH_INTERVAL_MS: '100', IDEMPOTENCY_TTL_HOURS: '24' });
    intake = await createOfficer(t, await t.login(), [Role.Intake]);
  });
  afterAll(() => t.close());

  it('idempotency records keep the first answer sealed under the client’s key, and no key or code', async () => {
    const key = 'web-form-5c0b7e1a-key';
    const first = await file(key);
    expect(first.statusCode).toBe(201);
    const receipt = first.json() as Receipt;
    // the acknowledgement was given up on (no SMTP): its row keeps no code either
    await waitFor('the acknowledgement given up on', async () => {
      const rows = await t.db.query(
        `SELECT status FROM notification_outbox WHERE template = 'complaint.acknowledged' AND status = 'not_sent'`,
      );
      return rows.length > 0;
    });
    expect(await codeInDump(t, receipt)).toEqual([]);
    expect(await findInDatabase(t.db, key)).toEqual([]);
    // the searches work: the reference number and the complainant are found where they belong
    expect(await findInDatabase(t.db, 'sompong.dump@example.com')).toEqual(
      expect.arrayContaining([{ table: 'complaints', column: 'complainant_email' }]),
    );
    const [record] = await t.db.query(`SELECT response, scoped_key FROM idempotency_records`);
    expect(record.response.toString('latin1')).not.toContain(receipt.referenceNo);
    expect(record.scoped_key).not.toContain('web-form');

    // the client who holds the key still gets the first answer, code included
    const retry = await file(key);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    // another body under the key is still refused
    expect((await file(key, complaint('เรื่องอื่น'))).statusCode).toBe(422);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM complaints`);
    expect(n).toBe(1);
  });

  it('records expire after IDEMPOTENCY_TTL_HOURS: not replayed, and deleted by the hourly job', async () => {
    const key = 'web-form-expiring-key';
    const first = (await file(key)).json() as Receipt;
    const clock = t.app.get(Clock);
    try {
      clock.advance(25 * 3_600_000);
      // a key older than the TTL no longer answers: it files anew
      const later = await file(key);
      expect(later.statusCode).toBe(201);
      expect(later.json().referenceNo).not.toBe(first.referenceNo);
      // the purge is scheduled hourly in Redis, and deletes what is older than the TTL
      const queue = t.app.get<Queue>(getQueueToken(QueueName.Complaints));
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.find((s) => s.key === ComplaintsJob.PurgeIdempotency)).toMatchObject({
        every: 3_600_000,
      });
      clock.advance(25 * 3_600_000);
      const processor = t.app.get(ComplaintsMaintenanceProcessor);
      const result = await processor.process({ name: ComplaintsJob.PurgeIdempotency } as never);
      expect(result).toEqual({ deleted: 2 });
      expect(await t.db.query(`SELECT * FROM idempotency_records`)).toEqual([]);
    } finally {
      clock.reset();
    }
  });

  it('officers’ views and answers never carry trackingCodeHash', async () => {
    const receipt = (await file('web-form-hash-probe')).json() as Receipt;
    const [{ id, tracking_code_hash: hash }] = await t.db.query(
      `SELECT id, tracking_code_hash FROM complaints WHERE reference_no = $1`,
      [receipt.referenceNo],
    );
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const responses = [
      await t.request({ method: 'GET', url: `/api/v1/complaints/${id}`, headers: bearer(intake.token) }),
      await t.request({ method: 'GET', url: `/api/v1/complaints`, headers: bearer(intake.token) }),
      await t.request({
        method: 'POST',
        url: `/api/v1/complaints/${id}/accept`,
        headers: bearer(intake.token),
        payload: {},
      }),
      await t.request({
        method: 'POST',
        url: '/api/v1/complaints',
        headers: bearer(intake.token),
        payload: { ...complaint('รับแจ้งทางโทรศัพท์'), channel: 'phone', receivedAt: new Date().toISOString() },
      }),
    ];
    for (const res of responses) {
      expect(res.statusCode).toBeLessThan(300);
      expect(res.body).not.toContain(hash);
      expect(res.body).not.toContain('trackingCodeHash');
    }
  });
});

describe('issue 12 item 2: a message given up on keeps no code', () => {
  let sink: SmtpSink;
  let t: TestApp;
  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await createTestApp({ SMTP_URL: sink.url, MAIL_DISPATCH_INTERVAL_MS: '100' });
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('a permanent SMTP refusal marks it failed without its code; a retry still sends, without the code', async () => {
    sink.reject('sompong.dump@example.com', 550, 'No such user here');
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/orgs/demo/complaints',
      payload: complaint(),
    });
    expect(res.statusCode).toBe(201);
    const receipt = res.json() as Receipt;
    const [row] = await waitFor('the acknowledgement failed', async () => {
      const rows = (await t.db.query(
        `SELECT id, params FROM notification_outbox WHERE template = 'complaint.acknowledged' AND status = 'failed'`,
      )) as { id: string; params: Record<string, string> }[];
      return rows.length > 0 && rows;
    });
    expect(row.params.referenceNo).toBe(receipt.referenceNo);
    expect(await codeInDump(t, receipt)).toEqual([]);

    sink.acceptAll();
    const admin = await t.login();
    const retried = await t.request({
      method: 'POST',
      url: `/api/v1/notifications/messages/${row.id}/retry`,
      headers: bearer(admin),
    });
    expect(retried.statusCode).toBe(200);
    const [mail] = await waitFor('the retried acknowledgement', async () => {
      const mails = sink.to('sompong.dump@example.com');
      return mails.length > 0 && mails;
    });
    expect(mail.raw).toContain(receipt.referenceNo);
    expect(mail.raw).not.toContain(receipt.trackingCode);
    expect(await codeInDump(t, receipt)).toEqual([]);
  });
});
