import { Writable } from 'node:stream';
import { Role } from '../src/users/roles';
import { createOfficer, Officer } from './helpers/officers';
import { SmtpSink } from './helpers/smtp-sink';
import { bearer, createTestApp, TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

const complaint = (email: string) => ({
  categoryCode: 'street_lighting',
  subject: 'ไฟฟ้าส่องสว่างดับหน้าวัด',
  description: 'ไฟถนนดับมาสองคืนแล้ว ผู้สูงอายุเดินไปวัดตอนเช้ามืดลำบาก',
  location: { address: 'หน้าวัดบ้านหนองบัว', village: 'หมู่ 2' },
  complainant: { name: 'สมชาย ใจดี', email, consentToContact: true },
});

interface LogLine {
  msg?: string;
  requestId?: string;
  context?: string;
}

describe('request context: one request followed from HTTP to the mail it caused', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let intake: Officer;
  const lines: LogLine[] = [];
  const logOf = (requestId: string) => lines.filter((l) => l.requestId === requestId);

  beforeAll(async () => {
    const capture = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    sink = await SmtpSink.start();
    t = await createTestApp(
      { LOG_LEVEL: 'info', SMTP_URL: sink.url, MAIL_DISPATCH_INTERVAL_MS: '100' },
      { logDestination: capture },
    );
    intake = await createOfficer(t, await t.login(), [Role.Intake]);
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  const outboxOf = (requestId: string) =>
    t.db.query(
      `SELECT template, recipient_email, message_id FROM notification_outbox WHERE request_id = $1 ORDER BY template`,
      [requestId],
    ) as Promise<{ template: string; recipient_email: string | null; message_id: string }[]>;

  it('a citizen files a complaint: the outbox rows, the sent mail and the worker log lines carry its id', async () => {
    const requestId = 'trace-public-filing-0001';
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/orgs/demo/complaints',
      payload: complaint('trace.citizen@example.com'),
      headers: { 'x-request-id': requestId },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['x-request-id']).toBe(requestId);

    const rows = await outboxOf(requestId);
    const acknowledgement = rows.find((r) => r.template === 'complaint.acknowledged');
    expect(acknowledgement?.recipient_email).toBe('trace.citizen@example.com');

    const mail = await waitFor('the acknowledgement in the SMTP server', async () =>
      sink.messages.find((m) => m.messageId === acknowledgement!.message_id),
    );
    expect(mail.envelopeTo).toEqual(['trace.citizen@example.com']);
    const sent = await waitFor('the worker log line of the sent mail', async () =>
      logOf(requestId).find((l) => /^Mail .* sent/.test(l.msg ?? '')),
    );
    expect(sent.msg).toContain(acknowledgement!.message_id.slice(1, 37));
    // the access log line of the request itself
    expect(logOf(requestId).some((l) => l.msg === 'request completed')).toBe(true);
  });

  it('an officer registers a walk-in complaint: the audit entry and the messages carry the request id', async () => {
    const requestId = 'trace-walk-in-0002';
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/complaints',
      payload: {
        ...complaint('walk.in@example.com'),
        channel: 'walk_in',
        receivedAt: new Date().toISOString(),
      },
      headers: { ...bearer(intake.token), 'x-request-id': requestId },
    });
    expect(res.statusCode).toBe(201);
    const audit = await t.db.query(`SELECT action FROM audit_entries WHERE request_id = $1`, [requestId]);
    expect(audit).toEqual([{ action: 'complaint.register' }]);
    expect((await outboxOf(requestId)).map((r) => r.template)).toContain('complaint.acknowledged');
  });

  it('a request without X-Request-Id gets a generated id, and that id is the one stored', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/orgs/demo/complaints',
      payload: complaint('no.header@example.com'),
    });
    expect(res.statusCode).toBe(201);
    const generated = String(res.headers['x-request-id']);
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect((await outboxOf(generated)).map((r) => r.recipient_email)).toContain('no.header@example.com');
  });
});
