import { randomUUID } from 'node:crypto';
import { ALL_ROLES, Role } from '../src/users/roles';
import {
  createOfficer,
  officerApi,
  latestReportId,
  minimalReport,
  Officer,
  openSession,
  REPORTER_MESSAGES_URL,
  REPORTER_REPORT_URL,
  submit,
} from './helpers/integrity';
import { approveRoles, approverToken } from './helpers/officers';
import { bearer, createTestApp, TestApp } from './helpers/test-app';

/** an id that matches nothing */
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

type Subject = Role | 'anonymous' | 'reporter';
const SUBJECTS: Subject[] = [...ALL_ROLES, 'anonymous', 'reporter'];

interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  url: (c: Context) => string;
  payload?: (c: Context) => object;
  /** who gets through; everyone else is refused */
  allowed: Subject[];
}

interface Context {
  reportId: string;
  adminId: string;
}

const report =
  (path = '') =>
  (c: Context) =>
    `/api/v1/integrity-reports/${c.reportId}${path}`;

/** Every route of the integrity channel except the public submission and receipt routes. */
const ROUTES: Route[] = [
  { method: 'GET', url: () => '/api/v1/integrity-reports', allowed: [Role.IntegrityOfficer] },
  { method: 'GET', url: () => '/api/v1/integrity-reports?status=received', allowed: [Role.IntegrityOfficer] },
  { method: 'GET', url: () => '/api/v1/integrity-reports/workflow', allowed: [Role.IntegrityOfficer] },
  { method: 'GET', url: report(), allowed: [Role.IntegrityOfficer] },
  {
    method: 'POST',
    url: report('/transitions'),
    payload: () => ({ action: 'start_screening' }),
    allowed: [Role.IntegrityOfficer],
  },
  {
    method: 'POST',
    url: report('/messages'),
    payload: () => ({ body: 'ถึงผู้แจ้ง' }),
    allowed: [Role.IntegrityOfficer],
  },
  {
    method: 'POST',
    url: report('/notes'),
    payload: () => ({ body: 'บันทึกภายใน' }),
    allowed: [Role.IntegrityOfficer],
  },
  { method: 'GET', url: report('/access'), allowed: [Role.IntegrityOfficer] },
  {
    method: 'POST',
    url: report('/recusals'),
    payload: (c) => ({ userId: c.adminId, reason: 'ขัดกันแห่งผลประโยชน์' }),
    allowed: [Role.IntegrityOfficer],
  },
  {
    method: 'POST',
    url: report('/grants'),
    payload: (c) => ({ userId: c.adminId }),
    allowed: [Role.IntegrityOfficer],
  },
  { method: 'GET', url: report('/identity-requests'), allowed: [Role.IntegrityOfficer] },
  {
    method: 'POST',
    url: report('/identity-requests'),
    payload: () => ({ justification: 'จำเป็นต้องสอบปากคำผู้แจ้งเพื่อยืนยันข้อเท็จจริงในการสืบสวน' }),
    allowed: [Role.IntegrityOfficer],
  },
  {
    method: 'GET',
    url: report(`/identity-requests/${UNKNOWN}/identity`),
    allowed: [Role.IntegrityOfficer],
  },
  { method: 'GET', url: () => '/api/v1/integrity-reports/identity-requests', allowed: [Role.Custodian] },
  {
    method: 'GET',
    url: () => '/api/v1/integrity-reports/identity-requests?status=approved',
    allowed: [Role.Custodian],
  },
  {
    method: 'POST',
    url: () => `/api/v1/integrity-reports/identity-requests/${UNKNOWN}/decision`,
    payload: () => ({ decision: 'approve', reason: 'เหตุผลเพียงพอ' }),
    allowed: [Role.Custodian],
  },
  { method: 'GET', url: () => REPORTER_REPORT_URL, allowed: ['reporter'] },
  {
    method: 'POST',
    url: () => REPORTER_MESSAGES_URL,
    payload: () => ({ body: 'ข้อมูลเพิ่ม' }),
    allowed: ['reporter'],
  },
  { method: 'DELETE', url: () => '/api/v1/integrity-reports/session', allowed: ['reporter'] },
];

describe('integrity reports: who may do what', () => {
  let t: TestApp;
  let admin: string;
  let context: Context;
  const tokens = new Map<Subject, string | null>();
  let description: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    for (const role of ALL_ROLES) tokens.set(role, (await createOfficer(t, admin, [role])).token);
    tokens.set('anonymous', null);
    description = `ผู้อำนวยการกองช่างรับเงินจากผู้รับเหมา รหัสตรวจสอบ ${randomUUID()}`;
    const receipt = await submit(t, minimalReport(description));
    tokens.set('reporter', await openSession(t, receipt));
    const [adminRow] = await t.db.query(`SELECT id FROM users WHERE email = $1`, [t.config.admin.email]);
    context = { reportId: await latestReportId(t), adminId: adminRow.id };
  });
  afterAll(() => t.close());

  describe.each(ROUTES.map((r) => [`${r.method} ${r.url({ reportId: ':id', adminId: ':user' })}`, r]))(
    '%s',
    (_name, route) => {
      it.each(SUBJECTS)('as %s', async (subject) => {
        const token = tokens.get(subject);
        const res = await t.request({
          method: route.method,
          url: route.url(context),
          headers: token ? bearer(token) : {},
          ...(route.payload ? { payload: route.payload(context) } : {}),
        });
        if (route.allowed.includes(subject)) {
          // through the gate: a success or a domain answer about the request itself
          expect([200, 201, 204, 404, 409]).toContain(res.statusCode);
          if (res.statusCode >= 400) expect(res.json().code).not.toMatch(/FORBIDDEN|UNAUTHENTICATED|SESSION/);
          return;
        }
        expect(res.body).not.toContain(description);
        if (subject === 'anonymous' || subject === 'reporter' || route.allowed.includes('reporter')) {
          expect(res.statusCode).toBe(401);
        } else {
          expect(res.statusCode).toBe(403);
          expect(res.json().code).toBe('FORBIDDEN');
        }
      });
    },
  );

  it('no other route shows a report to any role (every parameterless GET in the API)', async () => {
    const doc = (await t.request({ method: 'GET', url: '/api/docs-json' })).json();
    const paths = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .filter(([path, ops]) => ops.get && !path.replace('{orgSlug}', '').includes('{'))
      .map(([path]) => path.replace('{orgSlug}', 'demo'));
    expect(paths.length).toBeGreaterThan(5);
    const [{ number }] = await t.db.query(`SELECT number FROM integrity_reports WHERE id = $1`, [
      context.reportId,
    ]);
    const everyoneButIntegrity = await createOfficer(
      t,
      admin,
      ALL_ROLES.filter((r) => r !== Role.IntegrityOfficer),
    );
    for (const path of paths) {
      for (const token of [admin, everyoneButIntegrity.token]) {
        const res = await t.request({ method: 'GET', url: path, headers: bearer(token) });
        expect(res.body).not.toContain(description);
        expect(res.body).not.toContain(number);
        expect(res.body).not.toContain(context.reportId);
      }
    }
  });

  describe('recusal and grants', () => {
    let io1: Officer;
    let io2: Officer;
    let io3: Officer;
    let reportId: string;

    beforeAll(async () => {
      io1 = await createOfficer(t, admin, [Role.IntegrityOfficer], 'ก. หนึ่ง');
      io2 = await createOfficer(t, admin, [Role.IntegrityOfficer], 'ข. สอง');
      io3 = await createOfficer(t, admin, [Role.IntegrityOfficer], 'ค. สาม');
      await submit(t);
      reportId = await latestReportId(t);
    });

    const get = (officer: Officer, path = '') => officerApi(t, officer).get(`/${reportId}${path}`);
    const listed = async (officer: Officer) =>
      (
        await t.request({
          method: 'GET',
          url: '/api/v1/integrity-reports?pageSize=100',
          headers: bearer(officer.token),
        })
      )
        .json()
        .items.map((i: { id: string }) => i.id);

    it('a recused officer loses the report everywhere, and cannot lift the recusal', async () => {
      expect((await get(io2)).statusCode).toBe(200);
      const recused = await officerApi(t, io1).post(`/${reportId}/recusals`, {
        userId: io2.id,
        reason: 'เป็นญาติกับผู้ถูกกล่าวหา',
      });
      expect(recused.statusCode).toBe(200);
      expect(recused.json()).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            userId: io2.id,
            status: 'recused',
            hasAccess: false,
            reason: 'เป็นญาติกับผู้ถูกกล่าวหา',
          }),
          expect.objectContaining({ userId: io1.id, status: 'granted', hasAccess: true }),
        ]),
      );
      expect((await get(io2)).statusCode).toBe(404);
      expect((await get(io2, '/access')).statusCode).toBe(404);
      expect(await listed(io2)).not.toContain(reportId);
      const step = await officerApi(t, io2).post(`/${reportId}/transitions`, { action: 'start_screening' });
      expect(step.statusCode).toBe(404);
      const selfGrant = await officerApi(t, io2).post(`/${reportId}/grants`, { userId: io2.id });
      expect(selfGrant.statusCode).toBe(404);
      const [entry] = await t.db.query(
        `SELECT actor_user_id, before, after FROM audit_entries WHERE action = 'integrity_report.recuse' AND entity_id = $1`,
        [reportId],
      );
      expect(entry).toEqual({
        actor_user_id: io1.id,
        before: { userId: io2.id, status: 'granted' },
        after: { userId: io2.id, status: 'recused' },
      });
    });

    it('the officer who recused them cannot lift it; a third officer with access can (audited)', async () => {
      const byRecuser = await officerApi(t, io1).post(`/${reportId}/grants`, {
        userId: io2.id,
        reason: 'ตรวจสอบแล้วไม่มีส่วนได้เสีย',
      });
      expect(byRecuser.statusCode).toBe(403);
      expect(byRecuser.json().code).toBe('RECUSAL_LIFT_NOT_ALLOWED');
      expect((await get(io2)).statusCode).toBe(404);
      const granted = await officerApi(t, io3).post(`/${reportId}/grants`, {
        userId: io2.id,
        reason: 'ตรวจสอบแล้วไม่มีส่วนได้เสีย',
      });
      expect(granted.statusCode).toBe(200);
      expect((await get(io2)).statusCode).toBe(200);
      expect(await listed(io2)).toContain(reportId);
      const [entry] = await t.db.query(
        `SELECT before, after FROM audit_entries WHERE action = 'integrity_report.grant' AND entity_id = $1`,
        [reportId],
      );
      expect(entry).toEqual({
        before: { userId: io2.id, status: 'recused' },
        after: { userId: io2.id, status: 'granted', keyWrapped: true },
      });
    });

    it('refuses to recuse someone who is not an integrity officer, or the last officer with access', async () => {
      const notIo = await officerApi(t, io1).post(`/${reportId}/recusals`, {
        userId: context.adminId,
        reason: 'ไม่ใช่เจ้าหน้าที่',
      });
      expect(notIo.json().code).toBe('NOT_AN_INTEGRITY_OFFICER');

      // the matrix officers hold grants on this report too: recuse everyone but io1 first
      const entries = (await get(io1, '/access')).json() as { userId: string; status: string }[];
      for (const e of entries.filter((e) => e.userId !== io1.id && e.status === 'granted')) {
        const res = await officerApi(t, io1).post(`/${reportId}/recusals`, {
          userId: e.userId,
          reason: 'ทดสอบการถอนตัว',
        });
        expect(res.statusCode).toBe(200);
      }
      const last = await officerApi(t, io1).post(`/${reportId}/recusals`, {
        userId: io1.id,
        reason: 'ถอนตัวเอง',
      });
      expect(last.statusCode).toBe(409);
      expect(last.json().code).toBe('LAST_OFFICER_WITH_ACCESS');
      expect((await get(io1)).statusCode).toBe(200);
    });

    it('someone made an integrity officer later does not see earlier reports until granted', async () => {
      const promoted = await createOfficer(t, admin, [Role.Admin]);
      const [me] = await t.db.query(`SELECT id FROM users WHERE email = $1`, [promoted.email]);
      const promote = await t.request({
        method: 'PATCH',
        url: `/api/v1/users/${me.id}`,
        headers: bearer(admin),
        payload: { roles: [Role.Admin, Role.IntegrityOfficer] },
      });
      expect(promote.statusCode).toBe(200);
      // the role waits for a second person
      expect(promote.json()).toMatchObject({ roles: [Role.Admin], pendingRoles: [Role.IntegrityOfficer] });
      await approveRoles(t, await approverToken(t, admin), me.id);
      // the key pair is made when a holder of the role signs in
      const late: Officer = {
        ...promoted,
        id: me.id,
        token: await t.login(promoted.email, promoted.password),
      };
      expect((await get(late)).statusCode).toBe(404);
      expect(await listed(late)).not.toContain(reportId);
      await submit(t);
      const newer = await latestReportId(t);
      expect(await listed(late)).toEqual([newer]); // reports received after the promotion: yes
      const res = await officerApi(t, io1).post(`/${reportId}/grants`, { userId: late.id });
      expect(res.statusCode).toBe(200);
      expect((await get(late)).statusCode).toBe(200);
      expect((await officerApi(t, late).get(`/${newer}`)).statusCode).toBe(200);
    });

    it('a report whose granted officers have all left opens to no other integrity officer (no fallback)', async () => {
      await submit(t);
      const orphan = await latestReportId(t);
      const granted: { user_id: string }[] = await t.db.query(
        `SELECT user_id FROM integrity_report_access WHERE report_id = $1 AND status = 'granted'`,
        [orphan],
      );
      const newcomer = await createOfficer(t, admin, [Role.IntegrityOfficer]);
      expect((await officerApi(t, newcomer).get(`/${orphan}`)).statusCode).toBe(404);
      for (const { user_id } of granted) {
        const res = await t.request({
          method: 'POST',
          url: `/api/v1/users/${user_id}/deactivate`,
          headers: bearer(admin),
        });
        expect(res.statusCode).toBe(201);
      }
      expect((await officerApi(t, newcomer).get(`/${orphan}`)).statusCode).toBe(404);
      const list = await officerApi(t, newcomer).get('?pageSize=100');
      expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(orphan);
    });
  });
});
