import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics of general complaints kept up to date incrementally (see src/statistics/figures-rollup.ts):
 * - `complaint_figure_facts`: what each complaint counts as (its cell and its classes), as last counted;
 * - `complaint_figure_deltas`: append-only -1/+1 rows written by triggers, in the transaction that
 *   changes a complaint or its deadline, whenever what the case counts as changes;
 * - `complaint_figure_cells`, `_days`, `_orgs`: the rollups the worker folds the deltas into.
 * Reading = rollups + the deltas not yet folded, in one snapshot: exact at any time.
 * The month of receipt is counted in Asia/Bangkok (the service reads the case tables directly when
 * BUSINESS_TIME_ZONE is another zone).
 */
const FACT_COLUMNS = `"organization_id" uuid NOT NULL, "month" date NOT NULL, "category_id" uuid NOT NULL,
  "channel" text NOT NULL, "unit_id" uuid, "grp" text NOT NULL, "dl" text NOT NULL, "due_date" date,
  "days" integer, "reopened" boolean NOT NULL, "rating" smallint`;
const FACT_NAMES = `organization_id, month, category_id, channel, unit_id, grp, dl, due_date, days, reopened, rating`;
const fields = (record: string) =>
  FACT_NAMES.split(', ')
    .map((n) => `${record}.${n}`)
    .join(', ');
const MEASURE_COLUMNS = [
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
]
  .map((m) => `"${m}" bigint NOT NULL DEFAULT 0`)
  .join(', ');
const ZONE = 'Asia/Bangkok';

export class IncrementalFigures1796600000000 implements MigrationInterface {
  name = 'IncrementalFigures1796600000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "complaint_figure_facts" ("complaint_id" uuid NOT NULL, ${FACT_COLUMNS},
        CONSTRAINT "pk_complaint_figure_facts" PRIMARY KEY ("complaint_id"))`,
    );
    await q.query(`CREATE TABLE "complaint_figure_deltas" ("sign" smallint NOT NULL, ${FACT_COLUMNS})`);
    await q.query(
      `CREATE TABLE "complaint_figure_cells" ("organization_id" uuid NOT NULL, "month" date NOT NULL,
        "category_id" uuid NOT NULL, "channel" text NOT NULL, "unit_id" uuid, "due_date" date, ${MEASURE_COLUMNS},
        CONSTRAINT "uq_complaint_figure_cells" UNIQUE NULLS NOT DISTINCT
          ("organization_id", "month", "category_id", "channel", "unit_id", "due_date"))`,
    );
    await q.query(
      `CREATE TABLE "complaint_figure_orgs" ("organization_id" uuid NOT NULL, "month" date NOT NULL,
        "due_date" date, ${MEASURE_COLUMNS},
        CONSTRAINT "uq_complaint_figure_orgs" UNIQUE NULLS NOT DISTINCT ("organization_id", "month", "due_date"))`,
    );
    await q.query(
      `CREATE TABLE "complaint_figure_days" ("organization_id" uuid NOT NULL, "month" date NOT NULL,
        "days" integer NOT NULL, "cases" bigint NOT NULL,
        CONSTRAINT "pk_complaint_figure_days" PRIMARY KEY ("organization_id", "month", "days"))`,
    );
    await q.query(`CREATE INDEX "ix_complaint_figure_orgs_month" ON "complaint_figure_orgs" ("month")`);
    // what a complaint counts as now (general complaints only: suggestions and compliments are
    // counted by kind elsewhere): the same classes as statistics.sql.ts, except that a running
    // deadline's class (running or open past deadline) depends on the day of reading: its due date is
    // kept, and the reading compares it with today
    await q.query(`
      CREATE VIEW "complaint_figure_facts_now" AS
      SELECT c.id AS complaint_id, c.organization_id,
        date_trunc('month', c.received_at AT TIME ZONE '${ZONE}')::date AS month,
        c.category_id, c.channel, c.unit_id,
        CASE WHEN c.status IN ('resolved', 'closed') THEN 'resolved'
             WHEN c.status IN ('rejected', 'referred', 'duplicate') THEN c.status
             ELSE 'in_progress' END AS grp,
        CASE WHEN d.outcome IS NOT NULL THEN d.outcome
             WHEN d.id IS NOT NULL AND d.result_at IS NULL AND d.overdue_since IS NOT NULL THEN 'open_past_deadline'
             ELSE 'running' END AS dl,
        CASE WHEN d.outcome IS NULL AND d.id IS NOT NULL AND d.result_at IS NULL AND d.overdue_since IS NULL
                  AND d.paused_since IS NULL THEN d.current_due_date END AS due_date,
        (d.result_at AT TIME ZONE '${ZONE}')::date - (c.received_at AT TIME ZONE '${ZONE}')::date AS days,
        c.reopen_count > 0 AS reopened, c.rating
      FROM complaints c
      LEFT JOIN case_deadlines d ON d.track = 'complaint' AND d.case_id = c.id
      WHERE c.kind = 'complaint'`);
    // Brings one complaint's counted facts in line with its rows. The advisory lock orders concurrent
    // writers of one case (a worker's deadline update beside an officer's action): the second waits,
    // and its next statements read with a fresh snapshot (READ COMMITTED), so it counts what the
    // first committed. Deltas are only appended: filings never wait on a shared counter row.
    await q.query(`
      CREATE FUNCTION "complaint_figures_refresh"(p_id uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        was complaint_figure_facts;
        cur complaint_figure_facts;
        had boolean;
        has boolean;
      BEGIN
        PERFORM pg_advisory_xact_lock(1796600000, hashtext(p_id::text));
        SELECT * INTO was FROM complaint_figure_facts WHERE complaint_id = p_id;
        had := FOUND;
        SELECT * INTO cur FROM complaint_figure_facts_now WHERE complaint_id = p_id;
        has := FOUND;
        IF had AND has AND was IS NOT DISTINCT FROM cur THEN RETURN; END IF;
        IF had THEN
          INSERT INTO complaint_figure_deltas (sign, ${FACT_NAMES})
          VALUES (-1, ${fields('was')});
        END IF;
        IF has THEN
          INSERT INTO complaint_figure_deltas (sign, ${FACT_NAMES})
          VALUES (1, ${fields('cur')});
          INSERT INTO complaint_figure_facts VALUES (p_id, ${fields('cur')})
          ON CONFLICT (complaint_id) DO UPDATE SET (${FACT_NAMES}) = (${fields('cur')});
        ELSE
          DELETE FROM complaint_figure_facts WHERE complaint_id = p_id;
        END IF;
      END $$`);
    await q.query(`
      CREATE FUNCTION "complaint_figures_on_complaint"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM complaint_figures_refresh(CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION "complaint_figures_on_deadline"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM complaint_figures_refresh(CASE WHEN TG_OP = 'DELETE' THEN OLD.case_id ELSE NEW.case_id END);
        RETURN NULL;
      END $$`);
    const complaintColumns =
      'organization_id, kind, received_at, category_id, channel, unit_id, status, reopen_count, rating';
    const deadlineColumns = 'outcome, result_at, overdue_since, paused_since, current_due_date';
    const changed = (columns: string) =>
      `(${columns
        .split(', ')
        .map((c) => `OLD.${c}`)
        .join(', ')}) IS DISTINCT FROM (${columns
        .split(', ')
        .map((c) => `NEW.${c}`)
        .join(', ')})`;
    await q.query(`CREATE TRIGGER "tr_complaint_figures_insert" AFTER INSERT OR DELETE ON "complaints"
      FOR EACH ROW EXECUTE FUNCTION complaint_figures_on_complaint()`);
    await q.query(`CREATE TRIGGER "tr_complaint_figures_update" AFTER UPDATE OF ${complaintColumns} ON "complaints"
      FOR EACH ROW WHEN (${changed(complaintColumns)}) EXECUTE FUNCTION complaint_figures_on_complaint()`);
    await q.query(`CREATE TRIGGER "tr_deadline_figures_insert" AFTER INSERT ON "case_deadlines"
      FOR EACH ROW WHEN (NEW.track = 'complaint') EXECUTE FUNCTION complaint_figures_on_deadline()`);
    await q.query(`CREATE TRIGGER "tr_deadline_figures_delete" AFTER DELETE ON "case_deadlines"
      FOR EACH ROW WHEN (OLD.track = 'complaint') EXECUTE FUNCTION complaint_figures_on_deadline()`);
    await q.query(`CREATE TRIGGER "tr_deadline_figures_update" AFTER UPDATE OF ${deadlineColumns} ON "case_deadlines"
      FOR EACH ROW WHEN (NEW.track = 'complaint' AND ${changed(deadlineColumns)})
      EXECUTE FUNCTION complaint_figures_on_deadline()`);
    // Reference numbers from one sequence per (organisation, series, fiscal year), created on first
    // use and continuing the old counter row: taking a number never waits for another filing's
    // commit (a failed filing leaves a gap, as before; numbers never repeat).
    await q.query(`
      CREATE FUNCTION "next_reference_number"(p_org uuid, p_series text, p_year integer) RETURNS bigint
      LANGUAGE plpgsql AS $$
      DECLARE
        name text := format('reference_%s_%s_%s', replace(p_org::text, '-', ''), p_series, p_year);
        seq regclass := to_regclass(name);
        first bigint;
      BEGIN
        IF seq IS NULL THEN
          SELECT coalesce(max(last_value), 0) + 1 INTO first FROM reference_counters
            WHERE organization_id = p_org AND series = p_series AND fiscal_year = p_year;
          BEGIN
            EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I START WITH %s', name, first);
          EXCEPTION WHEN unique_violation OR duplicate_table THEN
            NULL; -- created by a concurrent first filing
          END;
          seq := to_regclass(name);
        END IF;
        RETURN nextval(seq);
      END $$`);
    // the complaints already filed: counted now, folded by the worker's next run
    await q.query(`INSERT INTO complaint_figure_facts SELECT * FROM complaint_figure_facts_now`);
    await q.query(
      `INSERT INTO complaint_figure_deltas (sign, ${FACT_NAMES}) SELECT 1, ${FACT_NAMES} FROM complaint_figure_facts`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "tr_deadline_figures_update" ON "case_deadlines"`);
    await q.query(`DROP TRIGGER "tr_deadline_figures_delete" ON "case_deadlines"`);
    await q.query(`DROP TRIGGER "tr_deadline_figures_insert" ON "case_deadlines"`);
    await q.query(`DROP FUNCTION "next_reference_number"(uuid, text, integer)`);
    await q.query(`DROP TRIGGER "tr_complaint_figures_update" ON "complaints"`);
    await q.query(`DROP TRIGGER "tr_complaint_figures_insert" ON "complaints"`);
    await q.query(`DROP FUNCTION "complaint_figures_on_deadline"()`);
    await q.query(`DROP FUNCTION "complaint_figures_on_complaint"()`);
    await q.query(`DROP FUNCTION "complaint_figures_refresh"(uuid)`);
    await q.query(`DROP VIEW "complaint_figure_facts_now"`);
    await q.query(
      `DROP TABLE "complaint_figure_days", "complaint_figure_orgs", "complaint_figure_cells", "complaint_figure_deltas", "complaint_figure_facts"`,
    );
  }
}
