import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security on every tenant table (issue 18, item 3). The service runs as the role
 * `rongrian_app` (NOSUPERUSER, NOBYPASSRLS, owns nothing), migrations as the tables' owner; FORCE
 * makes the owner obey the policies too. A transaction sees and writes the rows of
 * `app.organization_id`, or every row when `app.scope` is 'system'; both are transaction-local
 * settings the service sends with each transaction (src/infrastructure/database/tenancy.ts). With
 * neither, no tenant row at all.
 *
 * Tenant tables: every table of the schema with an `organization_id` column (the test
 * test/row-level-security.e2e-spec.ts fails for any that lacks the policy), and `organizations`
 * itself, readable by all (names and slugs are public; the pages look organisations up by slug),
 * writable for its own row or in the system scope. Holidays without an organisation are the
 * national ones: every organisation reads them.
 */
export const APP_ROLE = 'rongrian_app';
const TENANT = `nullif(current_setting('app.organization_id', true), '')::uuid`;
const SYSTEM = `current_setting('app.scope', true) = 'system'`;
const FIGURE_TABLES = `complaint_figure_facts, complaint_figure_deltas, complaint_figure_cells, complaint_figure_orgs,
  complaint_figure_days`;

export class RowLevelSecurity1797600000001 implements MigrationInterface {
  name = 'RowLevelSecurity1797600000001';

  public async up(q: QueryRunner): Promise<void> {
    // roles belong to the cluster: another database of the same server may have made it already
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      END IF;
      -- the owner may act as the role (SET ROLE, when DATABASE_APP_URL is not given)
      BEGIN
        EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user);
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'cannot grant ${APP_ROLE} to %: give the service DATABASE_APP_URL', current_user;
      END;
    END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`);
    await q.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
    await q.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${APP_ROLE}`);
    // what later migrations create (as the same owner) is granted too
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`,
    );
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${APP_ROLE}`,
    );
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO ${APP_ROLE}`);
    // the figures' rebuild (system scope: the worker's maintenance) empties the derived tables at once
    await q.query(`GRANT TRUNCATE ON ${FIGURE_TABLES} TO ${APP_ROLE}`);
    // the journal of applied migrations is the owner's business
    await q.query(`REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM ${APP_ROLE}`);

    // a view reads with its owner's rights unless told otherwise: the figures' view obeys the caller's policies
    await q.query(`ALTER VIEW complaint_figure_facts_now SET (security_invoker = true)`);
    // the reference numbers' sequences are created on first use: by the owner (the app role may
    // create nothing), and only for the organisation of the transaction
    await q.query(`ALTER FUNCTION next_reference_number(uuid, text, integer) SECURITY DEFINER`);
    await q.query(
      `ALTER FUNCTION next_reference_number(uuid, text, integer) SET search_path = public, pg_temp`,
    );
    await q.query(`CREATE OR REPLACE FUNCTION rongrian_tenancy_allows(p_org uuid) RETURNS boolean
      LANGUAGE sql STABLE AS $$ SELECT coalesce(p_org = ${TENANT} OR ${SYSTEM}, false) $$`);
    await q.query(`DO $$ DECLARE body text; BEGIN
      SELECT prosrc INTO body FROM pg_proc WHERE oid = 'next_reference_number(uuid, text, integer)'::regprocedure;
      IF position('rongrian_tenancy_allows' IN body) = 0 THEN
        body := regexp_replace(body, 'BEGIN', 'BEGIN
        IF NOT rongrian_tenancy_allows(p_org) THEN
          RAISE EXCEPTION ''reference number for another organisation'' USING ERRCODE = ''insufficient_privilege'';
        END IF;');
        EXECUTE format('CREATE OR REPLACE FUNCTION next_reference_number(p_org uuid, p_series text, p_year integer)
          RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS %L', body);
      END IF;
    END $$`);

    for (const table of await tenantTables(q)) {
      const own = table === 'organizations' ? 'id' : 'organization_id';
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
      const mine = `${own} = ${TENANT} OR ${SYSTEM}`;
      await q.query(`CREATE POLICY tenant_isolation ON "${table}" USING (${mine}) WITH CHECK (${mine})`);
    }
    await q.query(`CREATE POLICY organizations_public ON organizations FOR SELECT USING (true)`);
    await q.query(`CREATE POLICY holidays_national ON holidays FOR SELECT USING (organization_id IS NULL)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY holidays_national ON holidays`);
    await q.query(`DROP POLICY organizations_public ON organizations`);
    for (const table of await tenantTables(q)) {
      await q.query(`DROP POLICY tenant_isolation ON "${table}"`);
      await q.query(`ALTER TABLE "${table}" NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`ALTER VIEW complaint_figure_facts_now RESET (security_invoker)`);
    await q.query(`DO $$ DECLARE body text; BEGIN
      SELECT prosrc INTO body FROM pg_proc WHERE oid = 'next_reference_number(uuid, text, integer)'::regprocedure;
      body := regexp_replace(body, '\\s*IF NOT rongrian_tenancy_allows\\(p_org\\) THEN.*?END IF;', '');
      EXECUTE format('CREATE OR REPLACE FUNCTION next_reference_number(p_org uuid, p_series text, p_year integer)
        RETURNS bigint LANGUAGE plpgsql SECURITY INVOKER AS %L', body);
      ALTER FUNCTION next_reference_number(uuid, text, integer) RESET search_path;
    END $$`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${APP_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${APP_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON FUNCTIONS FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`DROP FUNCTION rongrian_tenancy_allows(uuid)`);
  }
}

/** `organizations` and every base table of the schema with an `organization_id` column. */
async function tenantTables(q: QueryRunner): Promise<string[]> {
  const rows: { table_name: string }[] = await q.query(
    `SELECT c.table_name FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND c.column_name = 'organization_id' AND t.table_type = 'BASE TABLE'
      ORDER BY 1`,
  );
  return ['organizations', ...rows.map((r) => r.table_name)];
}
