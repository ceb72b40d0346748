/**
 * Every statistics query, in one place. The per-case logic mirrors complaint-figures.ts
 * (statusGroupOf, deadlineClassOf, addCase); the e2e test checks both agree.
 *
 * Parameters of the complaint queries: $1 organisation id (or null for every organisation),
 * $2 start, $3 end (instants, [start, end)), $4 the business time zone, $5 today (Bangkok date).
 */
const complaintCohort = (where: string) => `
  SELECT c.organization_id, c.category_id AS category, c.channel COLLATE "C" AS channel, c.unit_id AS unit,
    date_trunc('month', c.received_at AT TIME ZONE $4) AS month,
    CASE WHEN c.status IN ('resolved', 'closed') THEN 'resolved'
         WHEN c.status IN ('rejected', 'referred', 'duplicate') THEN c.status
         ELSE 'in_progress' END AS grp,
    CASE WHEN d.outcome IS NOT NULL THEN d.outcome
         WHEN d.id IS NOT NULL AND d.result_at IS NULL
              AND (d.overdue_since IS NOT NULL OR (d.paused_since IS NULL AND d.current_due_date < $5::date))
           THEN 'open_past_deadline'
         ELSE 'running' END AS dl,
    (d.result_at AT TIME ZONE $4)::date - (c.received_at AT TIME ZONE $4)::date AS days,
    c.reopen_count > 0 AS reopened, c.rating
  FROM complaints c
  LEFT JOIN case_deadlines d ON d.track = 'complaint' AND d.case_id = c.id
  WHERE ${where} AND c.kind = 'complaint' AND c.received_at >= $2 AND c.received_at < $3`;

/** The additive measures of complaint_figures.ts (Measures), as SQL over the cohort `c`. */
const MEASURES: [string, string][] = [
  ['received', 'count(*)'],
  ['in_progress', "count(*) FILTER (WHERE grp = 'in_progress')"],
  ['resolved', "count(*) FILTER (WHERE grp = 'resolved')"],
  ['rejected', "count(*) FILTER (WHERE grp = 'rejected')"],
  ['referred', "count(*) FILTER (WHERE grp = 'referred')"],
  ['duplicate', "count(*) FILTER (WHERE grp = 'duplicate')"],
  ['met', "count(*) FILTER (WHERE dl = 'met')"],
  ['met_by_explanation', "count(*) FILTER (WHERE dl = 'met_by_explanation')"],
  ['missed', "count(*) FILTER (WHERE dl = 'missed')"],
  ['open_past_deadline', "count(*) FILTER (WHERE dl = 'open_past_deadline')"],
  ['reopened', 'count(*) FILTER (WHERE reopened)'],
  ['responses', 'count(rating)'],
  ['rating_sum', 'coalesce(sum(rating), 0)'],
  ['satisfied', 'count(*) FILTER (WHERE rating >= 4)'],
  ['with_result', 'count(days)'],
  ['result_days_sum', 'coalesce(sum(days), 0)'],
];
const measures = (count = 'count(*)') =>
  MEASURES.map(([name, expr]) => `(${expr.replace('count(*)', count)})::bigint AS ${name}`).join(',\n  ');
const sums = MEASURES.map(([name]) => `sum(${name})::bigint AS ${name}`).join(',\n  ');

/**
 * One organisation: the total, each breakdown and the days-to-result histogram in one scan. The
 * cohort is first aggregated (in parallel) into (category, channel, unit, month, days) cells; the
 * breakdowns are sums over those cells.
 */
export const COMPLAINT_FIGURES_SQL = `
WITH c AS (${complaintCohort('c.organization_id = $1')}),
fine AS (
  SELECT category, channel, unit, month, days, ${measures()}
  FROM c GROUP BY category, channel, unit, month, days
)
SELECT CASE WHEN GROUPING(category) = 0 THEN 'category'
            WHEN GROUPING(channel) = 0 THEN 'channel'
            WHEN GROUPING(unit) = 0 THEN 'unit'
            WHEN GROUPING(month) = 0 THEN 'month'
            WHEN GROUPING(days) = 0 THEN 'days'
            ELSE 'total' END AS dim,
  coalesce(category::text, channel, unit::text, to_char(month, 'YYYY-MM'), days::text) AS key,
  ${sums}
FROM fine
GROUP BY GROUPING SETS ((), (category), (channel), (unit), (month), (days))`;

/**
 * The national view: every organisation, one row each (organisations without complaints in the
 * period included), with what the province and type totals are summed by (StatisticsService sums
 * the additive measures; T18c's rollups replace the cohort scan here). $6: one province, or null.
 */
export const NATIONAL_FIGURES_SQL = `
WITH o AS (SELECT id, slug, name_th, dla_code, type, province, district FROM organizations
           WHERE $6::text IS NULL OR province = $6),
c AS (${complaintCohort('$1::uuid IS NULL AND c.organization_id IN (SELECT id FROM o)')})
SELECT o.slug, o.name_th, o.dla_code, o.type, o.province, o.district, ${measures('count(c.organization_id)')}
FROM o LEFT JOIN c ON c.organization_id = o.id
GROUP BY o.id, o.slug, o.name_th, o.dla_code, o.type, o.province, o.district
ORDER BY o.province NULLS LAST, o.slug`;

const submissionKindsSql = (kinds: string) => `
SELECT c.kind AS key, count(*)::bigint AS received,
  count(*) FILTER (WHERE c.status IN ('resolved', 'closed', 'rejected', 'referred', 'duplicate'))::bigint AS answered
FROM complaints c
WHERE ($1::uuid IS NULL OR c.organization_id = $1) AND c.received_at >= $2 AND c.received_at < $3
  AND ($4::text IS NULL OR c.organization_id IN (SELECT o.id FROM organizations o WHERE o.province = $4))${kinds}
GROUP BY c.kind`;
/**
 * General submissions by kind (complaint, suggestion, compliment) received in the period: counted
 * apart, because every other complaint figure counts complaints only. $1 organisation id or null for
 * every organisation, $2 start, $3 end, $4 one province or null (with $1 null: the national view).
 */
export const SUBMISSION_KINDS_SQL = submissionKindsSql('');
/**
 * The same for suggestions and compliments only, when the rollups count the complaints
 * (a partial index holds the other kinds: the reading does not scan the year's complaints).
 */
export const OTHER_SUBMISSION_KINDS_SQL = submissionKindsSql(`\n  AND c.kind <> 'complaint'`);

/** Labels of the breakdown keys. */
export const CATEGORY_LABELS_SQL = `
SELECT id::text AS key, code, name_th, name_en FROM complaint_categories WHERE organization_id = $1 ORDER BY sort_order, code`;
export const UNIT_LABELS_SQL = `
SELECT id::text AS key, code, name_th, name_en FROM units WHERE organization_id = $1 ORDER BY sort_order, code`;
export const ALLEGATION_LABELS_SQL = `
SELECT code AS key, code, name_th, name_en FROM allegation_types ORDER BY sort_order, code`;

/**
 * Integrity reports of one organisation received between $2 and $3 (civil dates, inclusive):
 * the total and the breakdowns by kind, allegation type and outcome.
 */
export const INTEGRITY_FIGURES_SQL = `
WITH r AS (
  SELECT kind, allegation_type_code AS allegation,
    status IN ('not_admissible', 'referred', 'concluded', 'closed') AS completed,
    CASE WHEN outcome IS NOT NULL THEN outcome
         WHEN referral_agency IS NOT NULL THEN 'referred'
         WHEN workflow ? 'dismissal' THEN 'not_admissible' END AS result
  FROM integrity_reports
  WHERE organization_id = $1 AND received_on >= $2::date AND received_on <= $3::date
)
SELECT CASE WHEN GROUPING(kind) = 0 THEN 'kind'
            WHEN GROUPING(allegation) = 0 THEN 'allegation'
            WHEN GROUPING(result) = 0 THEN 'outcome'
            ELSE 'total' END AS dim,
  coalesce(kind, allegation, result) AS key,
  count(*)::int AS received,
  (count(*) FILTER (WHERE completed))::int AS completed
FROM r
GROUP BY GROUPING SETS ((), (kind), (allegation), (result))`;

/** Literals of the open-data statement (COPY takes no bind parameters; see openDataSql). */
export interface OpenDataLiterals {
  organizationId: string;
  start: string;
  end: string;
  zone: string;
  /** OPEN_DATA_MIN_CELL, an integer */
  minCell: number;
}

/**
 * Open data: the general complaints of the year [start, end) without personal data (no names,
 * contacts, texts, addresses; location rounded to 2 decimals, about 1 km), in the columns of
 * OPEN_DATA_COLUMNS, ordered by month of receipt, then by id (random within the month, so a row's
 * place in the file tells only its month). One statement, run as `COPY (…) TO STDOUT` by
 * OpenDataService, with the small-cell rule (k = minCell) applied in it:
 * 1. latitude and longitude only when at least k complaints of the year lie in the same ~1 km square;
 * 2. exact dates and the reference number only when at least k complaints of the year share the
 *    received day, the category and the published square (or the lack of one); otherwise the dates
 *    are given as their months (YYYY-MM) and the reference number is left out.
 * Both counts are GROUP BY aggregates kept to the squares and cells that pass (hashed, small beside
 * the year), then hash-joined to the year's rows: no window has to sort a million rows, and the one
 * sort left, into the file's order, is that of the published columns.
 * `quote` makes SQL literals of the values (the connection's escapeLiteral).
 */
export function openDataSql(v: OpenDataLiterals, quote: (value: string) => string, json: boolean): string {
  if (!Number.isInteger(v.minCell)) throw new Error('minCell must be an integer');
  const zone = quote(v.zone);
  const k = v.minCell;
  const org = quote(v.organizationId);
  // y: the year's rows with their category, unit and deadline, read once (joined as a plain COPY of
  // them is: the year's rows hashed, the deadlines streamed past them; joined after the rule, the
  // planner hashed every deadline instead); the deadlines' organisation is written out though
  // row-level security implies it: a leakproof equality, so their scan tests it before the
  // policy's current_setting() calls on other organisations' rows. s: the published squares,
  // numbered; e: the cells published exactly, a cell's square being its number or 0 when it has
  // none (an equality that hashes, where IS NOT DISTINCT FROM on the coordinates would not)
  const cells =
    k <= 1
      ? ''
      : `,
s AS (
  SELECT lat, lng, row_number() OVER () AS square
  FROM y WHERE lat IS NOT NULL AND lng IS NOT NULL GROUP BY lat, lng HAVING count(*) >= ${k}
),
e AS (
  SELECT y.day, y.category_id, coalesce(s.square, 0) AS square
  FROM y LEFT JOIN s ON s.lat = y.lat AND s.lng = y.lng
  GROUP BY 1, 2, 3 HAVING count(*) >= ${k}
)`;
  const rule =
    k <= 1
      ? `SELECT y.*, y.lat AS plat, y.lng AS plng, true AS dated FROM y`
      : `SELECT y.*, s.lat AS plat, s.lng AS plng, e.day IS NOT NULL AS dated
         FROM y LEFT JOIN s ON s.lat = y.lat AND s.lng = y.lng
         LEFT JOIN e ON e.day = y.day AND e.category_id = y.category_id AND e.square = coalesce(s.square, 0)`;
  const date = (expr: string) =>
    `CASE WHEN r.dated THEN to_char(${expr}, 'YYYY-MM-DD') ELSE to_char(${expr}, 'YYYY-MM') END`;
  const columns: [string, string][] = [
    ['reference_no', 'CASE WHEN r.dated THEN r.reference_no END'],
    ['category_code', 'r.category_code'],
    ['channel', 'r.channel'],
    ['unit_code', 'r.unit_code'],
    ['received_date', date(`r.received_at AT TIME ZONE ${zone}`)],
    ['due_date', date('r.current_due_date')],
    ['result_date', date(`r.result_at AT TIME ZONE ${zone}`)],
    ['status', 'r.status'],
    ['deadline_outcome', 'r.outcome'],
    ['rating', 'r.rating'],
    ['latitude', 'r.plat::float8'],
    ['longitude', 'r.plng::float8'],
  ];
  const select = json
    ? `json_build_object(${columns.map(([name, expr]) => `'${name}', ${expr}`).join(', ')})::text`
    : columns.map(([name, expr]) => `${expr} AS ${name}`).join(', ');
  return `
WITH y AS (
  SELECT c.id, c.reference_no, c.category_id, cat.code AS category_code, c.channel, u.code AS unit_code,
    c.status, c.rating, c.received_at, d.current_due_date, d.result_at, d.outcome,
    (c.received_at AT TIME ZONE ${zone})::date AS day,
    round(c.latitude::numeric, 2) AS lat, round(c.longitude::numeric, 2) AS lng
  FROM complaints c
  JOIN complaint_categories cat ON cat.id = c.category_id
  LEFT JOIN units u ON u.id = c.unit_id
  LEFT JOIN case_deadlines d ON d.track = 'complaint' AND d.case_id = c.id AND d.organization_id = ${org}
  WHERE c.organization_id = ${org}
    AND c.received_at >= ${quote(v.start)}::timestamptz AND c.received_at < ${quote(v.end)}::timestamptz
)${cells}
SELECT ${select}
FROM (${rule}) r
ORDER BY date_trunc('month', r.received_at AT TIME ZONE ${zone}), r.id`;
}

/**
 * The work in hand of one organisation ($1) on $2 (today, Bangkok), per unit: open complaints (no
 * answer yet), those past their due date (as complaintCohort's open_past_deadline) and those due
 * within the week.
 */
export const DASHBOARD_OPEN_SQL = `
SELECT c.unit_id, u.name_th, u.name_en,
  count(*) AS open,
  count(*) FILTER (WHERE d.overdue_since IS NOT NULL
                      OR (d.paused_since IS NULL AND d.current_due_date < $2::date)) AS overdue,
  count(*) FILTER (WHERE d.overdue_since IS NULL
                      AND d.current_due_date BETWEEN $2::date AND $2::date + 6) AS due_this_week
FROM complaints c
JOIN case_deadlines d ON d.track = 'complaint' AND d.case_id = c.id AND d.result_at IS NULL
LEFT JOIN units u ON u.id = c.unit_id
WHERE c.organization_id = $1
GROUP BY c.unit_id, u.name_th, u.name_en`;
