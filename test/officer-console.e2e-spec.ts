import { randomUUID } from 'node:crypto';
import { hashPassword } from '../src/auth/password';
import { Clock } from '../src/common/clock/clock';
import { DEADLINE_MODES } from '../src/deadlines/day-counting';
import { DEADLINE_TRACKS } from '../src/deadlines/deadline-track';
import { RejectionReason } from '../src/complaints/dto/complaint-actions.dto';
import { ComplaintEventType } from '../src/complaints/entities/complaint-event.entity';
import { ACTION_TAKEN_KINDS, REPORTER_RELATIONS } from '../src/integrity-reports/workflow';
import { OUTBOX_STATUSES } from '../src/notifications/entities/outbox-message.entity';
import { OrganizationType } from '../src/organizations/organization-types';
import { Role } from '../src/users/roles';
import { fileComplaint, lightingComplaint } from './helpers/complaints';
import { latestReportId, officerApi, submit } from './helpers/integrity';
import { createOfficer, Officer } from './helpers/officers';
import { bearer, createTestApp, TestApp } from './helpers/test-app';

/** What the officers' console reads: labels, the case read model, search, the directory, duplicates, 409s. */
describe('officer console API', () => {
  let t: TestApp;
  let admin: string;
  let intake: Officer;
  let officer: Officer;
  let unitHead: Officer;
  let supervisor: Officer;
  let executive: Officer;
  let financeOfficer: Officer;
  let otherOrgAdmin: string;

  const get = (token: string, url: string) => t.request({ method: 'GET', url, headers: bearer(token) });
  const act = (who: Officer, id: string, action: string, payload: object = {}) =>
    t.request({
      method: 'POST',
      url: `/api/v1/complaints/${id}/${action}`,
      headers: bearer(who.token),
      payload,
    });
  const detail = (who: { token: string }, id: string) => get(who.token, `/api/v1/complaints/${id}`);
  const list = (who: { token: string }, query: string) => get(who.token, `/api/v1/complaints?${query}`);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    intake = await createOfficer(t, admin, [Role.Intake], 'chief_administrator_office');
    officer = await createOfficer(t, admin, [Role.Officer], 'engineering');
    unitHead = await createOfficer(t, admin, [Role.UnitHead], 'engineering');
    supervisor = await createOfficer(t, admin, [Role.Supervisor]);
    executive = await createOfficer(t, admin, [Role.Executive]);
    financeOfficer = await createOfficer(t, admin, [Role.Officer], 'finance');
    const [org] = await t.db.query(
      `INSERT INTO organizations (slug, name_th) VALUES ('other-${Date.now()}', 'เทศบาลอื่น') RETURNING id`,
    );
    const email = `admin-${randomUUID()}@other.test`;
    await t.db.query(
      `INSERT INTO users (organization_id, email, display_name, password_hash, roles) VALUES ($1, $2, 'ผู้ดูแลอื่น', $3, '{admin}')`,
      [org.id, email, await hashPassword('other-admin-password')],
    );
    otherOrgAdmin = await t.login(email, 'other-admin-password');
  }, 180_000); // seven accounts, each with password hashing and a second person's approval
  afterAll(() => t.close());

  describe('GET /labels', () => {
    it('gives every label the clients show, without sign-in, cacheable', async () => {
      const res = await t.request({ method: 'GET', url: '/api/v1/labels' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      const body = res.json();
      const codes = (xs: { code: string }[]) => xs.map((x) => x.code);
      expect(codes(body.roles)).toEqual(Object.values(Role));
      expect(body.roles).toContainEqual({ code: 'unit_head', th: 'หัวหน้าหน่วยงาน', en: 'Unit head' });
      expect(body.complaints.statuses).toContainEqual(
        expect.objectContaining({ code: 'awaiting_info', th: 'รอข้อมูลเพิ่มเติมจากผู้ร้องเรียน' }),
      );
      expect(body.complaints.channels).toContainEqual({ code: 'walk_in', th: 'ยื่นด้วยตนเอง', en: 'Walk-in' });
      expect(codes(body.complaints.kinds)).toEqual(['complaint', 'suggestion', 'compliment']);
      expect(body.complaints.actions).toContainEqual(
        expect.objectContaining({
          code: 'assign',
          th: 'มอบหมาย',
          to: 'assigned',
          roles: ['intake', 'supervisor', 'unit_head'],
          unitScoped: true,
        }),
      );
      expect(codes(body.integrityReports.statuses)).toContain('fact_finding');
      expect(codes(body.integrityReports.kinds)).toEqual(['complaint', 'tip']);
      expect(codes(body.integrityReports.allegationTypes)).toContain('bribery_extortion');
      expect(body.integrityReports.allegationTypes.every((a: { th: string }) => a.th.length > 0)).toBe(true);
      // the report form's relations and the conclusion's actions taken: no client keeps its own copy
      expect(codes(body.integrityReports.reporterRelations)).toEqual([...REPORTER_RELATIONS]);
      expect(body.integrityReports.reporterRelations).toContainEqual({
        code: 'contractor',
        th: 'ผู้รับจ้าง/คู่สัญญา',
        en: 'Contractor',
      });
      expect(codes(body.integrityReports.actionsTaken)).toEqual([...ACTION_TAKEN_KINDS]);
      expect(body.integrityReports.actionsTaken).toContainEqual({
        code: 'disciplinary',
        th: 'ทางวินัย',
        en: 'Disciplinary',
      });
      // the codes the console shows that the server used to leave to each client's own copy
      expect(codes(body.complaints.rejectReasons)).toEqual(Object.values(RejectionReason));
      expect(body.complaints.rejectReasons).toContainEqual({
        code: 'outside_remit',
        th: 'ไม่อยู่ในอำนาจหน้าที่',
        en: 'Outside our remit',
      });
      expect(codes(body.complaints.eventTypes)).toEqual(Object.values(ComplaintEventType));
      expect(codes(body.deadlineStates)).toEqual([
        'on_track',
        'due_soon',
        'overdue',
        'met',
        'met_by_explanation',
        'missed',
      ]);
      expect(codes(body.attachmentSources)).toEqual(['citizen', 'reporter', 'officer']);
      expect(codes(body.organizationTypes)).toEqual(Object.values(OrganizationType));
      // failed first: the failed mail page's order
      expect(codes(body.mailStatuses)[0]).toBe('failed');
      expect(codes(body.mailStatuses).sort()).toEqual([...OUTBOX_STATUSES].sort());
      expect(codes(body.mailRecipients)).toEqual(['complainant', 'reporter', 'officer']);
      expect(codes(body.roleRequestStatuses)).toEqual(['pending', 'approved', 'denied']);
      expect(codes(body.holidayKinds)).toEqual(['national', 'substitute', 'special', 'local']);
      expect(codes(body.deadlineTracks)).toEqual([...DEADLINE_TRACKS]);
      expect(codes(body.deadlineModes)).toEqual([...DEADLINE_MODES]);
      for (const list of [
        body.integrityReports.reporterRelations,
        body.integrityReports.actionsTaken,
        body.complaints.rejectReasons,
        body.complaints.eventTypes,
        body.deadlineStates,
        body.attachmentSources,
        body.organizationTypes,
        body.mailStatuses,
        body.mailRecipients,
        body.roleRequestStatuses,
        body.holidayKinds,
        body.deadlineTracks,
        body.deadlineModes,
        body.auditEntityTypes,
      ])
        expect(list.every((l: { th: string; en: string }) => l.th.length > 0 && l.en.length > 0)).toBe(true);
    });
  });

  describe('the case read model', () => {
    let id: string;
    let referenceNo: string;

    beforeAll(async () => {
      const filed = await fileComplaint(t);
      id = filed.id;
      referenceNo = filed.receipt.referenceNo;
      expect((await act(intake, id, 'accept', { note: 'ตรวจแล้ว ไฟดับจริง' })).statusCode).toBe(200);
      const assigned = await act(intake, id, 'assign', {
        unitId: officer.unitId,
        assigneeId: officer.id,
        note: 'ฝากคุณช่างดูด่วน',
      });
      expect(assigned.statusCode).toBe(200);
    });

    it('names the unit, the assignee, every actor and the notes typed with Accept and Assign', async () => {
      const res = await detail(intake, id);
      expect(res.statusCode).toBe(200);
      const c = res.json();
      expect(c.unit).toEqual({ id: officer.unitId, nameTh: 'กองช่าง', nameEn: expect.any(String) });
      expect(c.assignee).toEqual({ id: officer.id, displayName: expect.stringMatching(/^Officer \d+$/) });
      expect(c.category).toMatchObject({ code: 'street_lighting', nameTh: expect.any(String) });
      const steps = c.history.filter((e: { action: string | null }) => e.action);
      expect(steps).toEqual([
        expect.objectContaining({
          action: 'accept',
          actorUserId: intake.id,
          actorName: expect.stringMatching(/^Officer \d+$/),
          actionLabel: { th: 'รับเป็นเรื่องร้องเรียน', en: 'Accept' },
          note: 'ตรวจแล้ว ไฟดับจริง',
        }),
        expect.objectContaining({ action: 'assign', actorUserId: intake.id, note: 'ฝากคุณช่างดูด่วน' }),
      ]);
      // the citizen's own step has no officer behind it
      expect(c.history[0]).toMatchObject({ type: 'received', actorName: null });
      expect(c.deadline.currentDueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(c.daysLeft).toBeGreaterThanOrEqual(10);
      expect(c.daysOverdue).toBeNull();
      expect(c.referenceNo).toBe(referenceNo);
    });

    it("computes the allowed actions for this officer: roles, workflow and the officer's unit", async () => {
      const allowed = async (who: Officer) => (await detail(who, id)).json().allowedActions;
      expect(await allowed(officer)).toEqual(['start', 'request_info', 'resolve']);
      expect(await allowed(unitHead)).toEqual(['assign', 'start', 'request_info', 'resolve']);
      expect(await allowed(intake)).toEqual(['mark_duplicate', 'assign']);
      expect(await allowed(executive)).toEqual([]);
      // an officer of another unit does not see the case at all
      expect((await detail(financeOfficer, id)).json().code).toBe('COMPLAINT_NOT_FOUND');
      // reassigned to finance: the engineering unit head keeps seeing nothing he may do there
      const moved = await act(intake, id, 'assign', { unitId: financeOfficer.unitId });
      expect(moved.statusCode).toBe(200);
      expect((await detail(financeOfficer, id)).json().allowedActions).toEqual([
        'start',
        'request_info',
        'resolve',
      ]);
      expect((await detail(unitHead, id)).json().code).toBe('COMPLAINT_NOT_FOUND');
      await act(intake, id, 'assign', { unitId: officer.unitId, assigneeId: officer.id });
    });

    it('lists rows with unit, officer and category names and days left or overdue', async () => {
      const clock = t.app.get(Clock);
      clock.freeze(new Date('2026-04-30T03:00:00Z'));
      try {
        const late = await t.request({
          method: 'POST',
          url: '/api/v1/complaints',
          headers: bearer(intake.token),
          payload: { ...lightingComplaint(), channel: 'letter', receivedAt: '2026-04-01T09:00:00+07:00' },
        });
        expect(late.statusCode).toBe(201);
        const lateRef = late.json().referenceNo as string;
        const rows = (await list(intake, 'overdue=true&pageSize=100')).json().items;
        const row = rows.find((r: { referenceNo: string }) => r.referenceNo === lateRef);
        // received 1 April (calendar mode, 15 days): due 16 April, 14 days overdue on 30 April
        expect(row).toMatchObject({
          dueDate: '2026-04-16',
          deadlineState: 'overdue',
          daysLeft: null,
          daysOverdue: 14,
          categoryNameTh: expect.any(String),
          unitNameTh: 'กองช่าง', // street lighting is routed to the engineering division
          assigneeName: null,
        });
      } finally {
        clock.reset();
      }
      const mine = (await list(officer, 'mine=true&pageSize=100')).json().items;
      expect(mine.find((r: { referenceNo: string }) => r.referenceNo === referenceNo)).toMatchObject({
        unitNameTh: 'กองช่าง',
        assigneeName: expect.stringMatching(/^Officer \d+$/),
        daysLeft: expect.any(Number),
        daysOverdue: null,
      });
    });

    it('applies every filter and sort the console offers', async () => {
      const refs = async (query: string) =>
        (await list(intake, `${query}&pageSize=100`))
          .json()
          .items.map((r: { referenceNo: string }) => r.referenceNo);
      expect(await refs(`status=assigned`)).toContain(referenceNo);
      expect(await refs(`status=received`)).not.toContain(referenceNo);
      expect(await refs(`unitId=${officer.unitId}`)).toContain(referenceNo);
      expect(await refs(`unitId=${financeOfficer.unitId}`)).not.toContain(referenceNo);
      expect(await refs(`categoryCode=street_lighting`)).toContain(referenceNo);
      expect(await refs(`categoryCode=roads`)).not.toContain(referenceNo);
      expect(await refs(`channel=web`)).toContain(referenceNo);
      expect(await refs(`channel=phone`)).not.toContain(referenceNo);
      expect(await refs(`assigneeId=${officer.id}`)).toContain(referenceNo);
      expect(await refs(`dueWithinDays=365`)).toContain(referenceNo);
      expect(await refs(`receivedFrom=2000-01-01&receivedTo=2000-01-02`)).toEqual([]);
      expect(await refs(`q=${encodeURIComponent('ไฟถนน')}`)).toContain(referenceNo);
      const sorted = await refs('sort=referenceNo');
      expect(sorted).toEqual([...sorted].sort());
      expect(await refs('sort=-referenceNo')).toEqual([...sorted].reverse());
    });
  });

  describe('search by reference number, phone number and tracking code', () => {
    let referenceNo: string;
    let trackingCode: string;

    beforeAll(async () => {
      const filed = await fileComplaint(
        t,
        lightingComplaint({
          subject: 'ท่อระบายน้ำอุดตัน',
          complainant: { name: 'สมชาย', phone: '081-234-5678', consentToContact: true },
        }),
      );
      referenceNo = filed.receipt.referenceNo;
      trackingCode = filed.receipt.trackingCode;
    });

    const found = async (q: string) =>
      (await list(intake, `q=${encodeURIComponent(q)}`))
        .json()
        .items.map((r: { referenceNo: string }) => r.referenceNo);

    it.each([
      ['the reference number', () => referenceNo],
      ['the reference number without leading zeros', () => referenceNo.replace(/\/0+/, '/')],
      ['the phone number with dashes', () => '081-234-5678'],
      ['the phone number as digits', () => '0812345678'],
      ['the phone number in international form', () => '+66812345678'],
      ['the tracking code', () => trackingCode],
      ['the tracking code in lower case without dashes', () => trackingCode.toLowerCase().replace(/-/g, '')],
    ])('finds the case by %s', async (_, key) => {
      expect(await found(key())).toEqual([referenceNo]);
    });

    it('audits a search that could read contact data by the kind of key, never the key', async () => {
      const [{ last }] = await t.db.query(`SELECT coalesce(max(id), 0) AS last FROM audit_entries`);
      await found('081 234 5678');
      await found(trackingCode);
      await found(referenceNo);
      const rows = await t.db.query(
        `SELECT actor_user_id, after::text AS after FROM audit_entries WHERE action = 'complaint.search' AND id > $1 ORDER BY id`,
        [last],
      );
      expect(rows.map((r: { after: string }) => JSON.parse(r.after))).toEqual([
        { keyKinds: ['phone'], matches: 1 },
        { keyKinds: ['tracking_code'], matches: 1 },
      ]);
      expect(rows.every((r: { actor_user_id: string }) => r.actor_user_id === intake.id)).toBe(true);
      const text = JSON.stringify(rows);
      expect(text).not.toContain('0812345678');
      expect(text).not.toContain(trackingCode.replace(/-/g, ''));
    });

    it("an officer outside the case's unit finds nothing by phone", async () => {
      expect((await list(financeOfficer, 'q=0812345678')).json().items).toEqual([]);
    });
  });

  describe('GET /organization', () => {
    it("names the officer's own organisation and its slug, to every officer; 401 without sign-in", async () => {
      const mine = await get(intake.token, '/api/v1/organization');
      expect(mine.statusCode).toBe(200);
      const [row] = await t.db.query(
        `SELECT o.id, o.slug, o.name_th, o.name_en FROM organizations o JOIN users u ON u.organization_id = o.id WHERE u.id = $1`,
        [intake.id],
      );
      expect(mine.json()).toEqual({ id: row.id, slug: row.slug, nameTh: row.name_th, nameEn: row.name_en });
      expect((await get(officer.token, '/api/v1/organization')).json().slug).toBe(row.slug);
      const other = (await get(otherOrgAdmin, '/api/v1/organization')).json();
      expect(other.nameTh).toBe('เทศบาลอื่น');
      expect(other.slug).not.toBe(row.slug);
      expect((await t.request({ method: 'GET', url: '/api/v1/organization' })).statusCode).toBe(401);
    });
  });

  describe('GET /officers (the directory for the roles that assign)', () => {
    it('lists active officers with units and roles; e-mail only for administrators', async () => {
      const seen = (await get(intake.token, '/api/v1/officers')).json();
      const me = seen.find((o: { id: string }) => o.id === officer.id);
      expect(me).toEqual({
        id: officer.id,
        displayName: expect.stringMatching(/^Officer \d+$/),
        roles: ['officer'],
        unit: { id: officer.unitId, nameTh: 'กองช่าง', nameEn: expect.any(String) },
      });
      expect(JSON.stringify(seen)).not.toContain('@');
      const byAdmin = (await get(admin, '/api/v1/officers')).json();
      expect(byAdmin.find((o: { id: string }) => o.id === officer.id).email).toMatch(/@test\.local$/);
      for (const who of [unitHead, supervisor]) {
        expect((await get(who.token, '/api/v1/officers')).statusCode).toBe(200);
      }
    });

    it('filters by unit and refuses other roles and bad input', async () => {
      const engineering = (await get(unitHead.token, `/api/v1/officers?unitId=${officer.unitId}`)).json();
      expect(engineering.map((o: { id: string }) => o.id).sort()).toEqual([officer.id, unitHead.id].sort());
      for (const who of [officer, executive]) {
        const res = await get(who.token, '/api/v1/officers');
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
      }
      const bad = await get(intake.token, '/api/v1/officers?unitId=engineering');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details).toEqual([expect.objectContaining({ field: 'unitId' })]);
    });

    it("another organisation's administrator sees only their own people", async () => {
      const theirs = (await get(otherOrgAdmin, '/api/v1/officers')).json();
      expect(theirs.map((o: { displayName: string }) => o.displayName)).toEqual(['ผู้ดูแลอื่น']);
    });
  });

  describe('mark duplicate by reference number', () => {
    it('accepts the reference number of the earlier case, and answers 404/422 with clear codes', async () => {
      const first = await fileComplaint(t);
      const second = await fileComplaint(t);
      const unknown = await act(intake, second.id, 'mark-duplicate', { duplicateOfReference: '2400/999999' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({
        code: 'DUPLICATE_TARGET_NOT_FOUND',
        details: { field: 'duplicateOfReference' },
        messageTh: expect.any(String),
      });
      const itself = await act(intake, second.id, 'mark-duplicate', {
        duplicateOfReference: second.receipt.referenceNo,
      });
      expect(itself.statusCode).toBe(422);
      expect(itself.json()).toMatchObject({
        code: 'DUPLICATE_TARGET_INVALID',
        details: { field: 'duplicateOfReference', reason: 'same_complaint' },
      });
      const malformed = await act(intake, second.id, 'mark-duplicate', { duplicateOfReference: 'เรื่องแรก' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().details).toEqual([expect.objectContaining({ field: 'duplicateOfReference' })]);
      const neither = await act(intake, second.id, 'mark-duplicate', {});
      expect(neither.statusCode).toBe(400);

      const ok = await act(intake, second.id, 'mark-duplicate', {
        duplicateOfReference: first.receipt.referenceNo.replace(/\/0+/, '/'),
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({
        status: 'duplicate',
        duplicateOfId: first.id,
        duplicateOf: { id: first.id, referenceNo: first.receipt.referenceNo },
      });
      const third = await fileComplaint(t);
      const ofDuplicate = await act(intake, third.id, 'mark-duplicate', {
        duplicateOfReference: second.receipt.referenceNo,
      });
      expect(ofDuplicate.statusCode).toBe(422);
      expect(ofDuplicate.json().details.reason).toBe('target_is_duplicate');
    });
  });

  describe('409 on a case action', () => {
    it('says what changed: the current status, its label and when the case was last changed', async () => {
      const { id } = await fileComplaint(t);
      const accepted = await act(intake, id, 'accept');
      const updatedAt = accepted.json().updatedAt as string;
      const again = await act(supervisor, id, 'accept');
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({
        code: 'TRANSITION_NOT_ALLOWED',
        details: {
          currentStatus: 'accepted',
          currentStatusLabel: { th: 'รับเป็นเรื่องร้องเรียนแล้ว', en: 'Accepted' },
          action: 'accept',
          updatedAt,
          allowedActions: ['reject', 'refer', 'mark_duplicate', 'assign'],
        },
      });
    });
  });

  describe('GET /audit-entries', () => {
    let integrityOfficer: Officer;
    let reportId: string;
    let caseId: string;

    beforeAll(async () => {
      integrityOfficer = await createOfficer(t, admin, [Role.IntegrityOfficer]);
      await submit(t);
      reportId = await latestReportId(t);
      expect((await officerApi(t, integrityOfficer).get(`/${reportId}`)).statusCode).toBe(200);
      caseId = (await fileComplaint(t)).id;
      expect((await act(intake, caseId, 'accept', { note: 'รับไว้' })).statusCode).toBe(200);
    });

    const audit = (token: string, query = '') => get(token, `/api/v1/audit-entries?${query}`);

    it('shows administrators and supervisors who did what to a case, filtered and paged', async () => {
      for (const token of [admin, supervisor.token]) {
        const res = await audit(token, `entityType=complaint&entityId=${caseId}`);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({ total: 1, page: 1, pageSize: 50 });
        expect(res.json().items[0]).toMatchObject({
          actorUserId: intake.id,
          actorName: expect.stringMatching(/^Officer \d+$/),
          action: 'complaint.accept',
          entityType: 'complaint',
          entityId: caseId,
          before: expect.objectContaining({ status: 'received' }),
          after: expect.objectContaining({ status: 'accepted' }),
        });
      }
      expect(
        (await audit(admin, `actorId=${intake.id}&action=complaint.`)).json().items.length,
      ).toBeGreaterThan(0);
      expect((await audit(admin, `actorId=${officer.id}&action=complaint.accept`)).json().total).toBe(0);
      expect((await audit(admin, `entityId=${caseId}&from=2000-01-01&to=2000-12-31`)).json().total).toBe(0);
      const paged = (await audit(admin, 'pageSize=2&page=2')).json();
      expect(paged).toMatchObject({ page: 2, pageSize: 2 });
      expect(paged.items).toHaveLength(2);
    });

    it('has a label for every kind of entry written so far (the filter lists them)', async () => {
      const labels = (await t.request({ method: 'GET', url: '/api/v1/labels' })).json();
      const labelled = labels.auditEntityTypes.map((l: { code: string }) => l.code);
      const written = await t.db.query(`SELECT DISTINCT entity_type FROM audit_entries`);
      expect(written.length).toBeGreaterThan(2);
      for (const { entity_type } of written) expect(labelled).toContain(entity_type);
    });

    it("keeps the integrity channel's rows for integrity officers, without contents", async () => {
      const general = await audit(admin, `entityId=${reportId}`);
      expect(general.json().total).toBe(0);
      const theirs = (await audit(integrityOfficer.token, `entityId=${reportId}`)).json();
      expect(theirs.items).toContainEqual(
        expect.objectContaining({ action: 'integrity_report.read', before: null, after: null }),
      );
      const everything = (await audit(integrityOfficer.token, 'pageSize=200')).json().items;
      expect(everything.every((e: { entityType: string }) => e.entityType.startsWith('integrity_'))).toBe(
        true,
      );
    });

    it('refuses other roles, bad input and other organisations', async () => {
      for (const who of [intake, officer, executive]) expect((await audit(who.token)).statusCode).toBe(403);
      const bad = await audit(admin, 'actorId=me&from=yesterday&pageSize=1000&entityType=category');
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .details.map((d: { field: string }) => d.field)
          .sort(),
      ).toEqual(['actorId', 'entityType', 'from', 'pageSize']);
      expect((await audit(otherOrgAdmin, `entityId=${caseId}`)).json().total).toBe(0);
    });
  });

  describe('GET /dashboard', () => {
    it('counts open, overdue by unit, due this week and 15-day compliance by month', async () => {
      const clock = t.app.get(Clock);
      clock.freeze(new Date('2026-04-30T03:00:00Z'));
      try {
        const res = await get(executive.token, '/api/v1/dashboard');
        expect(res.statusCode).toBe(200);
        const d = res.json();
        const [expected] = await t.db.query(
          `SELECT count(*)::int AS open,
                  count(*) FILTER (WHERE d.current_due_date < '2026-04-30' AND d.paused_since IS NULL)::int AS overdue
             FROM complaints c JOIN case_deadlines d ON d.case_id = c.id AND d.track = 'complaint'
            WHERE d.result_at IS NULL`,
        );
        expect(d).toMatchObject({ today: '2026-04-30', fiscalYear: 2569, ...expected });
        expect(d.overdue).toBeGreaterThanOrEqual(1); // the letter received on 1 April
        expect(d.byUnit.reduce((n: number, u: { open: number }) => n + u.open, 0)).toBe(d.open);
        expect(d.byUnit[0]).toMatchObject({ nameTh: 'กองช่าง', overdue: expect.any(Number) });
        expect(d.complianceByMonth.map((m: { month: string }) => m.month)).toEqual([
          '2025-10',
          '2025-11',
          '2025-12',
          '2026-01',
          '2026-02',
          '2026-03',
          '2026-04',
          '2026-05',
          '2026-06',
          '2026-07',
          '2026-08',
          '2026-09',
        ]);
        const april = d.complianceByMonth.find((m: { month: string }) => m.month === '2026-04');
        expect(april.due).toBeGreaterThanOrEqual(1);
        expect(april.compliancePercent).toBe(Math.round((1000 * april.compliant) / april.due) / 10);
      } finally {
        clock.reset();
      }
    });

    it('is for executives, supervisors and administrators of the organisation', async () => {
      for (const token of [supervisor.token, admin]) {
        expect((await get(token, '/api/v1/dashboard')).statusCode).toBe(200);
      }
      for (const who of [intake, officer, unitHead]) {
        expect((await get(who.token, '/api/v1/dashboard')).statusCode).toBe(403);
      }
      const theirs = (await get(otherOrgAdmin, '/api/v1/dashboard')).json();
      expect(theirs).toMatchObject({ open: 0, overdue: 0, byUnit: [] });
    });
  });

  describe('administration: units, categories, settings', () => {
    const send = (
      method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
      token: string,
      url: string,
      payload?: object,
    ) => t.request({ method, url: `/api/v1${url}`, headers: bearer(token), ...(payload ? { payload } : {}) });
    const auditOf = async (entityId: string) =>
      (
        await t.db.query(
          `SELECT action FROM audit_entries WHERE entity_id = $1 AND actor_user_id IS NOT NULL ORDER BY id`,
          [entityId],
        )
      ).map((r: { action: string }) => r.action);

    it('units: create, rename, delete when unused, deactivate when used; every change audited', async () => {
      const created = await send('POST', admin, '/units', {
        code: 'parks',
        nameTh: 'ฝ่ายสวนสาธารณะ',
        sortOrder: 9,
      });
      expect(created.statusCode).toBe(201);
      const unit = created.json();
      expect(unit).toMatchObject({ code: 'parks', nameTh: 'ฝ่ายสวนสาธารณะ', nameEn: null, isActive: true });
      const again = await send('POST', admin, '/units', { code: 'parks', nameTh: 'ซ้ำ' });
      expect(again.statusCode).toBe(409);
      const renamed = await send('PATCH', admin, `/units/${unit.id}`, { nameEn: 'Parks' });
      expect(renamed.json()).toMatchObject({ nameEn: 'Parks', code: 'parks' });
      // used by a complaint: deactivated, not deleted
      const { id: caseId } = await fileComplaint(t);
      await act(intake, caseId, 'assign', { unitId: unit.id });
      expect((await send('DELETE', admin, `/units/${unit.id}`)).json()).toEqual({ outcome: 'deactivated' });
      const units = (await get(intake.token, '/api/v1/units')).json();
      expect(units.find((u: { id: string }) => u.id === unit.id).isActive).toBe(false);
      // assignment to an inactive unit is refused
      expect((await act(intake, caseId, 'assign', { unitId: unit.id })).statusCode).toBeGreaterThanOrEqual(
        400,
      );
      const spare = (await send('POST', admin, '/units', { code: 'spare', nameTh: 'ว่าง' })).json();
      expect((await send('DELETE', admin, `/units/${spare.id}`)).json()).toEqual({ outcome: 'deleted' });
      expect(await auditOf(unit.id)).toEqual(['unit.create', 'unit.update', 'unit.deactivate']);
      expect(await auditOf(spare.id)).toEqual(['unit.create', 'unit.delete']);
    });

    it('categories: routing to a unit and descriptions, with the public list in step', async () => {
      const engineering = officer.unitId!;
      const created = await send('POST', admin, '/categories', {
        code: 'stray_dogs',
        nameTh: 'สุนัขจรจัด',
        nameEn: 'Stray dogs',
        descriptionTh: 'สุนัขจรจัดดุร้าย หรือจำนวนมาก',
        defaultUnitId: engineering,
      });
      expect(created.statusCode).toBe(201);
      const category = created.json();
      expect(category).toMatchObject({
        code: 'stray_dogs',
        descriptionTh: 'สุนัขจรจัดดุร้าย หรือจำนวนมาก',
        descriptionEn: null,
        defaultUnit: { id: engineering, nameTh: 'กองช่าง' },
        isActive: true,
      });
      const publicCategories = async () =>
        (await t.request({ method: 'GET', url: '/api/v1/orgs/demo/categories' })).json() as {
          code: string;
          descriptionTh: string | null;
        }[];
      const publicList = async () => (await publicCategories()).map((c) => c.code);
      expect(await publicList()).toContain('stray_dogs');
      // the administrator's own description replaces the built-in default citizens read
      const roads = (await send('GET', admin, '/categories'))
        .json()
        .find((c: { code: string }) => c.code === 'roads');
      const builtIn = (await publicCategories()).find((c) => c.code === 'roads')!.descriptionTh;
      expect(builtIn).toBeTruthy();
      expect(roads.descriptionTh).toBe(builtIn);
      await send('PATCH', admin, `/categories/${roads.id}`, { descriptionTh: 'ถนนและทางเท้าในเขตตำบล' });
      expect((await publicCategories()).find((c) => c.code === 'roads')!.descriptionTh).toBe(
        'ถนนและทางเท้าในเขตตำบล',
      );
      const filed = await fileComplaint(t, lightingComplaint({ categoryCode: 'stray_dogs' }));
      expect((await detail(intake, filed.id)).json().unit).toMatchObject({ id: engineering });
      const rerouted = await send('PATCH', admin, `/categories/${category.id}`, {
        defaultUnitId: financeOfficer.unitId,
      });
      expect(rerouted.json().defaultUnit.id).toBe(financeOfficer.unitId);
      const unknownUnit = await send('PATCH', admin, `/categories/${category.id}`, {
        defaultUnitId: randomUUID(),
      });
      expect(unknownUnit.statusCode).toBe(404);
      expect(unknownUnit.json()).toMatchObject({
        code: 'UNIT_NOT_FOUND',
        details: [{ field: 'defaultUnitId' }],
      });
      expect((await send('DELETE', admin, `/categories/${category.id}`)).json()).toEqual({
        outcome: 'deactivated',
      });
      expect(await publicList()).not.toContain('stray_dogs');
      const all = (await get(admin, '/api/v1/categories')).json();
      expect(all.find((c: { id: string }) => c.id === category.id).isActive).toBe(false);
      expect(await auditOf(category.id)).toEqual([
        'category.create',
        'category.update',
        'category.deactivate',
      ]);
      const missing = await send('PATCH', admin, `/categories/${randomUUID()}`, { nameTh: 'x' });
      expect(missing.json().code).toBe('CATEGORY_NOT_FOUND');
    });

    it('settings: deadline mode and days, office hours and satisfaction target, defaults filled in', async () => {
      const before = (await get(admin, '/api/v1/organization/settings')).json();
      expect(before).toEqual({
        deadlines: {
          complaint: { mode: 'calendar', days: 15, reminderWorkingDaysBefore: [3, 1], maxExtensionDays: 15 },
          integrity_report: expect.objectContaining({ days: 15 }),
          integrity_report_conclusion: expect.objectContaining({ days: 90, maxExtensionDays: 30 }),
        },
        officeHours: { start: '08:30', end: '16:30' },
        satisfactionTargetPercent: 80,
        answerResumesClock: true,
      });
      const changed = await send('PATCH', admin, '/organization/settings', {
        deadlines: { complaint: { mode: 'working_days', days: 10 } },
        officeHours: { start: '08:00', end: '16:00' },
        satisfactionTargetPercent: 85,
      });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({
        deadlines: {
          complaint: { mode: 'working_days', days: 10, maxExtensionDays: 15 },
          integrity_report_conclusion: { days: 90 },
        },
        officeHours: { start: '08:00', end: '16:00' },
        satisfactionTargetPercent: 85,
      });
      // a new complaint counts with the new rule
      const filed = await fileComplaint(t);
      expect((await detail(intake, filed.id)).json().deadline).toMatchObject({
        mode: 'working_days',
        periodDays: 10,
      });
      // a period no earlier test asked for (statistics are cached for a while)
      const stats = (
        await t.request({
          method: 'GET',
          url: '/api/v1/orgs/demo/statistics/complaints?fiscalYear=2570&quarter=4',
        })
      ).json();
      expect(stats.figures.satisfaction.targetPercent).toBe(85);
      const [row] = await t.db.query(
        `SELECT before, after FROM audit_entries WHERE action = 'organization.settings' ORDER BY id DESC LIMIT 1`,
      );
      expect(row.before.deadlines.complaint.mode).toBe('calendar');
      expect(row.after.deadlines.complaint.mode).toBe('working_days');
      await send('PATCH', admin, '/organization/settings', {
        deadlines: { complaint: { mode: 'calendar', days: 15 } },
        officeHours: { start: '08:30', end: '16:30' },
        satisfactionTargetPercent: 80,
      });
    });

    it("settings: whether a complainant's online answer resumes the clock (the column the answer reads; audited)", async () => {
      const off = await send('PATCH', admin, '/organization/settings', { answerResumesClock: false });
      expect(off.statusCode).toBe(200);
      expect(off.json()).toMatchObject({ answerResumesClock: false, satisfactionTargetPercent: 80 });
      expect((await get(admin, '/api/v1/organization/settings')).json().answerResumesClock).toBe(false);
      const [org] = await t.db.query(`SELECT answer_resumes_clock FROM organizations WHERE slug = 'demo'`);
      expect(org.answer_resumes_clock).toBe(false);
      const [row] = await t.db.query(
        `SELECT before, after FROM audit_entries WHERE action = 'organization.settings' ORDER BY id DESC LIMIT 1`,
      );
      expect([row.before.answerResumesClock, row.after.answerResumesClock]).toEqual([true, false]);
      const bad = await send('PATCH', admin, '/organization/settings', { answerResumesClock: 'yes' });
      expect(bad.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'answerResumesClock' }],
      });
      const on = await send('PATCH', admin, '/organization/settings', { answerResumesClock: true });
      expect(on.json().answerResumesClock).toBe(true);
    });

    it('refuses bad settings, other roles, and keeps organisations apart', async () => {
      const bad = await send('PATCH', admin, '/organization/settings', {
        deadlines: { complaint: { mode: 'lunar', days: 0 } },
        satisfactionTargetPercent: 101,
      });
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .details.map((d: { field: string }) => d.field)
          .sort(),
      ).toEqual(['deadlines.complaint.days', 'deadlines.complaint.mode', 'satisfactionTargetPercent']);
      const backwards = await send('PATCH', admin, '/organization/settings', {
        officeHours: { start: '17:00', end: '08:00' },
      });
      expect(backwards.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'officeHours.end' }],
      });
      for (const who of [intake, supervisor, executive]) {
        expect((await get(who.token, '/api/v1/organization/settings')).statusCode).toBe(403);
        expect((await send('POST', who.token, '/units', { code: 'x', nameTh: 'x' })).statusCode).toBe(403);
        expect((await get(who.token, '/api/v1/categories')).statusCode).toBe(403);
      }
      const ourUnit = officer.unitId!;
      expect((await send('PATCH', otherOrgAdmin, `/units/${ourUnit}`, { nameTh: 'ยึด' })).json().code).toBe(
        'UNIT_NOT_FOUND',
      );
      expect((await get(otherOrgAdmin, '/api/v1/categories')).json()).toEqual([]);
    });
  });
});
