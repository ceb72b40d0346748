import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Statistics of general complaints at national scale, kept incrementally.
 *
 * Each complaint counts as a set of facts (organisation, month of receipt, category, channel, unit,
 * status group, deadline class, running due date, days to result, reopened, rating): the view
 * `complaint_figure_facts_now` derives them from the case tables with the definitions of
 * statistics.sql.ts. Triggers on `complaints` and `case_deadlines` compare a case's facts with those
 * last counted (`complaint_figure_facts`) in the transaction that changes it and append a -1 row for
 * the old facts and a +1 row for the new ones to `complaint_figure_deltas` (append-only: filings
 * never wait for one another on a counter row). A reading first folds the deltas written since the
 * last fold into three rollups (`fold`; one folder at a time, a reader that finds one at work goes
 * on without waiting), which bounds the work of a fold by the changes since the previous reading
 * (readings are cached for STATISTICS_CACHE_SECONDS): cells by (organisation, month, category, channel, unit, due date),
 * organisations by (organisation, month, due date) and the days-to-result histogram by
 * (organisation, month, days). A reading sums the rollups and the deltas not yet folded in one
 * snapshot, so it is exact whenever it is read, folded or not. (A fold is not a BullMQ recurring job:
 * a schedule every few seconds on a queue with a busy worker is put back by that worker after a
 * Redis flush and hides the loss from RecurringJobs.)
 *
 * "Open past deadline" depends on the day of reading: a case whose deadline runs is kept with its
 * due date, and the reading counts it as past deadline when that date is before today.
 */
const FOLD_LOCK = 1796600001;

/** The additive measures, over fact rows weighted by `sign` (the names of statistics.sql.ts). */
const FACT_MEASURES: [string, string][] = [
  ['received', 'sum(sign)'],
  ['in_progress', "sum(sign) FILTER (WHERE grp = 'in_progress')"],
  ['resolved', "sum(sign) FILTER (WHERE grp = 'resolved')"],
  ['rejected', "sum(sign) FILTER (WHERE grp = 'rejected')"],
  ['referred', "sum(sign) FILTER (WHERE grp = 'referred')"],
  ['duplicate', "sum(sign) FILTER (WHERE grp = 'duplicate')"],
  ['met', "sum(sign) FILTER (WHERE dl = 'met')"],
  ['met_by_explanation', "sum(sign) FILTER (WHERE dl = 'met_by_explanation')"],
  ['missed', "sum(sign) FILTER (WHERE dl = 'missed')"],
  ['open_past_deadline', "sum(sign) FILTER (WHERE dl = 'open_past_deadline')"],
  ['reopened', 'sum(sign) FILTER (WHERE reopened)'],
  ['responses', 'sum(sign) FILTER (WHERE rating IS NOT NULL)'],
  ['rating_sum', 'sum(sign * rating)'],
  ['satisfied', 'sum(sign) FILTER (WHERE rating >= 4)'],
  ['with_result', 'sum(sign) FILTER (WHERE days IS NOT NULL)'],
  ['result_days_sum', 'sum(sign * days)'],
];
const NAMES = FACT_MEASURES.map(([name]) => name);
const factMeasures = FACT_MEASURES.map(([name, expr]) => `coalesce(${expr}, 0)::bigint AS ${name}`).join(
  ', ',
);
const list = (names: string[]) => names.join(', ');
const addUp = (table: string) => NAMES.map((n) => `${n} = ${table}.${n} + excluded.${n}`).join(', ');
/** Sums of the measures; open past deadline adds the running cases whose due date is before `$today`. */
const readingSums = (today: string) =>
  NAMES.map((n) =>
    n === 'open_past_deadline'
      ? `(sum(open_past_deadline) + coalesce(sum(received) FILTER (WHERE due_date < ${today}), 0))::bigint AS ${n}`
      : `sum(${n})::bigint AS ${n}`,
  ).join(', ');

const CELL_KEY = ['organization_id', 'month', 'category_id', 'channel', 'unit_id', 'due_date'];
const ORG_KEY = ['organization_id', 'month', 'due_date'];

/** Folds fact rows (`source`: a SELECT or DELETE … RETURNING of rows with `sign`) into the rollups. */
const foldSql = (source: string) => `
WITH moved AS (${source}),
cells AS (
  INSERT INTO complaint_figure_cells AS t (${list(CELL_KEY)}, ${list(NAMES)})
  SELECT ${list(CELL_KEY)}, ${factMeasures} FROM moved GROUP BY ${list(CELL_KEY)}
  ON CONFLICT ON CONSTRAINT uq_complaint_figure_cells DO UPDATE SET ${addUp('t')}
),
days AS (
  INSERT INTO complaint_figure_days AS t (organization_id, month, days, cases)
  SELECT organization_id, month, days, sum(sign) FROM moved WHERE days IS NOT NULL GROUP BY organization_id, month, days
  ON CONFLICT ON CONSTRAINT pk_complaint_figure_days DO UPDATE SET cases = t.cases + excluded.cases
),
orgs AS (
  INSERT INTO complaint_figure_orgs AS t (${list(ORG_KEY)}, ${list(NAMES)})
  SELECT ${list(ORG_KEY)}, ${factMeasures} FROM moved GROUP BY ${list(ORG_KEY)}
  ON CONFLICT ON CONSTRAINT uq_complaint_figure_orgs DO UPDATE SET ${addUp('t')}
)
SELECT count(*)::int AS moved FROM moved`;

/**
 * Parameters of the readings: $1 organisation id, $2 first month, $3 last month (dates, inclusive),
 * $4 today (Bangkok date).
 */
const inMonths = `month >= date_trunc('month', $2::date)::date AND month <= $3::date`;

/** One organisation: the total and each breakdown, rows shaped as COMPLAINT_FIGURES_SQL's. */
export const ROLLUP_FIGURES_SQL = `
WITH src AS (
  SELECT category_id, channel, unit_id, month, due_date, ${list(NAMES)}
  FROM complaint_figure_cells WHERE organization_id = $1 AND ${inMonths}
  UNION ALL
  SELECT category_id, channel, unit_id, month, due_date, ${factMeasures}
  FROM complaint_figure_deltas WHERE organization_id = $1 AND ${inMonths}
  GROUP BY category_id, channel, unit_id, month, due_date
),
fine AS (
  SELECT category_id AS category, channel COLLATE "C" AS channel, unit_id AS unit, month, ${readingSums('$4::date')}
  FROM src GROUP BY category_id, channel, unit_id, month
)
SELECT CASE WHEN GROUPING(category) = 0 THEN 'category'
            WHEN GROUPING(channel) = 0 THEN 'channel'
            WHEN GROUPING(unit) = 0 THEN 'unit'
            WHEN GROUPING(month) = 0 THEN 'month'
            ELSE 'total' END AS dim,
  coalesce(category::text, channel, unit::text, to_char(month, 'YYYY-MM')) AS key,
  ${NAMES.map((n) => `sum(${n})::bigint AS ${n}`).join(', ')}
FROM fine
GROUP BY GROUPING SETS ((), (category), (channel), (unit), (month))`;

/** One organisation's days from receipt to result: days → cases. */
export const ROLLUP_DAYS_SQL = `
SELECT days, sum(cases)::bigint AS cases FROM (
  SELECT days, cases FROM complaint_figure_days WHERE organization_id = $1 AND ${inMonths}
  UNION ALL
  SELECT days, sign FROM complaint_figure_deltas WHERE organization_id = $1 AND ${inMonths} AND days IS NOT NULL
) h GROUP BY days HAVING sum(cases) <> 0`;

/**
 * Every organisation (or those of one province), one row each, shaped and ordered as
 * NATIONAL_FIGURES_SQL's: $1 unused (null), $2 and $3 the first and last day, $4 today,
 * $5 one province or null.
 */
export const ROLLUP_NATIONAL_SQL = `
WITH o AS (SELECT id, slug, name_th, dla_code, type, province, district FROM organizations
           WHERE $5::text IS NULL OR province = $5),
src AS (
  SELECT organization_id, due_date, ${list(NAMES)}
  FROM complaint_figure_orgs WHERE ${inMonths} AND organization_id IN (SELECT id FROM o)
  UNION ALL
  SELECT organization_id, due_date, ${factMeasures}
  FROM complaint_figure_deltas WHERE ${inMonths} AND $1::uuid IS NULL AND organization_id IN (SELECT id FROM o)
  GROUP BY organization_id, due_date
),
per_org AS (SELECT organization_id, ${readingSums('$4::date')} FROM src GROUP BY organization_id)
SELECT o.slug, o.name_th, o.dla_code, o.type, o.province, o.district,
  ${NAMES.map((n) => `coalesce(p.${n}, 0)::bigint AS ${n}`).join(', ')}
FROM o LEFT JOIN per_org p ON p.organization_id = o.id
ORDER BY o.province NULLS LAST, o.slug`;

/** The time zone the rollups count months in (the migration's view). */
export const ROLLUP_TIME_ZONE = 'Asia/Bangkok';

@Injectable()
export class ComplaintFiguresRollup {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Moves the deltas written since the last fold into the rollups, in one transaction (a reader sees
   * them either in the deltas or in the rollups). One folder at a time; another returns 0 at once.
   */
  fold(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const [{ locked }] = await tx.query<{ locked: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock($1) AS locked`,
        [FOLD_LOCK],
      );
      if (!locked) return 0;
      await tx.query(`SET LOCAL jit = off; SET LOCAL work_mem = '64MB'`);
      const [{ moved }] = await tx.query<{ moved: number }[]>(
        foldSql('DELETE FROM complaint_figure_deltas RETURNING *'),
      );
      return moved;
    });
  }

  /**
   * Recounts everything from the case tables (after a bulk load made with the triggers off, or to
   * check): the counted facts and the rollups rebuilt, the deltas emptied, in one transaction.
   */
  rebuild(): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock($1)`, [FOLD_LOCK]);
      await tx.query(`SET LOCAL jit = off; SET LOCAL work_mem = '256MB'; SET LOCAL statement_timeout = 0`);
      await tx.query(
        `LOCK TABLE complaint_figure_facts, complaint_figure_deltas IN EXCLUSIVE MODE;
         TRUNCATE complaint_figure_facts, complaint_figure_deltas, complaint_figure_cells, complaint_figure_orgs,
           complaint_figure_days`,
      );
      await tx.query(`INSERT INTO complaint_figure_facts SELECT * FROM complaint_figure_facts_now`);
      const [{ moved }] = await tx.query<{ moved: number }[]>(
        foldSql('SELECT 1 AS sign, * FROM complaint_figure_facts'),
      );
      return moved;
    });
  }
}
