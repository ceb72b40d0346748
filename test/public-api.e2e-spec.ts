import { DataSource } from 'typeorm';
import { ComplaintDeadlineHandler } from '../src/complaints/complaint-deadline.handler';
import { Clock } from '../src/common/clock/clock';
import { fiscalYearOf } from '../src/common/time/fiscal-year';
import { Role } from '../src/users/roles';
import { fileComplaint, lightingComplaint } from './helpers/complaints';
import { SUBMIT_URL, minimalReport } from './helpers/integrity';
import { createOfficer, Officer } from './helpers/officers';
import { bearer, createTestApp, TestApp } from './helpers/test-app';

const ORG = 'demo';

/** What the public site needs of the API (issue #16): answers, kinds, statistics, handbook, errors. */
describe('the public site API', () => {
  let t: TestApp;
  let admin: string;
  let intake: Officer;
  let officer: Officer;
  let supervisor: Officer;

  const act = (who: Officer, id: string, action: string, payload: object = {}) =>
    t.request({
      method: 'POST',
      url: `/api/v1/complaints/${id}/${action}`,
      headers: bearer(who.token),
      payload,
    });
  const answer = (code: string, payload: object, remoteAddress = '192.0.2.50') =>
    t.request({ method: 'POST', url: `/api/v1/track/${code}/answers`, payload, remoteAddress });
  const track = (code: string) => t.request({ method: 'GET', url: `/api/v1/track/${code}` });
  const setting = (on: boolean) =>
    t.db.query(`UPDATE organizations SET answer_resumes_clock = $1 WHERE slug = $2`, [on, ORG]);

  /** A complaint filed online, accepted, assigned to `officer`, started and asked for information. */
  async function awaitingInfo(): Promise<{ id: string; code: string }> {
    const { id, receipt } = await fileComplaint(t, lightingComplaint());
    expect((await act(intake, id, 'accept')).statusCode).toBe(200);
    const assigned = await act(intake, id, 'assign', { unitId: officer.unitId, assigneeId: officer.id });
    expect(assigned.statusCode).toBe(200);
    expect((await act(officer, id, 'start')).statusCode).toBe(200);
    const asked = await act(officer, id, 'request-info', { message: 'กรุณาแจ้งหมายเลขเสาไฟฟ้า' });
    expect(asked.statusCode).toBe(200);
    return { id, code: receipt.trackingCode };
  }
  const paused = async (id: string): Promise<boolean> =>
    (
      await t.db.query(`SELECT paused_since FROM case_deadlines WHERE track = 'complaint' AND case_id = $1`, [
        id,
      ])
    )[0].paused_since !== null;
  const answerMails = (id: string) =>
    t.db.query<{ recipient_email: string; params: { clockResumed: boolean } }[]>(
      `SELECT recipient_email, params FROM notification_outbox
        WHERE template = 'officer.complainant_answered' AND subject_id = $1`,
      [id],
    );

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    intake = await createOfficer(t, admin, [Role.Intake], 'chief_administrator_office');
    officer = await createOfficer(t, admin, [Role.Officer], 'engineering');
    supervisor = await createOfficer(t, admin, [Role.Supervisor]);
  });
  afterAll(() => t.close());

  describe('online answers to a request for information', () => {
    afterEach(() => setting(true));

    it('by default: stored in the history, shown as "you answered", officers told, the clock runs again', async () => {
      const { id, code } = await awaitingInfo();
      const before = (await track(code)).json();
      expect(before).toMatchObject({ status: 'awaiting_info', canAnswer: true });
      expect(await paused(id)).toBe(true);

      const res = await answer(code, { message: '  เสาไฟต้นที่ 12 หน้าบ้านเลขที่ 45  ' });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        status: 'in_progress',
        statusLabel: { th: 'อยู่ระหว่างดำเนินการ' },
        clockResumed: true,
      });
      expect(await paused(id)).toBe(false);

      const after = (await track(code)).json();
      expect(after).toMatchObject({ status: 'in_progress', canAnswer: false });
      const answered = after.timeline.find((e: { type: string }) => e.type === 'complainant_answer');
      expect(answered).toMatchObject({
        label: { th: 'ท่านได้ส่งข้อมูลเพิ่มเติมแล้ว', en: 'You answered' },
        message: 'เสาไฟต้นที่ 12 หน้าบ้านเลขที่ 45',
      });

      const detail = (
        await t.request({ method: 'GET', url: `/api/v1/complaints/${id}`, headers: bearer(officer.token) })
      ).json();
      const history = detail.history.map((e: { type: string; action: string | null }) => [e.type, e.action]);
      expect(history.slice(-2)).toEqual([
        ['complainant_answer', null],
        ['status_changed', 'resume'],
      ]);
      expect(await answerMails(id)).toEqual([
        { recipient_email: officer.email, params: expect.objectContaining({ clockResumed: true }) },
      ]);
      const [audit] = await t.db.query(
        `SELECT actor_user_id, after FROM audit_entries WHERE action = 'complaint.complainant_answer' AND entity_id = $1`,
        [id],
      );
      expect(audit).toEqual({ actor_user_id: null, after: { status: 'in_progress', clockResumed: true } });

      // nothing is awaited any more
      const again = await answer(code, { message: 'อีกครั้ง' });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('ANSWER_NOT_EXPECTED');
    });

    it('with answer_resumes_clock off: recorded and told, the case waits for an officer to resume it', async () => {
      await setting(false);
      const { id, code } = await awaitingInfo();
      const res = await answer(code, { message: 'หมายเลข 12' });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ status: 'awaiting_info', clockResumed: false });
      expect(await paused(id)).toBe(true);
      expect((await answerMails(id))[0].params.clockResumed).toBe(false);
      // may add to it while still awaited
      expect((await answer(code, { message: 'และเสาต้นที่ 13' })).statusCode).toBe(201);
      const timeline = (await track(code)).json().timeline as { type: string }[];
      expect(timeline.filter((e) => e.type === 'complainant_answer')).toHaveLength(2);
      expect((await act(officer, id, 'resume')).statusCode).toBe(200);
      expect(await paused(id)).toBe(false);
    });

    it('refuses what is not an answer: unknown code 404, empty or long message 400, no request 409', async () => {
      const unknown = await answer('AAAA-BBBB-CCCC', { message: 'x' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe('TRACKING_CODE_NOT_FOUND');
      const { receipt } = await fileComplaint(t, lightingComplaint());
      const empty = await answer(receipt.trackingCode, { message: '   ' });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().details).toEqual([
        expect.objectContaining({ field: 'message', rule: 'isNotEmpty', messageTh: 'ต้องระบุข้อมูลนี้' }),
      ]);
      expect((await answer(receipt.trackingCode, { message: 'ก'.repeat(5001) })).statusCode).toBe(400);
      expect((await answer(receipt.trackingCode, { message: 'x', extra: 1 })).statusCode).toBe(400);
      const early = await answer(receipt.trackingCode, { message: 'ยังไม่มีใครถาม' });
      expect(early.statusCode).toBe(409);
      expect(early.json().code).toBe('ANSWER_NOT_EXPECTED');
    });
  });

  describe('suggestions and compliments', () => {
    it('are filed online and by officers, tracked, listed by kind and counted apart from complaints', async () => {
      const fy = fiscalYearOf(t.app.get(Clock).now(), t.config.app.timeZone);
      const stats = async (url: string) => {
        const res = await t.request({ method: 'GET', url });
        expect(res.statusCode).toBe(200);
        return res.json();
      };
      const before = await stats(`/api/v1/orgs/${ORG}/statistics/complaints`);
      expect(before.period.fiscalYear).toBe(fy);
      const kinds = (s: { submissionsByKind: { code: string; received: number }[] }) =>
        Object.fromEntries(s.submissionsByKind.map((k) => [k.code, k.received]));
      const baseline = kinds(before);

      const suggestion = await fileComplaint(
        t,
        lightingComplaint({ kind: 'suggestion', subject: 'เสนอให้ติดไฟเพิ่มที่ลานกีฬา' }),
      );
      expect(suggestion.receipt.kind).toBe('suggestion');
      const compliment = await t.request({
        method: 'POST',
        url: '/api/v1/complaints',
        headers: bearer(intake.token),
        payload: {
          ...lightingComplaint({ kind: 'compliment', subject: 'ขอชมเจ้าหน้าที่กองช่าง' }),
          channel: 'walk_in',
          receivedAt: new Date().toISOString(),
        },
      });
      expect(compliment.statusCode).toBe(201);
      expect(compliment.json().kind).toBe('compliment');
      const complaint = await fileComplaint(t, lightingComplaint());
      expect(complaint.receipt.kind).toBe('complaint');

      const tracked = (await track(suggestion.receipt.trackingCode)).json();
      expect(tracked).toMatchObject({ kind: 'suggestion', kindLabel: { th: 'ข้อเสนอแนะ/ข้อคิดเห็น' } });

      const list = await t.request({
        method: 'GET',
        url: '/api/v1/complaints?kind=compliment',
        headers: bearer(supervisor.token),
      });
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((i: { kind: string }) => i.kind)).toEqual(['compliment']);
      const detail = await t.request({
        method: 'GET',
        url: `/api/v1/complaints/${suggestion.id}`,
        headers: bearer(supervisor.token),
      });
      expect(detail.json().kind).toBe('suggestion');

      // past the statistics cache's lifetime (fresh, then served stale while refreshing)
      const clock = t.app.get(Clock);
      clock.advance((2 * t.config.app.statisticsCacheSeconds + 1) * 1000);
      const after = await stats(`/api/v1/orgs/${ORG}/statistics/complaints?fiscalYear=${fy}`).finally(() =>
        clock.reset(),
      );
      expect(kinds(after)).toEqual({
        complaint: baseline.complaint + 1,
        suggestion: baseline.suggestion + 1,
        compliment: baseline.compliment + 1,
      });
      // the complaint figures count complaints only
      expect(after.figures.received).toBe(kinds(after).complaint);
      const national = await stats('/api/v1/statistics/complaints');
      expect(national.period.fiscalYear).toBe(fy);
      expect(kinds(national)).toEqual(kinds(after));
      expect(national.organizations.find((o: { slug: string }) => o.slug === ORG).received).toBe(
        kinds(after).complaint,
      );

      const bad = await t.request({
        method: 'POST',
        url: `/api/v1/orgs/${ORG}/complaints`,
        payload: lightingComplaint({ kind: 'praise' }),
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details[0]).toMatchObject({ field: 'kind', rule: 'isEnum' });
    });

    it('a missed answer date of a suggestion escalates nothing; the assignee is still reminded', async () => {
      const { id } = await fileComplaint(t, lightingComplaint({ kind: 'suggestion' }));
      const handler = t.app.get(ComplaintDeadlineHandler);
      const db = t.app.get(DataSource);
      const counts = () =>
        db.query<{ events: number; mails: number }[]>(
          `SELECT (SELECT count(*)::int FROM complaint_events WHERE complaint_id = $1 AND type = 'deadline_milestone') AS events,
                  (SELECT count(*)::int FROM notification_outbox WHERE subject_id = $1::text
                     AND template IN ('officer.overdue', 'complaint.overdue_notice', 'officer.reminder')) AS mails`,
          [id],
        );
      for (const milestone of ['due', 'very_overdue'] as const) {
        await db.transaction((tx) =>
          handler.onMilestone(tx, {
            track: 'complaint',
            caseId: id,
            organizationId: '',
            milestone,
            dueDate: '2026-01-01',
          } as never),
        );
      }
      expect(await counts()).toEqual([{ events: 0, mails: 0 }]);
      await db.transaction((tx) =>
        handler.onMilestone(tx, {
          track: 'complaint',
          caseId: id,
          organizationId: '',
          milestone: 'reminder',
          dueDate: '2026-01-01',
          workingDaysLeft: 2,
        } as never),
      );
      expect((await counts())[0].events).toBe(1);
    });
  });

  it('the annual report says plainly that it is not published yet, with where the live figures are', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/orgs/${ORG}/reports/annual?fiscalYear=2569` });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({
      code: 'ANNUAL_REPORT_NOT_PUBLISHED',
      details: {
        fiscalYear: 2569,
        published: false,
        liveFigures: { complaints: `/api/v1/orgs/${ORG}/statistics/complaints?fiscalYear=2569` },
      },
    });
    const figures = await t.request({ method: 'GET', url: res.json().details.liveFigures.complaints });
    expect(figures.statusCode).toBe(200);
  });

  it('the handbook data comes from the live settings', async () => {
    const get = async () => {
      const res = await t.request({ method: 'GET', url: `/api/v1/orgs/${ORG}/handbook` });
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    const h = await get();
    expect(h.complaints.titleTh).toMatch(/^คู่มือการจัดการเรื่องร้องเรียน\/ร้องทุกข์ /);
    expect(h.complaints.channels.map((c: { code: string }) => c.code)).toEqual(
      expect.arrayContaining(['web', 'walk_in', 'phone', 'letter', 'complaint_box']),
    );
    expect(h.complaints.deadline).toMatchObject({ mode: 'calendar', days: 15 });
    expect(h.complaints.deadline.textTh).toContain('15 วัน');
    expect(h.complaints.answerResumesClock).toBe(true);
    const engineering = h.complaints.units.find((u: { code: string }) => u.code === 'engineering');
    expect(engineering.categories.map((c: { code: string }) => c.code)).toEqual(
      expect.arrayContaining(['roads', 'street_lighting']),
    );
    expect(h.complaints.steps.length).toBeGreaterThanOrEqual(5);
    expect(h.integrityReports.responseDeadline.days).toBe(15);
    expect(h.integrityReports.conclusionDeadline.days).toBe(90);
    expect(h.integrityReports.handledBy).toEqual(
      expect.objectContaining({ role: 'integrity_officer', unit: null, officerNames: null }),
    );
    expect(JSON.stringify(h)).not.toContain(officer.email);
  });

  it("another organisation's settings give its own handbook (names only when it publishes them)", async () => {
    const [org] = await t.db.query(
      `INSERT INTO organizations (slug, name_th, settings) VALUES ('handbook-test', 'อบต.คู่มือ', $1) RETURNING id`,
      [
        {
          deadlines: { complaint: { mode: 'working_days', days: 10 } },
          contact: { phone: '045-123456', address: '  ' },
          handbook: { integrityUnitCode: 'office', publishIntegrityOfficerNames: true },
        },
      ],
    );
    await t.db.query(
      `INSERT INTO units (organization_id, code, name_th) VALUES ($1, 'office', 'สำนักปลัด'), ($1, 'closed', 'กองเดิม')`,
      [org.id],
    );
    await t.db.query(`UPDATE units SET is_active = false WHERE organization_id = $1 AND code = 'closed'`, [
      org.id,
    ]);
    await t.db.query(
      `INSERT INTO users (organization_id, email, display_name, password_hash, roles)
       VALUES ($1, 'io@handbook.test', 'นางสาวสุจริต ตรงไป', 'x', '{integrity_officer}'),
              ($1, 'clerk@handbook.test', 'นายธุรการ', 'x', '{intake}')`,
      [org.id],
    );
    const res = await t.request({ method: 'GET', url: '/api/v1/orgs/handbook-test/handbook' });
    expect(res.statusCode).toBe(200);
    const h = res.json();
    expect(h.organization).toMatchObject({
      nameTh: 'อบต.คู่มือ',
      contact: { phone: '045-123456', address: null },
    });
    expect(h.complaints.deadline).toMatchObject({ mode: 'working_days', days: 10 });
    expect(h.complaints.deadline.textTh).toContain('10 วันทำการ');
    expect(h.complaints.units.map((u: { code: string }) => u.code)).toEqual(['office']);
    expect(h.integrityReports.handledBy).toMatchObject({
      unit: { code: 'office', nameTh: 'สำนักปลัด' },
      officerNames: ['นางสาวสุจริต ตรงไป'],
    });
    expect(JSON.stringify(h)).not.toContain('io@handbook.test');
    const unknown = await t.request({ method: 'GET', url: '/api/v1/orgs/nowhere/handbook' });
    expect(unknown.statusCode).toBe(404);
  });

  it('public categories start on the neutral choice and say what each covers', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/orgs/${ORG}/categories` });
    const list = res.json() as { code: string; neutral: boolean; descriptionTh: string | null }[];
    expect(list[0]).toMatchObject({ code: 'other', neutral: true });
    expect(list.filter((c) => c.neutral)).toHaveLength(1);
    expect(list.find((c) => c.code === 'street_lighting')!.descriptionTh).toContain('ไฟถนนดับ');
    expect(list.slice(1).map((c) => c.code)).toEqual(
      expect.arrayContaining(['roads', 'street_lighting', 'staff_conduct']),
    );
  });

  describe('the error contract of the pages', () => {
    it.each([
      ['GET', '/api/v1/statistics'],
      ['GET', '/api/v1/nothing/here'],
      ['POST', `/api/v1/orgs/${ORG}/nothing`],
      ['GET', `/api/v1/orgs/${ORG}/handbook/extra`],
    ])('an unknown API route answers the JSON error body: %s %s', async (method, url) => {
      const res = await t.request({
        method: method as 'GET',
        url,
        ...(method === 'POST' ? { payload: {} } : {}),
      });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json()).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    });

    it.each([
      ['a Buddhist-era year converted as if Gregorian', '3112-11-15'],
      ['a Buddhist-era year typed as is', '2569-11-15'],
      ['before 1900', '1899-12-31'],
    ])('refuses an incident date that cannot be right: %s (%s)', async (_what, incidentDate) => {
      const res = await t.request({
        method: 'POST',
        url: SUBMIT_URL,
        payload: { ...minimalReport(), incidentDate },
        remoteAddress: '198.51.100.9',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().details).toEqual([
        expect.objectContaining({
          field: 'incidentDate',
          rule: 'plausibleIncidentDate',
          messageTh: expect.stringContaining('ไม่ใช่ พ.ศ.'),
          message: expect.stringContaining('not in the future'),
        }),
      ]);
    });
  });
});
