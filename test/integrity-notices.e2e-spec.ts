import { DateTime } from 'luxon';
import { FindOptionsWhere, In } from 'typeorm';
import { Clock } from '../src/common/clock/clock';
import { DeadlineMilestonesService } from '../src/deadlines/deadline-milestones.service';
import { DeadlineScheduler } from '../src/deadlines/deadline-scheduler.service';
import { CaseDeadline } from '../src/deadlines/entities/case-deadline.entity';
import { CONCLUSION_TRACK, ReportDeadlines, RESPONSE_TRACK } from '../src/integrity-reports/report-deadlines';
import { SET_PASSWORD_PATH } from '../src/users/account-links.service';
import { OutboxMessage } from '../src/notifications/entities/outbox-message.entity';
import { MessageTemplate } from '../src/notifications/message-template';
import { Role } from '../src/users/roles';
import {
  createOfficer,
  findInDatabase,
  latestReportId,
  minimalReport,
  Officer,
  officerApi,
  openSession,
  REPORTER_MESSAGES_URL,
  reporterView,
  submit,
} from './helpers/integrity';
import { waitForStatus } from './helpers/outbox';
import { CapturedMail, SmtpSink } from './helpers/smtp-sink';
import { bearer, createTestApp, TestApp } from './helpers/test-app';

/** An instant given as Bangkok wall time. */
const bkk = (local: string) => DateTime.fromISO(local, { zone: 'Asia/Bangkok' }).toJSDate();

const DESCRIPTION = 'ปลัดสั่งให้ออกใบรับรองผลงานเท็จให้ห้างหุ้นส่วนจำกัดแห่งหนึ่ง เพื่อเบิกเงินงวดสุดท้าย';
const ADDED = 'ใบรับรองลงวันที่ย้อนหลังสองสัปดาห์';
const REPORTER_EMAIL = 'whistle.consents@example.net';
const DECLINING_EMAIL = 'whistle.declines@example.net';
const JUSTIFICATION = 'ต้องสอบถามผู้แจ้งเรื่องเอกสารต้นฉบับ';

/**
 * The integrity channel wired to the deadline engine and the outbox, through a real SMTP server:
 * who is told what, when, and that no mail or row carries content, receipts, identities or the
 * moment the reporter acted.
 */
describe('integrity reports: deadlines and notices', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let clock: Clock;
  let admin: string;
  let io1: Officer;
  let io2: Officer;
  let ioRecused: Officer;
  let custodian: Officer;
  const others: Officer[] = [];
  let receipt = '';
  let reportId = '';

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await createTestApp({
      SMTP_URL: sink.url,
      MAIL_DISPATCH_INTERVAL_MS: '100',
      MAIL_RETRY_DELAY_MS: '50',
      INTEGRITY_SUBMISSIONS_PER_HOUR: '50',
    });
    clock = t.app.get(Clock);
    admin = await t.login();
    io1 = await createOfficer(t, admin, [Role.IntegrityOfficer], 'ผู้รับผิดชอบ หนึ่ง');
    io2 = await createOfficer(t, admin, [Role.IntegrityOfficer], 'ผู้รับผิดชอบ สอง');
    ioRecused = await createOfficer(t, admin, [Role.IntegrityOfficer], 'ญาติผู้ถูกกล่าวหา');
    custodian = await createOfficer(t, admin, [Role.Custodian], 'ผู้เก็บรักษา');
    for (const role of [
      Role.Admin,
      Role.Supervisor,
      Role.UnitHead,
      Role.Officer,
      Role.Executive,
      Role.Intake,
    ]) {
      others.push(await createOfficer(t, admin, [role]));
    }
    // Tuesday 10 March 2026, 10:17:42 in Bangkok
    clock.freeze(bkk('2026-03-10T10:17:42.517'));
    receipt = await submit(t, {
      ...minimalReport(DESCRIPTION),
      identity: { email: REPORTER_EMAIL, consentToContact: true },
    });
    reportId = await latestReportId(t);
  });
  afterAll(async () => {
    clock.reset();
    await t.close();
    await sink.stop();
  });

  const outbox = (where: FindOptionsWhere<OutboxMessage> = {}) =>
    t.db
      .getRepository(OutboxMessage)
      .find({ where: { subjectId: reportId, ...where }, order: { id: 'ASC' } });
  const sentTo = (rows: OutboxMessage[]) =>
    sink.messages.filter((m) => rows.some((r) => r.messageId === m.messageId));
  /** Mails to `email` other than the invitation each officer received when their account was made. */
  const noticesTo = (email: string) => sink.to(email).filter((m) => !m.text.includes(SET_PASSWORD_PATH));
  const recipientsOf = (mails: CapturedMail[]) => mails.flatMap((m) => m.envelopeTo).sort();
  const deadlineRow = (track: string) =>
    t.db
      .getRepository(CaseDeadline)
      .findOneByOrFail({ track: track as CaseDeadline['track'], caseId: reportId });
  /** Every captured mail about the report carries nothing of it, nor the receipt, nor the identity. */
  const expectNoContent = (mails: CapturedMail[]) => {
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      for (const secret of [DESCRIPTION, ADDED, JUSTIFICATION, receipt, receipt.replace(/ /g, '')]) {
        expect(mail.raw).not.toContain(secret);
        expect(mail.text).not.toContain(secret);
      }
      if (!mail.envelopeTo.includes(REPORTER_EMAIL)) expect(mail.raw).not.toContain(REPORTER_EMAIL);
    }
  };

  it('starts both clocks at 00:00 of the receipt day; the reporter reads the due dates from the engine', async () => {
    const midnight = bkk('2026-03-10T00:00');
    for (const track of [RESPONSE_TRACK, CONCLUSION_TRACK]) {
      const row = await deadlineRow(track);
      expect({ track, receivedAt: row.receivedAt, dueSetAt: row.dueSetAt, createdAt: row.createdAt }).toEqual(
        {
          track,
          receivedAt: midnight,
          dueSetAt: midnight,
          createdAt: midnight,
        },
      );
      expect(row.updatedAt).toEqual(midnight);
    }
    expect((await deadlineRow(RESPONSE_TRACK)).currentDueDate).toBe('2026-03-25');
    expect((await deadlineRow(CONCLUSION_TRACK)).currentDueDate).toBe('2026-06-08');

    const token = await openSession(t, receipt);
    expect((await reporterView(t, token)).json()).toMatchObject({
      receivedOn: '2026-03-10',
      responseDueOn: '2026-03-25',
      responseOverdue: false,
      decisionDueOn: '2026-06-08',
    });
    // no timer was put in Redis at the submission (it would carry the time): the sweeper covers it
    expect(await t.app.get(DeadlineScheduler).timerOf(RESPONSE_TRACK, reportId)).toBeNull();
  });

  it('tells the integrity officers in the next morning batch, with a row dated to the day only', async () => {
    const rows = await outbox({ template: MessageTemplate.IntegrityOfficerUpdate });
    expect(rows.map((r) => r.recipientEmail).sort()).toEqual([io1.email, io2.email, ioRecused.email].sort());
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'pending', requestId: null, recipientKind: 'officer' });
      expect(row.notBefore).toEqual(bkk('2026-03-11T08:30')); // not 10:17 today, not within office hours
      expect(row.createdAt).toEqual(bkk('2026-03-10T00:00'));
      expect(row.updatedAt).toEqual(bkk('2026-03-10T00:00'));
    }

    // the reporter adds information twice before the batch: one notice per officer, not three
    const token = await openSession(t, receipt);
    clock.freeze(bkk('2026-03-10T19:44:03'));
    for (const body of [ADDED, 'และมีพยานอีกหนึ่งคน']) {
      const res = await t.request({
        method: 'POST',
        url: REPORTER_MESSAGES_URL,
        headers: bearer(token),
        payload: { body },
      });
      expect(res.statusCode).toBe(201);
    }
    expect(await outbox({ template: MessageTemplate.IntegrityOfficerUpdate })).toHaveLength(3);

    clock.freeze(bkk('2026-03-11T09:00'));
    await waitForStatus(
      t.db,
      rows.map((r) => r.id),
      ['sent'],
    );
    const mails = sentTo(rows);
    expect(recipientsOf(mails)).toEqual([io1.email, io2.email, ioRecused.email].sort());
    expect(mails[0].subject).toBe(
      'เรื่องแจ้งเบาะแส IR-2569-0001 มีความเคลื่อนไหว / Report IR-2569-0001 has an update',
    );
    expect(mails[0].text).toContain(`http://rongrian.test/officer/integrity-reports/${reportId}`);
    expectNoContent(mails);
  });

  it('an overdue first response reaches only the report’s integrity officers, and the reporter who asked', async () => {
    const recused = await officerApi(t, io1).post(`/${reportId}/recusals`, {
      userId: ioRecused.id,
      reason: 'เป็นญาติกับผู้ถูกกล่าวหา',
    });
    expect(recused.statusCode).toBe(200);
    const before = new Set((await outbox()).map((r) => r.id));

    // Thursday 26 March, just after midnight: the 25th has passed without an answer
    clock.freeze(bkk('2026-03-26T00:05'));
    const swept = await t.app.get(DeadlineMilestonesService).sweep();
    expect(swept.failed).toBe(0);
    const rows = (await outbox()).filter((r) => !before.has(r.id));
    expect(rows.map((r) => [r.template, r.recipientKind]).sort()).toEqual(
      [
        [MessageTemplate.IntegrityOfficerUpdate, 'officer'],
        [MessageTemplate.IntegrityOfficerUpdate, 'officer'],
        [MessageTemplate.IntegrityReporterUpdate, 'reporter'],
      ].sort(),
    );
    const reporterRow = rows.find((r) => r.recipientKind === 'reporter')!;
    // the reporter's row names the report, not the address
    expect(reporterRow).toMatchObject({
      recipientEmail: null,
      resolveType: 'integrity_report',
      resolveId: reportId,
    });
    for (const row of rows.filter((r) => r.recipientKind === 'officer')) {
      expect(row.notBefore).toEqual(bkk('2026-03-26T08:30')); // officers: office hours
    }
    // the stale reminders (20 and 24 March) were overtaken by the due date: recorded, not sent
    const handled = await t.db.query(
      `SELECT m.key, m.notified FROM case_deadline_milestones m JOIN case_deadlines d ON d.id = m.deadline_id
       WHERE d.case_id = $1 ORDER BY m.key`,
      [reportId],
    );
    expect(handled).toEqual([
      { key: 'due', notified: true },
      { key: 'reminder-1', notified: false },
      { key: 'reminder-3', notified: false },
    ]);

    clock.freeze(bkk('2026-03-26T09:00'));
    await waitForStatus(
      t.db,
      rows.map((r) => r.id),
      ['sent'],
    );
    const mails = sentTo(rows);
    expect(recipientsOf(mails)).toEqual([io1.email, io2.email, REPORTER_EMAIL].sort());
    for (const nobody of [custodian, ...others]) expect(noticesTo(nobody.email)).toEqual([]);
    expect(noticesTo(ioRecused.email)).toHaveLength(1); // the submission's notice, before the recusal
    expect(noticesTo(t.config.admin.email)).toEqual([]);
    expectNoContent(mails);
    const [toReporter] = noticesTo(REPORTER_EMAIL);
    expect(toReporter.subject).toBe('มีความเคลื่อนไหวในเรื่องที่ท่านแจ้ง / There is an update on your report');
    expect(toReporter.text).toContain('http://rongrian.test/orgs/demo/integrity/follow-up');

    // what the reporter finds when they come back, and what the officers see
    const token = await openSession(t, receipt);
    expect((await reporterView(t, token)).json()).toMatchObject({
      responseDueOn: '2026-03-25',
      responseOverdue: true,
    });
    const list = await t.request({
      method: 'GET',
      url: '/api/v1/integrity-reports',
      headers: bearer(io1.token),
    });
    expect(list.json().items[0]).toMatchObject({
      id: reportId,
      responseDeadline: 'overdue',
      conclusionDeadline: 'on_track',
    });
  });

  it('the reporter’s address is resolved when sending and never stored; answers and decisions move the deadlines', async () => {
    expect(await findInDatabase(t.db, REPORTER_EMAIL)).toEqual([]);

    // a late first answer the same day: the response is missed; no second notice that day
    const reply = await officerApi(t, io1).post(`/${reportId}/messages`, { body: 'กำลังตรวจสอบ' });
    expect(reply.statusCode).toBe(201);
    expect((await deadlineRow(RESPONSE_TRACK)).outcome).toBe('missed');
    expect(await outbox({ template: MessageTemplate.IntegrityReporterUpdate })).toHaveLength(1);
    // the commit moved the timers: the decision's are in Redis now, the answered response has none
    const scheduler = t.app.get(DeadlineScheduler);
    expect(await scheduler.timerOf(CONCLUSION_TRACK, reportId)).not.toBeNull();
    expect(await scheduler.timerOf(RESPONSE_TRACK, reportId)).toBeNull();

    // the next day a decision: the conclusion is met, and the reporter is told (once that day)
    clock.freeze(bkk('2026-03-27T10:00'));
    expect(
      (await officerApi(t, io1).post(`/${reportId}/transitions`, { action: 'start_screening' })).statusCode,
    ).toBe(200);
    const dismissed = await officerApi(t, io1).post(`/${reportId}/transitions`, {
      action: 'dismiss',
      dismissal: { reason: 'อยู่นอกอำนาจหน้าที่' },
    });
    expect(dismissed.statusCode).toBe(200);
    expect(dismissed.json()).toMatchObject({
      responseDeadline: 'missed',
      conclusionDeadline: 'met',
      conclusionDueOn: '2026-06-08',
    });
    expect(await scheduler.timerOf(CONCLUSION_TRACK, reportId)).toBeNull();
    const updates = await outbox({ template: MessageTemplate.IntegrityReporterUpdate });
    expect(updates).toHaveLength(2);
    await waitForStatus(
      t.db,
      updates.map((u) => u.id),
      ['sent'],
    );
    expect(noticesTo(REPORTER_EMAIL)).toHaveLength(2);
    expectNoContent(noticesTo(REPORTER_EMAIL));
    expect(await findInDatabase(t.db, REPORTER_EMAIL)).toEqual([]);
  });

  it('sends nothing to a reporter without consent, and writes nothing for one without an e-mail', async () => {
    clock.freeze(bkk('2026-03-27T10:30'));
    await submit(t, { ...minimalReport(), identity: { email: DECLINING_EMAIL, consentToContact: false } });
    const declining = await latestReportId(t);
    await submit(t, minimalReport());
    const anonymous = await latestReportId(t);
    for (const id of [declining, anonymous]) {
      expect((await officerApi(t, io1).post(`/${id}/messages`, { body: 'ได้รับเรื่องแล้ว' })).statusCode).toBe(
        201,
      );
    }
    const rows = await t.db.getRepository(OutboxMessage).findBy({
      template: MessageTemplate.IntegrityReporterUpdate,
      subjectId: In([declining, anonymous]),
    });
    expect(rows.map((r) => r.subjectId)).toEqual([declining]);
    const [suppressed] = await waitForStatus(t.db, [rows[0].id], ['suppressed']);
    expect(suppressed.lastError).toMatch(/no address, or no consent/);
    expect(noticesTo(DECLINING_EMAIL)).toEqual([]);
    expect(await findInDatabase(t.db, DECLINING_EMAIL)).toEqual([]);
  });

  it('tells the custodians, not the requester, that an identity request waits, without its justification', async () => {
    clock.freeze(bkk('2026-03-27T11:00'));
    const requested = await officerApi(t, io1).post(`/${reportId}/identity-requests`, {
      justification: JUSTIFICATION,
    });
    expect(requested.statusCode).toBe(201);
    const rows = await t.db
      .getRepository(OutboxMessage)
      .findBy({ template: MessageTemplate.IntegrityIdentityRequest });
    expect(rows.map((r) => r.recipientEmail)).toEqual([custodian.email]);
    await waitForStatus(
      t.db,
      rows.map((r) => r.id),
      ['sent'],
    );
    const [mail] = noticesTo(custodian.email);
    expect(mail.subject).toContain('IR-2569-0001');
    expect(mail.text).toContain('http://rongrian.test/officer/integrity-reports/identity-requests');
    expectNoContent([mail]);
  });

  it('gives a report received before the wiring its deadlines, with the answer and decision it had', async () => {
    // as if the report (answered 26 March, decided 27 March) had arrived before the engine was used
    await t.db.query(`DELETE FROM case_deadlines WHERE case_id = $1`, [reportId]);
    expect(await t.app.get(ReportDeadlines).startMissing()).toBe(1);
    expect(await deadlineRow(RESPONSE_TRACK)).toMatchObject({
      receivedDate: '2026-03-10',
      currentDueDate: '2026-03-25',
      firstResponseAt: bkk('2026-03-26T00:00'),
      outcome: 'missed',
    });
    expect(await deadlineRow(CONCLUSION_TRACK)).toMatchObject({
      resultAt: bkk('2026-03-27T00:00'),
      outcome: 'met',
    });
    expect(await t.app.get(ReportDeadlines).startMissing()).toBe(0);
  });
});
