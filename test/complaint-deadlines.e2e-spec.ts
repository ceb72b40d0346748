import { DateTime } from 'luxon';
import { Clock } from '../src/common/clock/clock';
import { ComplaintDigestService } from '../src/complaints/complaint-digest.service';
import { DeadlineMilestonesService } from '../src/deadlines/deadline-milestones.service';
import { Role } from '../src/users/roles';
import { fileComplaint, lightingComplaint } from './helpers/complaints';
import { createOfficer, Officer } from './helpers/officers';
import { bearer, createTestApp, TestApp } from './helpers/test-app';

/** Bangkok wall-clock time → instant */
const bkk = (local: string) => DateTime.fromISO(local, { zone: 'Asia/Bangkok' }).toJSDate();

describe('general complaints on the 15-day clock: notices, reminders, explanation, escalation', () => {
  let t: TestApp;
  let clock: Clock;
  let milestones: DeadlineMilestonesService;
  let admin: string;
  let intake: Officer;
  let unitHead: Officer;
  let officer: Officer;
  let supervisor: Officer;
  let executive: Officer;

  const outbox = async (complaintId: string) =>
    (await t.db.query(
      `SELECT template, recipient_kind AS kind, recipient_email AS email, status
         FROM notification_outbox WHERE subject_id = $1 ORDER BY created_at, template, recipient_email`,
      [complaintId],
    )) as { template: string; kind: string; email: string; status: string }[];
  const file = (consent: boolean) =>
    fileComplaint(
      t,
      lightingComplaint({
        complainant: { name: 'มานี', email: 'manee@example.com', consentToContact: consent },
      }),
    );
  const sweepAt = async (local: string) => {
    clock.freeze(bkk(local));
    return milestones.sweep();
  };
  const act = (who: Officer, id: string, action: string, payload: object = {}) =>
    t.request({
      method: 'POST',
      url: `/api/v1/complaints/${id}/${action}`,
      headers: bearer(who.token),
      payload,
    });

  beforeAll(async () => {
    // API role: no worker sends mail or consumes jobs, so the outbox shows what would be sent.
    t = await createTestApp({ APP_ROLE: 'api' });
    clock = t.app.get(Clock);
    milestones = t.app.get(DeadlineMilestonesService);
    admin = await t.login();
    intake = await createOfficer(t, admin, [Role.Intake]);
    unitHead = await createOfficer(t, admin, [Role.UnitHead], 'engineering');
    officer = await createOfficer(t, admin, [Role.Officer], 'engineering');
    supervisor = await createOfficer(t, admin, [Role.Supervisor]);
    executive = await createOfficer(t, admin, [Role.Executive]);
  });
  beforeEach(() => clock.freeze(bkk('2026-04-10T10:00:00')));
  afterAll(async () => {
    clock.reset();
    await t.close();
  });

  it('received Friday 10 April 2026: due Monday 27 April; the complainant and the unit are told', async () => {
    const { id, receipt } = await file(true);
    expect(receipt.dueDate).toBe('2026-04-27');
    const rows = await outbox(id);
    expect(rows).toEqual(
      expect.arrayContaining([
        {
          template: 'complaint.acknowledged',
          kind: 'complainant',
          email: 'manee@example.com',
          status: 'pending',
        },
        { template: 'officer.new_case', kind: 'officer', email: unitHead.email, status: 'pending' },
        { template: 'officer.new_case', kind: 'officer', email: officer.email, status: 'pending' },
      ]),
    );
    expect(rows.filter((r) => r.kind === 'officer').map((r) => r.email)).not.toContain(supervisor.email);
  });

  it('without consent, nothing is written to the complainant', async () => {
    const { id } = await file(false);
    expect((await outbox(id)).filter((r) => r.kind === 'complainant')).toEqual([]);
  });

  it('reminds before the due date, then escalates and tells the complainant, then alerts the executive', async () => {
    const { id, receipt } = await file(true);
    await sweepAt('2026-04-22T09:00:00'); // 3 working days before 27 April
    let rows = await outbox(id);
    expect(rows.filter((r) => r.template === 'officer.reminder').map((r) => r.email)).toEqual([
      unitHead.email,
    ]);

    await sweepAt('2026-04-28T09:00:00'); // the day after the due date
    rows = await outbox(id);
    expect(
      rows
        .filter((r) => r.template === 'officer.overdue')
        .map((r) => r.email)
        .sort(),
    ).toEqual([unitHead.email, supervisor.email].sort());
    expect(rows.filter((r) => r.template === 'complaint.overdue_notice')).toHaveLength(1);
    const tracked = (await t.request({ method: 'GET', url: `/api/v1/track/${receipt.trackingCode}` })).json();
    expect(tracked.timeline.at(-1).message).toContain('ยังอยู่ระหว่างดำเนินการ');

    // a second sweep changes nothing: each milestone is handled once
    await sweepAt('2026-04-28T10:00:00');
    expect(await outbox(id)).toEqual(rows);

    await sweepAt('2026-05-14T09:00:00'); // twice the period: 30 days → Sun 10 May → 12 May (11 May is Royal Ploughing Day)
    rows = await outbox(id);
    expect(rows.filter((r) => r.template === 'officer.overdue').map((r) => r.email)).toContain(
      executive.email,
    );
    const list = (
      await t.request({
        method: 'GET',
        url: '/api/v1/complaints?overdue=true&pageSize=100',
        headers: bearer(supervisor.token),
      })
    ).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(id);
  });

  it('an extension recorded before the due date is the explanation: the complainant is told, and the outcome counts as met', async () => {
    const { id, receipt } = await file(true);
    await act(intake, id, 'assign', { unitId: officer.unitId, assigneeId: officer.id });
    clock.freeze(bkk('2026-04-24T11:00:00'));
    const ext = await act(officer, id, 'extend-deadline', {
      newDueDate: '2026-05-08',
      reason: 'รออุปกรณ์จากผู้รับจ้าง',
    });
    expect(ext.statusCode).toBe(204);
    const tracked = (await t.request({ method: 'GET', url: `/api/v1/track/${receipt.trackingCode}` })).json();
    expect(tracked).toMatchObject({
      dueDate: '2026-05-08',
      extended: true,
      extensionReason: 'รออุปกรณ์จากผู้รับจ้าง',
    });
    expect((await outbox(id)).filter((r) => r.template === 'complaint.extended')).toHaveLength(1);

    clock.freeze(bkk('2026-05-06T15:00:00'));
    expect((await act(officer, id, 'resolve', { message: 'ติดตั้งหลอดไฟใหม่แล้ว' })).statusCode).toBe(200);
    const explain = (
      await t.request({
        method: 'GET',
        url: `/api/v1/complaints/${id}/deadline`,
        headers: bearer(officer.token),
      })
    ).json();
    expect(JSON.stringify(explain)).toContain('met_by_explanation');
    const [row] = await t.db.query(`SELECT outcome FROM case_deadlines WHERE case_id = $1`, [id]);
    expect(row.outcome).toBe('met_by_explanation');
    const rows = await outbox(id);
    expect(rows.filter((r) => r.template === 'complaint.resolved')).toHaveLength(1);
    expect(rows.filter((r) => r.template === 'complaint.rating_invitation')).toHaveLength(1);
  });

  it('an officer cannot extend past the maximum; a supervisor can', async () => {
    const { id } = await file(true);
    await act(intake, id, 'assign', { unitId: officer.unitId });
    const tooLong = await act(officer, id, 'extend-deadline', { newDueDate: '2026-06-30', reason: 'งานใหญ่' });
    expect(tooLong.statusCode).toBe(403);
    expect(tooLong.json().code).toBe('EXTENSION_TOO_LONG');
    expect(
      (await act(supervisor, id, 'extend-deadline', { newDueDate: '2026-06-30', reason: 'งานใหญ่' }))
        .statusCode,
    ).toBe(204);
  });

  it('waiting for the complainant pauses the clock; resuming moves the due date by the paused days', async () => {
    const { id, receipt } = await file(true);
    await act(intake, id, 'assign', { unitId: officer.unitId });
    clock.freeze(bkk('2026-04-16T10:00:00'));
    expect((await act(officer, id, 'request-info', { message: 'ขอทราบหมายเลขเสาไฟ' })).statusCode).toBe(200);
    expect((await outbox(id)).filter((r) => r.template === 'complaint.info_requested')).toHaveLength(1);
    clock.freeze(bkk('2026-04-20T10:00:00'));
    expect((await act(officer, id, 'resume')).statusCode).toBe(200);
    const tracked = (await t.request({ method: 'GET', url: `/api/v1/track/${receipt.trackingCode}` })).json();
    expect(tracked.dueDate > '2026-04-27').toBe(true);
    const [row] = await t.db.query(`SELECT paused_days FROM case_deadlines WHERE case_id = $1`, [id]);
    expect(row.paused_days).toBe(4);
  });

  it("the morning digest lists the unit's overdue and due-soon cases, once a day, to the unit only", async () => {
    clock.freeze(bkk('2026-04-10T10:00:00'));
    const late = await file(true);
    clock.freeze(bkk('2026-04-20T10:00:00'));
    const soon = await file(true); // due 6 May
    const digest = t.app.get(ComplaintDigestService);
    clock.freeze(bkk('2026-04-29T07:00:00')); // Wednesday morning: `late` overdue since 28 April, `soon` due within 3 working days
    const written = await digest.sendDailyDigests();
    expect(written).toBeGreaterThanOrEqual(2);
    const rows = await t.db.query(
      `SELECT recipient_email AS email, params, not_before FROM notification_outbox WHERE template = 'officer.daily_digest'`,
    );
    expect(rows.map((r: { email: string }) => r.email).sort()).toEqual(
      [officer.email, unitHead.email].sort(),
    );
    const params = rows[0].params;
    const refs = (section: { list: { referenceNo: string }[] } | { referenceNo: string }[]) =>
      (Array.isArray(section) ? section : section.list).map((i) => i.referenceNo);
    expect(refs(params.overdue)).toContain(late.receipt.referenceNo);
    expect(refs(params.dueSoon)).toContain(soon.receipt.referenceNo);
    expect(new Date(rows[0].not_before).toISOString()).toBe(bkk('2026-04-29T08:30:00').toISOString());
    // again the same day: nothing new
    await digest.sendDailyDigests();
    const again = await t.db.query(
      `SELECT count(*)::int AS n FROM notification_outbox WHERE template = 'officer.daily_digest'`,
    );
    expect(again[0].n).toBe(rows.length);
  });

  it('the deadline explanation shows the count, skipped days and the result', async () => {
    const { id } = await file(true);
    const res = await t.request({
      method: 'GET',
      url: `/api/v1/complaints/${id}/deadline`,
      headers: bearer(supervisor.token),
    });
    expect(res.statusCode).toBe(200);
    const body = JSON.stringify(res.json());
    expect(body).toContain('2026-04-27');
    expect(body).toContain('calendar');
  });
});
