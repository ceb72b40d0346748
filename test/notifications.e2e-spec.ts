import { DateTime } from 'luxon';
import { Clock } from '../src/common/clock/clock';
import { OutboxMessage } from '../src/notifications/entities/outbox-message.entity';
import { MessageTemplate, RecipientKind, TEMPLATES } from '../src/notifications/message-template';
import { NotificationsService } from '../src/notifications/notifications.service';
import { InvalidNotificationError } from '../src/notifications/prepare-params';
import { RecipientResolvers } from '../src/notifications/recipient-resolvers';
import { Role } from '../src/users/roles';
import { findInDatabase } from './helpers/integrity';
import { demoOrganizationId, enqueueOne, waitForStatus } from './helpers/outbox';
import { invite } from './helpers/officers';
import { SmtpSink } from './helpers/smtp-sink';
import { bearer, createTestApp, TestApp } from './helpers/test-app';
import { TEST_METRICS_TOKEN } from './helpers/test-env';
import { waitFor } from './helpers/wait';

const THAI_LETTER = /[\u0E01-\u0E4E]/;
const firstLetter = (s: string) => s.match(/[A-Za-z\u0E01-\u0E4E]/)?.[0] ?? '';

/** A phrase of the Thai part and one of the English part of every message kind. */
const PHRASES: Record<MessageTemplate, [string, string]> = {
  [MessageTemplate.ComplaintAcknowledged]: ['ได้รับเรื่องร้องเรียนของท่านแล้ว', 'has received your complaint'],
  [MessageTemplate.ComplaintPublicReply]: ['แจ้งความคืบหน้าเรื่องร้องเรียนเลขที่', 'has an update on complaint'],
  [MessageTemplate.ComplaintExtended]: ['กำหนดแล้วเสร็จใหม่: 10 เมษายน 2569', 'New due date: 10 April 2026'],
  [MessageTemplate.ComplaintOverdueNotice]: [
    'ยังดำเนินการไม่แล้วเสร็จภายในกำหนด',
    'was not completed by its due date',
  ],
  [MessageTemplate.ComplaintInfoRequested]: ['ขอข้อมูลเพิ่มเติม', 'needs more information'],
  [MessageTemplate.ComplaintResolved]: ['แล้วเสร็จ ผลการดำเนินการ', 'has completed complaint'],
  [MessageTemplate.ComplaintRatingInvitation]: ['ประเมินความพึงพอใจ', 'rate our service'],
  [MessageTemplate.OfficerNewCase]: ['เรื่องร้องเรียนใหม่เลขที่', 'New complaint'],
  [MessageTemplate.OfficerAssigned]: ['ท่านได้รับมอบหมาย', 'has been assigned to you'],
  [MessageTemplate.OfficerComplainantAnswered]: [
    'ระบบนับเวลาดำเนินการต่อโดยอัตโนมัติ',
    'The deadline clock runs again automatically',
  ],
  [MessageTemplate.OfficerReminder]: ['เหลืออีก 2 วันทำการ', '2 working days left'],
  [MessageTemplate.OfficerOverdue]: ['เกินกำหนดมานานแล้ว', 'overdue for a long time'],
  [MessageTemplate.OfficerDailyDigest]: ['สรุปเรื่องร้องเรียนของกองช่าง', 'Complaints of กองช่าง on 18 March 2026'],
  [MessageTemplate.OfficerAccountLink]: ['กรุณาตั้งรหัสผ่านของท่านเอง', 'Choose your own password'],
  [MessageTemplate.IntegrityOfficerUpdate]: ['มีความเคลื่อนไหวใหม่', 'has an update'],
  [MessageTemplate.IntegrityReporterUpdate]: ['กรุณาใช้รหัสรับแจ้งของท่าน', 'Use your receipt'],
  [MessageTemplate.IntegrityIdentityRequest]: ['คำขอเปิดเผยตัวตนผู้แจ้งเบาะแส', 'awaits a custodian'],
};

/** Values from the examples that must appear in the plain-text body (strings and numbers, not lists). */
const shownValues = (params: Record<string, unknown>) =>
  Object.entries(params)
    .filter(([key, v]) => (typeof v === 'string' || typeof v === 'number') && !/date$/i.test(key))
    .map(([, v]) => String(v));

describe('notifications through a real SMTP server', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let notifications: NotificationsService;
  let organizationId: string;
  let adminToken: string;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await createTestApp({
      SMTP_URL: sink.url,
      MAIL_FROM: 'อบต.ทดสอบ <no-reply@rongrian.test>',
      MAIL_DISPATCH_INTERVAL_MS: '100',
      MAIL_RETRY_DELAY_MS: '50',
      MAIL_MAX_PER_RECIPIENT_PER_HOUR: '3',
    });
    notifications = t.app.get(NotificationsService);
    organizationId = await demoOrganizationId(t.db);
    adminToken = await t.login();
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  const enqueue = (
    template: MessageTemplate,
    email: string,
    params: Record<string, unknown>,
    consent = true,
  ) =>
    enqueueOne(t.app, t.db, {
      organizationId,
      template,
      to: { email, kind: TEMPLATES[template].audience, consent },
      params,
    });
  const arrived = (row: OutboxMessage) => sink.messages.filter((m) => m.messageId === row.messageId);
  const listing = async (query = '') => {
    const res = await t.request({
      method: 'GET',
      url: `/api/v1/notifications/messages${query}`,
      headers: bearer(adminToken),
    });
    expect(res.statusCode).toBe(200);
    return res.json() as { total: number; items: Record<string, unknown>[] };
  };

  describe('every message kind', () => {
    it.each(Object.values(MessageTemplate))(
      '%s: recipient, subject, Thai then English body',
      async (template) => {
        const { example, resolved } = TEMPLATES[template];
        const email = `${template.replace('.', '-')}@example.test`;
        // a template with params only a resolver gives (a one-time link) is sent through one
        const restore = resolved
          ? t.app.get(RecipientResolvers).override('account_link', {
              resolve: () => Promise.resolve({ email, params: resolved }),
            })
          : () => undefined;
        let row: OutboxMessage;
        try {
          row = resolved
            ? await enqueueOne(t.app, t.db, {
                organizationId,
                template,
                to: { kind: TEMPLATES[template].audience, resolve: { type: 'account_link', id: template } },
                params: example,
              })
            : await enqueue(template, email, example);
          await waitForStatus(t.db, [row.id], ['sent']);
        } finally {
          restore();
        }

        const [mail] = arrived(row);
        expect(arrived(row)).toHaveLength(1);
        expect(mail.envelopeTo).toEqual([email]);
        expect(mail.to).toEqual([email]);
        expect(mail.headers.get('from')).toMatchObject({ value: [{ address: 'no-reply@rongrian.test' }] });
        expect(mail.headers.get('auto-submitted')).toBe('auto-generated');

        // subject: Thai first, then English after " / "
        expect(firstLetter(mail.subject)).toMatch(THAI_LETTER);
        expect(mail.subject).toContain(' / ');

        const [thai, english] = PHRASES[template];
        expect(firstLetter(mail.text)).toMatch(THAI_LETTER);
        expect(mail.text).toContain(thai);
        expect(mail.text).toContain(english);
        expect(mail.text.indexOf(thai)).toBeLessThan(mail.text.indexOf(english));
        for (const value of shownValues({ ...example, ...resolved })) expect(mail.text).toContain(value);
        if (typeof example.dueDate === 'string') expect(mail.text).toContain('20 มีนาคม 2569');

        expect(mail.html).toContain('<div lang="th">');
        expect(mail.html.replace(/<[^>]+>/g, '')).toContain(thai);
        expect(mail.html.indexOf('lang="th"')).toBeLessThan(mail.html.indexOf('<div lang="en">'));
      },
    );
  });

  it('escapes values in HTML and makes links absolute on PUBLIC_BASE_URL', async () => {
    const row = await enqueue(MessageTemplate.ComplaintPublicReply, 'escape@example.test', {
      orgName: 'อบต.ทดสอบ',
      referenceNo: 'ร.2569/00001',
      trackingUrl: '/track/ABCD-1234',
      message: '<script>alert(1)</script> ถนน & "ทางเท้า"',
    });
    await waitForStatus(t.db, [row.id], ['sent']);
    const [mail] = arrived(row);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; ถนน &amp; &quot;ทางเท้า&quot;');
    expect(mail.html).toContain('href="http://rongrian.test/track/ABCD-1234"');
    expect(mail.text).toContain('<script>alert(1)</script> ถนน & "ทางเท้า"');
    expect(mail.text).toContain('http://rongrian.test/track/ABCD-1234');
  });

  describe('consent', () => {
    it.each<[RecipientKind, MessageTemplate]>([
      ['complainant', MessageTemplate.ComplaintResolved],
      ['reporter', MessageTemplate.IntegrityReporterUpdate],
    ])('sends nothing to a %s without consent, and keeps no address', async (kind, template) => {
      const email = `no-consent-${kind}@example.test`;
      const refused = await enqueue(template, email, TEMPLATES[template].example, false);
      expect(refused).toMatchObject({
        status: 'suppressed',
        recipientEmail: null,
        recipientName: null,
        params: null,
      });
      expect(refused.lastError).toMatch(/no consent/);

      // the same contact with consent gets exactly that one message
      const allowed = await enqueue(template, email, TEMPLATES[template].example, true);
      await waitForStatus(t.db, [allowed.id], ['sent']);
      expect(sink.to(email).map((m) => m.messageId)).toEqual([allowed.messageId]);
    });
  });

  describe('outbox semantics', () => {
    it('writes nothing when the caller transaction rolls back', async () => {
      const subject = { type: 'test', id: 'rolled-back' };
      await expect(
        t.db.transaction(async (tx) => {
          await notifications.enqueue(tx, {
            organizationId,
            template: MessageTemplate.OfficerAssigned,
            to: { email: 'rollback@example.test', kind: 'officer' },
            params: TEMPLATES[MessageTemplate.OfficerAssigned].example,
            subject,
          });
          throw new Error('business change failed');
        }),
      ).rejects.toThrow('business change failed');
      expect(await t.db.getRepository(OutboxMessage).countBy({ subjectId: subject.id })).toBe(0);
    });

    it('ignores a second message with the same dedupe key', async () => {
      const message = {
        organizationId,
        template: MessageTemplate.OfficerReminder,
        to: { email: 'dedupe@example.test', kind: 'officer' as const },
        params: TEMPLATES[MessageTemplate.OfficerReminder].example,
        dedupeKey: 'reminder:case-1:2026-03-18',
        subject: { type: 'test', id: 'dedupe' },
      };
      await t.db.transaction((tx) => notifications.enqueue(tx, message));
      await t.db.transaction((tx) => notifications.enqueue(tx, message));
      const rows = await t.db.getRepository(OutboxMessage).findBy({ subjectId: 'dedupe' });
      expect(rows).toHaveLength(1);
      await waitForStatus(t.db, [rows[0].id], ['sent']);
      expect(sink.to('dedupe@example.test')).toHaveLength(1);
    });

    it('refuses a template sent to the wrong kind of recipient, or missing a param', async () => {
      await expect(
        t.db.transaction((tx) =>
          notifications.enqueue(tx, {
            organizationId,
            template: MessageTemplate.OfficerNewCase,
            to: { email: 'citizen@example.test', kind: 'complainant', consent: true },
            params: TEMPLATES[MessageTemplate.OfficerNewCase].example,
          }),
        ),
      ).rejects.toThrow(InvalidNotificationError);
      const { dueDate: _omitted, ...withoutDueDate } = TEMPLATES[MessageTemplate.OfficerAssigned].example;
      await expect(
        t.db.transaction((tx) =>
          notifications.enqueue(tx, {
            organizationId,
            template: MessageTemplate.OfficerAssigned,
            to: { email: 'officer@example.test', kind: 'officer' },
            params: withoutDueDate,
          }),
        ),
      ).rejects.toThrow(/needs dueDate/);
    });
  });

  describe('reliability', () => {
    it('SMTP down at first, then up: every message arrives exactly once', async () => {
      await sink.stop();
      const rows = [];
      for (let i = 0; i < 5; i += 1) {
        rows.push(
          await enqueue(MessageTemplate.OfficerAssigned, `outage-${i}@example.test`, {
            ...TEMPLATES[MessageTemplate.OfficerAssigned].example,
            referenceNo: `ร.2569/0090${i}`,
          }),
        );
      }
      const ids = rows.map((r) => r.id);
      // each has met the refused connection and waits, visibly, to be retried
      await waitFor('a failed attempt on every message', async () => {
        const now = await t.db.getRepository(OutboxMessage).findBy(ids.map((id) => ({ id })));
        return now.every((r) => r.attempts >= 1 && r.lastError !== null) && now;
      });
      const waiting = await listing('?status=pending,sending');
      const shown = waiting.items.filter((i) => ids.includes(i.id as string));
      expect(shown).toHaveLength(5);
      expect(shown.map((i) => i.lastError).join(' ')).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);

      await sink.start();
      const sent = await waitForStatus(t.db, ids, ['sent'], 30_000);
      const counts = sink.countByMessageId();
      for (const row of sent) expect(counts.get(row.messageId)).toBe(1);
      expect(sent.every((r) => r.attempts >= 2 && r.sentAt !== null && r.params === null)).toBe(true);
    });

    it('retries a 4xx answer with backoff and sends once accepted', async () => {
      sink.reject('greylisted@example.test', 451, '4.7.1 Greylisted, please try again later', 2);
      const row = await enqueue(
        MessageTemplate.OfficerAssigned,
        'greylisted@example.test',
        TEMPLATES[MessageTemplate.OfficerAssigned].example,
      );
      const [sent] = await waitForStatus(t.db, [row.id], ['sent']);
      expect(sent.attempts).toBe(3);
      expect(sent.lastError).toMatch(/^451 4\.7\.1 Greylisted/);
      expect(arrived(row)).toHaveLength(1);
    });

    it("marks a permanent refusal failed at once with the server's answer, lists it, and retries it on request", async () => {
      sink.reject(
        'gone@example.test',
        550,
        '5.1.1 <gone@example.test>: Recipient address rejected: User unknown',
      );
      const row = await enqueue(
        MessageTemplate.ComplaintResolved,
        'gone@example.test',
        TEMPLATES[MessageTemplate.ComplaintResolved].example,
      );
      const [failed] = await waitForStatus(t.db, [row.id], ['failed']);
      expect(failed.attempts).toBe(1);
      expect(failed.lastError).toContain(
        '550 5.1.1 <gone@example.test>: Recipient address rejected: User unknown',
      );

      const page = await listing('?status=failed');
      const item = page.items.find((i) => i.id === row.id);
      expect(item).toMatchObject({
        template: 'complaint.resolved',
        status: 'failed',
        recipient: 'gone@example.test',
        attempts: 1,
        messageId: row.messageId,
        aboutType: 'test',
      });
      expect(item!.lastError).toContain('550 5.1.1');
      expect(item!.subjectLine).toContain('ร.2569/00042');
      expect(item).not.toHaveProperty('params');

      // the address is fixed (here: the server accepts it again); an administrator retries
      sink.acceptAll();
      const retry = await t.request({
        method: 'POST',
        url: `/api/v1/notifications/messages/${row.id}/retry`,
        headers: bearer(adminToken),
      });
      expect(retry.statusCode).toBe(200);
      expect(retry.json()).toMatchObject({ status: 'pending' });
      await waitForStatus(t.db, [row.id], ['sent']);
      expect(arrived(row)).toHaveLength(1);

      const again = await t.request({
        method: 'POST',
        url: `/api/v1/notifications/messages/${row.id}/retry`,
        headers: bearer(adminToken),
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('MAIL_NOT_RETRYABLE');
      const audit = (await t.db.query(
        `SELECT count(*)::int AS n FROM audit_entries WHERE action = 'notification.retry' AND entity_id = $1`,
        [row.id],
      )) as { n: number }[];
      expect(audit[0].n).toBe(1);
    });

    it('caps the messages to one recipient per hour and shows the rest as suppressed', async () => {
      const rows = [];
      for (let i = 0; i < 5; i += 1) {
        rows.push(
          await enqueue(MessageTemplate.OfficerNewCase, 'busy@example.test', {
            ...TEMPLATES[MessageTemplate.OfficerNewCase].example,
            referenceNo: `ร.2569/0080${i}`,
          }),
        );
      }
      const done = await waitForStatus(
        t.db,
        rows.map((r) => r.id),
        ['sent', 'suppressed'],
      );
      expect(done.filter((r) => r.status === 'sent')).toHaveLength(3);
      const suppressed = done.filter((r) => r.status === 'suppressed');
      expect(suppressed).toHaveLength(2);
      for (const r of suppressed)
        expect(r.lastError).toMatch(/3 messages to this recipient in the last hour/);
      expect(sink.to('busy@example.test')).toHaveLength(3);
    });

    it('counts messages by status in /metrics, outside the /api/v1 prefix, with the metrics token', async () => {
      const res = await t.request({ method: 'GET', url: '/metrics', headers: bearer(TEST_METRICS_TOKEN) });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      const rows = (await t.db.query(
        `SELECT status, count(*)::int AS n FROM notification_outbox GROUP BY status`,
      )) as { status: string; n: number }[];
      expect(rows.find((r) => r.status === 'suppressed')!.n).toBeGreaterThanOrEqual(2);
      for (const { status, n } of rows) {
        expect(res.body).toContain(`rongrian_mail_messages{status="${status}"} ${n}\n`);
      }
      expect(res.body).toContain('rongrian_mail_smtp_configured 1');
      expect(res.body).toMatch(/rongrian_mail_oldest_pending_seconds \d/);
      expect((await t.request({ method: 'GET', url: '/api/v1/metrics' })).statusCode).toBe(404);
    });
  });

  describe('integrity reports: no content, no receipt', () => {
    const RECEIPT = '4829105738291046';
    const CONTENT = 'ผู้อำนวยการกองคลังเรียกรับเงินจากผู้รับเหมา';
    const officerParams = TEMPLATES[MessageTemplate.IntegrityOfficerUpdate].example;
    const reporterParams = TEMPLATES[MessageTemplate.IntegrityReporterUpdate].example;

    it.each([
      [
        'content as an extra param',
        MessageTemplate.IntegrityOfficerUpdate,
        { ...officerParams, summary: CONTENT },
      ],
      [
        'the receipt as an extra param',
        MessageTemplate.IntegrityReporterUpdate,
        { ...reporterParams, receipt: RECEIPT },
      ],
      [
        'the receipt in the link',
        MessageTemplate.IntegrityReporterUpdate,
        { ...reporterParams, followUpUrl: `/integrity/follow-up?receipt=${RECEIPT}` },
      ],
      [
        'content in the link',
        MessageTemplate.IntegrityOfficerUpdate,
        { ...officerParams, caseUrl: `/x#${CONTENT}` },
      ],
    ])('refuses %s', async (_what, template, params) => {
      await expect(enqueue(template, 'integrity-refused@example.test', params)).rejects.toThrow(
        InvalidNotificationError,
      );
      expect(
        await t.db.getRepository(OutboxMessage).countBy({ recipientEmail: 'integrity-refused@example.test' }),
      ).toBe(0);
    });

    it('sends officers "report N has an update" and reporters "use your receipt", nothing more', async () => {
      const officer = await enqueue(
        MessageTemplate.IntegrityOfficerUpdate,
        'integrity-officer@example.test',
        {
          ...officerParams,
          caseUrl: '/officer/integrity-reports/7',
        },
      );
      const reporter = await enqueue(MessageTemplate.IntegrityReporterUpdate, 'whistle@example.test', {
        ...reporterParams,
        followUpUrl: '/integrity/follow-up',
      });
      const rows = await waitForStatus(t.db, [officer.id, reporter.id], ['sent']);

      const [toOfficer] = arrived(officer);
      const [toReporter] = arrived(reporter);
      for (const mail of [toOfficer, toReporter]) {
        for (const part of [mail.subject, mail.text, mail.html, mail.raw]) {
          expect(part).not.toContain(RECEIPT);
          expect(part).not.toContain(CONTENT);
        }
      }
      expect(toOfficer.subject).toBe(
        'เรื่องแจ้งเบาะแส IR-2569-0007 มีความเคลื่อนไหว / Report IR-2569-0007 has an update',
      );
      expect(toOfficer.text).toContain('http://rongrian.test/officer/integrity-reports/7');
      expect(toReporter.subject).toBe('มีความเคลื่อนไหวในเรื่องที่ท่านแจ้ง / There is an update on your report');
      expect(toReporter.text).toContain('http://rongrian.test/integrity/follow-up');
      expect(toReporter.text).toContain('ไม่มีรหัสรับแจ้ง');

      // once sent, the reporter's address and every param are gone from the outbox
      const reporterRow = rows[1];
      expect(reporterRow).toMatchObject({ recipientEmail: null, recipientName: null, params: null });
    });

    it('lists integrity messages without subject line, case or reporter address', async () => {
      sink.reject('integrity-bounce@example.test', 550, '5.1.1 <integrity-bounce@example.test> unknown');
      sink.reject('whistle-bounce@example.test', 550, '5.1.1 <whistle-bounce@example.test> unknown');
      const officer = await enqueue(
        MessageTemplate.IntegrityOfficerUpdate,
        'integrity-bounce@example.test',
        officerParams,
      );
      const reporter = await enqueue(
        MessageTemplate.IntegrityReporterUpdate,
        'whistle-bounce@example.test',
        reporterParams,
      );
      const [, reporterRow] = await waitForStatus(t.db, [officer.id, reporter.id], ['failed']);
      // even the server's answer keeps no trace of the reporter's address
      expect(reporterRow.lastError).toBe('550 5.1.1 <[reporter]> unknown (after RCPT TO)');

      const page = await listing('?status=failed');
      const officerItem = page.items.find((i) => i.id === officer.id)!;
      const reporterItem = page.items.find((i) => i.id === reporter.id)!;
      expect(officerItem).toMatchObject({ subjectLine: null, aboutType: null, aboutId: null });
      expect(reporterItem).toMatchObject({
        recipient: null,
        subjectLine: null,
        aboutType: null,
        aboutId: null,
      });
      expect(JSON.stringify(page)).not.toContain('whistle-bounce');
      sink.acceptAll();
    });
  });

  describe('recipients resolved when sending (the address is never stored)', () => {
    const template = MessageTemplate.IntegrityReporterUpdate;
    const params = TEMPLATES[template].example;
    const CONSENTING = 'resolved-contact@example.test';
    const BOUNCING = 'Resolved-Bounce@example.test';
    /** the owning module's view of its contacts: an address only for those who want notices */
    const contacts = new Map<string, string | null>([
      ['consenting', CONSENTING],
      ['declined', null],
      ['bouncing', BOUNCING],
      ['flaky', CONSENTING],
    ]);
    let failNext = false;
    let restore: () => void;
    beforeAll(() => {
      restore = t.app.get(RecipientResolvers).override('test_contact', {
        resolve: async (id) => {
          if (id === 'flaky' && failNext) {
            failNext = false;
            throw new Error(`database away while reading ${CONSENTING}`);
          }
          const email = contacts.get(id);
          return email ? { email } : null;
        },
      });
    });
    afterAll(() => restore());

    const enqueueFor = (id: string) =>
      enqueueOne(t.app, t.db, {
        organizationId,
        template,
        to: { kind: 'reporter', resolve: { type: 'test_contact', id } },
        params,
      });

    it('sends to the address the resolver gives at send time; no table ever holds it', async () => {
      const row = await enqueueFor('consenting');
      expect(row).toMatchObject({
        status: 'pending',
        recipientEmail: null,
        recipientName: null,
        resolveType: 'test_contact',
        resolveId: 'consenting',
      });
      expect(row.recipientHash).toMatch(/^[0-9a-f]{64}$/);
      const [sent] = await waitForStatus(t.db, [row.id], ['sent']);
      expect(arrived(row).map((m) => m.envelopeTo)).toEqual([[CONSENTING]]);
      expect(sent).toMatchObject({ recipientEmail: null, params: null });
      expect(await findInDatabase(t.db, CONSENTING)).toEqual([]);
    });

    it('sends nothing when the resolver finds nobody (no address or no consent), visibly', async () => {
      const row = await enqueueFor('declined');
      const [done] = await waitForStatus(t.db, [row.id], ['suppressed']);
      expect(done.lastError).toMatch(/no address, or no consent/);
      expect(arrived(row)).toEqual([]);
    });

    it('keeps the resolved address out of a stored SMTP refusal, whatever its case', async () => {
      sink.reject(BOUNCING, 550, `5.1.1 <${BOUNCING.toLowerCase()}> unknown`);
      const row = await enqueueFor('bouncing');
      const [failed] = await waitForStatus(t.db, [row.id], ['failed']);
      expect(failed.lastError).toBe('550 5.1.1 <[reporter]> unknown (after RCPT TO)');
      expect(await findInDatabase(t.db, BOUNCING.toLowerCase())).toEqual([]);
      sink.acceptAll();
    });

    it('retries when the resolver fails, recording a fixed text rather than its error', async () => {
      failNext = true;
      const row = await enqueueFor('flaky');
      const [sent] = await waitForStatus(t.db, [row.id], ['sent']);
      expect(sent.attempts).toBe(2);
      expect(sent.lastError).toBe('ERESOLVE: the recipient could not be resolved');
      expect(arrived(row)).toHaveLength(1);
    });

    it('refuses a reference no resolver is registered for', async () => {
      await expect(
        enqueueOne(t.app, t.db, {
          organizationId,
          template,
          to: { kind: 'reporter', resolve: { type: 'nobody_registered', id: 'x' } },
          params,
        }),
      ).rejects.toThrow(InvalidNotificationError);
    });

    it('records only the day of a message caused by an anonymous action, and needs a hold time', async () => {
      const clock = t.app.get(Clock);
      clock.freeze(DateTime.fromISO('2026-03-17T14:03:27.123', { zone: 'Asia/Bangkok' }).toJSDate());
      try {
        const notBefore = await t.db.transaction((tx) =>
          notifications.officeBatchNotBefore(tx, organizationId),
        );
        expect(notBefore.toISOString()).toBe('2026-03-18T01:30:00.000Z'); // Wednesday 08:30 in Bangkok
        const row = await enqueueOne(t.app, t.db, {
          organizationId,
          template: MessageTemplate.IntegrityOfficerUpdate,
          to: { email: 'day-only@example.test', kind: 'officer' },
          params: TEMPLATES[MessageTemplate.IntegrityOfficerUpdate].example,
          notBefore,
          recordDayOnly: true,
        });
        expect(row.createdAt.toISOString()).toBe('2026-03-16T17:00:00.000Z'); // 17 March 00:00 in Bangkok
        expect(row.updatedAt.toISOString()).toBe('2026-03-16T17:00:00.000Z');
        await expect(
          enqueueOne(t.app, t.db, {
            organizationId,
            template: MessageTemplate.IntegrityOfficerUpdate,
            to: { email: 'day-only@example.test', kind: 'officer' },
            params: TEMPLATES[MessageTemplate.IntegrityOfficerUpdate].example,
            recordDayOnly: true,
          }),
        ).rejects.toThrow(/needs notBefore/);
      } finally {
        clock.reset();
      }
    });
  });

  describe('officers and the daily digest', () => {
    let unitId: string;
    let unitName: string;
    const officer = (email: string, roles: Role[], unit: string | null) =>
      t.request({
        method: 'POST',
        url: '/api/v1/users',
        headers: bearer(adminToken),
        payload: {
          email,
          displayName: email.split('@')[0],
          roles,
          unitId: unit,
        },
      });

    beforeAll(async () => {
      const units = (
        await t.request({ method: 'GET', url: '/api/v1/units', headers: bearer(adminToken) })
      ).json() as { id: string; nameTh: string }[];
      [unitId, unitName] = [units[0].id, units[0].nameTh];
      expect((await officer('digest-officer@example.test', [Role.Officer], unitId)).statusCode).toBe(201);
      expect((await officer('digest-head@example.test', [Role.UnitHead], unitId)).statusCode).toBe(201);
      expect((await officer('other-unit@example.test', [Role.Officer], units[1].id)).statusCode).toBe(201);
      expect((await officer('chief@example.test', [Role.Supervisor], null)).statusCode).toBe(201);
      const gone = await officer('gone-officer@example.test', [Role.Officer], unitId);
      await t.request({
        method: 'POST',
        url: `/api/v1/users/${gone.json().id}/deactivate`,
        headers: bearer(adminToken),
      });
    });
    afterAll(() => t.app.get(Clock).reset());

    it('finds active officers by role, unit and id', async () => {
      const find = (filter: Parameters<NotificationsService['officerRecipients']>[2]) =>
        t.db.transaction(async (tx) =>
          (await notifications.officerRecipients(tx, organizationId, filter)).map((r) => r.email),
        );
      expect(await find({ unitId })).toEqual(['digest-head@example.test', 'digest-officer@example.test']);
      expect(await find({ unitId, roles: [Role.UnitHead] })).toEqual(['digest-head@example.test']);
      expect(await find({ roles: [Role.Supervisor, Role.UnitHead] })).toEqual([
        'chief@example.test',
        'digest-head@example.test',
      ]);
      expect(await find({ unitId: null, roles: [Role.Supervisor] })).toEqual(['chief@example.test']);
      expect(await find({ userIds: [] })).toEqual([]);
      const all = await t.db.transaction((tx) => notifications.officerRecipients(tx, organizationId));
      expect(all.map((r) => r.email)).not.toContain('gone-officer@example.test');
      expect(await find({ userIds: [all[0].userId] })).toEqual([all[0].email]);
    });

    it('an account change reaches the officer directory at once (it is cached between changes)', async () => {
      const inUnit = async () =>
        (await notifications.officerRecipients(t.db.manager, organizationId, { unitId })).map((r) => r.email);
      const before = await inUnit(); // now cached
      const added = await officer('new-in-unit@example.test', [Role.Officer], unitId);
      expect(await inUnit()).toEqual([...before, 'new-in-unit@example.test'].sort());
      await t.request({
        method: 'POST',
        url: `/api/v1/users/${added.json().id}/deactivate`,
        headers: bearer(adminToken),
      });
      expect(await inUnit()).toEqual(before);
      // a change made behind the service's back shows only after the cache time (30 s)
      await t.db.query(`UPDATE users SET is_active = true WHERE id = $1`, [added.json().id]);
      expect(await inUnit()).toEqual(before);
      await t.db.query(`UPDATE users SET is_active = false WHERE id = $1`, [added.json().id]);
    });

    it('holds the digest until office hours, sends it once per officer of the unit, listing every case', async () => {
      const clock = t.app.get(Clock);
      // Saturday 14 March 2026, 07:00 in Bangkok
      clock.freeze(DateTime.fromISO('2026-03-14T07:00', { zone: 'Asia/Bangkok' }).toJSDate());
      const items = {
        dueSoon: [
          { referenceNo: 'ร.2569/00051', dueDate: '2026-03-18', caseUrl: '/officer/complaints/51' },
          { referenceNo: 'ร.2569/00050', dueDate: '2026-03-17', caseUrl: '/officer/complaints/50' },
        ],
        overdue: [{ referenceNo: 'ร.2569/00031', dueDate: '2026-03-02', caseUrl: '/officer/complaints/31' }],
      };
      const unit = { id: unitId, name: unitName };
      const written = await t.db.transaction((tx) =>
        notifications.enqueueDigest(tx, organizationId, unit, items),
      );
      expect(written).toBe(2);
      // called again the same day (another worker, a retry): nothing more
      expect(
        await t.db.transaction((tx) => notifications.enqueueDigest(tx, organizationId, unit, items)),
      ).toBe(0);
      // nothing to say: no message
      const empty = { dueSoon: [], overdue: [] };
      expect(
        await t.db.transaction((tx) => notifications.enqueueDigest(tx, organizationId, unit, empty)),
      ).toBe(0);

      const rows = await t.db
        .getRepository(OutboxMessage)
        .findBy({ template: MessageTemplate.OfficerDailyDigest, subjectId: unitId });
      expect(rows).toHaveLength(2);
      const monday0830 = DateTime.fromISO('2026-03-16T08:30', { zone: 'Asia/Bangkok' }).toJSDate();
      for (const row of rows) {
        expect(row.status).toBe('pending');
        expect(row.notBefore.toISOString()).toBe(monday0830.toISOString());
      }

      clock.freeze(DateTime.fromISO('2026-03-16T09:00', { zone: 'Asia/Bangkok' }).toJSDate());
      await waitForStatus(
        t.db,
        rows.map((r) => r.id),
        ['sent'],
      );
      // each of them also got their invitation when the account was made
      const digests = (email: string) => sink.to(email).filter((m) => m.subject.startsWith('สรุปประจำวัน'));
      for (const email of ['digest-officer@example.test', 'digest-head@example.test']) {
        const [mail] = digests(email);
        expect(digests(email)).toHaveLength(1);
        expect(mail.subject).toBe(
          `สรุปประจำวัน ${unitName} 16 มีนาคม 2569: ใกล้ครบกำหนด 2 เกินกำหนด 1 / Daily summary 16 March 2026`,
        );
        expect(mail.text).toContain(`สรุปเรื่องร้องเรียนของ${unitName} ประจำวันที่ 16 มีนาคม 2569`);
        // sorted by due date, links absolute
        expect(mail.text).toContain(
          '- ร.2569/00050 ครบกำหนด 17 มีนาคม 2569 http://rongrian.test/officer/complaints/50\n' +
            '- ร.2569/00051 ครบกำหนด 18 มีนาคม 2569 http://rongrian.test/officer/complaints/51',
        );
        expect(mail.text).toContain('เกินกำหนด (1):\n- ร.2569/00031 ครบกำหนด 2 มีนาคม 2569');
        expect(mail.html).toContain('<a href="http://rongrian.test/officer/complaints/31">ร.2569/00031</a>');
      }
      expect(digests('other-unit@example.test')).toHaveLength(0);
      expect(digests('gone-officer@example.test')).toHaveLength(0);
    });
  });

  it('admin routes need the admin role', async () => {
    const { token: clerk } = await invite(t, adminToken, {
      email: 'clerk@example.test',
      displayName: 'clerk',
      roles: [Role.Intake],
    });
    const res = await t.request({
      method: 'GET',
      url: '/api/v1/notifications/messages',
      headers: bearer(clerk),
    });
    expect(res.statusCode).toBe(403);
    const bad = await t.request({
      method: 'GET',
      url: '/api/v1/notifications/messages?status=lost',
      headers: bearer(adminToken),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('status');
  });
});

describe('notifications without an SMTP server', () => {
  let t: TestApp;
  let organizationId: string;

  beforeAll(async () => {
    t = await createTestApp({ MAIL_DISPATCH_INTERVAL_MS: '100' });
    organizationId = await demoOrganizationId(t.db);
  });
  afterAll(() => t.close());

  it('runs, and records every message as not sent, visibly', async () => {
    const rows = [];
    for (const template of [MessageTemplate.ComplaintAcknowledged, MessageTemplate.OfficerNewCase]) {
      rows.push(
        await enqueueOne(t.app, t.db, {
          organizationId,
          template,
          to: { email: `nosmtp-${template}@example.test`, kind: TEMPLATES[template].audience, consent: true },
          params: TEMPLATES[template].example,
        }),
      );
    }
    const done = await waitForStatus(
      t.db,
      rows.map((r) => r.id),
      ['not_sent'],
    );
    for (const row of done)
      expect(row.lastError).toMatch(/no SMTP server is configured \(SMTP_URL is empty\)/);

    const token = await t.login();
    const summary = await t.request({
      method: 'GET',
      url: '/api/v1/notifications/summary',
      headers: bearer(token),
    });
    expect(summary.json()).toMatchObject({ smtpConfigured: false, counts: { not_sent: 2, sent: 0 } });
    const page = await t.request({
      method: 'GET',
      url: '/api/v1/notifications/messages',
      headers: bearer(token),
    });
    expect(page.json().items.map((i: { status: string }) => i.status)).toEqual(['not_sent', 'not_sent']);

    const metrics = (await t.request({ method: 'GET', url: '/metrics', headers: bearer(TEST_METRICS_TOKEN) }))
      .body;
    expect(metrics).toContain('rongrian_mail_messages{status="not_sent"} 2\n');
    expect(metrics).toContain('rongrian_mail_smtp_configured 0');
  });
});
