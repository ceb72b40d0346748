/**
 * Statistics and open data at national scale. A scratch database (dropped at the end) is seeded
 * with generate_series: 10,000,000 general complaints of fiscal year 2569 (with their case_deadlines
 * rows) in 7,850 organisations, one of which ('demo') has 1,000,000 of them, and 50,000 integrity
 * reports of 'demo'. The seed is written with the triggers off (session_replication_role = replica),
 * then the incrementally kept figures are rebuilt in one pass (ComplaintFiguresRollup.rebuild).
 * Prints, in the same run:
 *  - a plain `SELECT count(*)` of the fiscal year: of 'demo' and of the whole country (the baselines);
 *  - each statistics endpoint through the real HTTP service: computed on every request
 *    (STATISTICS_CACHE_SECONDS=0, "cold") and as served (the 20 s cache: its first request, then
 *    400 from 20 clients, "warm"), each beside the count(*) of its scope;
 *  - the fold of fresh changes (complaints filed and deadlines met with the triggers on) by the next reading;
 *  - the open data of 'demo' (1,000,000 rows) streamed through HTTP beside PostgreSQL's own
 *    `COPY (SELECT …) TO STDOUT (FORMAT csv)` of the same rows and columns, with the server's memory.
 *
 *   npx ts-node --transpile-only bench/statistics.bench.ts [complaints, default 10000000] [organisations, default 7850]
 *
 * BENCH_KEEP_DATABASE=<name> keeps the seeded database under that name, and a later run with the
 * same name skips the seed (and the rebuild, unless BENCH_REBUILD=1 or the kept figures are empty;
 * BENCH_PARTS=open-data alone needs no rebuild);
 * each run's fresh filings get their own reference numbers.
 *
 * Not part of CI. The seed, the deadlines and the rebuild are most of the time, about linear in the
 * number of complaints: 2,000,000 in 7,850 organisations took 23 minutes on 2 cores shared with other
 * test runs (load average ~20), so the default size needs about two hours there (less on a quiet machine).
 */
import { Pool as PgPool, PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { Pool as HttpPool } from 'undici';
import { loadConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/infrastructure/database/data-source-options';
import { prepareDatabase } from '../src/infrastructure/startup';
import { ComplaintFiguresRollup } from '../src/statistics/figures-rollup';
import { Scratch } from './lib/scratch';

const COMPLAINTS = Number(process.argv[2] ?? 10_000_000);
const ORGANISATIONS = Number(process.argv[3] ?? 7850);
/** every DEMO_EVERY-th complaint is demo's: 1,000,000 of 10,000,000 */
const DEMO_EVERY = 10;
const REPORTS = 50_000;
const FY = 2569;
const FY_START = '2025-10-01T00:00:00+07:00';
const FY_END = '2026-10-01T00:00:00+07:00';
const PORT = 3900 + Math.floor(Math.random() * 90);

const ORG_ENDPOINTS = [
  `/api/v1/orgs/demo/statistics/complaints?fiscalYear=${FY}`,
  `/api/v1/orgs/demo/statistics/complaints?fiscalYear=${FY}&quarter=2`,
  `/api/v1/orgs/demo/statistics/complaints?fiscalYear=${FY}&format=csv`,
  `/api/v1/orgs/demo/statistics/integrity-reports?fiscalYear=${FY}`,
];
const NATIONAL_ENDPOINTS = [`/api/v1/statistics/complaints?fiscalYear=${FY}`];

const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

async function seed(client: PoolClient): Promise<void> {
  let t0 = performance.now();
  await client.query(`SET session_replication_role = replica; SET statement_timeout = 0; SET jit = off`);
  await client.query(
    `INSERT INTO organizations (slug, name_th) SELECT 'lao-' || lpad(i::text, 4, '0'), 'อปท. ' || i
       FROM generate_series(1, ${ORGANISATIONS - 1}) i`,
  );
  // status mix: 70% closed/resolved, 10% rejected or referred, 20% still open; a rating on a third
  // of the answered ones; categories, units and channels spread (the keys are joined, not looked up
  // in arrays: an array subscript copies the array for every row)
  await client.query(`
    WITH orgs AS (SELECT id, CASE WHEN slug = 'demo' THEN -1 ELSE row_number() OVER (ORDER BY slug) - 2 END AS n
                  FROM organizations),
    cats AS (SELECT c.id, row_number() OVER (ORDER BY c.code) - 1 AS n FROM complaint_categories c
             JOIN organizations o ON o.id = c.organization_id AND o.slug = 'demo'),
    units AS (SELECT u.id, row_number() OVER (ORDER BY u.code) - 1 AS n FROM units u
              JOIN organizations o ON o.id = u.organization_id AND o.slug = 'demo'),
    g AS (SELECT i, CASE WHEN i % ${DEMO_EVERY} = 0 THEN -1 ELSE i % ${ORGANISATIONS - 1} END AS org_n,
            i % (SELECT count(*) FROM cats) AS cat_n, (i / 3) % (SELECT count(*) FROM units) AS unit_n
          FROM generate_series(1, ${COMPLAINTS}) i)
    INSERT INTO complaints (organization_id, reference_no, fiscal_year, tracking_code_hash, category_id, channel,
      status, unit_id, subject, description, latitude, longitude, received_at, reopen_count, rating)
    SELECT orgs.id, '${FY}/' || lpad(i::text, 8, '0'), ${FY}, md5('bench' || i), cats.id,
      (ARRAY['web','walk_in','phone','letter','complaint_box','facebook','line','email',
             'referral_damrongdhama','referral_1111','referral_other_agency'])[1 + (i / 7) % 11],
      (ARRAY['closed','closed','closed','resolved','resolved','closed','closed','resolved','closed','closed',
             'closed','closed','closed','resolved','rejected','referred','in_progress','assigned','received','awaiting_info'])[1 + i % 20],
      units.id, 'เรื่องทดสอบ', 'รายละเอียดเรื่องทดสอบ',
      15 + (i % 1000) / 1000.0, 104 + (i % 997) / 997.0,
      timestamptz '${FY_START}' + (i % 365) * interval '1 day' + (i % 86400) * interval '1 second',
      CASE WHEN i % 50 = 0 THEN 1 ELSE 0 END,
      CASE WHEN i % 3 = 0 AND i % 20 < 14 THEN 1 + (i / 3) % 5 END
    FROM g JOIN orgs ON orgs.n = g.org_n JOIN cats ON cats.n = g.cat_n JOIN units ON units.n = g.unit_n`);
  console.log(`seeded ${COMPLAINTS} complaints in ${ORGANISATIONS} organisations in ${seconds(t0)}`);
  t0 = performance.now();
  // deadlines: due 15 days after receipt; answered ones have a result 1-29 days after receipt
  await client.query(`
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
  console.log(`seeded their deadlines in ${seconds(t0)}`);
  await client.query(`
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
  t0 = performance.now();
  await client.query('VACUUM ANALYZE complaints');
  await client.query('VACUUM ANALYZE case_deadlines');
  await client.query('VACUUM ANALYZE integrity_reports');
  await client.query('VACUUM ANALYZE organizations');
  await client.query(`SET session_replication_role = origin`);
  console.log(`vacuumed and analysed in ${seconds(t0)}`);
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

/** p50 of seven runs of a query. */
async function medianOf(pg: PgPool, sql: string, params: unknown[]): Promise<{ ms: number; value: number }> {
  const times: number[] = [];
  let value = 0;
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    const r = await pg.query(sql, params);
    times.push(performance.now() - t);
    value = Number(Object.values(r.rows[0])[0]);
  }
  return {
    ms: quantile(
      times.sort((a, b) => a - b),
      0.5,
    ),
    value,
  };
}

/** Kilobytes of the service's resident memory: now, and its peak so far. */
async function memory(pid: number | undefined): Promise<string> {
  if (!pid) return 'n/a';
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return `RSS ${(kb('VmRSS') / 1024).toFixed(0)} MB (peak ${(kb('VmHWM') / 1024).toFixed(0)} MB)`;
}

/** Streams the year's open data once through HTTP: rows, bytes, time. */
async function streamOpenData(http: HttpPool): Promise<{ bytes: number; rows: number; s: number }> {
  const t = performance.now();
  const res = await http.request({
    method: 'GET',
    path: `/api/v1/orgs/demo/open-data/complaints?fiscalYear=${FY}`,
  });
  if (res.statusCode !== 200) throw new Error(`open data: ${res.statusCode}`);
  let bytes = 0;
  let rows = 0;
  for await (const chunk of res.body) {
    const b = chunk as Buffer;
    bytes += b.length;
    for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) rows++;
  }
  return { bytes, rows: rows - 1, s: (performance.now() - t) / 1000 };
}

/** PostgreSQL's own COPY of the same rows and columns (no small-cell rule, no order), read to the end. */
async function copyBaseline(pg: PgPool, org: string): Promise<{ bytes: number; rows: number; s: number }> {
  const client = await pg.connect();
  try {
    const t = performance.now();
    const zone = `'Asia/Bangkok'`;
    const stream = client.query(
      copyTo(`COPY (
        SELECT c.reference_no, cat.code, c.channel, u.code, to_char(c.received_at AT TIME ZONE ${zone}, 'YYYY-MM-DD'),
          to_char(d.current_due_date, 'YYYY-MM-DD'), to_char(d.result_at AT TIME ZONE ${zone}, 'YYYY-MM-DD'),
          c.status, d.outcome, c.rating, round(c.latitude::numeric, 2)::float8, round(c.longitude::numeric, 2)::float8
        FROM complaints c
        JOIN complaint_categories cat ON cat.id = c.category_id
        LEFT JOIN units u ON u.id = c.unit_id
        LEFT JOIN case_deadlines d ON d.track = 'complaint' AND d.case_id = c.id
        WHERE c.organization_id = '${org}' AND c.received_at >= '${FY_START}' AND c.received_at < '${FY_END}'
      ) TO STDOUT (FORMAT csv)`),
    );
    let bytes = 0;
    let rows = 0;
    for await (const chunk of stream) {
      const b = chunk as Buffer;
      bytes += b.length;
      for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) rows++;
    }
    return { bytes, rows, s: (performance.now() - t) / 1000 };
  } finally {
    client.release();
  }
}

const rate = (r: { bytes: number; rows: number; s: number }) =>
  `${r.rows} rows, ${(r.bytes / 1e6).toFixed(0)} MB in ${r.s.toFixed(1)} s: ${(r.bytes / 1e6 / r.s).toFixed(1)} MB/s, ${(r.rows / r.s / 1000).toFixed(0)}k rows/s`;

async function main(): Promise<void> {
  const started = performance.now();
  const scratch = new Scratch();
  try {
    const config = loadConfig(scratch.env());
    await prepareDatabase(config, { migrate: true });
    const pg = new PgPool({ connectionString: scratch.databaseUrl, max: 2 });
    const [{ n: present }] = (await pg.query(`SELECT count(*)::int AS n FROM complaints`)).rows;
    const reuse = scratch.kept !== undefined && present >= COMPLAINTS;
    if (reuse) console.log(`kept database ${scratch.name}: ${present} complaints already seeded`);
    else {
      const seeding = await pg.connect();
      try {
        await seed(seeding);
      } finally {
        seeding.release();
      }
    }
    // BENCH_PARTS picks some of them, e.g. BENCH_PARTS=cold,open-data (default: all four)
    const parts = new Set((process.env.BENCH_PARTS ?? 'cold,fold,warm,open-data').split(','));
    const ds = new DataSource(dataSourceOptions(config));
    await ds.initialize();
    let t0 = performance.now();
    const [{ n: cells }] = (await pg.query(`SELECT count(*)::int AS n FROM complaint_figure_orgs`)).rows;
    // the open data reads the case tables only: the kept figures are rebuilt for the other parts
    const figuresNeeded = ['cold', 'fold', 'warm'].some((part) => parts.has(part));
    if (figuresNeeded && (!reuse || process.env.BENCH_REBUILD === '1' || cells === 0)) {
      const counted = await new ComplaintFiguresRollup(ds).rebuild();
      console.log(`rebuilt the incrementally kept figures of ${counted} complaints in ${seconds(t0)}`);
      await pg.query(
        'VACUUM ANALYZE complaint_figure_breakdowns, complaint_figure_orgs, complaint_figure_running, complaint_figure_days',
      );
    }
    const [{ id: org }] = (await pg.query(`SELECT id FROM organizations WHERE slug = 'demo'`)).rows;

    const range = [new Date(FY_START), new Date(FY_END)];
    const demoCount = await medianOf(
      pg,
      `SELECT count(*) FROM complaints WHERE organization_id = $1 AND received_at >= $2 AND received_at < $3`,
      [org, ...range],
    );
    const nationalCount = await medianOf(
      pg,
      `SELECT count(*) FROM complaints WHERE received_at >= $1 AND received_at < $2`,
      range,
    );
    console.log(
      `\nbaseline SELECT count(*) of FY ${FY}: demo ${demoCount.value} rows p50 ${ms(demoCount.ms)}; ` +
        `all ${ORGANISATIONS} organisations ${nationalCount.value} rows p50 ${ms(nationalCount.ms)}`,
    );
    const baselineOf = (path: string) =>
      NATIONAL_ENDPOINTS.includes(path) ? nationalCount.ms : demoCount.ms;
    const report = (label: string, times: number[]) => {
      const base = baselineOf(label);
      const p50 = quantile(times, 0.5);
      const p99 = quantile(times, 0.99);
      console.log(
        `${label.padEnd(72)} n=${String(times.length).padStart(4)}  p50 ${ms(p50).padStart(9)} (${(p50 / base).toFixed(2)}× count)  p99 ${ms(p99).padStart(9)} (${(p99 / base).toFixed(2)}× count)`,
      );
    };
    const env = { APP_ROLE: 'api', RATE_LIMIT_PER_MINUTE: '100000000', DATABASE_POOL_SIZE: '10' };

    let port = PORT;
    const withServer = async (
      extra: Record<string, string>,
      connections: number,
      run: (http: HttpPool) => Promise<void>,
    ) => {
      const http = new HttpPool(await scratch.startServer(port++, { ...env, ...extra }), { connections });
      try {
        await run(http);
      } finally {
        await http.close();
        await scratch.stopServer();
      }
    };
    const cold = { STATISTICS_CACHE_SECONDS: '0' };

    // 1. cold: computed on every request
    if (parts.has('cold'))
      await withServer(cold, 4, async (http) => {
        console.log('\ncold: computed on every request (STATISTICS_CACHE_SECONDS=0), sequential:');
        for (const path of [...ORG_ENDPOINTS, ...NATIONAL_ENDPOINTS])
          report(path, await timeRequests(http, path, 7, 1));
      });

    // 2. fresh changes with the triggers on, folded by the next reading
    if (parts.has('fold'))
      await withServer(cold, 1, async (http) => {
        t0 = performance.now();
        await pg.query(
          `
      INSERT INTO complaints (organization_id, reference_no, fiscal_year, tracking_code_hash, category_id, channel,
        status, subject, description, received_at)
      SELECT o.a[1 + i % array_length(o.a, 1)], 'N' || $1 || '-' || i, ${FY}, md5('new' || $1 || i), cat.id, 'web', 'received', 's', 'd',
        timestamptz '${FY_START}' + (i % 300) * interval '1 day'
      FROM generate_series(1, 5000) i, (SELECT array_agg(id) AS a FROM organizations) o,
        (SELECT id FROM complaint_categories LIMIT 1) cat`,
          [Date.now().toString(36)],
        );
        await pg.query(`
      UPDATE case_deadlines SET result_at = now(), outcome = 'missed'
      WHERE id IN (SELECT id FROM case_deadlines WHERE result_at IS NULL LIMIT 5000)`);
        const [{ n: deltas }] = (await pg.query(`SELECT count(*)::int AS n FROM complaint_figure_deltas`))
          .rows;
        console.log(
          `\n5,000 complaints filed and 5,000 deadlines met with the triggers on in ${seconds(t0)}: ${deltas} deltas`,
        );
        for (const path of NATIONAL_ENDPOINTS) {
          const [first] = await timeRequests(http, path, 1, 1);
          console.log(
            `${path.padEnd(72)} first reading after them (folds ${deltas} deltas): ${ms(first)} (${(first / nationalCount.ms).toFixed(2)}× count)`,
          );
        }
      });

    // 3. warm: as served, the 20 s cache, 20 concurrent readers
    if (parts.has('warm'))
      await withServer({}, 20, async (http) => {
        console.log(
          '\nwarm: as served (default 20 s cache): the first request, then 400 from 20 concurrent clients:',
        );
        for (const path of [...ORG_ENDPOINTS, ...NATIONAL_ENDPOINTS]) {
          const [first] = await timeRequests(http, path, 1, 1);
          console.log(
            `${path.padEnd(72)} first ${ms(first)} (${(first / baselineOf(path)).toFixed(2)}× count)`,
          );
          report(path, await timeRequests(http, path, 400, 20));
        }
      });

    // 4. open data: the stream (rule on, k = 3) against COPY of the same rows and columns
    if (parts.has('open-data')) {
      let copy = { bytes: 0, rows: 0, s: 1 };
      await withServer({}, 1, async (http) => {
        console.log(`\nopen data of demo, FY ${FY}, service ${await memory(scratch.serverPid)} before:`);
        copy = await copyBaseline(pg, org);
        console.log(`  COPY (SELECT …) TO STDOUT (FORMAT csv), same rows and columns: ${rate(copy)}`);
        const streamed = await streamOpenData(http);
        console.log(`  GET …/open-data/complaints (CSV, small-cell rule k = 3):     ${rate(streamed)}`);
        console.log(
          `  → ${(streamed.bytes / streamed.s / (copy.bytes / copy.s)).toFixed(2)}× COPY's MB/s, ${(streamed.rows / streamed.s / (copy.rows / copy.s)).toFixed(2)}× its rows/s (target ≥ 0.5×); service ${await memory(scratch.serverPid)}`,
        );
      });
      await withServer({ OPEN_DATA_MIN_CELL: '1' }, 1, async (http) => {
        const off = await streamOpenData(http);
        console.log(
          `  GET …/open-data/complaints (CSV, rule off k = 1):            ${rate(off)} → ${(off.rows / off.s / (copy.rows / copy.s)).toFixed(2)}× COPY's rows/s`,
        );
      });
    }
    await ds.destroy();
    await pg.end();
  } finally {
    await scratch.cleanup();
    console.log(`\nbench ran ${seconds(started)}`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
