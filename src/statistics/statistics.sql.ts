/**
 * Every statistics query, in one place. The per-case logic mirrors complaint-figures.ts
 * (statusGroupOf, deadlineClassOf, addCase); the e2e test checks both agree.
 *
 * Parameters of the complaint queries: $1 organisation id (or null for every organisation),
 * $2 start, $3 end (instants, [start, end)), $4 the business time zone, $5 today (Bangkok date).
 */
const complaintCohort = (where: string) => `
  SELECT c.organization_id, c.category_id::text AS category, c.channel, c.unit_id::text AS unit,
    to_char(c.received_at AT TIME ZONE $4, 'YYYY-MM') AS month,
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
  WHERE ${where} AND c.received_at >= $2 AND c.received_at < $3`;

const MEASURES = `
  count(*)::int AS received,
  (count(*) FILTER (WHERE grp = 'in_progress'))::int AS in_progress,
  (count(*) FILTER (WHERE grp = 'resolved'))::int AS resolved,
  (count(*) FILTER (WHERE grp = 'rejected'))::int AS rejected,
  (count(*) FILTER (WHERE grp = 'referred'))::int AS referred,
  (count(*) FILTER (WHERE grp = 'duplicate'))::int AS duplicate,
  (count(*) FILTER (WHERE dl = 'met'))::int AS met,
  (count(*) FILTER (WHERE dl = 'met_by_explanation'))::int AS met_by_explanation,
  (count(*) FILTER (WHERE dl = 'missed'))::int AS missed,
  (count(*) FILTER (WHERE dl = 'open_past_deadline'))::int AS open_past_deadline,
  (count(*) FILTER (WHERE reopened))::int AS reopened,
  count(rating)::int AS responses,
  coalesce(sum(rating), 0)::int AS rating_sum,
  (count(*) FILTER (WHERE rating >= 4))::int AS satisfied,
  count(days)::int AS with_result,
  coalesce(sum(days), 0)::bigint AS result_days_sum`;

/** One organisation: the total, each breakdown and the days-to-result histogram in one pass. */
export const COMPLAINT_FIGURES_SQL = `
WITH c AS (${complaintCohort('c.organization_id = $1')})
SELECT CASE WHEN GROUPING(category) = 0 THEN 'category'
            WHEN GROUPING(channel) = 0 THEN 'channel'
            WHEN GROUPING(unit) = 0 THEN 'unit'
            WHEN GROUPING(month) = 0 THEN 'month'
            WHEN GROUPING(days) = 0 THEN 'days'
            ELSE 'total' END AS dim,
  coalesce(category, channel, unit, month, days::text) AS key,
  ${MEASURES}
FROM c
GROUP BY GROUPING SETS ((), (category), (channel), (unit), (month), (days))`;

/** Every organisation, one row each (organisations without complaints in the period included). */
export const NATIONAL_FIGURES_SQL = `
WITH c AS (${complaintCohort('$1::uuid IS NULL')})
SELECT o.slug, o.name_th, ${MEASURES.replace('count(*)::int', 'count(c.organization_id)::int')}
FROM organizations o LEFT JOIN c ON c.organization_id = o.id
GROUP BY o.id, o.slug, o.name_th
ORDER BY o.slug`;

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

/**
 * Open data: one page of general complaints after the keyset ($2 received_at, $3 id), without
 * personal data (no names, contacts, texts, addresses; location rounded to 2 decimals, about 1 km).
 */
export const OPEN_DATA_PAGE_SQL = `
SELECT c.id, c.received_at, c.reference_no, cat.code AS category_code, c.channel, u.code AS unit_code,
  to_char(c.received_at AT TIME ZONE $5, 'YYYY-MM-DD') AS received_date,
  to_char(d.result_at AT TIME ZONE $5, 'YYYY-MM-DD') AS result_date,
  to_char(d.current_due_date, 'YYYY-MM-DD') AS due_date,
  c.status, d.outcome AS deadline_outcome, c.rating,
  round(c.latitude::numeric, 2)::float8 AS latitude, round(c.longitude::numeric, 2)::float8 AS longitude
FROM complaints c
JOIN complaint_categories cat ON cat.id = c.category_id
LEFT JOIN units u ON u.id = c.unit_id
LEFT JOIN case_deadlines d ON d.track = 'complaint' AND d.case_id = c.id
WHERE c.organization_id = $1 AND c.received_at >= $6 AND c.received_at < $7
  AND (c.received_at, c.id) > ($2::timestamptz, $3::uuid)
ORDER BY c.received_at, c.id
LIMIT $4`;
