import { Clock } from '../src/common/clock/clock';
import { RECEIPT_THROTTLE } from '../src/integrity-reports/reporter-throttle.service';
import { Role } from '../src/users/roles';
import {
  createOfficer,
  officerApi,
  latestReportId,
  minimalReport,
  Officer,
  openSession,
  REPORTER_MESSAGES_URL,
  REPORTER_REPORT_URL,
  reporterView,
  SESSION_URL,
  submit,
  SUBMIT_URL,
} from './helpers/integrity';
import { bearer, createTestApp, TestApp } from './helpers/test-app';

const fullReport = {
  kind: 'complaint',
  allegationType: 'procurement_fraud',
  description: 'การจัดซื้อวัสดุก่อสร้างถนนสายบ้านหนองบัว ราคาสูงกว่าท้องตลาดเกือบสองเท่า และผู้ชนะเป็นญาติของเจ้าหน้าที่พัสดุ',
  accused: { name: 'นายสมมติ ตัวอย่าง', position: 'นักวิชาการพัสดุ', unit: 'กองคลัง' },
  incidentDate: '2026-03-15',
  incidentPeriod: 'มีนาคม 2569',
  place: 'สำนักงาน อบต.',
  evidence: { description: 'ใบเสนอราคาสามใบ', witnesses: 'ผู้รับเหมารายอื่น' },
  reporterRelation: 'contractor',
};

describe('integrity reports: the anonymous channel end to end', () => {
  let t: TestApp;
  let admin: string;
  let io1: Officer;
  let io2: Officer;

  beforeAll(async () => {
    t = await createTestApp({ INTEGRITY_SUBMISSIONS_PER_HOUR: '50' });
    admin = await t.login();
    io1 = await createOfficer(t, admin, [Role.IntegrityOfficer], 'ผู้รับผิดชอบ หนึ่ง');
    io2 = await createOfficer(t, admin, [Role.IntegrityOfficer], 'ผู้รับผิดชอบ สอง');
    // 10 April 2026, 00:30 in Bangkok (still 9 April in UTC)
    t.app.get(Clock).freeze(new Date('2026-04-09T17:30:00Z'));
  });
  afterAll(async () => {
    t.app.get(Clock).reset();
    await t.close();
  });

  it('submit → receipt → officer reads and replies → reporter reads and adds → conclusion visible', async () => {
    // 1. The reporter submits and gets only a receipt.
    const submitted = await t.request({ method: 'POST', url: SUBMIT_URL, payload: fullReport });
    expect(submitted.statusCode).toBe(201);
    expect(Object.keys(submitted.json())).toEqual(['receipt']);
    const receipt = submitted.json().receipt as string;
    expect(receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(submitted.headers['cache-control']).toBe('no-store');

    // 2. An integrity officer finds it in their list, numbered, dated to the day, without identity.
    const list = await t.request({
      method: 'GET',
      url: '/api/v1/integrity-reports',
      headers: bearer(io1.token),
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(1);
    const summary = list.json().items[0];
    expect(summary).toMatchObject({
      number: 'IR-2569-0001',
      kind: 'complaint',
      allegationType: 'procurement_fraud',
      status: 'received',
      receivedOn: '2026-04-10',
      // from the deadline engine: day 15 is Saturday 25 April, so the next working day
      firstResponseDueOn: '2026-04-27',
      firstResponseOn: null,
      responseDeadline: 'on_track',
      conclusionDueOn: '2026-07-09', // the decision: 90 days by default
      conclusionDeadline: 'on_track',
      identityProvided: false,
    });
    const id = summary.id as string;

    const detail = await officerApi(t, io1).get(`/${id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      description: fullReport.description,
      accused: fullReport.accused,
      evidence: fullReport.evidence,
      incidentDate: '2026-03-15',
      reporterRelation: 'contractor',
      allowedActions: ['start_screening'],
      messages: [],
    });
    // every read is audited: who and when
    const reads = await t.db.query(
      `SELECT actor_user_id FROM audit_entries WHERE action = 'integrity_report.read' AND entity_id = $1`,
      [id],
    );
    expect(reads).toEqual([{ actor_user_id: io1.id }]);

    // 3. The officer starts screening, writes to the reporter and adds an internal note.
    await transition(id, io1, { action: 'start_screening' }, 200);
    const reply = await officerApi(t, io1).post(`/${id}/messages`, { body: 'ได้รับเรื่องแล้ว ขอทราบเลขที่สัญญาด้วย' });
    expect(reply.statusCode).toBe(201);
    const note = await officerApi(t, io1).post(`/${id}/notes`, { body: 'ภายใน: ตรวจสอบกับกองช่างก่อน' });
    expect(note.statusCode).toBe(201);

    // 4. The reporter comes back with the receipt (typed without spaces), reads the reply, adds information.
    const token = await openSession(t, receipt.replace(/ /g, ''));
    expect(token).toMatch(/^irs_/);
    const seen = await reporterView(t, token);
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['cache-control']).toBe('no-store');
    expect(seen.json()).toEqual({
      kind: 'complaint',
      allegationType: 'procurement_fraud',
      status: 'screening',
      statusText: { th: 'เจ้าหน้าที่กำลังพิจารณาเรื่องเบื้องต้น', en: 'An integrity officer is assessing the report.' },
      outcome: null,
      referredTo: null,
      receivedOn: '2026-04-10',
      responseDueOn: null, // answered by the officer's message
      responseOverdue: false,
      decisionDueOn: '2026-07-09',
      canAddInformation: true,
      messages: [{ from: 'officer', body: 'ได้รับเรื่องแล้ว ขอทราบเลขที่สัญญาด้วย', on: '2026-04-10' }],
    });
    expect(seen.body).not.toContain('ภายใน'); // the internal note
    expect(seen.body).not.toContain('IR-2569'); // the officers' number
    expect(seen.body).not.toContain(io1.email);

    t.app.get(Clock).advance(2 * 86_400_000);
    const added = await t.request({
      method: 'POST',
      url: REPORTER_MESSAGES_URL,
      headers: bearer(token),
      payload: { body: 'สัญญาเลขที่ 12/2569' },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toEqual({ from: 'reporter', body: 'สัญญาเลขที่ 12/2569', on: '2026-04-12' });

    // 5. The officer sees the addition; history and notes are dated to the day, never to the second.
    const after = (await officerApi(t, io2).get(`/${id}`)).json();
    expect(after.messages.map((m: { from: string; officer: string | null }) => [m.from, m.officer])).toEqual([
      ['officer', 'ผู้รับผิดชอบ หนึ่ง'],
      ['reporter', null],
    ]);
    expect(after.notes).toEqual([
      expect.objectContaining({ body: 'ภายใน: ตรวจสอบกับกองช่างก่อน', officer: 'ผู้รับผิดชอบ หนึ่ง' }),
    ]);
    expect(after.firstResponseOn).toBe('2026-04-10');
    for (const dated of [...after.messages, ...after.notes, ...after.history]) {
      expect(dated.on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(JSON.stringify(after)).not.toMatch(/T\d{2}:\d{2}/);

    // 6. Fact-finding, then a substantiated conclusion: the reporter sees the outcome.
    await transition(
      id,
      io2,
      {
        action: 'open_fact_finding',
        factFinding: {
          orderNumber: 'คำสั่ง อบต. ที่ 45/2569',
          orderDate: '2026-04-12',
          committee: [{ name: 'นายหนึ่ง กรรมการ', position: 'ประธาน' }, { name: 'นางสอง กรรมการ' }],
        },
      },
      200,
    );
    await transition(
      id,
      io2,
      {
        action: 'conclude',
        conclusion: {
          outcome: 'substantiated',
          summary: 'พบการแบ่งซื้อแบ่งจ้าง',
          actionsTaken: [{ kind: 'disciplinary', description: 'ตั้งกรรมการสอบสวนวินัยร้ายแรง' }],
        },
      },
      200,
    );
    const concluded = (await reporterView(t, token)).json();
    expect(concluded.status).toBe('concluded');
    expect(concluded.outcome).toEqual({ th: 'มีมูล', en: 'Substantiated' });
    expect(JSON.stringify(concluded)).not.toContain('วินัย'); // the action taken stays with the officers
    expect(concluded).toMatchObject({ responseDueOn: null, responseOverdue: false, decisionDueOn: null });
    // both deadlines have their frozen outcome: answered on day 0, decided on day 2
    const listed = await t.request({
      method: 'GET',
      url: '/api/v1/integrity-reports',
      headers: bearer(io1.token),
    });
    expect(listed.json().items[0]).toMatchObject({ id, responseDeadline: 'met', conclusionDeadline: 'met' });

    await transition(id, io1, { action: 'close', closure: { note: 'แจ้งผลแล้ว' } }, 200);
    const closed = (await reporterView(t, token)).json();
    expect(closed).toMatchObject({
      status: 'closed',
      canAddInformation: false,
      outcome: { en: 'Substantiated' },
    });
    const late = await t.request({
      method: 'POST',
      url: REPORTER_MESSAGES_URL,
      headers: bearer(token),
      payload: { body: 'เพิ่มเติม' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('REPORT_CLOSED');

    // 7. The audit trail has every officer step, and nothing the reporter did or wrote.
    const audit = await t.db.query(
      `SELECT action, before, after FROM audit_entries WHERE entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'integrity_report.read',
      'integrity_report.start_screening',
      'integrity_report.message_reporter',
      'integrity_report.note',
      'integrity_report.read',
      'integrity_report.open_fact_finding',
      'integrity_report.conclude',
      'integrity_report.close',
    ]);
    const auditText = JSON.stringify(audit);
    for (const text of ['ขอทราบ', 'ภายใน', 'สัญญาเลขที่', 'วินัย', fullReport.description]) {
      expect(auditText).not.toContain(text);
    }
  });

  it('refers a report with agency, date and letter number; the reporter sees the agency', async () => {
    const receipt = await submit(t);
    const id = await latestReportId(t);
    await transition(id, io1, { action: 'start_screening' }, 200);
    await transition(
      id,
      io1,
      { action: 'refer', referral: { agency: 'nacc', referredOn: '2026-04-12' } },
      400,
    );
    await transition(
      id,
      io1,
      {
        action: 'refer',
        referral: { agency: 'nacc', referredOn: '2026-04-12', letterNumber: 'ที่ ชม 12345/678' },
      },
      200,
    );
    const token = await openSession(t, receipt);
    const view = (await reporterView(t, token)).json();
    expect(view.referredTo.th).toContain('ป.ป.ช.');
    expect(view.responseDueOn).toBeNull(); // the referral answered the reporter
    const [row] = await t.db.query(`SELECT referral_agency, workflow FROM integrity_reports WHERE id = $1`, [
      id,
    ]);
    expect(row.referral_agency).toBe('nacc');
    expect(row.workflow.referral.letterNumber).toBe('ที่ ชม 12345/678');
  });

  it.each([
    [
      'a step the status does not allow',
      { action: 'conclude', conclusion: { outcome: 'unsubstantiated' } },
      409,
      'TRANSITION_NOT_ALLOWED',
    ],
    ['an unknown action', { action: 'delete' }, 400, 'VALIDATION_FAILED'],
    ['a dismissal without its reason', { action: 'dismiss' }, 400, 'VALIDATION_FAILED'],
    [
      'details of another step',
      { action: 'dismiss', dismissal: { reason: 'นอกอำนาจหน้าที่' }, closure: {} },
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a referral to "other" without its name',
      { action: 'refer', referral: { agency: 'other', referredOn: '2026-04-12', letterNumber: '1' } },
      400,
      'VALIDATION_FAILED',
    ],
    [
      'an unknown agency',
      { action: 'refer', referral: { agency: 'fbi', referredOn: '2026-04-12', letterNumber: '1' } },
      400,
      'VALIDATION_FAILED',
    ],
  ])('rejects %s', async (_what, payload, status, code) => {
    await submit(t);
    const id = await latestReportId(t);
    await transition(id, io1, { action: 'start_screening' }, 200);
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/integrity-reports/${id}/transitions`,
      headers: bearer(io1.token),
      payload,
    });
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(code);
    if (code === 'TRANSITION_NOT_ALLOWED') {
      // the same shape as complaints': the status, the action asked for, what is open
      const details = res.json().details;
      expect(Object.keys(details).sort()).toEqual(['action', 'allowedActions', 'currentStatus']);
      expect(details.currentStatus).toBe('screening');
      expect(details.action).toBe('conclude');
      expect(details.allowedActions.length).toBeGreaterThan(0);
    }
  });

  it('requires the action taken for a substantiated conclusion', async () => {
    await submit(t);
    const id = await latestReportId(t);
    await transition(id, io1, { action: 'start_screening' }, 200);
    await transition(
      id,
      io1,
      {
        action: 'open_fact_finding',
        factFinding: { orderNumber: '1/2569', orderDate: '2026-04-12', committee: [{ name: 'ก' }] },
      },
      200,
    );
    const res = await transition(
      id,
      io1,
      { action: 'conclude', conclusion: { outcome: 'substantiated' } },
      400,
    );
    expect(res.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'conclusion.actionsTaken' })]),
    );
    await transition(id, io1, { action: 'conclude', conclusion: { outcome: 'insufficient_evidence' } }, 200);
  });

  it('validates the form with Thai and English messages, and limits every field', async () => {
    const res = await t.request({
      method: 'POST',
      url: SUBMIT_URL,
      payload: {
        kind: 'rumour',
        allegationType: 'bribery_extortion',
        description: 'x'.repeat(10_001),
        accused: { name: 'ก'.repeat(201) },
        place: 'p'.repeat(501),
        evidence: { witnesses: 'w'.repeat(2001) },
        identity: { nationalId: '1101700203451', email: 'not-mail' },
        incidentDate: '2026-13-01',
        ip: '1.2.3.4',
      },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.messageTh).toBe('ข้อมูลที่ส่งมาไม่ถูกต้อง');
    const fields = body.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(
      [
        'accused.name',
        'description',
        'evidence.witnesses',
        'identity.email',
        'identity.nationalId',
        'incidentDate',
        'ip',
        'kind',
        'place',
      ].sort(),
    );
    const description = body.details.find((d: { field: string }) => d.field === 'description');
    expect(description.message).toBe('ยาวได้ไม่เกิน 10000 ตัวอักษร / must be at most 10000 characters');
    expect(res.body).not.toContain('1101700203451'); // values are never echoed

    const unknown = await t.request({
      method: 'POST',
      url: SUBMIT_URL,
      payload: { ...minimalReport(), allegationType: 'x' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details[0]).toMatchObject({
      field: 'allegationType',
      rule: 'unknownAllegationType',
    });

    const noOrg = await t.request({
      method: 'POST',
      url: '/api/v1/orgs/nowhere/integrity-reports',
      payload: minimalReport(),
    });
    expect(noOrg.statusCode).toBe(404);
    expect(noOrg.json().code).toBe('ORGANIZATION_NOT_FOUND');
  });

  it('lists the allegation types for the public form', async () => {
    const res = await t.request({
      method: 'GET',
      url: '/api/v1/orgs/demo/integrity-reports/allegation-types',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().map((a: { code: string }) => a.code)).toEqual([
      'bribery_extortion',
      'procurement_fraud',
      'misuse_of_budget_or_property',
      'abuse_of_authority',
      'conflict_of_interest',
      'personnel_favouritism',
      'dereliction_of_duty',
      'other',
    ]);
  });

  it('numbers reports per organisation and fiscal year', async () => {
    const before: { number: string }[] = await t.db.query(
      `SELECT number FROM integrity_reports WHERE fiscal_year = 2569 ORDER BY number`,
    );
    expect(before.map((r) => r.number)).toEqual(
      before.map((_, i) => `IR-2569-${String(i + 1).padStart(4, '0')}`),
    );
    t.app.get(Clock).freeze(new Date('2026-09-30T17:00:00Z')); // 1 October 2026 in Bangkok: FY 2570
    await submit(t);
    const [row] = await t.db.query(
      `SELECT number, received_on::text FROM integrity_reports WHERE fiscal_year = 2570`,
    );
    expect(row).toEqual({ number: 'IR-2570-0001', received_on: '2026-10-01' });
    t.app.get(Clock).freeze(new Date('2026-04-12T03:00:00Z'));
  });

  it('reporter sessions end on request and are refused afterwards', async () => {
    const token = await openSession(t, await submit(t));
    const out = await t.request({
      method: 'DELETE',
      url: '/api/v1/integrity-reports/session',
      headers: bearer(token),
    });
    expect(out.statusCode).toBe(204);
    const res = await reporterView(t, token);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({
      code: 'REPORTER_SESSION_INVALID',
      messageTh: expect.stringMatching(/รหัสรับเรื่อง/),
    });
  });

  it('a reporter token opens no officer route, and an officer token no reporter route', async () => {
    const token = await openSession(t, await submit(t));
    const id = await latestReportId(t);
    const asOfficer = await t.request({
      method: 'GET',
      url: `/api/v1/integrity-reports/${id}`,
      headers: bearer(token),
    });
    expect(asOfficer.statusCode).toBe(401);
    const list = await t.request({ method: 'GET', url: '/api/v1/integrity-reports', headers: bearer(token) });
    expect(list.statusCode).toBe(401);
    const asReporter = await t.request({
      method: 'GET',
      url: REPORTER_REPORT_URL,
      headers: bearer(io1.token),
    });
    expect(asReporter.statusCode).toBe(401);
    expect(asReporter.json().code).toBe('REPORTER_SESSION_INVALID');
  });

  describe('wrong receipts', () => {
    it('answer 401 in Thai and English, and are throttled per client without storing the address', async () => {
      const receipt = await submit(t);
      const client = '192.0.2.99';
      const wrong = receipt.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
      for (let i = 0; i < RECEIPT_THROTTLE.maxFailures; i++) {
        const res = await t.request({
          method: 'POST',
          url: SESSION_URL,
          payload: { receipt: wrong },
          remoteAddress: client,
        });
        expect(res.statusCode).toBe(401);
        expect(res.json()).toMatchObject({
          code: 'INVALID_RECEIPT',
          messageTh: expect.stringMatching(/รหัสรับเรื่อง/),
        });
      }
      // further wrong ones are refused with a time to retry (and answered more slowly) ...
      const limited = await t.request({
        method: 'POST',
        url: SESSION_URL,
        payload: { receipt: wrong },
        remoteAddress: client,
      });
      expect(limited.statusCode).toBe(429);
      expect(limited.json().code).toBe('RECEIPT_ATTEMPTS_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(RECEIPT_THROTTLE.windowSeconds);
      // ... but the right receipt still opens its report from the same network (issue 12, item 9)
      const right = await t.request({
        method: 'POST',
        url: SESSION_URL,
        payload: { receipt },
        remoteAddress: client,
      });
      expect(right.statusCode).toBe(200);
      // a right receipt does not reset the count of wrong ones
      const stillLimited = await t.request({
        method: 'POST',
        url: SESSION_URL,
        payload: { receipt: wrong },
        remoteAddress: client,
      });
      expect(stillLimited.statusCode).toBe(429);
    });

    it('in the wrong format are a validation error that does not echo them', async () => {
      const res = await t.request({ method: 'POST', url: SESSION_URL, payload: { receipt: '1234 5678' } });
      expect(res.statusCode).toBe(400);
      expect(res.body).not.toContain('1234 5678');
    });

    it('of another organisation do not open this one', async () => {
      const receipt = await submit(t);
      await t.db.query(`INSERT INTO organizations (slug, name_th) VALUES ('other-org', 'อบต. อื่น')`);
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/orgs/other-org/integrity-reports/session',
        payload: { receipt },
        remoteAddress: '192.0.2.150',
      });
      expect(res.statusCode).toBe(401);
    });
  });

  it('caps submissions per client per hour', async () => {
    const capped = await createTestApp({ INTEGRITY_SUBMISSIONS_PER_HOUR: '2' });
    try {
      await createOfficer(capped, await capped.login(), [Role.IntegrityOfficer]);
      const send = (remoteAddress: string) =>
        capped.request({ method: 'POST', url: SUBMIT_URL, payload: minimalReport(), remoteAddress });
      expect((await send('203.0.113.5')).statusCode).toBe(201);
      expect((await send('203.0.113.5')).statusCode).toBe(201);
      const third = await send('203.0.113.5');
      expect(third.statusCode).toBe(429);
      expect(third.json()).toMatchObject({ code: 'SUBMISSION_LIMIT_REACHED', messageTh: expect.any(String) });
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      expect((await send('203.0.113.6')).statusCode).toBe(201);
      const [{ count }] = await capped.db.query(`SELECT count(*)::int AS count FROM integrity_reports`);
      expect(count).toBe(3);
    } finally {
      await capped.close();
    }
  });

  async function transition(id: string, officer: Officer, payload: object, status: number) {
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/integrity-reports/${id}/transitions`,
      headers: bearer(officer.token),
      payload,
    });
    if (res.statusCode !== status)
      throw new Error(`transition ${JSON.stringify(payload)}: ${res.statusCode} ${res.body}`);
    return res.json();
  }
});
