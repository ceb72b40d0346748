import { Clock } from '../src/common/clock/clock';
import { Role } from '../src/users/roles';
import { createOfficer, Officer } from './helpers/officers';
import { bearer, createTestApp, TestApp } from './helpers/test-app';

const ORG = 'demo';
const complaint = (over: Record<string, unknown> = {}) => ({
  categoryCode: 'street_lighting',
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

describe('general complaints', () => {
  let t: TestApp;
  let admin: string;
  let intake: Officer;
  let supervisor: Officer;
  let officer: Officer;
  let unitHead: Officer;
  let otherUnitOfficer: Officer;
  let executive: Officer;
  let integrity: Officer;

  const submit = (body: unknown, headers: Record<string, string> = {}) =>
    t.request({ method: 'POST', url: `/api/v1/orgs/${ORG}/complaints`, payload: body as object, headers });
  const act = (who: Officer, id: string, action: string, payload: object = {}) =>
    t.request({
      method: 'POST',
      url: `/api/v1/complaints/${id}/${action}`,
      headers: bearer(who.token),
      payload,
    });
  const track = (code: string) => t.request({ method: 'GET', url: `/api/v1/track/${code}` });
  const idOf = async (referenceNo: string) =>
    (await t.db.query(`SELECT id FROM complaints WHERE reference_no = $1`, [referenceNo]))[0].id as string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    intake = await createOfficer(t, admin, [Role.Intake], 'chief_administrator_office');
    supervisor = await createOfficer(t, admin, [Role.Supervisor]);
    officer = await createOfficer(t, admin, [Role.Officer], 'engineering');
    unitHead = await createOfficer(t, admin, [Role.UnitHead], 'engineering');
    otherUnitOfficer = await createOfficer(t, admin, [Role.Officer], 'finance');
    executive = await createOfficer(t, admin, [Role.Executive]);
    integrity = await createOfficer(t, admin, [Role.IntegrityOfficer]);
  });
  afterAll(() => t.close());

  it('lists the categories of an organisation, and 404s an unknown one', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/orgs/${ORG}/categories` });
    expect(res.statusCode).toBe(200);
    const codes = res.json().map((c: { code: string }) => c.code);
    expect(codes).toEqual(expect.arrayContaining(['roads', 'street_lighting', 'staff_conduct', 'other']));
    const unknown = await t.request({ method: 'GET', url: `/api/v1/orgs/nowhere/categories` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('ORGANIZATION_NOT_FOUND');
  });

  it('the whole journey: submit → track → accept → assign → reply → resolve → feedback → close → reopen', async () => {
    const created = await submit(complaint());
    expect(created.statusCode).toBe(201);
    const receipt = created.json();
    expect(receipt).toMatchObject({ status: 'received', statusLabel: { th: 'รับเรื่องแล้ว รอตรวจสอบ' } });
    expect(receipt.referenceNo).toMatch(/^25\d\d\/\d{6}$/);
    expect(receipt.trackingCode).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(receipt.trackingUrl).toBe(`http://rongrian.test/track/${receipt.trackingCode}`);
    expect(receipt.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(receipt.id).toBeUndefined();

    let tracked = await track(receipt.trackingCode.toLowerCase().replace(/-/g, ' '));
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json()).toMatchObject({
      referenceNo: receipt.referenceNo,
      status: 'received',
      dueDate: receipt.dueDate,
    });
    expect(tracked.json().category.th).toBe('ไฟฟ้าสาธารณะ');

    const id = await idOf(receipt.referenceNo);
    expect((await act(intake, id, 'accept')).statusCode).toBe(200);
    const assigned = await act(intake, id, 'assign', { unitId: officer.unitId, assigneeId: officer.id });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({ status: 'assigned', assigneeId: officer.id });
    expect((await act(officer, id, 'start')).statusCode).toBe(200);
    const reply = await act(officer, id, 'notes', { message: 'ช่างไฟฟ้าจะเข้าตรวจสอบวันพรุ่งนี้', isPublic: true });
    expect(reply.statusCode).toBe(204);
    expect(
      (await act(officer, id, 'notes', { message: 'ต้องเบิกหลอดไฟจากพัสดุ', isPublic: false })).statusCode,
    ).toBe(204);
    expect((await act(officer, id, 'resolve', { message: 'เปลี่ยนหลอดไฟเรียบร้อยแล้ว' })).statusCode).toBe(200);

    tracked = await track(receipt.trackingCode);
    const body = tracked.json();
    expect(body.status).toBe('resolved');
    expect(body.canGiveFeedback).toBe(true);
    expect(body.timeline.map((e: { status?: string; type: string }) => e.status ?? e.type)).toEqual([
      'received',
      'accepted',
      'assigned',
      'in_progress',
      'public_reply',
      'resolved',
    ]);
    expect(body.timeline.find((e: { type: string }) => e.type === 'public_reply').message).toBe(
      'ช่างไฟฟ้าจะเข้าตรวจสอบวันพรุ่งนี้',
    );
    // never personal data, never internal notes
    const text = tracked.body;
    for (const secret of ['สมศรี', '0812345678', 'somsri@example.com', 'ต้องเบิกหลอดไฟ', officer.email]) {
      expect(text).not.toContain(secret);
    }

    const fb = await t.request({
      method: 'POST',
      url: `/api/v1/track/${receipt.trackingCode}/feedback`,
      payload: { rating: 5, comment: 'รวดเร็วมาก' },
    });
    expect(fb.statusCode).toBe(204);
    const again = await t.request({
      method: 'POST',
      url: `/api/v1/track/${receipt.trackingCode}/feedback`,
      payload: { rating: 1 },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('FEEDBACK_ALREADY_GIVEN');

    expect((await act(officer, id, 'close')).statusCode).toBe(200);
    const reopened = await act(supervisor, id, 'reopen', { reason: 'ไฟดับอีกครั้ง' });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'in_progress', reopenCount: 1 });

    const detail = await t.request({
      method: 'GET',
      url: `/api/v1/complaints/${id}`,
      headers: bearer(supervisor.token),
    });
    const history = detail
      .json()
      .history.map((e: { action: string | null; type: string }) => e.action ?? e.type);
    expect(history).toEqual([
      'received',
      'accept',
      'assign',
      'start',
      'public_reply',
      'internal_note',
      'resolve',
      'feedback',
      'close',
      'reopen',
    ]);
    const audit = await t.db.query(`SELECT action FROM audit_entries WHERE entity_id = $1 ORDER BY id`, [id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'complaint.accept',
      'complaint.assign',
      'complaint.start',
      'complaint.public_reply',
      'complaint.internal_note',
      'complaint.resolve',
      'complaint.close',
      'complaint.reopen',
    ]);
  });

  it('feedback only after a result', async () => {
    const r = (await submit(complaint())).json();
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/track/${r.trackingCode}/feedback`,
      payload: { rating: 4 },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('FEEDBACK_NOT_OPEN');
  });

  it('an unknown tracking code is a 404 with a bilingual message', async () => {
    for (const code of ['AAAA-BBBB-CCCC', 'not a code at all', 'ABCD-EFGH-JKM0']) {
      const res = await track(encodeURIComponent(code));
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('TRACKING_CODE_NOT_FOUND');
      expect(res.json().messageTh).toContain('ไม่พบเรื่องร้องเรียน');
    }
  });

  it('offline intake records the channel and a back-dated receipt; the deadline counts from it', async () => {
    const clock = t.app.get(Clock);
    clock.freeze(new Date('2026-04-16T03:00:00Z'));
    try {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/complaints',
        headers: bearer(intake.token),
        payload: { ...complaint(), channel: 'letter', receivedAt: '2026-04-10T09:15:00+07:00' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ receivedAt: '2026-04-10T02:15:00.000Z', dueDate: '2026-04-27' });
      expect(res.json().referenceNo).toMatch(/^2569\//);
      const [row] = await t.db.query(`SELECT channel, registered_by_id FROM complaints WHERE id = $1`, [
        res.json().id,
      ]);
      expect(row).toEqual({ channel: 'letter', registered_by_id: intake.id });

      const future = await t.request({
        method: 'POST',
        url: '/api/v1/complaints',
        headers: bearer(intake.token),
        payload: { ...complaint(), channel: 'phone', receivedAt: '2026-04-17T09:00:00+07:00' },
      });
      expect(future.statusCode).toBe(400);
      expect(future.json().details).toEqual([
        expect.objectContaining({ field: 'receivedAt', rule: 'notInFuture' }),
      ]);

      const web = await t.request({
        method: 'POST',
        url: '/api/v1/complaints',
        headers: bearer(intake.token),
        payload: { ...complaint(), channel: 'web', receivedAt: '2026-04-15T09:00:00+07:00' },
      });
      expect(web.statusCode).toBe(400);
      expect(web.json().details[0].field).toBe('channel');
    } finally {
      clock.reset();
    }
  });

  describe('idempotent retries', () => {
    it('a retry with the same key returns the first answer and creates nothing new', async () => {
      const headers = { 'idempotency-key': `retry-${Date.now()}` };
      const first = await submit(complaint({ subject: 'ซ้ำ ซ้ำ' }), headers);
      const second = await submit(complaint({ subject: 'ซ้ำ ซ้ำ' }), headers);
      expect(second.statusCode).toBe(201);
      expect(second.json()).toEqual(first.json());
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM complaints WHERE subject = 'ซ้ำ ซ้ำ'`);
      expect(n).toBe(1);
    });

    it('concurrent retries still create one complaint', async () => {
      const headers = { 'idempotency-key': `race-${Date.now()}` };
      const results = await Promise.all(
        Array.from({ length: 5 }, () => submit(complaint({ subject: 'แข่งกัน' }), headers)),
      );
      expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(results.map((r) => r.json().referenceNo)).size).toBe(1);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM complaints WHERE subject = 'แข่งกัน'`);
      expect(n).toBe(1);
    });

    it('concurrent filings take distinct numbers (in blocks while busy)', async () => {
      const results = await Promise.all(
        Array.from({ length: 24 }, () => submit(complaint({ subject: 'ทีละหลายเรื่อง' }))),
      );
      expect(results.map((r) => r.statusCode)).toEqual(Array(24).fill(201));
      const numbers = results.map((r) => r.json().referenceNo as string);
      expect(new Set(numbers).size).toBe(24);
      const stored = await t.db.query(`SELECT reference_no FROM complaints WHERE subject = 'ทีละหลายเรื่อง'`);
      expect(stored.map((r: { reference_no: string }) => r.reference_no).sort()).toEqual([...numbers].sort());
      // the next filing continues after them, through the same numbering
      const next = (await submit(complaint())).json().referenceNo as string;
      expect(numbers.every((n) => n < next)).toBe(true);
    });

    it('the same key with another body is refused', async () => {
      const headers = { 'idempotency-key': `reuse-${Date.now()}` };
      await submit(complaint({ subject: 'หนึ่ง' }), headers);
      const res = await submit(complaint({ subject: 'สอง' }), headers);
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    });
  });

  describe('bad input', () => {
    it.each([
      ['categoryCode', { categoryCode: 'flying_saucers' }, 'knownCategory'],
      ['categoryCode', { categoryCode: 'Bad Code!' }, 'matches'],
      ['subject', { subject: '' }, 'isNotEmpty'],
      ['subject', { subject: '   ' }, 'isNotEmpty'],
      ['subject', { subject: 'ก'.repeat(201) }, 'maxLength'],
      ['description', { description: 'ก'.repeat(5001) }, 'maxLength'],
      ['description', { description: 42 }, 'isString'],
      ['location.lat', { location: { lat: 51.5, lng: 100.5 } }, 'insideThailand'],
      ['location.lng', { location: { lat: 13.7, lng: -0.1 } }, 'insideThailand'],
      ['location.lat', { location: { lat: 'north', lng: 100.5 } }, 'isNumber'],
      ['location.address', { location: { address: 'x'.repeat(501) } }, 'maxLength'],
      ['complainant.phone', { complainant: { phone: '12345' } }, 'isThaiPhone'],
      ['complainant.email', { complainant: { email: 'not-an-email' } }, 'isEmail'],
      ['complainant.name', { complainant: { name: 'ก'.repeat(201) } }, 'maxLength'],
      ['complainant.consentToContact', { complainant: { consentToContact: 'yes' } }, 'isBoolean'],
      ['extra', { extra: 'field' }, 'whitelistValidation'],
    ])('%s: %j → 400 (%s)', async (field, over, rule) => {
      const res = await submit(complaint(over));
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.messageTh).toBe('ข้อมูลที่ส่งมาไม่ถูกต้อง');
      expect(body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    });

    it('nothing is written when the input is bad', async () => {
      const before = await t.db.query(`SELECT count(*)::int AS n FROM complaints`);
      await submit(complaint({ categoryCode: 'flying_saucers' }));
      const after = await t.db.query(`SELECT count(*)::int AS n FROM complaints`);
      expect(after[0].n).toBe(before[0].n);
    });

    it('a complaint without any contact details is accepted', async () => {
      const res = await submit({ categoryCode: 'roads', subject: 'ถนนเป็นหลุม', description: 'หลุมใหญ่กลางถนน' });
      expect(res.statusCode).toBe(201);
    });

    it('a malformed id is a 400, an unknown one a 404', async () => {
      const bad = await t.request({
        method: 'GET',
        url: '/api/v1/complaints/123',
        headers: bearer(intake.token),
      });
      expect(bad.statusCode).toBe(400);
      const unknown = await t.request({
        method: 'GET',
        url: '/api/v1/complaints/7b0e5b8a-1111-4222-8333-944455556666',
        headers: bearer(intake.token),
      });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe('COMPLAINT_NOT_FOUND');
    });
  });

  describe('workflow rules', () => {
    /** Drives a new complaint into `status` through the API. */
    async function caseIn(status: string): Promise<string> {
      const r = (await submit(complaint({ subject: `สถานะ ${status}` }))).json();
      const id = await idOf(r.referenceNo);
      const steps: Record<string, [Officer, string, object][]> = {
        received: [],
        accepted: [[intake, 'accept', {}]],
        rejected: [
          [intake, 'reject', { reasonCode: 'not_a_complaint', message: 'เป็นคำถาม ไม่ใช่เรื่องร้องเรียน' }],
        ],
        referred: [[intake, 'refer', { agency: 'การไฟฟ้าส่วนภูมิภาค', referredOn: '2026-04-12' }]],
        duplicate: [[intake, 'mark-duplicate', { duplicateOfId: firstCase }]],
        assigned: [[intake, 'assign', { unitId: officer.unitId }]],
        in_progress: [
          [intake, 'assign', { unitId: officer.unitId }],
          [officer, 'start', {}],
        ],
        awaiting_info: [
          [intake, 'assign', { unitId: officer.unitId }],
          [officer, 'request-info', { message: 'ขอทราบตำแหน่งเสาไฟ' }],
        ],
        resolved: [
          [intake, 'assign', { unitId: officer.unitId }],
          [officer, 'resolve', { message: 'แก้ไขแล้ว' }],
        ],
        closed: [
          [intake, 'assign', { unitId: officer.unitId }],
          [officer, 'resolve', { message: 'แก้ไขแล้ว' }],
          [officer, 'close', {}],
        ],
      };
      for (const [who, action, payload] of steps[status]) {
        const res = await act(who, id, action, payload);
        if (res.statusCode >= 300) throw new Error(`${action} failed: ${res.body}`);
      }
      return id;
    }

    let firstCase: string;
    const ROUTES: Record<string, [string, object]> = {
      accept: ['accept', {}],
      reject: ['reject', { reasonCode: 'other', message: 'x' }],
      refer: ['refer', { agency: 'อำเภอ', referredOn: '2026-04-12' }],
      mark_duplicate: ['mark-duplicate', {}],
      assign: ['assign', {}],
      start: ['start', {}],
      request_info: ['request-info', { message: 'ขอข้อมูล' }],
      resume: ['resume', {}],
      resolve: ['resolve', { message: 'ผล' }],
      close: ['close', {}],
      reopen: ['reopen', { reason: 'เหตุผล' }],
    };
    const ALLOWED: Record<string, string[]> = {
      received: ['accept', 'reject', 'refer', 'mark_duplicate', 'assign'],
      accepted: ['reject', 'refer', 'mark_duplicate', 'assign'],
      assigned: ['mark_duplicate', 'assign', 'start', 'request_info', 'resolve'],
      in_progress: ['assign', 'request_info', 'resolve'],
      awaiting_info: ['resume'],
      resolved: ['close', 'reopen'],
      closed: ['reopen'],
      rejected: [],
      referred: [],
      duplicate: [],
    };

    beforeAll(async () => {
      firstCase = await caseIn('received');
      ROUTES.mark_duplicate[1] = { duplicateOfId: firstCase };
      ROUTES.assign[1] = { unitId: officer.unitId };
    });

    it.each(Object.keys(ALLOWED))(
      'from %s, every action outside the workflow is a 409 naming the state',
      async (status) => {
        const id = await caseIn(status);
        for (const [action, [route, payload]] of Object.entries(ROUTES)) {
          if (ALLOWED[status].includes(action)) continue;
          const res = await act(supervisor, id, route, payload);
          expect({ action, status: res.statusCode }).toEqual({ action, status: 409 });
          expect(res.json().code).toBe('TRANSITION_NOT_ALLOWED');
          expect(Object.keys(res.json().details).sort()).toEqual([
            'action',
            'allowedActions',
            'currentStatus',
            'currentStatusLabel',
            'updatedAt',
          ]);
          expect(res.json().details.currentStatus).toBe(status);
          expect(res.json().details.allowedActions.sort()).toEqual([...ALLOWED[status]].sort());
        }
      },
    );

    it('a duplicate shows the progress of the complaint it repeats', async () => {
      const primary = (await submit(complaint({ subject: 'ต้นเรื่อง' }))).json();
      const copy = (await submit(complaint({ subject: 'เรื่องซ้ำ' }))).json();
      const primaryId = await idOf(primary.referenceNo);
      await act(intake, await idOf(copy.referenceNo), 'mark-duplicate', { duplicateOfId: primaryId });
      await act(intake, primaryId, 'assign', { unitId: officer.unitId });
      const tracked = (await track(copy.trackingCode)).json();
      expect(tracked.referenceNo).toBe(copy.referenceNo);
      expect(tracked.status).toBe('assigned');
      expect(tracked.duplicateOf).toMatchObject({ status: 'assigned', dueDate: tracked.dueDate });
      expect(tracked.duplicateOf.referenceNo).toBeUndefined();
    });
  });

  describe('who may do what', () => {
    let id: string;
    beforeEach(async () => {
      const r = (await submit(complaint({ categoryCode: 'street_lighting' }))).json();
      id = await idOf(r.referenceNo);
      // street lighting is routed to engineering
    });

    const who = {
      intake: () => intake,
      supervisor: () => supervisor,
      officer: () => officer,
      unitHead: () => unitHead,
      otherUnitOfficer: () => otherUnitOfficer,
      executive: () => executive,
      integrity: () => integrity,
    };
    // [route, expected status per role]
    const matrix: [string, 'GET' | 'POST', string, object, Record<keyof typeof who, number>][] = [
      [
        'list',
        'GET',
        '',
        {},
        {
          intake: 200,
          supervisor: 200,
          officer: 200,
          unitHead: 200,
          otherUnitOfficer: 200,
          executive: 200,
          integrity: 403,
        },
      ],
      [
        'detail',
        'GET',
        '/{id}',
        {},
        {
          intake: 200,
          supervisor: 200,
          officer: 200,
          unitHead: 200,
          otherUnitOfficer: 404,
          executive: 200,
          integrity: 403,
        },
      ],
      [
        'deadline',
        'GET',
        '/{id}/deadline',
        {},
        {
          intake: 200,
          supervisor: 200,
          officer: 200,
          unitHead: 200,
          otherUnitOfficer: 404,
          executive: 200,
          integrity: 403,
        },
      ],
      [
        'accept',
        'POST',
        '/{id}/accept',
        {},
        {
          intake: 200,
          supervisor: 200,
          officer: 403,
          unitHead: 403,
          otherUnitOfficer: 404,
          executive: 403,
          integrity: 403,
        },
      ],
      [
        'internal note',
        'POST',
        '/{id}/notes',
        { message: 'โน้ต', isPublic: false },
        {
          intake: 204,
          supervisor: 204,
          officer: 204,
          unitHead: 204,
          otherUnitOfficer: 404,
          executive: 403,
          integrity: 403,
        },
      ],
    ];

    it.each(
      matrix.flatMap(([name, method, path, payload, expected]) =>
        Object.entries(expected).map(
          ([role, status]) => [name, role, method, path, payload, status] as const,
        ),
      ),
    )('%s by %s', async (_name, role, method, path, payload, status) => {
      const res = await t.request({
        method,
        url: `/api/v1/complaints${path.replace('{id}', id)}`,
        headers: bearer(who[role as keyof typeof who]().token),
        ...(method === 'POST' ? { payload } : {}),
      });
      expect(res.statusCode).toBe(status);
    });

    it('only screening staff register offline complaints', async () => {
      for (const [o, expected] of [
        [intake, 201],
        [supervisor, 201],
        [officer, 403],
        [executive, 403],
        [integrity, 403],
      ] as const) {
        const res = await t.request({
          method: 'POST',
          url: '/api/v1/complaints',
          headers: bearer(o.token),
          payload: {
            ...complaint(),
            channel: 'walk_in',
            receivedAt: new Date(Date.now() - 3600_000).toISOString(),
          },
        });
        expect(res.statusCode).toBe(expected);
      }
      const adminRes = await t.request({
        method: 'POST',
        url: '/api/v1/complaints',
        headers: bearer(admin),
        payload: { ...complaint(), channel: 'walk_in', receivedAt: new Date().toISOString() },
      });
      expect(adminRes.statusCode).toBe(403);
    });

    it('a unit head assigns within their unit; an officer of another unit cannot act', async () => {
      await act(intake, id, 'assign', { unitId: officer.unitId });
      expect(
        (await act(unitHead, id, 'assign', { unitId: officer.unitId, assigneeId: officer.id })).statusCode,
      ).toBe(200);
      expect((await act(unitHead, id, 'assign', { unitId: otherUnitOfficer.unitId })).statusCode).toBe(403);
      expect((await act(otherUnitOfficer, id, 'start')).statusCode).toBe(404);
      expect((await act(officer, id, 'start')).statusCode).toBe(200);
    });
  });

  describe('officer lists', () => {
    it('filters, sorts, paginates and searches Thai text', async () => {
      const road = (
        await submit(
          complaint({ categoryCode: 'roads', subject: 'ถนนชำรุดเป็นหลุมบ่อ', description: 'รถจักรยานยนต์ล้มบ่อย' }),
        )
      ).json();
      await submit(
        complaint({ categoryCode: 'drainage', subject: 'ท่อระบายน้ำอุดตัน', description: 'น้ำท่วมขังหน้าบ้าน' }),
      );
      const get = (qs: string, who: Officer = supervisor) =>
        t.request({ method: 'GET', url: `/api/v1/complaints?${qs}`, headers: bearer(who.token) });

      const found = (await get(`q=${encodeURIComponent('ชำรุด')}`)).json();
      expect(found.items.map((i: { referenceNo: string }) => i.referenceNo)).toEqual([road.referenceNo]);
      const inDescription = (await get(`q=${encodeURIComponent('จักรยานยนต์')}`)).json();
      expect(inDescription.total).toBe(1);
      const none = (await get(`q=${encodeURIComponent('ช้างป่า')}`)).json();
      expect(none.total).toBe(0);

      const roads = (await get('categoryCode=roads')).json();
      expect(roads.items.every((i: { categoryCode: string }) => i.categoryCode === 'roads')).toBe(true);

      const page1 = (await get('pageSize=2&page=1&sort=referenceNo')).json();
      const page2 = (await get('pageSize=2&page=2&sort=referenceNo')).json();
      expect(page1.items).toHaveLength(2);
      expect(page1.items[1].referenceNo < page2.items[0].referenceNo).toBe(true);
      expect(page1.total).toBe(page2.total);

      const received = (await get('status=received&channel=web')).json();
      expect(
        received.items.every(
          (i: { status: string; channel: string }) => i.status === 'received' && i.channel === 'web',
        ),
      ).toBe(true);

      const bad = await get('status=nonsense&pageSize=1000');
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .details.map((d: { field: string }) => d.field)
          .sort(),
      ).toEqual(['pageSize', 'status']);
    });

    it('officers see their unit only; "mine" narrows to my work', async () => {
      const mine = (
        await t.request({
          method: 'GET',
          url: '/api/v1/complaints?mine=true&pageSize=100',
          headers: bearer(officer.token),
        })
      ).json();
      expect(mine.items.length).toBeGreaterThan(0);
      expect(
        mine.items.every(
          (i: { unitId: string; assigneeId: string }) =>
            i.unitId === officer.unitId || i.assigneeId === officer.id,
        ),
      ).toBe(true);
      const finance = (
        await t.request({
          method: 'GET',
          url: '/api/v1/complaints?pageSize=100',
          headers: bearer(otherUnitOfficer.token),
        })
      ).json();
      expect(finance.items.every((i: { unitId: string }) => i.unitId === otherUnitOfficer.unitId)).toBe(true);
    });
  });
});
