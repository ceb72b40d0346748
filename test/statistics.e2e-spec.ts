import { fiscalYearOf } from '../src/common/time/fiscal-year';
import { Clock } from '../src/common/clock/clock';
import { ComplaintStatus } from '../src/complaints/complaint-workflow';
import { DeadlineMilestonesService } from '../src/deadlines/deadline-milestones.service';
import { CaseFacts, headlineFigures, histogramOf, measureCases } from '../src/statistics/complaint-figures';
import { OPEN_DATA_COLUMNS } from '../src/statistics/open-data.service';
import { Role } from '../src/users/roles';
import { createOfficer, Officer } from './helpers/officers';
import { bearer, createTestApp, TestApp } from './helpers/test-app';

const ORG = 'demo';
const STATS = `/api/v1/orgs/${ORG}/statistics/complaints`;
const INTEGRITY_STATS = `/api/v1/orgs/${ORG}/statistics/integrity-reports`;
const bangkok = (local: string) => new Date(`${local}+07:00`);
const PERSONAL = ['สมศรี ใจงาม', '0812345678', 'somsri@example.com', 'หน้าโรงเรียนบ้านหนองบัว', 'ไฟถนนดับมาสามคืน'];

const complaint = (categoryCode: string, over: Record<string, unknown> = {}) => ({
  categoryCode,
  subject: 'ไฟฟ้าส่องสว่างดับหน้าโรงเรียน',
  description: 'ไฟถนนดับมาสามคืนแล้ว เด็กนักเรียนเดินกลับบ้านลำบาก',
  location: { address: 'หน้าโรงเรียนบ้านหนองบัว', village: 'หมู่ 3', lat: 15.2287, lng: 104.8564 },
  complainant: {
    name: 'สมศรี ใจงาม',
    phone: '081-234-5678',
    email: 'somsri@example.com',
    consentToContact: true,
  },
  ...over,
});

describe('public statistics, open data and the annual report', () => {
  let t: TestApp;
  let clock: Clock;
  let admin: string;
  let intake: Officer;
  let supervisor: Officer;
  let executive: Officer;
  let officer: Officer;
  let io: Officer;
  let engineering: string;
  const cases: Record<string, { id: string; referenceNo: string; trackingCode?: string; dueDate: string }> =
    {};
  let remote = 0;

  const get = (url: string) => t.request({ method: 'GET', url });
  const stats = async (query: string) => {
    const res = await get(`${STATS}?${query}`);
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const act = async (who: Officer, name: string, action: string, payload: object = {}, status = 200) => {
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/complaints/${cases[name].id}/${action}`,
      headers: bearer(who.token),
      payload,
    });
    if (res.statusCode !== status) throw new Error(`${action} ${name}: ${res.statusCode} ${res.body}`);
  };
  const fileOnline = async (name: string, categoryCode: string) => {
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/orgs/${ORG}/complaints`,
      payload: complaint(categoryCode),
      remoteAddress: `198.51.100.${++remote}`,
    });
    expect(res.statusCode).toBe(201);
    const [{ id }] = await t.db.query(`SELECT id FROM complaints WHERE reference_no = $1`, [
      res.json().referenceNo,
    ]);
    cases[name] = { ...res.json(), id };
  };
  const register = async (name: string, categoryCode: string, channel: string, receivedAt: string) => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: bearer(intake.token),
      payload: { ...complaint(categoryCode), channel, receivedAt: `${receivedAt}+07:00` },
    });
    expect(res.statusCode).toBe(201);
    cases[name] = res.json();
  };
  const feedback = async (name: string, rating: number) => {
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/track/${cases[name].trackingCode}/feedback`,
      payload: { rating },
      remoteAddress: `198.51.100.${++remote}`,
    });
    expect(res.statusCode).toBe(204);
  };

  beforeAll(async () => {
    // no cache: every read computes (the cache has its own unit test); no worker: the sweeper is driven here
    t = await createTestApp({
      STATISTICS_CACHE_SECONDS: '0',
      APP_ROLE: 'api',
      INTEGRITY_SUBMISSIONS_PER_HOUR: '50',
      // every open-data row in full (the small-cell rule has its own test: privacy-open-data)
      OPEN_DATA_MIN_CELL: '1',
      // every percentage however small the sample (the minimum-sample rule has its own test: organisations)
      STATISTICS_MIN_SAMPLE: '1',
    });
    clock = t.app.get(Clock);
    admin = await t.login();
    intake = await createOfficer(t, admin, [Role.Intake], 'chief_administrator_office');
    supervisor = await createOfficer(t, admin, [Role.Supervisor]);
    executive = await createOfficer(t, admin, [Role.Executive]);
    officer = await createOfficer(t, admin, [Role.Officer], 'engineering');
    io = await createOfficer(t, admin, [Role.IntegrityOfficer]);
    engineering = officer.unitId!;
  });
  afterAll(async () => {
    clock.reset();
    await t.close();
  });

  it('validates the period and the organisation', async () => {
    // without a fiscal year: the current one (Bangkok)
    const current = await get(`${STATS}`);
    expect(current.statusCode).toBe(200);
    expect(current.json().period.fiscalYear).toBe(fiscalYearOf(clock.now(), 'Asia/Bangkok'));
    expect((await get(`${STATS}?fiscalYear=2499`)).json().code).toBe('VALIDATION_FAILED');
    const both = await get(`${STATS}?fiscalYear=2569&quarter=1&month=2025-10`);
    expect(both.statusCode).toBe(400);
    expect(both.json().details[0]).toMatchObject({ field: 'month', rule: 'oneOf' });
    const outside = await get(`${STATS}?fiscalYear=2569&month=2026-10`);
    expect(outside.json().details[0]).toMatchObject({ field: 'month', rule: 'inFiscalYear' });
    expect((await get(`${STATS}?fiscalYear=2569&quarter=5`)).statusCode).toBe(400);
    const unknown = await get(`/api/v1/orgs/nowhere/statistics/complaints?fiscalYear=2569`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('ORGANIZATION_NOT_FOUND');
  });

  it('files cases through the API, drives them to results, explanations and missed deadlines, reads the figures back', async () => {
    // Monday 1 June 2026, 09:00 Bangkok
    clock.freeze(bangkok('2026-06-01T09:00:00'));
    await fileOnline('A', 'street_lighting');
    await register('B', 'roads', 'phone', '2026-05-20T09:00:00');
    await register('C', 'roads', 'letter', '2026-05-01T09:00:00');
    await fileOnline('D', 'street_lighting');
    await fileOnline('E', 'street_lighting');
    expect(cases.B.dueDate).toBe('2026-06-04');
    expect(cases.C.dueDate < '2026-06-01').toBe(true);

    // the sweeper marks C overdue
    await t.app.get(DeadlineMilestonesService).sweep();
    let s = await stats('fiscalYear=2569');
    expect(s.figures).toMatchObject({ received: 5, open: 5, closed: 0 });
    expect(s.figures.deadline).toMatchObject({
      openPastDeadline: 1,
      due: 1,
      compliant: 0,
      compliancePercent: 0,
    });

    // A: resolved the same day; E: not accepted; B: explained (extended) before its due date
    await act(supervisor, 'A', 'assign', { unitId: engineering });
    await act(supervisor, 'A', 'resolve', { message: 'เปลี่ยนหลอดไฟแล้ว' });
    await act(intake, 'E', 'reject', { message: 'ซ้ำซ้อนกับงานของการไฟฟ้า', reasonCode: 'outside_remit' });
    const extended = await t.request({
      method: 'POST',
      url: `/api/v1/complaints/${cases.B.id}/extend-deadline`,
      headers: bearer(supervisor.token),
      payload: { newDueDate: '2026-06-12', reason: 'รอผู้รับจ้างซ่อมถนน' },
    });
    expect(extended.statusCode).toBe(204);

    // 10 June: B by its extended date (met by explanation), C late (missed); A reopened and resolved again
    clock.freeze(bangkok('2026-06-10T10:00:00'));
    for (const name of ['B', 'C']) {
      await act(supervisor, name, 'assign', { unitId: engineering });
      await act(supervisor, name, 'resolve', { message: 'ซ่อมถนนแล้ว' });
    }
    await act(supervisor, 'A', 'reopen', { reason: 'ไฟดับอีก' });
    await act(supervisor, 'A', 'resolve', { message: 'เปลี่ยนสายไฟแล้ว' });
    await feedback('A', 5);
    await feedback('B', 3);

    // 1 July: D is open past its deadline
    clock.freeze(bangkok('2026-07-01T10:00:00'));
    s = await stats('fiscalYear=2569');
    expect(s.period).toMatchObject({
      fiscalYear: 2569,
      firstDay: '2025-10-01',
      lastDay: '2026-09-30',
      timeZone: 'Asia/Bangkok',
      from: '2025-09-30T17:00:00.000Z',
      toExclusive: '2026-09-30T17:00:00.000Z',
    });
    expect(s.period.label.th).toContain('ปีงบประมาณ 2569');
    expect(s.figures).toEqual({
      received: 5,
      open: 1,
      closed: 4,
      byStatusGroup: { inProgress: 1, resolved: 3, rejected: 1, referred: 0, duplicate: 0 },
      deadline: {
        withResult: 4,
        met: 2, // A, E
        metByExplanation: 1, // B
        missed: 1, // C
        openPastDeadline: 1, // D
        due: 5,
        compliant: 3,
        compliancePercent: 60,
      },
      daysToResult: { cases: 4, median: 10.5, mean: 15.3 }, // A 0, E 0, B 21, C 40
      reopened: 1,
      satisfaction: {
        responses: 2,
        meanRating: 4,
        satisfied: 1,
        satisfiedPercent: 50,
        targetPercent: 80,
        meetsTarget: false,
      },
    });
    const cell = (list: { code: string; received: number }[], code: string) =>
      list.find((c) => c.code === code);
    expect(cell(s.breakdowns.byCategory, 'street_lighting')).toMatchObject({ received: 3, open: 1, met: 2 });
    expect(cell(s.breakdowns.byCategory, 'roads')).toMatchObject({
      received: 2,
      metByExplanation: 1,
      missed: 1,
      compliancePercent: 50,
      meanDaysToResult: 30.5,
    });
    expect(cell(s.breakdowns.byCategory, 'roads')).toMatchObject({ nameTh: expect.any(String) });
    expect(cell(s.breakdowns.byChannel, 'web')).toMatchObject({ received: 3, nameTh: 'เว็บไซต์' });
    expect(cell(s.breakdowns.byChannel, 'phone')!.received).toBe(1);
    expect(cell(s.breakdowns.byChannel, 'letter')!.received).toBe(1);
    expect(cell(s.breakdowns.byUnit, 'engineering')!.received).toBeGreaterThanOrEqual(3);
    expect(s.breakdowns.byUnit.reduce((n: number, c: { received: number }) => n + c.received, 0)).toBe(5);
    expect(s.breakdowns.byMonth.map((m: { code: string }) => m.code)).toHaveLength(12);
    expect(cell(s.breakdowns.byMonth, '2026-05')!.received).toBe(2);
    expect(cell(s.breakdowns.byMonth, '2026-06')!.received).toBe(3);
    for (const key of [
      'received',
      'deadline.compliancePercent',
      'deadline.due',
      'satisfaction.satisfiedPercent',
    ]) {
      expect(s.definitions[key]).toEqual({ th: expect.any(String), en: expect.any(String) });
    }

    // the same figures from the case history by the reference implementation
    const facts = await t.db.query(
      `SELECT c.status, to_char(c.received_at AT TIME ZONE 'Asia/Bangkok', 'YYYY-MM-DD') AS received_date,
         to_char(d.result_at AT TIME ZONE 'Asia/Bangkok', 'YYYY-MM-DD') AS result_date, c.reopen_count, c.rating,
         d.outcome, d.result_at, d.overdue_since, d.paused_since, to_char(d.current_due_date, 'YYYY-MM-DD') AS due
       FROM complaints c JOIN case_deadlines d ON d.track = 'complaint' AND d.case_id = c.id`,
    );
    const reference: CaseFacts[] = facts.map((r: Record<string, never>) => ({
      status: r.status as ComplaintStatus,
      receivedDate: r.received_date,
      resultDate: r.result_date,
      reopenCount: r.reopen_count,
      rating: r.rating,
      deadline: {
        outcome: r.outcome,
        resultAt: r.result_at,
        overdueSince: r.overdue_since,
        pausedSince: r.paused_since,
        currentDueDate: r.due,
      },
    }));
    expect(headlineFigures(measureCases(reference, '2026-07-01'), histogramOf(reference), 1)).toEqual(
      s.figures,
    );

    // narrower periods: Q3 (April-June) holds all five, May two, Q1 none
    expect((await stats('fiscalYear=2569&quarter=3')).figures.received).toBe(5);
    expect((await stats('fiscalYear=2569&month=2026-05')).figures.received).toBe(2);
    const q1 = await stats('fiscalYear=2569&quarter=1');
    expect(q1.figures.received).toBe(0);
    expect(q1.figures.deadline.compliancePercent).toBeNull();
    expect(q1.period).toMatchObject({ firstDay: '2025-10-01', lastDay: '2025-12-31' });

    // one row per organisation
    const national = await get(`/api/v1/statistics/complaints?fiscalYear=2569`);
    expect(national.statusCode).toBe(200);
    expect(national.json().organizations).toEqual([
      expect.objectContaining({
        slug: ORG,
        received: 5,
        due: 5,
        compliancePercent: 60,
        satisfiedPercent: 50,
      }),
    ]);
  });

  it('CSV: UTF-8 with a byte-order mark, Thai and English headers, an attachment', async () => {
    const res = await get(`${STATS}?fiscalYear=2569&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="complaints-demo-2569.csv"');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('ส่วน (section),รหัส (code),รายการ (item),item,ตัวชี้วัด (figure),ค่า (value)');
    expect(lines).toContain('ภาพรวม (total),demo,องค์การบริหารส่วนตำบลทดสอบ,,deadline.compliancePercent,60');
    expect(lines.some((l) => l.startsWith('ประเภทเรื่อง (category),roads,') && l.endsWith(',received,2'))).toBe(
      true,
    );
    const national = await get(`/api/v1/statistics/complaints?fiscalYear=2569&format=csv`);
    expect(national.rawPayload.subarray(0, 3).toString('hex')).toBe('efbbbf');
    expect(national.body).toContain('ร้อยละตามหลัก 15 วัน (compliance %)');
  });

  it('open data streams every complaint of the year without personal data (CSV and JSON lines)', async () => {
    const csv = await get(`/api/v1/orgs/${ORG}/open-data/complaints?fiscalYear=2569`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain('attachment');
    expect(csv.rawPayload.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toContain('เลขที่เรื่อง (reference number)');
    const jsonl = await get(`/api/v1/orgs/${ORG}/open-data/complaints?fiscalYear=2569&format=jsonl`);
    expect(jsonl.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const rows = jsonl.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(Object.keys(row)).toEqual(OPEN_DATA_COLUMNS.map(([k]) => k));
    expect(rows.map((r) => r.reference_no).sort()).toEqual(
      Object.values(cases)
        .map((c) => c.referenceNo)
        .sort(),
    );
    const b = rows.find((r) => r.reference_no === cases.B.referenceNo);
    expect(b).toEqual({
      reference_no: cases.B.referenceNo,
      category_code: 'roads',
      channel: 'phone',
      unit_code: 'engineering',
      received_date: '2026-05-20',
      due_date: '2026-06-12',
      result_date: '2026-06-10',
      status: 'resolved',
      deadline_outcome: 'met_by_explanation',
      rating: 3,
      latitude: 15.23,
      longitude: 104.86,
    });
    for (const text of [
      ...PERSONAL,
      'หมู่ 3',
      '15.2287',
      '104.8564',
      ...Object.values(cases).map((c) => c.id),
    ]) {
      expect(csv.body).not.toContain(text);
      expect(jsonl.body).not.toContain(text);
    }
    expect(
      (await get(`/api/v1/orgs/${ORG}/open-data/complaints?fiscalYear=2569&format=xml`)).statusCode,
    ).toBe(400);
  });

  it('fiscal-year and quarter boundaries: 30 September 23:59 and 1 October 00:00 Bangkok', async () => {
    clock.freeze(bangkok('2026-10-01T08:00:00'));
    await register('F', 'other', 'walk_in', '2026-09-30T23:59:00');
    await register('G', 'other', 'walk_in', '2026-10-01T00:00:00');
    expect((await stats('fiscalYear=2569')).figures.received).toBe(6);
    expect((await stats('fiscalYear=2569&quarter=4')).figures.received).toBe(1);
    expect((await stats('fiscalYear=2569&month=2026-09')).figures.received).toBe(1);
    expect((await stats('fiscalYear=2570')).figures.received).toBe(1);
    expect((await stats('fiscalYear=2570&quarter=1')).figures.received).toBe(1);
    expect((await stats('fiscalYear=2570&month=2026-10')).figures.received).toBe(1);
    // the frozen outcomes keep last year's deadline figures as they were
    const s = await stats('fiscalYear=2569');
    expect(s.figures.deadline).toMatchObject({ met: 2, metByExplanation: 1, missed: 1 });
  });

  describe('integrity reports', () => {
    const submitReport = async (kind: string, allegationType: string) => {
      const res = await t.request({
        method: 'POST',
        url: `/api/v1/orgs/${ORG}/integrity-reports`,
        payload: { kind, allegationType, description: 'ผู้รับเหมาจ่ายใต้โต๊ะให้กรรมการตรวจรับงานสะพาน' },
        remoteAddress: `203.0.113.${++remote}`,
      });
      expect(res.statusCode).toBe(201);
      const [{ id }] = await t.db.query(`SELECT id FROM integrity_reports ORDER BY number DESC LIMIT 1`);
      return id as string;
    };
    const transition = async (id: string, payload: object) => {
      const res = await t.request({
        method: 'POST',
        url: `/api/v1/integrity-reports/${id}/transitions`,
        headers: bearer(io.token),
        payload,
      });
      if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
    };

    it('totals exact, complaints and tip-offs apart, every small cell "<3" and the next smallest hidden', async () => {
      clock.freeze(bangkok('2026-06-01T10:00:00'));
      const ids: string[] = [];
      const plan: [string, string][] = [
        ['tip', 'bribery_extortion'],
        ['complaint', 'procurement_fraud'],
        ['complaint', 'procurement_fraud'],
        ['complaint', 'procurement_fraud'],
        ['complaint', 'procurement_fraud'],
        ['complaint', 'procurement_fraud'],
        ['tip', 'procurement_fraud'],
        ['tip', 'bribery_extortion'],
        ['complaint', 'bribery_extortion'],
        ['complaint', 'abuse_of_authority'],
      ];
      for (const [kind, type] of plan) ids.push(await submitReport(kind, type));
      for (const id of ids.slice(0, 4)) await transition(id, { action: 'start_screening' });
      await transition(ids[0], { action: 'dismiss', dismissal: { reason: 'ไม่อยู่ในอำนาจหน้าที่' } });
      await transition(ids[1], {
        action: 'refer',
        referral: { agency: 'nacc', referredOn: '2026-06-01', letterNumber: 'ที่ ชย 0001/123' },
      });
      await transition(ids[2], {
        action: 'open_fact_finding',
        factFinding: {
          orderNumber: 'คำสั่งที่ 1/2569',
          orderDate: '2026-06-01',
          committee: [{ name: 'นายหนึ่ง' }],
        },
      });
      await transition(ids[2], {
        action: 'conclude',
        conclusion: {
          outcome: 'substantiated',
          actionsTaken: [{ kind: 'disciplinary', description: 'สอบสวนวินัย' }],
        },
      });

      // integrity figures count whole past days only: the reports of 1 June appear on 2 June
      expect((await get(`${INTEGRITY_STATS}?fiscalYear=2569`)).json().figures.received).toBe(0);
      clock.freeze(bangkok('2026-06-02T00:00:00'));
      const res = await get(`${INTEGRITY_STATS}?fiscalYear=2569`);
      expect(res.statusCode).toBe(200);
      expect(res.json().countedThrough).toBe('2026-06-01');
      const f = res.json().figures;
      expect(f).toMatchObject({ received: 10, completed: 3, inProgress: 7 });
      const values = (cells: { code: string; value: unknown }[]) =>
        Object.fromEntries(cells.map((c) => [c.code, c.value]));
      expect(values(f.byKind)).toEqual({ complaint: 7, tip: 3 });
      expect(values(f.byAllegationType)).toEqual({
        procurement_fraud: 6,
        bribery_extortion: 'x', // 3, hidden: otherwise 10 − 6 − 3 reveals the single abuse_of_authority report
        abuse_of_authority: '<3',
        misuse_of_budget_or_property: '<3',
        conflict_of_interest: '<3',
        personnel_favouritism: '<3',
        dereliction_of_duty: '<3',
        other: '<3',
      });
      expect(values(f.byOutcome)).toEqual({
        substantiated: '<3',
        unsubstantiated: '<3',
        insufficient_evidence: '<3',
        referred: '<3',
        not_admissible: '<3',
      });
      expect(res.json().definitions.suppression.th).toContain('<3');
      // nothing of any single report: no numbers, ids or texts
      for (const text of [...ids, 'IR-2569', 'ใต้โต๊ะ', 'ไม่อยู่ในอำนาจ', 'ชย 0001']) {
        expect(res.body).not.toContain(text);
      }
      const csv = await get(`${INTEGRITY_STATS}?fiscalYear=2569&format=csv`);
      expect(csv.rawPayload.subarray(0, 3).toString('hex')).toBe('efbbbf');
      expect(csv.body).toContain('ลักษณะการกระทำ (allegation type),abuse_of_authority,');
      expect(csv.body).toContain(',value,<3\r\n');
      // and nothing of them in the general complaints' open data
      const open = await get(`/api/v1/orgs/${ORG}/open-data/complaints?fiscalYear=2569&format=jsonl`);
      expect(open.body).not.toContain('IR-2569');
      expect(open.body.trim().split('\n')).toHaveLength(6);
    });
  });

  describe('annual report', () => {
    const URL = '/api/v1/reports/annual/2569';
    const PUBLIC = `/api/v1/orgs/${ORG}/reports/annual?fiscalYear=2569`;
    const narrative = {
      problems: 'ไฟฟ้าสาธารณะดับบ่อยในหมู่ 3 และถนนชำรุดหลังฤดูฝน',
      obstacles: 'งบประมาณซ่อมบำรุงจำกัด',
      solutions: 'ทำสัญญาซ่อมบำรุงรายปี',
      preventiveActions: 'ตรวจไฟฟ้าสาธารณะทุกเดือน',
    };

    it('supervisors write, supervisors or executives publish (audited), the public reads JSON and HTML; 404 before', async () => {
      clock.freeze(bangkok('2026-10-15T10:00:00'));
      const before = await get(PUBLIC);
      expect(before.statusCode).toBe(404);
      expect(before.json()).toMatchObject({
        code: 'ANNUAL_REPORT_NOT_PUBLISHED',
        details: { fiscalYear: 2569 },
      });
      const write = (who: Officer, body: object = narrative) =>
        t.request({ method: 'PUT', url: URL, headers: bearer(who.token), payload: body });
      const publish = (who: Officer) =>
        t.request({ method: 'POST', url: `${URL}/publish`, headers: bearer(who.token) });

      expect((await write(intake)).statusCode).toBe(403);
      expect((await write(executive)).statusCode).toBe(403);
      expect((await publish(supervisor)).statusCode).toBe(404); // nothing written yet
      const missing = await write(supervisor, { ...narrative, obstacles: '  ' });
      expect(missing.statusCode).toBe(400);
      expect(
        (
          await t.request({
            method: 'PUT',
            url: `/api/v1/reports/annual/12`,
            headers: bearer(supervisor.token),
            payload: narrative,
          })
        ).statusCode,
      ).toBe(400);
      const written = await write(supervisor);
      expect(written.statusCode).toBe(200);
      expect(written.json()).toMatchObject({ fiscalYear: 2569, narrative, publishedAt: null });
      expect((await get(PUBLIC)).statusCode).toBe(404); // written, not published

      expect((await publish(officer)).statusCode).toBe(403);
      expect((await publish(intake)).statusCode).toBe(403);
      const published = await publish(executive);
      expect(published.statusCode).toBe(200);
      expect(published.json().publishedAt).toBe(bangkok('2026-10-15T10:00:00').toISOString());
      const audit = await t.db.query(
        `SELECT action, actor_user_id FROM audit_entries WHERE entity_type = 'annual_report' ORDER BY created_at, action`,
      );
      expect(audit).toEqual([
        { action: 'annual_report.write', actor_user_id: supervisor.id },
        { action: 'annual_report.publish', actor_user_id: executive.id },
      ]);

      // a later edit stays a draft until published again
      expect((await write(supervisor, { ...narrative, problems: 'ร่างใหม่ยังไม่เผยแพร่' })).statusCode).toBe(200);
      const json = await get(PUBLIC);
      expect(json.statusCode).toBe(200);
      const report = json.json();
      expect(report).toMatchObject({
        fiscalYear: 2569,
        titleTh: 'รายงานสรุปผลการดำเนินการเรื่องร้องเรียน ประจำปีงบประมาณ 2569',
        narrative,
      });
      expect(report.complaints.figures).toMatchObject({ received: 6 });
      expect(report.complaints.figures.deadline).toMatchObject({ met: 2, metByExplanation: 1, missed: 1 });
      expect(report.integrityReports.figures).toMatchObject({ received: 10, completed: 3, inProgress: 7 });

      const html = await get(`${PUBLIC}&format=html`);
      expect(html.statusCode).toBe(200);
      expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
      for (const text of [
        'รายงานสรุปผลการดำเนินการเรื่องร้องเรียน',
        'ส่วนที่ 1 เรื่องร้องเรียน/ร้องทุกข์ทั่วไป',
        'ส่วนที่ 2 เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ',
        narrative.problems,
        narrative.preventiveActions,
        '&lt;3',
      ]) {
        expect(html.body).toContain(text);
      }
      expect(html.body).not.toContain('ร่างใหม่ยังไม่เผยแพร่');
      expect(html.body.indexOf('ส่วนที่ 1')).toBeLessThan(html.body.indexOf('ส่วนที่ 2'));
      for (const text of PERSONAL) expect(html.body).not.toContain(text);
      expect((await get(`/api/v1/orgs/${ORG}/reports/annual?fiscalYear=2570`)).statusCode).toBe(404);
    });
  });
});
