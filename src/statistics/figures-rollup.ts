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
 * never wait for one another on a counter row). A reading folds, beside it, the deltas written since the
 * last fold into the rollups (`fold`; one folder at a time, a reader that finds one at work goes
 * on without waiting), which bounds the work of a fold by the changes since the previous reading
 * (readings are cached for STATISTICS_CACHE_SECONDS): each breakdown (category, channel, unit) by
 * (organisation, month), each organisation by month for the national view, the days-to-result
 * histogram by (organisation, month, days), and the running deadlines by due date. A reading reads
 * only the rows of its breakdowns, never their product: one organisation's fiscal year is a few
 * hundred rows whatever its size. A reading sums the rollups and the deltas not yet folded in one
 * snapshot, so it is exact whenever it is read, folded or not. (A fold is not a BullMQ recurring job:
 * a schedule every few seconds on a queue with a busy worker is put back by that worker after a
 * Redis flush and hides the loss from RecurringJobs.)
 *
 * "Open past deadline" depends on the day of reading: the cases whose deadline runs are counted apart,
 * by due date (`complaint_figure_running`, by breakdown and in total; rows that fall to zero are
 * deleted, so it holds the deadlines running now), and the reading adds those due before today.
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
/** How a breakdown's rows are named: the dimension of the grouping set and its key as text. */
const dimOf = (dims: [string, string][]) =>
  `CASE ${dims.map(([column, dim]) => `WHEN GROUPING(${column}) = 0 THEN '${dim}'`).join(' ')} ELSE 'total' END`;
const BREAKDOWNS: [string, string][] = [
  ['category_id', 'category'],
  ['channel', 'channel'],
  ['unit_id', 'unit'],
];
const breakdownKey = `coalesce(category_id::text, channel, unit_id::text)`;

/**
 * Folds fact rows (`source`: a SELECT or DELETE … RETURNING of rows with `sign`) into the rollups:
 * each breakdown by month, each organisation by month, the running deadlines by due date, and the
 * days-to-result histogram.
 */
const foldSql = (source: string) => `
WITH moved AS (${source}),
breakdowns AS (
  INSERT INTO complaint_figure_breakdowns AS t (organization_id, month, dim, key, ${list(NAMES)})
  SELECT organization_id, month, ${dimOf(BREAKDOWNS)}, ${breakdownKey}, ${factMeasures} FROM moved
  GROUP BY GROUPING SETS ((organization_id, month, category_id), (organization_id, month, channel),
    (organization_id, month, unit_id))
  ON CONFLICT ON CONSTRAINT uq_complaint_figure_breakdowns DO UPDATE SET ${addUp('t')}
),
orgs AS (
  INSERT INTO complaint_figure_orgs AS t (organization_id, month, ${list(NAMES)})
  SELECT organization_id, month, ${factMeasures} FROM moved GROUP BY organization_id, month
  ON CONFLICT ON CONSTRAINT pk_complaint_figure_orgs DO UPDATE SET ${addUp('t')}
),
running AS (
  INSERT INTO complaint_figure_running AS t (dim, organization_id, due_date, month, key, cases)
  SELECT ${dimOf(BREAKDOWNS)}, organization_id, due_date, month, ${breakdownKey}, sum(sign) FROM moved
  WHERE due_date IS NOT NULL
  GROUP BY GROUPING SETS ((organization_id, due_date, month), (organization_id, due_date, month, category_id),
    (organization_id, due_date, month, channel), (organization_id, due_date, month, unit_id))
  HAVING sum(sign) <> 0
  ON CONFLICT ON CONSTRAINT uq_complaint_figure_running DO UPDATE SET cases = t.cases + excluded.cases
),
days AS (
  INSERT INTO complaint_figure_days AS t (organization_id, month, days, cases)
  SELECT organization_id, month, days, sum(sign) FROM moved WHERE days IS NOT NULL GROUP BY organization_id, month, days
  ON CONFLICT ON CONSTRAINT pk_complaint_figure_days DO UPDATE SET cases = t.cases + excluded.cases
)
SELECT count(*)::int AS moved FROM moved`;

/** After a fold: the rows of running deadlines that all stopped running (the table holds the running ones). */
const SPENT_SQL = `DELETE FROM complaint_figure_running WHERE cases = 0`;

/**
 * Parameters of the readings: $1 organisation id, $2 first month, $3 last month (dates, inclusive),
 * $4 today (Bangkok date).
 */
const inMonths = `month >= date_trunc('month', $2::date)::date AND month <= $3::date`;

/** The measures of fact rows (deltas not folded yet) read on `today`: a running deadline due before it is past. */
const factMeasuresOn = (today: string) =>
  FACT_MEASURES.map(([name, expr]) => {
    const sum =
      name === 'open_past_deadline'
        ? `sum(sign) FILTER (WHERE dl = 'open_past_deadline' OR due_date < ${today})`
        : expr;
    return `coalesce(${sum}, 0)::bigint AS ${name}`;
  }).join(', ');
/** The running deadlines' cases as measures: those due before today count as open past deadline. */
const runningAsPast = NAMES.map(
  (n) => `${n === 'open_past_deadline' ? 'sum(cases)' : '0'}::bigint AS ${n}`,
).join(', ');
const sums = NAMES.map((n) => `sum(${n})::bigint AS ${n}`).join(', ');

/**
 * One organisation: the total and each breakdown, rows shaped as COMPLAINT_FIGURES_SQL's. Each
 * breakdown by month from the rollups, the deltas not folded yet and the running deadlines now
 * past; the months and the total are the sums of the categories (every complaint has one).
 */
export const ROLLUP_FIGURES_SQL = `
WITH src AS (
  SELECT dim, key, month, ${list(NAMES)}
  FROM complaint_figure_breakdowns WHERE organization_id = $1 AND ${inMonths}
  UNION ALL
  SELECT ${dimOf(BREAKDOWNS)}, ${breakdownKey}, month, ${factMeasuresOn('$4::date')}
  FROM complaint_figure_deltas WHERE organization_id = $1 AND ${inMonths}
  GROUP BY GROUPING SETS ((month, category_id), (month, channel), (month, unit_id))
  UNION ALL
  SELECT dim, key, month, ${runningAsPast}
  FROM complaint_figure_running
  WHERE dim IN ('category', 'channel', 'unit') AND organization_id = $1 AND due_date < $4::date AND ${inMonths}
  GROUP BY dim, key, month
),
fine AS (SELECT dim, key, month, ${sums} FROM src GROUP BY dim, key, month)
SELECT dim, key, ${sums} FROM fine GROUP BY dim, key
UNION ALL
SELECT 'month', to_char(month, 'YYYY-MM'), ${sums} FROM fine WHERE dim = 'category' GROUP BY month
UNION ALL
SELECT 'total', NULL, ${sums} FROM fine WHERE dim = 'category'`;

/** One organisation's days from receipt to result: days → cases. */
export const ROLLUP_DAYS_SQL = `
SELECT days, sum(cases)::bigint AS cases FROM (
  SELECT days, cases FROM complaint_figure_days WHERE organization_id = $1 AND ${inMonths}
  UNION ALL
  SELECT days, sign FROM complaint_figure_deltas WHERE organization_id = $1 AND ${inMonths} AND days IS NOT NULL
) h GROUP BY days HAVING sum(cases) <> 0`;

/** The organisations of the province asked for ($5), if one is. */
const ofProvince = `($5::text IS NULL OR organization_id IN (SELECT id FROM o))`;

/**
 * Every organisation (or those of one province), one row each, shaped and ordered as
 * NATIONAL_FIGURES_SQL's: $1 unused (null), $2 and $3 the first and last day, $4 today,
 * $5 one province or null. The whole country reads each rollup in one scan (no join per
 * organisation); the running deadlines from a covering index of their totals.
 */
export const ROLLUP_NATIONAL_SQL = `
WITH o AS (SELECT id, slug, name_th, dla_code, type, province, district FROM organizations
           WHERE $5::text IS NULL OR province = $5),
src AS (
  SELECT organization_id, ${list(NAMES)}
  FROM complaint_figure_orgs WHERE ${inMonths} AND ${ofProvince}
  UNION ALL
  SELECT organization_id, ${factMeasuresOn('$4::date')}
  FROM complaint_figure_deltas WHERE ${inMonths} AND $1::uuid IS NULL AND ${ofProvince}
  GROUP BY organization_id
  UNION ALL
  SELECT organization_id, ${runningAsPast}
  FROM complaint_figure_running
  WHERE dim = 'total' AND due_date < $4::date AND ${inMonths} AND ${ofProvince}
  GROUP BY organization_id
),
per_org AS (SELECT organization_id, ${sums} FROM src GROUP BY organization_id)
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
      // nothing to fold (the usual case between changes): no plan of the fold's statement
      const [{ locked }] = await tx.query<{ locked: boolean }[]>(
        `SELECT EXISTS (SELECT FROM complaint_figure_deltas) AND pg_try_advisory_xact_lock($1) AS locked`,
        [FOLD_LOCK],
      );
      if (!locked) return 0;
      await tx.query(`SET LOCAL jit = off; SET LOCAL work_mem = '64MB'`);
      const [{ moved }] = await tx.query<{ moved: number }[]>(
        foldSql('DELETE FROM complaint_figure_deltas RETURNING *'),
      );
      if (moved > 0) await tx.query(SPENT_SQL);
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
         TRUNCATE complaint_figure_facts, complaint_figure_deltas, complaint_figure_breakdowns, complaint_figure_orgs,
           complaint_figure_running, complaint_figure_days`,
      );
      await tx.query(`INSERT INTO complaint_figure_facts SELECT * FROM complaint_figure_facts_now`);
      const [{ moved }] = await tx.query<{ moved: number }[]>(
        foldSql('SELECT 1 AS sign, * FROM complaint_figure_facts'),
      );
      return moved;
    });
  }
}
