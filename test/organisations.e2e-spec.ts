import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importOrganisations } from '../src/organizations/import-organisations';
import { Role } from '../src/users/roles';
import { lightingComplaint } from './helpers/complaints';
import { enrol, useAccountLink } from './helpers/officers';
import { bearer, createTestApp, TestApp } from './helpers/test-app';

const FIXTURE = join(__dirname, 'fixtures', 'dla-organisations.csv');
const ORGS = '/api/v1/organizations';

/** The fiscal year (Buddhist era) of a date: October starts the next one. */
const fiscalYearOf = (d: Date) => d.getUTCFullYear() + 543 + (d.getUTCMonth() >= 9 ? 1 : 0);

describe('organisations as data, people in several organisations, national statistics', () => {
  let t: TestApp;
  let operator: string;
  const tmp = (name: string) => join(tmpdir(), `rongrian-${process.pid}-${Date.now()}-${name}`);

  beforeAll(async () => {
    // the start-up's first administrator (admin@test.local) is the deployment's operator
    t = await createTestApp({ OPERATOR_EMAILS: 'admin@test.local', STATISTICS_CACHE_SECONDS: '0' });
    operator = await t.login();
  });
  afterAll(() => t.close());

  const newOrganization = (over: Record<string, unknown> = {}) => ({
    slug: 'ban-mai',
    nameTh: 'องค์การบริหารส่วนตำบลบ้านใหม่',
    type: 'sao',
    dlaCode: '6999001',
    province: 'ตาก',
    district: 'วังเจ้า',
    contactEmail: 'saraban@banmai.go.th',
    ...over,
  });
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, token: string, payload?: object) =>
    t.request({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

  describe('the operator creates an organisation and invites its first administrator', () => {
    let orgId: string;
    let orgAdmin: string;

    it('creates it with its reference data and sends the administrator a one-time link', async () => {
      const res = await call('POST', ORGS, operator, {
        ...newOrganization(),
        administrator: { email: 'Palad@BanMai.go.th ', displayName: 'ปลัด อบต.บ้านใหม่' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ slug: 'ban-mai', type: 'sao', dlaCode: '6999001', province: 'ตาก' });
      orgId = res.json().id;

      // the same units and categories as the seeded organisation
      const [{ units, categories }] = await t.db.query(
        `SELECT (SELECT count(*) FROM units WHERE organization_id = $1)::int AS units,
                (SELECT count(*) FROM complaint_categories WHERE organization_id = $1)::int AS categories`,
        [orgId],
      );
      const [demo] = await t.db.query(
        `SELECT (SELECT count(*) FROM units u JOIN organizations o ON o.id = u.organization_id WHERE o.slug = 'demo')::int AS units,
                (SELECT count(*) FROM complaint_categories c JOIN organizations o ON o.id = c.organization_id WHERE o.slug = 'demo')::int AS categories`,
      );
      expect({ units, categories }).toEqual(demo);
      expect(units).toBeGreaterThan(0);

      const [admin] = await t.db.query(
        `SELECT id, roles FROM users WHERE organization_id = $1 AND email = 'palad@banmai.go.th'`,
        [orgId],
      );
      expect(admin.roles).toEqual([Role.Admin]);
      const mails = await t.db.query(
        `SELECT template FROM notification_outbox WHERE subject_type = 'user' AND subject_id = $1`,
        [admin.id],
      );
      expect(mails).toEqual([{ template: 'officer.account_link' }]);
      const audit = await t.db.query(
        `SELECT action FROM audit_entries WHERE organization_id = $1 ORDER BY id`,
        [orgId],
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'organization.create',
        'user.invite_first_administrator',
        'user.invitation_sent',
      ]);

      // the link works once; then the new administrator works in their own organisation
      expect((await useAccountLink(t, admin.id, 'ban-mai-admin-password')).statusCode).toBe(204);
      orgAdmin = await t.login('palad@banmai.go.th', 'ban-mai-admin-password');
      const me = await call('GET', '/api/v1/auth/me', orgAdmin);
      expect(me.json()).toMatchObject({ organizationId: orgId, roles: [Role.Admin] });
      const units2 = await call('GET', '/api/v1/units', orgAdmin);
      expect(units2.json().every((u: { organizationId: string }) => u.organizationId === orgId)).toBe(true);
    });

    it("refuses another organisation's administrator on every operator route", async () => {
      const forbidden = [
        await call('GET', ORGS, orgAdmin),
        await call('GET', `${ORGS}/${orgId}`, orgAdmin),
        await call('POST', ORGS, orgAdmin, newOrganization({ slug: 'x-org', dlaCode: '6999999' })),
        await call('PATCH', `${ORGS}/${orgId}`, orgAdmin, { province: 'ลำปาง' }),
        await call('POST', `${ORGS}/${orgId}/administrator`, orgAdmin, {
          email: 'a@b.go.th',
          displayName: 'A',
        }),
      ];
      expect(forbidden.map((r) => [r.statusCode, r.json().code])).toEqual(Array(5).fill([403, 'FORBIDDEN']));
      expect(await t.db.query(`SELECT 1 FROM organizations WHERE slug = 'x-org'`)).toEqual([]);
    });

    it('tells the console who is an operator, and finds organisations by words, province and type', async () => {
      const signIn = (email: string, password: string) =>
        t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
      expect((await signIn('admin@test.local', 'admin-password-for-tests')).json().operator).toBe(true);
      const other = await signIn('palad@banmai.go.th', 'ban-mai-admin-password');
      expect([other.statusCode, other.json().operator]).toEqual([200, false]);

      const slugs = async (query: string) => {
        const res = await call('GET', `${ORGS}?${query}`, operator);
        expect(res.statusCode).toBe(200);
        return res.json().map((o: { slug: string }) => o.slug);
      };
      expect(await slugs(`q=${encodeURIComponent('บ้านใหม่')}`)).toEqual(['ban-mai']);
      expect(await slugs('q=6999001')).toEqual(['ban-mai']);
      // every word must be found, in any of the fields
      expect(await slugs(`q=${encodeURIComponent(' วังเจ้า  ตาก ')}`)).toEqual(['ban-mai']);
      expect(await slugs(`q=${encodeURIComponent('วังเจ้า ลำปาง')}`)).toEqual([]);
      // LIKE's wildcards are plain characters
      expect(await slugs('q=%25')).toEqual([]);
      expect(await slugs('q=_')).toEqual([]);
      expect(await slugs(`q=ban&province=${encodeURIComponent('ตาก')}&type=sao`)).toEqual(['ban-mai']);
      expect(await slugs('q=ban&type=pao')).toEqual([]);
      const tooLong = await call('GET', `${ORGS}?q=${'x'.repeat(201)}`, operator);
      expect([tooLong.statusCode, tooLong.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    });

    it('edits it (audited with the values before); refuses duplicates, bad input and a second first administrator', async () => {
      const edited = await call('PATCH', `${ORGS}/${orgId}`, operator, {
        district: 'เมืองตาก',
        contactPhone: '055 000 111',
      });
      expect(edited.statusCode).toBe(200);
      expect(edited.json()).toMatchObject({
        district: 'เมืองตาก',
        contactPhone: '055 000 111',
        slug: 'ban-mai',
      });
      const [entry] = await t.db.query(
        `SELECT before, after FROM audit_entries WHERE organization_id = $1 AND action = 'organization.update'`,
        [orgId],
      );
      expect(entry).toEqual({
        before: { district: 'วังเจ้า', contactPhone: null },
        after: { district: 'เมืองตาก', contactPhone: '055 000 111' },
      });
      // public routes follow the organisation's edited name at once in this process
      const renamed = await call('PATCH', `${ORGS}/${orgId}`, operator, { slug: 'ban-mai-tak' });
      expect(renamed.statusCode).toBe(200);
      const filed = await t.request({
        method: 'POST',
        url: '/api/v1/orgs/ban-mai-tak/complaints',
        payload: lightingComplaint(),
      });
      expect(filed.statusCode).toBe(201);

      const taken = await call('POST', ORGS, operator, newOrganization({ slug: 'other-slug' }));
      expect([taken.statusCode, taken.json().code]).toEqual([409, 'DLA_CODE_TAKEN']);
      const slugTaken = await call('PATCH', `${ORGS}/${orgId}`, operator, { slug: 'demo' });
      expect([slugTaken.statusCode, slugTaken.json().code]).toEqual([409, 'SLUG_TAKEN']);
      const bad = await call(
        'POST',
        ORGS,
        operator,
        newOrganization({ type: 'province', dlaCode: '12-3', slug: 'Bad Slug' }),
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_FAILED');
      expect(
        bad
          .json()
          .details.map((d: { field: string }) => d.field)
          .sort(),
      ).toEqual(['dlaCode', 'slug', 'type']);
      const removed = await call('PATCH', `${ORGS}/${orgId}`, operator, { nameTh: null });
      expect([removed.statusCode, removed.json().code]).toEqual([400, 'VALIDATION_FAILED']);
      const second = await call('POST', `${ORGS}/${orgId}/administrator`, operator, {
        email: 'someone@banmai.go.th',
        displayName: 'คนที่สอง',
      });
      expect([second.statusCode, second.json().code]).toEqual([409, 'ADMINISTRATOR_EXISTS']);
      const unknown = await call('GET', `${ORGS}/00000000-0000-4000-8000-000000000000`, operator);
      expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'ORGANIZATION_NOT_FOUND']);
    });
  });

  describe('import-organisations', () => {
    const dlaRows = () =>
      t.db.query(
        `SELECT dla_code, slug, type, province, district, updated_at FROM organizations
         WHERE dla_code IN ('6630101','5630101','6630102','5630501','6520101','5520102') ORDER BY dla_code`,
      );

    it('creates each organisation of the list with its reference data; a re-run changes nothing', async () => {
      expect(await importOrganisations(t.config, FIXTURE)).toEqual({
        rows: 6,
        created: 6,
        updated: 0,
        unchanged: 0,
      });
      const first = await dlaRows();
      expect(first).toHaveLength(6);
      expect(first.find((o: { dla_code: string }) => o.dla_code === '5630501')).toMatchObject({
        slug: '5630501',
        type: 'city_municipality',
        province: 'ตาก',
        district: 'แม่สอด',
      });
      const [{ seeded }] = await t.db.query(
        `SELECT count(DISTINCT organization_id)::int AS seeded FROM complaint_categories c
         JOIN organizations o ON o.id = c.organization_id WHERE o.dla_code IS NOT NULL`,
      );
      expect(seeded).toBe(7); // the six and ban-mai
      const audits = async () =>
        (
          await t.db.query(
            `SELECT count(*)::int AS n FROM audit_entries WHERE action LIKE 'organization.import%'`,
          )
        )[0].n;
      expect(await audits()).toBe(6);

      expect(await importOrganisations(t.config, FIXTURE)).toEqual({
        rows: 6,
        created: 0,
        updated: 0,
        unchanged: 6,
      });
      expect(await dlaRows()).toEqual(first);
      expect(await audits()).toBe(6);
    });

    it('a changed row updates that organisation only', async () => {
      const before = await dlaRows();
      const changed = tmp('changed.csv');
      const text = await readFile(FIXTURE, 'utf8');
      await writeFile(
        changed,
        text.replace(
          '5,6520101,องค์การบริหารส่วนตำบลบ่อแฮ้ว,อบต.,เมืองลำปาง',
          '5,6520101,องค์การบริหารส่วนตำบลบ่อแฮ้ว,อบต.,ห้างฉัตร',
        ),
      );
      expect(await importOrganisations(t.config, changed)).toEqual({
        rows: 6,
        created: 0,
        updated: 1,
        unchanged: 5,
      });
      const after = await dlaRows();
      for (const [i, row] of after.entries()) {
        if (row.dla_code === '6520101') expect(row.district).toBe('ห้างฉัตร');
        else expect(row).toEqual(before[i]);
      }
    });

    it('a file with a bad row is refused whole: nothing written, every problem listed', async () => {
      const bad = tmp('bad.csv');
      await copyFile(FIXTURE, bad);
      await writeFile(
        bad,
        `${await readFile(FIXTURE, 'utf8')}7,7770001,อบต.ใหม่,อบต.,เมือง,ตาก\n8,abc,อบต.ผิด,อำเภอ,เมือง,ตาก\n`,
      );
      await expect(importOrganisations(t.config, bad)).rejects.toThrow(
        /nothing imported, 2 problem\(s\):\n {2}line 9, dlaCode: "abc" is not a DLA code.*\n {2}line 9, type: unknown type "อำเภอ"/,
      );
      expect(await t.db.query(`SELECT 1 FROM organizations WHERE dla_code = '7770001'`)).toEqual([]);
      await expect(importOrganisations(t.config, undefined)).rejects.toThrow(
        'Usage: import-organisations <file.csv>',
      );
    });
  });

  describe('one person in two organisations', () => {
    const EMAIL = 'somchai@two-orgs.go.th';
    let demoId: string;
    let banMaiId: string;

    beforeAll(async () => {
      // an account in the demo organisation and one in ban-mai, each invited by its own administrator
      [{ id: demoId }] = await t.db.query(`SELECT id FROM organizations WHERE slug = 'demo'`);
      [{ id: banMaiId }] = await t.db.query(`SELECT id FROM organizations WHERE dla_code = '6999001'`);
      const banMaiAdmin = await t.login('palad@banmai.go.th', 'ban-mai-admin-password');
      await enrol(t, operator, {
        email: EMAIL,
        displayName: 'สมชาย',
        roles: [Role.Intake],
        password: 'same-password-1',
      });
      await enrol(t, banMaiAdmin, {
        email: EMAIL,
        displayName: 'สมชาย',
        roles: [Role.Officer],
        password: 'same-password-1',
      });
    });

    const login = (payload: Record<string, unknown>) =>
      t.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: EMAIL, password: 'same-password-1', ...payload },
      });

    it('signing in without an organisation lists both to choose from; choosing signs in to each', async () => {
      const choose = await login({});
      expect(choose.statusCode).toBe(409);
      expect(choose.json().code).toBe('ORGANIZATION_CHOICE_REQUIRED');
      expect(
        choose
          .json()
          .details.organizations.map((o: { organizationId: string }) => o.organizationId)
          .sort(),
      ).toEqual([demoId, banMaiId].sort());

      for (const [organizationId, roles] of [
        [demoId, [Role.Intake]],
        [banMaiId, [Role.Officer]],
      ] as const) {
        const res = await login({ organizationId });
        expect(res.statusCode).toBe(200);
        expect(res.json().user).toMatchObject({ organizationId, roles });
        const units = await call('GET', '/api/v1/units', res.json().accessToken);
        expect(new Set(units.json().map((u: { organizationId: string }) => u.organizationId))).toEqual(
          new Set([organizationId]),
        );
      }
      const wrong = await login({ organizationId: banMaiId, password: 'not-the-password' });
      expect([wrong.statusCode, wrong.json().code]).toEqual([401, 'INVALID_CREDENTIALS']);
    });

    it('lists the memberships and switches to the other organisation, ending the first session', async () => {
      const first = (await login({ organizationId: demoId })).json();
      const list = await call('GET', '/api/v1/auth/organizations', first.accessToken);
      expect(list.statusCode).toBe(200);
      expect(
        list
          .json()
          .map((m: { organizationId: string; current: boolean; roles: Role[] }) => [
            m.organizationId,
            m.current,
            m.roles,
          ])
          .sort(),
      ).toEqual(
        [
          [demoId, true, [Role.Intake]],
          [banMaiId, false, [Role.Officer]],
        ].sort(),
      );

      const switched = await call('POST', '/api/v1/auth/switch-organization', first.accessToken, {
        organizationId: banMaiId,
        password: 'same-password-1',
      });
      expect(switched.statusCode).toBe(200);
      expect(switched.json().user.organizationId).toBe(banMaiId);
      const me = await call('GET', '/api/v1/auth/me', switched.json().accessToken);
      expect(me.json()).toMatchObject({ organizationId: banMaiId, email: EMAIL });
      // the demo session is over, its refresh token too
      expect((await call('GET', '/api/v1/auth/me', first.accessToken)).statusCode).toBe(401);
      const refresh = await t.request({
        method: 'POST',
        url: '/api/v1/auth/refresh',
        payload: { refreshToken: first.refreshToken },
      });
      expect(refresh.statusCode).toBe(401);

      const nowhere = await call('POST', '/api/v1/auth/switch-organization', switched.json().accessToken, {
        organizationId: (await t.db.query(`SELECT id FROM organizations WHERE dla_code = '6630101'`))[0].id,
        password: 'same-password-1',
      });
      expect([nowhere.statusCode, nowhere.json().code]).toEqual([401, 'INVALID_CREDENTIALS']);
    });

    it('accounts with different passwords: the password says which, without a choice', async () => {
      const other = 'two-passwords@two-orgs.go.th';
      const banMaiAdmin = await t.login('palad@banmai.go.th', 'ban-mai-admin-password');
      await enrol(t, operator, {
        email: other,
        displayName: 'ก',
        roles: [Role.Officer],
        password: 'password-in-demo',
      });
      await enrol(t, banMaiAdmin, {
        email: other,
        displayName: 'ก',
        roles: [Role.Officer],
        password: 'password-in-ban-mai',
      });
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: other, password: 'password-in-ban-mai' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().user.organizationId).toBe(banMaiId);
    });
  });

  describe('national and provincial statistics', () => {
    it('totals by province and type, each organisation, and no percentage on fewer than 5 cases', async () => {
      // five complaints in เทศบาลนครแม่สอด and one in อบต.ไม้งาม, all now past their due date
      const file = async (slug: string) => {
        const res = await t.request({
          method: 'POST',
          url: `/api/v1/orgs/${slug}/complaints`,
          payload: lightingComplaint(),
        });
        expect(res.statusCode).toBe(201);
      };
      for (let i = 0; i < 5; i++) await file('5630501');
      await file('6630102');
      await t.db.query(
        `UPDATE case_deadlines d SET current_due_date = current_date - 3 FROM complaints c, organizations o
         WHERE d.track = 'complaint' AND d.case_id = c.id AND c.organization_id = o.id AND o.dla_code IN ('5630501', '6630102')`,
      );
      const fy = fiscalYearOf(new Date());
      const res = await t.request({ method: 'GET', url: `/api/v1/statistics/complaints?fiscalYear=${fy}` });
      expect(res.statusCode).toBe(200);
      const s = res.json();
      expect(s.minimumSample).toBe(5);
      const org = (dla: string) => s.organizations.find((o: { dlaCode: string }) => o.dlaCode === dla);
      expect(org('5630501')).toMatchObject({
        type: 'city_municipality',
        province: 'ตาก',
        district: 'แม่สอด',
        received: 5,
        due: 5,
        compliancePercent: 0,
      });
      expect(org('6630102')).toMatchObject({
        received: 1,
        due: 1,
        openPastDeadline: 1,
        compliancePercent: null,
      });
      const tak = s.byProvince.find((p: { province: string }) => p.province === 'ตาก');
      // the import's four, ban-mai (ตาก) and its one complaint filed before
      expect(tak).toMatchObject({ organizations: 5, received: 7, due: 6, compliancePercent: 0 });
      expect(s.byProvince.find((p: { province: string }) => p.province === 'ลำปาง')).toMatchObject({
        organizations: 2,
        received: 0,
        compliancePercent: null,
      });
      const sao = s.byType.find((x: { type: string }) => x.type === 'sao');
      expect(sao).toMatchObject({ nameTh: 'อบต.', organizations: 3, received: 2 });
      expect(s.byType.find((x: { type: string }) => x.type === 'city_municipality')).toMatchObject({
        organizations: 1,
        received: 5,
        compliancePercent: 0,
      });
      expect(s.total.organizations).toBe(s.organizations.length);
      expect(s.total.received).toBe(
        s.organizations.reduce((n: number, o: { received: number }) => n + o.received, 0),
      );

      // one province: its organisations and totals only
      const province = await t.request({
        method: 'GET',
        url: `/api/v1/statistics/complaints?fiscalYear=${fy}&province=${encodeURIComponent('ลำปาง')}`,
      });
      expect(province.statusCode).toBe(200);
      expect(province.json().province).toBe('ลำปาง');
      expect(
        province
          .json()
          .organizations.map((o: { dlaCode: string }) => o.dlaCode)
          .sort(),
      ).toEqual(['5520102', '6520101']);
      expect(province.json().byProvince).toHaveLength(1);

      // the organisation's own public page follows the same rule
      const own = await t.request({
        method: 'GET',
        url: `/api/v1/orgs/6630102/statistics/complaints?fiscalYear=${fy}`,
      });
      expect(own.json().figures.deadline).toMatchObject({ due: 1, compliancePercent: null });

      const csv = await t.request({
        method: 'GET',
        url: `/api/v1/statistics/complaints?fiscalYear=${fy}&format=csv`,
      });
      const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines.some((l) => l.startsWith('จังหวัด (province),,ตาก,,,ตาก,,5,7,'))).toBe(true);
      expect(
        lines.some((l) =>
          l.startsWith('อปท. (organisation),5630501,เทศบาลนครแม่สอด,5630501,city_municipality,ตาก,แม่สอด,1,5,'),
        ),
      ).toBe(true);
    });
  });
});
