import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_DATABASE_ROLE } from '../src/infrastructure/database/data-source-options';
import { runAsSystem, runForOrganization } from '../src/infrastructure/database/tenancy';
import { Clock } from '../src/common/clock/clock';
import { DeadlineMilestonesService } from '../src/deadlines/deadline-milestones.service';
import { ComplaintFiguresRollup } from '../src/statistics/figures-rollup';
import { Role } from '../src/users/roles';
import { fileComplaint, lightingComplaint } from './helpers/complaints';
import { ownerQuery } from './helpers/databases';
import {
  createOfficer as createIntegrityOfficer,
  latestReportId,
  minimalReport,
  officerApi,
  submit,
} from './helpers/integrity';
import { createOfficer } from './helpers/officers';
import { bearer, createTestApp, TestApp } from './helpers/test-app';
import { databaseUrl } from './helpers/test-env';

/**
 * Tenancy in depth (issue 18, item 3): row-level security that the service's own database role
 * cannot bypass. Organisation "demo" is filled through the service's real routes (complaints with
 * deadline changes, pauses and milestones; an integrity report with its access, keys, messages,
 * notes, transitions and identity; officers with their links, tokens, keys and role requests;
 * figures); a second organisation is then the tenant of a connection AS rongrian_app, and every
 * tenant table must give it nothing of demo's: no row read, no row updated or deleted, no row
 * inserted in demo's name.
 */

/** Tables that hold no organisation's rows, and why. Any other table must be a tenant table. */
const NOT_TENANT_DATA: Record<string, string> = {
  allegation_types: 'national reference list of the integrity channel',
  attachment_chunks: 'blob store (keyed by an unguessable blob key; the attachments table is the tenant row)',
  attachment_uploads: 'blob store bookkeeping (upload hour per blob key)',
  idempotency_records: 'HMAC-keyed, encrypted replays; the scope in the key names the organisation',
  operational_counters: "the deployment's own counters (metrics)",
  schema_migrations: "the owner's journal of migrations",
};

describe('row-level security: organization_id on every tenant table, enforced for the service role', () => {
  let t: TestApp;
  let demo: string;
  let other: string;
  let tenantTables: string[];

  /** A connection acting as the service's role for its whole session (the service does it per transaction). */
  async function asAppRole<T>(work: (c: Client) => Promise<T>): Promise<T> {
    const client = new Client({
      connectionString: databaseUrl(t.database),
      options: `-c role=${APP_DATABASE_ROLE}`,
    });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    t = await createTestApp({ APP_ROLE: 'api' });
    const [row] = (await ownerQuery(t.database, `SELECT id FROM organizations WHERE slug = 'demo'`)) as {
      id: string;
    }[];
    demo = row.id;
    other = randomUUID();
    await ownerQuery(
      t.database,
      `INSERT INTO organizations (id, slug, name_th, settings) VALUES ($1, 'other-org', 'อบต.อื่น', '{}')`,
      [other],
    );

    // demo's rows, made the way the service makes them
    const admin = await t.login();
    const intake = await createOfficer(t, admin, [Role.Intake]);
    const officer = await createOfficer(t, admin, [Role.Officer], 'engineering');
    const act = (token: string, id: string, action: string, payload: object = {}) =>
      t.request({
        method: 'POST',
        url: `/api/v1/complaints/${id}/${action}`,
        headers: bearer(token),
        payload,
      });
    const extended = await fileComplaint(t);
    await act(intake.token, extended.id, 'assign', { unitId: officer.unitId, assigneeId: officer.id });
    // a few days past the due date the citizen was given (an extension any officer may record)
    const later = new Date(Date.parse(`${extended.receipt.dueDate}T00:00:00Z`) + 5 * 86_400_000);
    const extension = await act(officer.token, extended.id, 'extend-deadline', {
      newDueDate: later.toISOString().slice(0, 10),
      reason: 'รออุปกรณ์',
    });
    expect([extension.statusCode, extension.body]).toEqual([204, '']);
    const paused = await fileComplaint(t, lightingComplaint());
    await act(intake.token, paused.id, 'assign', { unitId: officer.unitId });
    expect((await act(officer.token, paused.id, 'request-info', { message: 'ขอเลขเสา' })).statusCode).toBe(
      200,
    );
    // milestones: the sweep a month later handles the reminders and the due date
    await t.app.get(ComplaintFiguresRollup).rebuild();
    await fileComplaint(t); // a delta the rollup has not folded
    const clock = t.app.get(Clock);
    clock.freeze(new Date(Date.now() + 40 * 86_400_000));
    await t.app.get(DeadlineMilestonesService).sweep();
    clock.reset();

    const io = await createIntegrityOfficer(t, admin, [Role.IntegrityOfficer]);
    await createIntegrityOfficer(t, admin, [Role.Custodian]);
    await submit(t, { ...minimalReport(), identity: { name: 'ผู้แจ้ง', consentToContact: false } });
    const reportId = await latestReportId(t);
    await officerApi(t, io).post(`/${reportId}/transitions`, { action: 'start_screening' });
    await officerApi(t, io).post(`/${reportId}/notes`, { body: 'บันทึกภายใน' });
    await officerApi(t, io).post(`/${reportId}/messages`, { body: 'ได้รับเรื่องแล้ว' });
    await t.request({
      method: 'POST',
      url: '/api/v1/holidays',
      headers: bearer(admin),
      payload: { date: '2099-02-02', nameTh: 'วันหยุดท้องถิ่น', nameEn: 'Local day' },
    });

    tenantTables = (
      (await ownerQuery(
        t.database,
        `SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
          WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
            AND a.attname = 'organization_id' AND NOT a.attisdropped ORDER BY 1`,
      )) as { relname: string }[]
    ).map((r) => r.relname);
  }, 240_000);
  afterAll(() => t.close());

  it('the service acts as rongrian_app: no superuser, no BYPASSRLS, owner of no table', async () => {
    const [me] = await t.db.query(
      `SELECT current_user AS name, r.rolsuper, r.rolbypassrls,
              (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid)::int AS owned
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(me).toEqual({ name: APP_DATABASE_ROLE, rolsuper: false, rolbypassrls: false, owned: 0 });
  });

  it('catalogue: every table is a tenant table with RLS enabled, forced and a policy, or known not to be tenant data', async () => {
    const tables = (await ownerQuery(
      t.database,
      `SELECT c.relname AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
              EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id'
                        AND NOT a.attisdropped) AS has_column,
              (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid)::int AS policies
         FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1`,
    )) as { name: string; enabled: boolean; forced: boolean; has_column: boolean; policies: number }[];
    const unprotected = tables.filter(
      (r) => (r.has_column || r.name === 'organizations') && !(r.enabled && r.forced && r.policies > 0),
    );
    expect(unprotected.map((r) => r.name)).toEqual([]);
    const unclassified = tables.filter(
      (r) => !r.has_column && r.name !== 'organizations' && !(r.name in NOT_TENANT_DATA),
    );
    expect(unclassified.map((r) => r.name)).toEqual([]);
    // the child tables are among them
    expect(tenantTables).toEqual(
      expect.arrayContaining([
        'case_deadline_changes',
        'case_deadline_pauses',
        'case_deadline_milestones',
        'integrity_report_messages',
        'integrity_report_notes',
        'integrity_report_transitions',
        'integrity_report_access',
        'integrity_report_keys',
        'integrity_reporter_identities',
        'integrity_identity_requests',
        'integrity_officer_keys',
        'account_links',
        'refresh_tokens',
        'attachments',
        'complaint_figure_deltas',
        'complaint_figure_breakdowns',
        'complaint_figure_running',
      ]),
    );
    // a view reads with the caller's rights, not its owner's (which would skip the policies)
    const [view] = (await ownerQuery(
      t.database,
      `SELECT reloptions FROM pg_class WHERE relname = 'complaint_figure_facts_now'`,
    )) as { reloptions: string[] }[];
    expect(view.reloptions).toContain('security_invoker=true');
  });

  it("every child row carries its parent's organisation", async () => {
    const children: [string, string, string][] = [
      ['case_deadline_changes', 'case_deadlines', 'deadline_id'],
      ['case_deadline_pauses', 'case_deadlines', 'deadline_id'],
      ['case_deadline_milestones', 'case_deadlines', 'deadline_id'],
      ['integrity_report_access', 'integrity_reports', 'report_id'],
      ['integrity_report_keys', 'integrity_reports', 'report_id'],
      ['integrity_report_messages', 'integrity_reports', 'report_id'],
      ['integrity_report_notes', 'integrity_reports', 'report_id'],
      ['integrity_report_transitions', 'integrity_reports', 'report_id'],
      ['integrity_reporter_identities', 'integrity_reports', 'report_id'],
      ['integrity_officer_keys', 'users', 'user_id'],
      ['account_links', 'users', 'user_id'],
      ['refresh_tokens', 'users', 'user_id'],
    ];
    for (const [child, parent, via] of children) {
      const [row] = (await ownerQuery(
        t.database,
        `SELECT count(*)::int AS rows, count(*) FILTER (WHERE c.organization_id <> p.organization_id)::int AS wrong
           FROM ${child} c JOIN ${parent} p ON p.id = c.${via}`,
      )) as { rows: number; wrong: number }[];
      expect({ child, ...row, some: row.rows > 0 }).toEqual({ child, rows: row.rows, wrong: 0, some: true });
    }
  });

  it("as rongrian_app with another organisation as tenant: none of demo's rows is read, changed, deleted or written", async () => {
    const counts = new Map<string, number>();
    for (const table of tenantTables) {
      const [row] = (await ownerQuery(
        t.database,
        `SELECT count(*)::int AS n FROM ${table} WHERE organization_id = $1`,
        [demo],
      )) as { n: number }[];
      counts.set(table, row.n);
    }
    // demo has rows in (nearly) every tenant table: the checks below are not vacuous
    const empty = [...counts].filter(([, n]) => n === 0).map(([table]) => table);
    expect(empty.length).toBeLessThanOrEqual(6);

    await asAppRole(async (c) => {
      for (const table of ['organizations', ...tenantTables]) {
        const own = table === 'organizations' ? 'id' : 'organization_id';
        await c.query(`START TRANSACTION; SELECT set_config('app.organization_id', '${other}', true)`);
        try {
          if (table !== 'organizations') {
            // reads: nothing of demo's, by any path (the national holidays, of no organisation, are everyone's)
            const all = await c.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${own} IS NOT NULL`);
            const demos = await c.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${own} = $1`, [demo]);
            expect({ table, all: all.rows[0].n, demo: demos.rows[0].n }).toEqual({ table, all: 0, demo: 0 });
          }
          // writes: no row of demo's is changed or deleted
          const updated = await c.query(`UPDATE ${table} SET ${own} = ${own} WHERE ${own} = $1`, [demo]);
          expect({ table, updated: updated.rowCount }).toEqual({ table, updated: 0 });
          const deleted = await c.query(`DELETE FROM ${table} WHERE ${own} = $1`, [demo]);
          expect({ table, deleted: deleted.rowCount }).toEqual({ table, deleted: 0 });
        } finally {
          await c.query('ROLLBACK');
        }
        // inserts in demo's name are refused by the policy (checked before any other constraint)
        await c.query(`START TRANSACTION; SELECT set_config('app.organization_id', '${other}', true)`);
        const refused = await c.query(`INSERT INTO ${table} (${own}) VALUES ($1)`, [demo]).then(
          () => null,
          (error: { code?: string; message: string }) => error,
        );
        await c.query('ROLLBACK');
        expect({ table, code: refused?.code, message: refused?.message }).toEqual({
          table,
          code: '42501',
          message: expect.stringContaining('row-level security policy'),
        });
      }
    });
    // and demo's rows are all still there
    for (const [table, n] of counts) {
      const [row] = (await ownerQuery(
        t.database,
        `SELECT count(*)::int AS n FROM ${table} WHERE organization_id = $1`,
        [demo],
      )) as { n: number }[];
      expect({ table, n: row.n }).toEqual({ table, n });
    }
  });

  it('as rongrian_app with no tenancy at all: no tenant row; the settings end with their transaction', async () => {
    await asAppRole(async (c) => {
      for (const table of tenantTables) {
        const { rows } = await c.query(
          `SELECT count(*)::int AS n FROM ${table} WHERE organization_id IS NOT NULL`,
        );
        expect({ table, n: rows[0].n }).toEqual({ table, n: 0 });
      }
      await c.query(`START TRANSACTION; SELECT set_config('app.organization_id', '${demo}', true)`);
      expect((await c.query(`SELECT count(*)::int AS n FROM complaints`)).rows[0].n).toBeGreaterThan(0);
      await c.query('COMMIT');
      expect((await c.query(`SELECT count(*)::int AS n FROM complaints`)).rows[0].n).toBe(0);
      // demo's own tenancy sees demo's rows and writes in its own name only
      await c.query(`START TRANSACTION; SELECT set_config('app.organization_id', '${demo}', true)`);
      const moved = await c
        .query(`UPDATE units SET organization_id = $1 WHERE organization_id = $2`, [other, demo])
        .then(
          () => null,
          (error: { code?: string }) => error,
        );
      await c.query('ROLLBACK');
      expect(moved?.code).toBe('42501');
      // nor can the role take a reference number for another organisation
      await c.query(`START TRANSACTION; SELECT set_config('app.organization_id', '${other}', true)`);
      const number = await c.query(`SELECT next_reference_number($1, 'complaint', 2569)`, [demo]).then(
        () => null,
        (error: { code?: string }) => error,
      );
      await c.query('ROLLBACK');
      expect(number?.code).toBe('42501');
    });
  });

  it("the service's own queries carry the tenancy of the running code: the officer's organisation, or the system scope", async () => {
    const db: DataSource = t.db;
    const count = () => db.query(`SELECT count(*)::int AS n FROM complaints`).then((r) => r[0].n as number);
    const all = await runAsSystem(count);
    expect(all).toBeGreaterThan(0);
    expect(await runForOrganization(demo, count)).toBe(all);
    expect(await runForOrganization(other, count)).toBe(0);
    // in a transaction too (the setting goes with its START TRANSACTION)
    expect(
      await runForOrganization(other, () =>
        db.transaction((tx) => tx.query(`SELECT count(*)::int AS n FROM complaints`)),
      ),
    ).toEqual([{ n: 0 }]);
    expect(
      await runForOrganization(other, () =>
        db.transaction((tx) =>
          tx.query(`UPDATE complaints SET subject = subject WHERE organization_id = $1`, [demo]),
        ),
      ),
    ).toEqual([[], 0]);
  });

  it('an autocommit statement with its parameters written into the query answers as with bind parameters', async () => {
    const sql = `SELECT $1::text AS t, $2::int + 1 AS i, $3::boolean AS b, $4::timestamptz AS at, $5::uuid[] AS ids,
                        $6::jsonb AS j, $7::bytea AS bin, $8::text IS NULL AS none, length($9::text) AS quote`;
    const params = [
      "ร้องเรียน 'quoted' \\ back",
      41,
      true,
      new Date('2026-12-01T03:04:05.006Z'),
      [demo, other],
      { a: ["it's"], n: 1 },
      Buffer.from([0, 1, 254, 255]),
      null,
      "'; SELECT 1; --",
    ];
    const inlined = await runAsSystem(() => t.db.query(sql, params));
    const bound = await ownerQuery(t.database, sql, params);
    expect(inlined).toEqual(bound);
  });
});
