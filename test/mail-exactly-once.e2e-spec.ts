import { OutboxMessage } from '../src/notifications/entities/outbox-message.entity';
import { MessageTemplate, TEMPLATES } from '../src/notifications/message-template';
import { ownerQuery } from './helpers/databases';
import { captureLogs } from './helpers/log-capture';
import { demoOrganizationId, enqueueOne, waitForStatus } from './helpers/outbox';
import { SmtpSink } from './helpers/smtp-sink';
import { createTestApp, TestApp } from './helpers/test-app';

/**
 * The SMTP server accepted a message, then writing `sent` failed: the retry must record it, never send
 * it again. (A file of its own: the log capture is per process.)
 */
describe('mail accepted by SMTP when recording it fails', () => {
  let sink: SmtpSink;
  let t: TestApp;
  const logs = captureLogs();

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await createTestApp(
      { SMTP_URL: sink.url, MAIL_DISPATCH_INTERVAL_MS: '100', MAIL_RETRY_DELAY_MS: '200', LOG_LEVEL: 'info' },
      { logDestination: logs.destination },
    );
    // PostgreSQL refuses the first `sent` update (as when the connection is lost at that moment);
    // made by the tables' owner (the service's role may create nothing)
    await ownerQuery(
      t.database,
      `
      CREATE SEQUENCE test_sent_updates;
      CREATE FUNCTION test_fail_first_sent() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'sent' AND OLD.status = 'sending' AND nextval('test_sent_updates') = 1 THEN
          RAISE EXCEPTION 'connection lost (test)' USING ERRCODE = '08006';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_fail_first_sent BEFORE UPDATE ON notification_outbox
        FOR EACH ROW EXECUTE FUNCTION test_fail_first_sent();`,
    );
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('is delivered once: the retry records the acceptance instead of sending again', async () => {
    const template = MessageTemplate.OfficerAssigned;
    const row = await enqueueOne(t.app, t.db, {
      organizationId: await demoOrganizationId(t.db),
      template,
      to: { email: 'once@example.test', kind: 'officer' },
      params: TEMPLATES[template].example,
    });
    const [sent] = await waitForStatus(t.db, [row.id], ['sent']);
    // the failure happened: the first update was refused
    const [{ last_value }] = await t.db.query(`SELECT last_value FROM test_sent_updates`);
    expect(Number(last_value)).toBeGreaterThanOrEqual(2);
    // give a wrong retry every chance to happen before counting
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(sink.countByMessageId().get(row.messageId)).toBe(1);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1 });
    expect(sent.smtpResponse).toMatch(/^250/);
    const messages = logs.messages();
    expect(messages.some((m) => m.includes('accepted by the SMTP server but not recorded as sent'))).toBe(
      true,
    );
    expect(messages.some((m) => m.includes('recorded as sent: the SMTP server had accepted it'))).toBe(true);
    expect((await t.db.getRepository(OutboxMessage).findOneByOrFail({ id: row.id })).params).toBeNull();
  });
});
