import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The incrementally kept figures reshaped for the readings (issue 18, item 6; see
 * src/statistics/figures-rollup.ts). The cells rollup was keyed by (organisation, month, category,
 * channel, unit, running due date): a reading needs each breakdown alone, never their product, and
 * the due date of every running case multiplied the rows again (demo's fiscal year of 1,000,000
 * complaints read hundreds of thousands of cells). Now:
 * - `complaint_figure_breakdowns`: by (organisation, month, dim, key), dim one of category, channel,
 *   unit (the total and the months are the sums of the categories);
 * - `complaint_figure_orgs`: by (organisation, month), for the national view;
 * - `complaint_figure_running`: the running deadlines alone, counted by (dim, organisation, due date,
 *   month, key) with dim 'total' too: a reading adds those due before today to "open past deadline".
 *   Rows that fall to zero are deleted by the fold, so the table holds the deadlines running now.
 * Facts, deltas and the days histogram are unchanged. Suggestions and compliments (which the rollups
 * do not count) get a partial index, so that the counts by kind do not read the year's complaints.
 * The new rollups are counted here from the counted facts (which include the deltas not folded yet,
 * so the deltas are emptied), as ComplaintFiguresRollup.rebuild would, without re-deriving the facts.
 */
const MEASURES = [
  'received',
  'in_progress',
  'resolved',
  'rejected',
  'referred',
  'duplicate',
  'met',
  'met_by_explanation',
  'missed',
  'open_past_deadline',
  'reopened',
  'responses',
  'rating_sum',
  'satisfied',
  'with_result',
  'result_days_sum',
];
/** The measures of the counted facts, in the order of MEASURES (as figures-rollup.ts defines them). */
const COUNTED = [
  `count(*)`,
  `count(*) FILTER (WHERE grp = 'in_progress')`,
  `count(*) FILTER (WHERE grp = 'resolved')`,
  `count(*) FILTER (WHERE grp = 'rejected')`,
  `count(*) FILTER (WHERE grp = 'referred')`,
  `count(*) FILTER (WHERE grp = 'duplicate')`,
  `count(*) FILTER (WHERE dl = 'met')`,
  `count(*) FILTER (WHERE dl = 'met_by_explanation')`,
  `count(*) FILTER (WHERE dl = 'missed')`,
  `count(*) FILTER (WHERE dl = 'open_past_deadline')`,
  `count(*) FILTER (WHERE reopened)`,
  `count(*) FILTER (WHERE rating IS NOT NULL)`,
  `coalesce(sum(rating), 0)`,
  `count(*) FILTER (WHERE rating >= 4)`,
  `count(*) FILTER (WHERE days IS NOT NULL)`,
  `coalesce(sum(days), 0)`,
].join(', ');
const measureColumns = (type: string) => MEASURES.map((m) => `"${m}" ${type} NOT NULL DEFAULT 0`).join(', ');
const FACT_NAMES = `organization_id, month, category_id, channel, unit_id, grp, dl, due_date, days, reopened, rating`;
const APP_ROLE = 'rongrian_app';
// the tenancy policy of RowLevelSecurity1797600000001, with the settings read once per statement
// (an InitPlan) instead of once per row: a national reading scans every organisation's rows
const TENANT = `(SELECT nullif(current_setting('app.organization_id', true), '')::uuid)`;
const SYSTEM = `(SELECT current_setting('app.scope', true) = 'system')`;
const NEW_TABLES = ['complaint_figure_breakdowns', 'complaint_figure_orgs', 'complaint_figure_running'];

async function confine(q: QueryRunner, table: string): Promise<void> {
  const mine = `organization_id = ${TENANT} OR ${SYSTEM}`;
  await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
  await q.query(`CREATE POLICY tenant_isolation ON "${table}" USING (${mine}) WITH CHECK (${mine})`);
  await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON "${table}" TO ${APP_ROLE}`);
}

export class FiguresByBreakdown1797730000000 implements MigrationInterface {
  name = 'FiguresByBreakdown1797730000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`LOCK TABLE complaint_figure_facts, complaint_figure_deltas IN EXCLUSIVE MODE`);
    await q.query(`DROP TABLE "complaint_figure_cells", "complaint_figure_orgs"`);
    await q.query(
      `CREATE TABLE "complaint_figure_breakdowns" ("organization_id" uuid NOT NULL, "month" date NOT NULL,
        "dim" text NOT NULL, "key" text, ${measureColumns('bigint')},
        CONSTRAINT "ck_complaint_figure_breakdowns_dim" CHECK ("dim" IN ('category', 'channel', 'unit')),
        CONSTRAINT "uq_complaint_figure_breakdowns" UNIQUE NULLS NOT DISTINCT ("organization_id", "month", "dim", "key"))`,
    );
    await q.query(
      `CREATE TABLE "complaint_figure_orgs" ("organization_id" uuid NOT NULL, "month" date NOT NULL,
        ${measureColumns('bigint')},
        CONSTRAINT "pk_complaint_figure_orgs" PRIMARY KEY ("organization_id", "month"))`,
    );
    await q.query(
      `CREATE TABLE "complaint_figure_running" ("dim" text NOT NULL, "organization_id" uuid NOT NULL,
        "due_date" date NOT NULL, "month" date NOT NULL, "key" text, "cases" bigint NOT NULL,
        CONSTRAINT "ck_complaint_figure_running_dim" CHECK ("dim" IN ('total', 'category', 'channel', 'unit')),
        CONSTRAINT "uq_complaint_figure_running" UNIQUE NULLS NOT DISTINCT
          ("dim", "organization_id", "due_date", "month", "key"))`,
    );
    // the national reading: every organisation's running deadlines due before today, from the index alone
    await q.query(
      `CREATE INDEX "ix_complaint_figure_running_totals" ON "complaint_figure_running" ("due_date", "month")
        INCLUDE ("organization_id", "cases") WHERE dim = 'total'`,
    );
    // the fold deletes the rows whose deadlines all stopped running
    await q.query(
      `CREATE INDEX "ix_complaint_figure_running_spent" ON "complaint_figure_running" ("organization_id") WHERE cases = 0`,
    );
    for (const table of NEW_TABLES) await confine(q, table);
    await q.query(
      `CREATE INDEX "ix_complaints_other_kinds" ON "complaints" ("received_at", "organization_id") WHERE kind <> 'complaint'`,
    );
    // every reading scans the deltas, which a fold empties: vacuumed soon after each fold, so the
    // scans do not read the dead rows of the last one (all the counted complaints after this migration)
    await q.query(
      `ALTER TABLE "complaint_figure_deltas" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000)`,
    );
    await q.query(`TRUNCATE complaint_figure_deltas, complaint_figure_days`);
    await q.query(`SET LOCAL work_mem = '256MB'`);
    const facts = `complaint_figure_facts`;
    const dim = `CASE WHEN GROUPING(category_id) = 0 THEN 'category' WHEN GROUPING(channel) = 0 THEN 'channel'
      WHEN GROUPING(unit_id) = 0 THEN 'unit' ELSE 'total' END`;
    const key = `coalesce(category_id::text, channel, unit_id::text)`;
    await q.query(`INSERT INTO complaint_figure_breakdowns (organization_id, month, dim, key, ${MEASURES.join(', ')})
      SELECT organization_id, month, ${dim}, ${key}, ${COUNTED} FROM ${facts}
      GROUP BY GROUPING SETS ((organization_id, month, category_id), (organization_id, month, channel),
        (organization_id, month, unit_id))`);
    await q.query(`INSERT INTO complaint_figure_orgs (organization_id, month, ${MEASURES.join(', ')})
      SELECT organization_id, month, ${COUNTED} FROM ${facts} GROUP BY organization_id, month`);
    await q.query(`INSERT INTO complaint_figure_running (dim, organization_id, due_date, month, key, cases)
      SELECT ${dim}, organization_id, due_date, month, ${key}, count(*) FROM ${facts} WHERE due_date IS NOT NULL
      GROUP BY GROUPING SETS ((organization_id, due_date, month), (organization_id, due_date, month, category_id),
        (organization_id, due_date, month, channel), (organization_id, due_date, month, unit_id))`);
    await q.query(`INSERT INTO complaint_figure_days (organization_id, month, days, cases)
      SELECT organization_id, month, days, count(*) FROM ${facts} WHERE days IS NOT NULL
      GROUP BY organization_id, month, days`);
    await q.query(
      `ANALYZE complaint_figure_breakdowns, complaint_figure_orgs, complaint_figure_running, complaint_figure_days`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_complaints_other_kinds"`);
    await q.query(
      `ALTER TABLE "complaint_figure_deltas" RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold)`,
    );
    await q.query(
      `DROP TABLE "complaint_figure_running", "complaint_figure_orgs", "complaint_figure_breakdowns"`,
    );
    await q.query(
      `CREATE TABLE "complaint_figure_cells" ("organization_id" uuid NOT NULL, "month" date NOT NULL,
        "category_id" uuid NOT NULL, "channel" text NOT NULL, "unit_id" uuid, "due_date" date, ${measureColumns('bigint')},
        CONSTRAINT "uq_complaint_figure_cells" UNIQUE NULLS NOT DISTINCT
          ("organization_id", "month", "category_id", "channel", "unit_id", "due_date"))`,
    );
    await q.query(
      `CREATE TABLE "complaint_figure_orgs" ("organization_id" uuid NOT NULL, "month" date NOT NULL,
        "due_date" date, ${measureColumns('bigint')},
        CONSTRAINT "uq_complaint_figure_orgs" UNIQUE NULLS NOT DISTINCT ("organization_id", "month", "due_date"))`,
    );
    await q.query(`CREATE INDEX "ix_complaint_figure_orgs_month" ON "complaint_figure_orgs" ("month")`);
    for (const table of ['complaint_figure_cells', 'complaint_figure_orgs']) {
      const mine = `organization_id = nullif(current_setting('app.organization_id', true), '')::uuid
        OR current_setting('app.scope', true) = 'system'`;
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY tenant_isolation ON "${table}" USING (${mine}) WITH CHECK (${mine})`);
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON "${table}" TO ${APP_ROLE}`);
    }
    await q.query(`TRUNCATE complaint_figure_deltas, complaint_figure_days`);
    await q.query(
      `INSERT INTO complaint_figure_deltas (sign, ${FACT_NAMES}) SELECT 1, ${FACT_NAMES} FROM complaint_figure_facts`,
    );
  }
}
