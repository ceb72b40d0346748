/**
 * Submission and tracking throughput and latency at 10 and 50 concurrent clients against the real
 * service (HTTP over loopback, PostgreSQL, Redis), each beside its baseline measured in the same run
 * through a node-postgres pool of the same size:
 *  - submission: the rows the endpoint writes (its number from the counter, then the complaint, its
 *    first history event, its deadline row and the new-case messages to the unit's two officers),
 *    inserted directly: the plain way (one INSERT per table in a transaction), and again as one
 *    statement of CTEs, the way the service writes them; and the floor: that one statement (one
 *    transaction) without the counter, the least a filing must cost (target: filing ≥ 0.5× the
 *    floor's rate at 10 and 50 clients, and its p50 at 10 clients ≤ 3× the floor's). The floor,
 *    the floor sent the service's way and filing run in rounds, each round starting one scenario
 *    further on, and are compared over all their rounds, so that no scenario always follows the
 *    same one (a fixed order hid that the service's pool closed its connections while the two
 *    floors ran);
 *  - tracking: the same two reads the endpoint's one statement makes (the complaint with its
 *    category and deadline, then its public timeline);
 * and the latency of tracking known and unknown codes from one client (they must look alike).
 * Prints both and the ratio: what the service costs on top of the database work it must do.
 *
 *   npx ts-node --transpile-only bench/complaints.bench.ts [seconds per scenario, default 10] [rounds, default 3]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Pool as PgPool } from 'pg';
import { Pool as HttpPool } from 'undici';
import { loadConfig } from '../src/config/app-config';
import { generateTrackingCode } from '../src/complaints/tracking-code';
import { APP_DATABASE_ROLE } from '../src/infrastructure/database/data-source-options';
import { inlineParameters, transactionPrelude } from '../src/infrastructure/database/tenancy';
import { prepareDatabase } from '../src/infrastructure/startup';
import { cpuMs, machineCpuMs, postgresCpuMs } from './lib/cpu';
import { LoadResult, mergeResults, printResults, runLoad } from './lib/load';
import { Scratch } from './lib/scratch';

const SECONDS = Number(process.argv[2] ?? 10);
/** rounds of the floors and filing at each concurrency, alternating */
const ROUNDS = Number(process.argv[3] ?? 3);
const TIMING_SAMPLES = 4000;
const WARM_UP_SECONDS = 3;
const POOL_SIZE = 10;
const PORT = 3900 + Math.floor(Math.random() * 90);

// what every filing sends; the baselines write these same texts (the search index's trigrams of the
// description are part of what a row costs)
const FILING = {
  categoryCode: 'street_lighting',
  subject: 'ไฟฟ้าส่องสว่างดับหน้าโรงเรียน',
  description: 'ไฟถนนดับมาสามคืนแล้ว เด็กนักเรียนเดินกลับบ้านลำบาก '.repeat(4).trim(),
  location: { address: 'หน้าโรงเรียนบ้านหนองบัว', village: 'หมู่ 3', lat: 15.2287, lng: 104.8564 },
  complainant: { name: 'สมศรี ใจงาม', phone: '0812345678' },
};
const body = () => JSON.stringify(FILING);
const randomIp = () =>
  `10.${(Math.random() * 255) | 0}.${(Math.random() * 255) | 0}.${(Math.random() * 255) | 0}`;

const COMPLAINT = `(id, organization_id, reference_no, fiscal_year, tracking_code_hash, category_id, channel,
    status, unit_id, subject, description, location_address, location_village, latitude, longitude,
    complainant_name, complainant_phone, consent_to_contact, received_at)
  VALUES ($1, $2, $3, 2569, $4, $5, 'web', 'received', $6, $7, $8, $9, $10, $11, $12, $13, $14, false, now())`;
const EVENT = `(complaint_id, organization_id, type, to_status, is_public, data)
  VALUES ($1, $2, 'received', 'received', true, '{"channel":"web"}')`;
const DEADLINE = `(id, track, case_id, organization_id, received_at, received_date, mode, period_days,
    original_due_date, current_due_date, due_set_at, very_overdue_date, reminder_from, next_milestone_at)
  VALUES (gen_random_uuid(), 'complaint', $1, $2, now(), current_date, 'calendar', 15, current_date + 15,
    current_date + 15, now(), current_date + 30, current_date + 12, now() + interval '12 days')`;
const OUTBOX = `(id, organization_id, template, recipient_kind, recipient_email, recipient_name, recipient_hash,
    params, status, not_before, subject_type, subject_id, message_id)
  SELECT gen_random_uuid(), $1, 'officer.new_case', 'officer', r.email, r.name, md5(r.email), $3::jsonb, 'pending',
         now(), 'complaint', $2, r.message_id
    FROM (VALUES ('unit_head@bench.local', 'หัวหน้างาน', $4), ('officer@bench.local', 'เจ้าหน้าที่', $5))
      AS r(email, name, message_id)`;
function quantiles(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(2);
  return `p50 ${at(0.5)} ms  p90 ${at(0.9)} ms  p99 ${at(0.99)} ms`;
}

/** The statement with its parameters $1… renumbered from $n+1, to follow another's in one query. */
const shift = (sql: string, n: number) => sql.replace(/\$(\d+)/g, (_, i: string) => `$${Number(i) + n}`);

/** The rows of a filing as one statement of CTEs (the one-statement baseline and the floor). */
const FLOOR_STATEMENT = `WITH c AS (INSERT INTO complaints ${COMPLAINT}),
    e AS (INSERT INTO complaint_events ${shift(EVENT, 14)}),
    d AS (INSERT INTO case_deadlines ${shift(DEADLINE, 14)})
  INSERT INTO notification_outbox ${shift(OUTBOX, 16)}`;

async function main(): Promise<void> {
  const scratch = new Scratch();
  try {
    const config = loadConfig(scratch.env());
    await prepareDatabase(config, { migrate: true });
    const base = await scratch.startServer(PORT, {
      APP_ROLE: 'api',
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      TRUST_PROXY_HOPS: '1',
      RATE_LIMIT_PER_MINUTE: '100000000',
    });
    // connections kept while idle as long as the service keeps its own (DATABASE_POOL_IDLE_SECONDS):
    // node-postgres' default of 10 s would close them while a 10 s filing scenario runs
    const pg = new PgPool({
      connectionString: scratch.databaseUrl,
      max: POOL_SIZE,
      idleTimeoutMillis: 300_000,
    });
    const [{ org, category, unit }] = (
      await pg.query(
        `SELECT o.id AS org, c.id AS category, c.default_unit_id AS unit FROM organizations o
         JOIN complaint_categories c ON c.organization_id = o.id AND c.code = 'street_lighting'`,
      )
    ).rows;

    // two officers in the category's unit: every filing also writes their new-case messages
    for (const [role, name] of [
      ['unit_head', 'หัวหน้างาน'],
      ['officer', 'เจ้าหน้าที่'],
    ])
      await pg.query(
        `INSERT INTO users (organization_id, unit_id, email, display_name, password_hash, roles)
         VALUES ($1, $2, $3, $4, 'not-a-hash', ARRAY[$5])`,
        [org, unit, `${role}@bench.local`, name, role],
      );
    const takeNumber = async () =>
      (
        await pg.query(
          `INSERT INTO reference_counters (organization_id, series, fiscal_year, last_value) VALUES ($1, 'bench', 2569, 1)
           ON CONFLICT (organization_id, series, fiscal_year) DO UPDATE SET last_value = reference_counters.last_value + 1
           RETURNING last_value`,
          [org],
        )
      ).rows[0].last_value as number;
    const complaintValues = (id: string, n: number) => {
      const hash = randomBytes(32).toString('hex');
      if (hashes.length < 5000) hashes.push(hash);
      return [
        id,
        org,
        `B${n}`,
        hash,
        category,
        unit,
        FILING.subject,
        FILING.description,
        FILING.location.address,
        FILING.location.village,
        FILING.location.lat,
        FILING.location.lng,
        FILING.complainant.name,
        FILING.complainant.phone,
      ];
    };
    const outboxValues = (id: string) => [
      org,
      id,
      JSON.stringify({ orgName: 'อบต.', referenceNo: 'B1', unitName: 'งานไฟฟ้า', dueDate: '2026-12-08' }),
      `<${randomUUID()}@bench.local>`,
      `<${randomUUID()}@bench.local>`,
    ];

    const rows: LoadResult[] = [];
    const ratios: string[] = [];
    const codes: string[] = [];
    const hashes: string[] = [];

    const fileOne = (http: HttpPool) => async () => {
      const res = await http.request({
        method: 'POST',
        path: '/api/v1/orgs/demo/complaints',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': randomIp() },
        body: body(),
      });
      const text = await res.body.text();
      if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${text}`);
      if (codes.length < 5000) codes.push(JSON.parse(text).trackingCode);
    };
    const trackOne = (http: HttpPool) => async (w: number, i: number) => {
      const res = await http.request({
        method: 'GET',
        path: `/api/v1/track/${codes[(w * 7919 + i) % codes.length]}`,
        headers: { 'x-forwarded-for': randomIp() },
      });
      const text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${text}`);
    };
    // a fresh process is slower until V8 has compiled its hot paths: warm it up, unmeasured
    const warm = new HttpPool(base, { connections: 50, pipelining: 1 });
    await runLoad('warm-up', 50, WARM_UP_SECONDS, fileOne(warm));
    await runLoad('warm-up', 50, WARM_UP_SECONDS, trackOne(warm));
    await warm.close();

    // CPU per request of the service, PostgreSQL and this process (the load tool), summed over a
    // scenario's rounds
    const cpu = new Map<
      string,
      { requests: number; machine: number; database: number; service: number; tool: number }
    >();
    const measured = async (what: string, run: () => Promise<LoadResult>): Promise<LoadResult> => {
      const service = cpuMs(scratch.serverPid!);
      const database = postgresCpuMs();
      const machine = machineCpuMs();
      const own = process.cpuUsage();
      const result = await run();
      const tool = process.cpuUsage(own);
      const key = `${what} at ${result.concurrency}`;
      const sum = cpu.get(key) ?? { requests: 0, machine: 0, database: 0, service: 0, tool: 0 };
      cpu.set(key, {
        requests: sum.requests + result.requests,
        machine: sum.machine + machineCpuMs() - machine,
        database: sum.database + postgresCpuMs() - database,
        service: sum.service + cpuMs(scratch.serverPid!) - service,
        tool: sum.tool + (tool.user + tool.system) / 1000,
      });
      return result;
    };

    let floorNumber = 0;
    /** the parameters of FLOOR_STATEMENT for a new case, numbered F1, F2, … */
    const floorValues = () => {
      const id = randomUUID();
      const values = [...complaintValues(id, ++floorNumber), id, org, ...outboxValues(id)];
      values[2] = `F${floorNumber}`;
      return values;
    };
    for (const concurrency of [10, 50]) {
      // Baselines: the rows the endpoint writes, inserted directly, the plain way and in one statement.
      const plain = await runLoad('baseline: same rows (pg)', concurrency, SECONDS, async () => {
        const id = randomUUID();
        const n = await takeNumber();
        const client = await pg.connect();
        try {
          await client.query('BEGIN');
          await client.query(`INSERT INTO complaints ${COMPLAINT}`, complaintValues(id, n));
          await client.query(`INSERT INTO complaint_events ${EVENT}`, [id, org]);
          await client.query(`INSERT INTO case_deadlines ${DEADLINE}`, [id, org]);
          await client.query(`INSERT INTO notification_outbox ${OUTBOX}`, outboxValues(id));
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      });
      const combined = await runLoad(
        'baseline: same rows, 1 statement (pg)',
        concurrency,
        SECONDS,
        async () => {
          const id = randomUUID();
          const n = await takeNumber();
          // the same statements as CTEs, their parameters numbered on
          const values = [...complaintValues(id, n), id, org, ...outboxValues(id)];
          await pg.query(FLOOR_STATEMENT, values);
        },
      );
      // The floor, the floor under row-level security and filing, in rounds (ROUNDS of each): what
      // else the machine does meanwhile (a checkpoint, say) falls on each of them alike, and the
      // ratios compare their rounds together.
      // The service's statements are sent as the runtime role under row-level security, the tenancy
      // set in the same round trip, parameters inlined (see tenancy.ts): so is the second floor.
      const prelude = transactionPrelude(APP_DATABASE_ROLE, 'system')!;
      const http = new HttpPool(base, { connections: concurrency, pipelining: 1 });
      const scenarios = {
        floor: () =>
          measured('floor row', () =>
            runLoad('floor: same rows, 1 tx, no counter', concurrency, SECONDS, async () => {
              await pg.query(FLOOR_STATEMENT, floorValues());
            }),
          ),
        secured: () =>
          measured('floor row under row-level security', () =>
            runLoad('floor under row-level security', concurrency, SECONDS, async () => {
              await pg.query(`${prelude}; ${inlineParameters(FLOOR_STATEMENT, floorValues())!}`);
            }),
          ),
        submit: () =>
          measured('filing', () =>
            runLoad('POST /orgs/demo/complaints', concurrency, SECONDS, fileOne(http)),
          ),
      };
      const order = Object.keys(scenarios) as (keyof typeof scenarios)[];
      const rounds: Record<keyof typeof scenarios, LoadResult>[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // each round starts one scenario further on, so each takes each place in a round
        const results = {} as Record<keyof typeof scenarios, LoadResult>;
        for (let i = 0; i < order.length; i++) {
          const name = order[(round + i) % order.length];
          results[name] = await scenarios[name]();
        }
        rounds.push(results);
      }
      const floor = mergeResults(rounds.map((r) => r.floor));
      const secured = mergeResults(rounds.map((r) => r.secured));
      const submit = mergeResults(rounds.map((r) => r.submit));
      // each round's ratio, with its filings and floor rows a second
      const eachRound = rounds
        .map(
          (r) =>
            `${(r.submit.perSecond / r.floor.perSecond).toFixed(2)} ` +
            `(${r.submit.perSecond.toFixed(0)}/${r.floor.perSecond.toFixed(0)})`,
        )
        .join(', ');
      const read = await runLoad('baseline: same reads (pg)', concurrency, SECONDS, async (w, i) => {
        const { rows: found } = await pg.query(
          `SELECT c.reference_no, c.received_at, c.rated_at, c.status, s.id AS shown_id, cat.name_th, cat.name_en,
                  d.current_due_date, d.extension_due_date
             FROM complaints c JOIN complaints s ON s.id = COALESCE(c.duplicate_of_id, c.id)
             JOIN complaint_categories cat ON cat.id = s.category_id
             LEFT JOIN case_deadlines d ON d.track = 'complaint' AND d.case_id = s.id
            WHERE c.tracking_code_hash = $1`,
          [hashes[(w * 7919 + i) % hashes.length]],
        );
        await pg.query(`SELECT * FROM complaint_events WHERE complaint_id = $1 AND is_public ORDER BY id`, [
          found[0]?.shown_id ?? randomUUID(),
        ]);
      });
      const track = await runLoad('GET /track/{code}', concurrency, SECONDS, trackOne(http));
      await http.close();
      rows.push(plain, combined, floor, secured, submit, read, track);
      const pct = (a: LoadResult, b: LoadResult) => `${((100 * a.perSecond) / b.perSecond).toFixed(1)}%`;
      const p50 =
        concurrency === 10
          ? `, p50 ${(submit.p50Ms / floor.p50Ms).toFixed(2)}× the floor's (target ≤ 3×)`
          : '';
      ratios.push(
        `concurrency ${concurrency}: filing ${(submit.perSecond / floor.perSecond).toFixed(2)}× the floor's rate (target ≥ 0.5×; ` +
          `rounds ${eachRound})${p50}; ` +
          `${(submit.perSecond / secured.perSecond).toFixed(2)}× the floor's under row-level security, which is ` +
          `${(secured.perSecond / floor.perSecond).toFixed(2)}× the floor's`,
      );
      ratios.push(
        `concurrency ${concurrency}: submission ${pct(submit, plain)} of baseline (target ≥ 40%; ` +
          `${pct(submit, combined)} of the one-statement baseline), ` +
          `tracking ${pct(track, read)} of baseline (target ≥ 30%)`,
      );
    }
    // Known and unknown tracking codes, one client, interleaved: the 404 must not be told apart by time.
    const single = new HttpPool(base, { connections: 1, pipelining: 1 });
    const timing = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < TIMING_SAMPLES; i++) {
      const known = i % 2 === 0;
      const code = known ? codes[i % codes.length] : generateTrackingCode();
      const t0 = performance.now();
      const res = await single.request({
        method: 'GET',
        path: `/api/v1/track/${code}`,
        headers: { 'x-forwarded-for': randomIp() },
      });
      await res.body.text();
      (known ? timing.known : timing.unknown).push(performance.now() - t0);
      if (res.statusCode !== (known ? 200 : 404)) throw new Error(`tracking answered ${res.statusCode}`);
    }
    await single.close();
    const [{ filings, messages }] = (
      await pg.query(
        `SELECT count(DISTINCT c.id) AS filings, count(m.id) AS messages
           FROM complaints c LEFT JOIN notification_outbox m ON m.subject_id = c.id::text
          WHERE c.reference_no NOT LIKE 'B%' AND c.reference_no NOT LIKE 'F%'`,
      )
    ).rows;
    await pg.end();
    console.log(
      `\nComplaints bench: ${SECONDS}s per scenario (floors and filing: ${ROUNDS} alternating rounds of ${SECONDS}s), pool ${POOL_SIZE}, one API process, 2 cores shared with PostgreSQL and the load generator\n`,
    );
    printResults(rows);
    console.log('');
    for (const r of ratios) console.log(r);
    console.log(
      `(the endpoint wrote ${(Number(messages) / Number(filings)).toFixed(2)} outbox messages per filing)`,
    );
    console.log(
      '\nCPU per request (of 2 cores; what the filing costs beyond the floor is what it files slower by):',
    );
    for (const [what, sum] of cpu) {
      const per = (ms: number) => (ms / sum.requests).toFixed(2);
      console.log(
        `  ${what}: machine ${per(sum.machine)} ms, of which PostgreSQL ${per(sum.database)} ms, ` +
          `service ${per(sum.service)} ms, load tool ${per(sum.tool)} ms`,
      );
    }
    console.log(`\nGET /track/{code}, one client, ${TIMING_SAMPLES / 2} each, interleaved:`);
    console.log(`  known code (200):   ${quantiles(timing.known)}`);
    console.log(`  unknown code (404): ${quantiles(timing.unknown)}`);
  } finally {
    await scratch.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
