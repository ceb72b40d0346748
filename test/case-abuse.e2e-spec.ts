import { DateTime } from 'luxon';
import { Clock } from '../src/common/clock/clock';
import { Role } from '../src/users/roles';
import { minimalReport, submit, SUBMIT_URL } from './helpers/integrity';
import { fileComplaint } from './helpers/complaints';
import { createOfficer, Officer } from './helpers/officers';
import { bearer, createTestApp, TestApp } from './helpers/test-app';

/** Bangkok wall-clock time → instant */
const bkk = (local: string) => DateTime.fromISO(local, { zone: 'Asia/Bangkok' }).toJSDate();

/** Issue 12, items 11 and 12: read-only roles cannot publish; dates are bounded and real. */
describe('abuse of case routes: public replies by read-only roles, unbounded and impossible dates', () => {
  let t: TestApp;
  let clock: Clock;
  let admin: string;
  let intake: Officer;
  let officer: Officer;
  let supervisor: Officer;
  let executiveWithUnit: Officer;
  let adminWithUnit: Officer;

  const file = async () => (await fileComplaint(t)).id;
  const act = (who: Officer, id: string, action: string, payload: object = {}) =>
    t.request({
      method: 'POST',
      url: `/api/v1/complaints/${id}/${action}`,
      headers: bearer(who.token),
      payload,
    });
  const assigned = async () => {
    const id = await file();
    expect((await act(intake, id, 'assign', { unitId: officer.unitId })).statusCode).toBe(200);
    return id;
  };
  const dueDate = async (id: string): Promise<string> =>
    (await t.db.query(`SELECT current_due_date::text AS d FROM case_deadlines WHERE case_id = $1`, [id]))[0]
      .d;
  const plusDays = (date: string, days: number) =>
    DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;

  beforeAll(async () => {
    t = await createTestApp({ APP_ROLE: 'api' });
    clock = t.app.get(Clock);
    admin = await t.login();
    intake = await createOfficer(t, admin, [Role.Intake]);
    officer = await createOfficer(t, admin, [Role.Officer], 'engineering');
    supervisor = await createOfficer(t, admin, [Role.Supervisor]);
    executiveWithUnit = await createOfficer(t, admin, [Role.Executive], 'engineering');
    adminWithUnit = await createOfficer(t, admin, [Role.Admin], 'engineering');
    // integrity reports are refused while nobody can receive them (NO_INTEGRITY_OFFICER)
    await createOfficer(t, admin, [Role.IntegrityOfficer]);
  });
  beforeEach(() => clock.freeze(bkk('2026-04-10T10:00:00')));
  afterAll(async () => {
    clock.reset();
    await t.close();
  });

  describe('item 11: only roles that may act on the case publish', () => {
    it.each([
      ['an executive', () => executiveWithUnit],
      ['an administrator', () => adminWithUnit],
    ])('%s of the unit cannot post a public reply or a note; nothing is written or sent', async (_l, who) => {
      const id = await assigned();
      const before = await t.db.query(
        `SELECT (SELECT count(*) FROM complaint_events WHERE complaint_id = $1) AS events,
                (SELECT count(*) FROM notification_outbox WHERE subject_id = $1::text) AS mails,
                (SELECT first_response_at FROM case_deadlines WHERE case_id = $1) AS first`,
        [id],
      );
      for (const isPublic of [true, false]) {
        const res = await act(who(), id, 'notes', { message: 'ตอบกลับผู้ร้อง', isPublic });
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
      }
      const after = await t.db.query(
        `SELECT (SELECT count(*) FROM complaint_events WHERE complaint_id = $1) AS events,
                (SELECT count(*) FROM notification_outbox WHERE subject_id = $1::text) AS mails,
                (SELECT first_response_at FROM case_deadlines WHERE case_id = $1) AS first`,
        [id],
      );
      expect(after).toEqual(before);
      expect(before[0].first).toBeNull();
    });

    it('the unit officer can, and it counts as the first response', async () => {
      const id = await assigned();
      expect((await act(officer, id, 'notes', { message: 'กำลังดำเนินการ', isPublic: true })).statusCode).toBe(
        204,
      );
      const [row] = await t.db.query(`SELECT first_response_at FROM case_deadlines WHERE case_id = $1`, [id]);
      expect(row.first_response_at).not.toBeNull();
    });
  });

  describe('item 12: extensions are bounded', () => {
    it('9999-12-31 is a field error, not a 500, for anyone; the due date stays', async () => {
      const id = await assigned();
      const due = await dueDate(id);
      for (const who of [officer, supervisor]) {
        const res = await act(who, id, 'extend-deadline', {
          newDueDate: '9999-12-31',
          reason: 'ไม่มีกำหนด',
          longExtensionReason: 'โครงการใหญ่',
        });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: [{ field: 'newDueDate', rule: 'maxDate' }],
        });
      }
      expect(await dueDate(id)).toBe(due);
    });

    it('2999-12-31 is refused; so is anything past one year beyond the due date', async () => {
      const id = await assigned();
      const due = await dueDate(id);
      for (const newDueDate of ['2999-12-31', plusDays(due, 366)]) {
        const res = await act(supervisor, id, 'extend-deadline', {
          newDueDate,
          reason: 'งานใหญ่',
          longExtensionReason: 'ต้องตั้งงบประมาณใหม่',
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().details[0].field).toBe('newDueDate');
      }
      expect(await dueDate(id)).toBe(due);
    });

    it('beyond 90 days: an officer is refused, a supervisor needs a reason, which is audited', async () => {
      const id = await assigned();
      const target = plusDays(await dueDate(id), 91);
      const byOfficer = await act(officer, id, 'extend-deadline', { newDueDate: target, reason: 'งานใหญ่' });
      expect(byOfficer.statusCode).toBe(403);
      expect(byOfficer.json()).toMatchObject({
        code: 'EXTENSION_TOO_LONG',
        details: { maxExtensionDays: 90 },
      });

      const noReason = await act(supervisor, id, 'extend-deadline', { newDueDate: target, reason: 'งานใหญ่' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().details).toEqual([
        expect.objectContaining({
          field: 'longExtensionReason',
          rule: 'isNotEmpty',
          messageTh: expect.any(String),
        }),
      ]);

      const withReason = await act(supervisor, id, 'extend-deadline', {
        newDueDate: target,
        reason: 'งานใหญ่',
        longExtensionReason: 'ต้องตั้งงบประมาณปีถัดไป',
      });
      expect(withReason.statusCode).toBe(204);
      expect(await dueDate(id)).toBe(target);
      const [audit] = await t.db.query(
        `SELECT after FROM audit_entries WHERE action = 'deadline.extend' AND entity_id = $1`,
        [id],
      );
      expect(audit.after).toMatchObject({
        currentDueDate: target,
        longExtensionReason: 'ต้องตั้งงบประมาณปีถัดไป',
      });
    });

    it('the bound is configurable (EXTENSION_MAX_DAYS)', () => {
      expect(t.config.deadlines.extensionMaxDays).toBe(90);
    });
  });

  describe('item 12: officer intake receivedAt is bounded', () => {
    const register = (receivedAt: string) =>
      t.request({
        method: 'POST',
        url: '/api/v1/complaints',
        headers: bearer(intake.token),
        payload: {
          categoryCode: 'street_lighting',
          subject: 'ไฟดับ',
          description: 'แจ้งทางโทรศัพท์',
          channel: 'phone',
          receivedAt,
        },
      });

    it.each([
      ['1900-01-01T09:00:00+07:00', 400],
      ['2025-04-09T09:00:00+07:00', 400],
      ['2025-04-11T09:00:00+07:00', 201],
      ['2026-02-30T09:00:00+07:00', 400],
    ])('receivedAt %s → %d, never written when refused', async (receivedAt, status) => {
      const count = async () => Number((await t.db.query(`SELECT count(*) AS n FROM complaints`))[0].n);
      const before = await count();
      const res = await register(receivedAt);
      expect(res.statusCode).toBe(status);
      if (status === 400) {
        expect(res.json().code).toBe('VALIDATION_FAILED');
        expect(res.json().details[0].field).toBe('receivedAt');
        expect(await count()).toBe(before);
      } else {
        expect(await count()).toBe(before + 1);
      }
    });
  });

  describe('item 12: impossible calendar dates are field errors', () => {
    it.each(['2026-02-30', '2025-02-29', '2026-04-31'])(
      'an integrity report with incidentDate %s is refused before the database',
      async (incidentDate) => {
        const before = Number((await t.db.query(`SELECT count(*) AS n FROM integrity_reports`))[0].n);
        const res = await t.request({
          method: 'POST',
          url: SUBMIT_URL,
          payload: { ...minimalReport(), incidentDate },
        });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: [{ field: 'incidentDate', rule: 'isCalendarDate' }],
        });
        expect(Number((await t.db.query(`SELECT count(*) AS n FROM integrity_reports`))[0].n)).toBe(before);
      },
    );

    it('a real leap day is accepted', async () => {
      const receipt = await submit(t, { ...minimalReport(), incidentDate: '2024-02-29' });
      expect(receipt).toMatch(/\d{4}/);
    });
  });
});
