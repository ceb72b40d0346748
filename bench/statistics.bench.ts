/**
 * Statistics endpoints at scale: a scratch database with 1,000,000 general complaints of fiscal year
 * 2569 (and their case_deadlines rows) and 50,000 integrity reports, seeded with generate_series.
 * Prints p50/p99 latency of each statistics endpoint through the real HTTP service, first computed
 * on every request (STATISTICS_CACHE_SECONDS=0), then as served (the default 20 s cache: the first,
 * cold request, then 400 more from 20 concurrent clients), beside the
 * time of a plain `SELECT count(*)` of that fiscal year's complaints measured in the same run, and
 * the time to stream the year's open data.
 *
 *   npx ts-node --transpile-only bench/statistics.bench.ts [complaints, default 1000000]
 */
import { Pool as PgPool } from 'pg';
import { Pool as HttpPool } from 'undici';
import { loadConfig } from '../src/config/app-config';
import { prepareDatabase } from '../src/infrastructure/startup';
import { Scratch } from './lib/scratch';

const COMPLAINTS = Number(process.argv[2] ?? 1_000_000);
const REPORTS = Math.round(COMPLAINTS / 20);
const FY = 2569;
const FY_START = '2025-10-01T00:00:00+07:00';
const PORT = 3900 + Math.floor(Math.random() * 90);

const ENDPOINTS = [
  `/api/v1/orgs/demo/statistics/complaints?fiscalYear=${FY}`,
  `/api/v1/orgs/demo/statistics/complaints?fiscalYear=${FY}&quarter=2`,
  `/api/v1/orgs/demo/statistics/complaints?fiscalYear=${FY}&format=csv`,
  `/api/v1/orgs/demo/statistics/integrity-reports?fiscalYear=${FY}`,
  `/api/v1/statistics/complaints?fiscalYear=${FY}`,
];

export async function seed(pg: PgPool): Promise<void> {
  const t0 = Date.now();
  // 1M complaints over the 365 days of FY 2569; status mix: 70% closed/resolved, 10% rejected,
  // referred or duplicate, 20% still open; a rating on a third of the answered ones.
  await pg.query(`
    WITH o AS (SELECT id FROM organizations WHERE slug = 'demo'),
    cats AS (SELECT array_agg(c.id ORDER BY c.code) AS a FROM complaint_categories c, o WHERE c.organization_id = o.id),
    units AS (SELECT array_agg(u.id ORDER BY u.code) AS a FROM units u, o WHERE u.organization_id = o.id),
    chans AS (SELECT ARRAY['web','walk_in','phone','letter','complaint_box','facebook','line','email',
                           'referral_damrongdhama','referral_1111','referral_other_agency'] AS a)
    INSERT INTO complaints (organization_id, reference_no, fiscal_year, tracking_code_hash, category_id, channel,
      status, unit_id, subject, description, latitude, longitude, complainant_name, complainant_phone,
      received_at, reopen_count, rating, resolved_at)
    SELECT o.id, '${FY}/' || lpad(i::text, 7, '0'), ${FY}, md5('bench' || i), cats.a[1 + i % array_length(cats.a, 1)],
      chans.a[1 + (i / 7) % 11],
      (ARRAY['closed','closed','closed','resolved','resolved','closed','closed','resolved','closed','closed',
             'closed','closed','closed','resolved','rejected','referred','in_progress','assigned','received','awaiting_info'])[1 + i % 20],
      units.a[1 + (i / 3) % array_length(units.a, 1)], 'เรื่องทดสอบ', 'รายละเอียดเรื่องทดสอบ',
      15 + (i % 1000) / 1000.0, 104 + (i % 997) / 997.0, 'ผู้ร้อง ' || i, '0812345678',
      timestamptz '${FY_START}' + (i % 365) * interval '1 day' + (i % 86400) * interval '1 second',
      CASE WHEN i % 50 = 0 THEN 1 ELSE 0 END,
      CASE WHEN i % 3 = 0 AND i % 20 < 14 THEN 1 + (i / 3) % 5 END,
      NULL
    FROM generate_series(1, ${COMPLAINTS}) i, o, cats, units, chans`);
  // deadlines: due 15 days after receipt; answered ones have a result 1-29 days after receipt
  await pg.query(`
    INSERT INTO case_deadlines (track, case_id, organization_id, received_at, received_date, mode, period_days,
      original_due_date, current_due_date, due_set_at, very_overdue_date, result_at, outcome, explained_at, overdue_since)
    SELECT 'complaint', c.id, c.organization_id, c.received_at, d, 'calendar', 15, d + 15, d + 15 + x, c.received_at, d + 30,
      r, CASE WHEN r IS NULL THEN NULL WHEN (r AT TIME ZONE 'Asia/Bangkok')::date <= d + 15 THEN 'met'
              WHEN x > 0 AND (r AT TIME ZONE 'Asia/Bangkok')::date <= d + 15 + x THEN 'met_by_explanation' ELSE 'missed' END,
      CASE WHEN x > 0 THEN c.received_at + interval '10 days' END,
      CASE WHEN x = 0 AND (r IS NULL OR (r AT TIME ZONE 'Asia/Bangkok')::date > d + 15) THEN (d + 16)::timestamptz END
    FROM (SELECT c.*, (c.received_at AT TIME ZONE 'Asia/Bangkok')::date AS d,
            CASE WHEN hashtext(c.reference_no) % 10 = 0 THEN 10 ELSE 0 END AS x,
            CASE WHEN c.status IN ('closed','resolved','rejected','referred','duplicate')
                 THEN c.received_at + (1 + abs(hashtext(c.reference_no)) % 29) * interval '1 day' END AS r
          FROM complaints c) c`);
  await pg.query(`
    WITH o AS (SELECT id FROM organizations WHERE slug = 'demo'),
    t AS (SELECT array_agg(code ORDER BY code) AS a FROM allegation_types)
    INSERT INTO integrity_reports (organization_id, number, fiscal_year, receipt_hash, kind, allegation_type_code,
      description, status, received_on, outcome, referral_agency, workflow)
    SELECT o.id, 'IR-${FY}-' || i, ${FY}, md5('r' || i), CASE WHEN i % 3 = 0 THEN 'tip' ELSE 'complaint' END,
      t.a[1 + i % array_length(t.a, 1)], 'รายละเอียด', s,
      date '2025-10-01' + i % 365,
      CASE WHEN s = 'concluded' THEN (ARRAY['substantiated','unsubstantiated','insufficient_evidence'])[1 + i % 3] END,
      CASE WHEN s = 'referred' THEN 'nacc' END,
      CASE WHEN s = 'not_admissible' THEN '{"dismissal":{"reason":"x"}}'::jsonb ELSE '{}'::jsonb END
    FROM generate_series(1, ${REPORTS}) i, o, t,
      LATERAL (SELECT (ARRAY['received','screening','fact_finding','not_admissible','referred','concluded','concluded'])[1 + i % 7] AS s) st`);
  await pg.query('VACUUM ANALYZE complaints');
  await pg.query('VACUUM ANALYZE case_deadlines');
  await pg.query('VACUUM ANALYZE integrity_reports');
  console.log(
    `seeded ${COMPLAINTS} complaints (+ deadlines) and ${REPORTS} integrity reports in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;

async function timeRequests(http: HttpPool, path: string, n: number, concurrency: number): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        next++;
        const t = performance.now();
        const res = await http.request({ method: 'GET', path });
        await res.body.text();
        if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode}`);
        times.push(performance.now() - t);
      }
    }),
  );
  return times.sort((a, b) => a - b);
}

/** Streams the year's open data once: its size and time. */
async function streamOpenData(http: HttpPool): Promise<string> {
  const t = performance.now();
  const res = await http.request({
    method: 'GET',
    path: `/api/v1/orgs/demo/open-data/complaints?fiscalYear=${FY}`,
  });
  let bytes = 0;
  for await (const chunk of res.body) bytes += (chunk as Buffer).length;
  return `${(bytes / 1e6).toFixed(0)} MB streamed in ${((performance.now() - t) / 1000).toFixed(1)} s`;
}

async function main(): Promise<void> {
  const scratch = new Scratch();
  try {
    const config = loadConfig(scratch.env());
    await prepareDatabase(config, { migrate: true });
    const pg = new PgPool({ connectionString: scratch.databaseUrl, max: 2 });
    await seed(pg);

    const [{ id: org }] = (await pg.query(`SELECT id FROM organizations WHERE slug = 'demo'`)).rows;
    const counts: number[] = [];
    let counted = 0;
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      const r = await pg.query(
        `SELECT count(*)::int AS n FROM complaints WHERE organization_id = $1 AND received_at >= $2 AND received_at < $3`,
        [org, new Date(FY_START), new Date('2026-10-01T00:00:00+07:00')],
      );
      counts.push(performance.now() - t);
      counted = r.rows[0].n;
    }
    counts.sort((a, b) => a - b);
    const baseline = quantile(counts, 0.5);
    console.log(
      `baseline SELECT count(*) of FY ${FY} complaints (${counted} rows): p50 ${ms(baseline)}, max ${ms(counts[counts.length - 1])}`,
    );

    const env = { APP_ROLE: 'api', RATE_LIMIT_PER_MINUTE: '100000000', DATABASE_POOL_SIZE: '10' };
    const report = (label: string, times: number[]) => {
      const p50 = quantile(times, 0.5);
      const p99 = quantile(times, 0.99);
      console.log(
        `${label.padEnd(78)} n=${String(times.length).padStart(4)}  p50 ${ms(p50).padStart(9)} (${(p50 / baseline).toFixed(2)}× count)  p99 ${ms(p99).padStart(9)} (${(p99 / baseline).toFixed(2)}× count)`,
      );
    };

    // 1. computed on every request
    let base = await scratch.startServer(PORT, { ...env, STATISTICS_CACHE_SECONDS: '0' });
    let http = new HttpPool(base, { connections: 4 });
    console.log('\ncomputed on every request (STATISTICS_CACHE_SECONDS=0), sequential:');
    for (const path of ENDPOINTS) report(path, await timeRequests(http, path, 5, 1));
    console.log(`open data CSV of FY ${FY} (small-cell rule, k = 3): ${await streamOpenData(http)}`);
    await http.close();
    await scratch.stopServer();

    // 2. as served: the 20 s cache, 20 concurrent readers
    base = await scratch.startServer(PORT + 1, env);
    http = new HttpPool(base, { connections: 20 });
    console.log(
      '\nas served (default 20 s cache): the first request (cold), then 400 from 20 concurrent clients:',
    );
    for (const path of ENDPOINTS) {
      const [cold] = await timeRequests(http, path, 1, 1);
      console.log(`${path.padEnd(78)} cold ${ms(cold)} (${(cold / baseline).toFixed(2)}× count)`);
      report(path, await timeRequests(http, path, 400, 20));
    }
    await http.close();
    await scratch.stopServer();

    // 3. the open data's small-cell rule off (k = 1), against the default streamed above
    base = await scratch.startServer(PORT + 2, { ...env, OPEN_DATA_MIN_CELL: '1' });
    http = new HttpPool(base, { connections: 1 });
    console.log(`open data CSV of FY ${FY} (rule off, k = 1): ${await streamOpenData(http)}`);
    await http.close();
    await pg.end();
  } finally {
    await scratch.cleanup();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
