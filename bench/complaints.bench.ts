/**
 * Submission and tracking throughput and latency at 50 and 200 concurrent clients against the real
 * service (HTTP over loopback, PostgreSQL, Redis), each beside its baseline measured in the same run:
 * the same complaint row inserted (and the same row read) directly with node-postgres through a pool
 * of the same size. Prints both and the ratio.
 *
 *   npx ts-node --transpile-only bench/complaints.bench.ts [seconds per scenario, default 10]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Pool as PgPool } from 'pg';
import { Pool as HttpPool } from 'undici';
import { loadConfig } from '../src/config/app-config';
import { prepareDatabase } from '../src/infrastructure/startup';
import { LoadResult, printResults, runLoad } from './lib/load';
import { Scratch } from './lib/scratch';

const SECONDS = Number(process.argv[2] ?? 10);
const POOL_SIZE = 10;
const PORT = 3900 + Math.floor(Math.random() * 90);

const body = () =>
  JSON.stringify({
    categoryCode: 'street_lighting',
    subject: 'ไฟฟ้าส่องสว่างดับหน้าโรงเรียน',
    description: 'ไฟถนนดับมาสามคืนแล้ว เด็กนักเรียนเดินกลับบ้านลำบาก '.repeat(4),
    location: { address: 'หน้าโรงเรียนบ้านหนองบัว', village: 'หมู่ 3', lat: 15.2287, lng: 104.8564 },
    complainant: { name: 'สมศรี ใจงาม', phone: '0812345678' },
  });
const randomIp = () =>
  `10.${(Math.random() * 255) | 0}.${(Math.random() * 255) | 0}.${(Math.random() * 255) | 0}`;

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
    const pg = new PgPool({ connectionString: scratch.databaseUrl, max: POOL_SIZE });
    const [{ org, category, unit }] = (
      await pg.query(
        `SELECT o.id AS org, c.id AS category, c.default_unit_id AS unit FROM organizations o
         JOIN complaint_categories c ON c.organization_id = o.id AND c.code = 'street_lighting'`,
      )
    ).rows;

    const rows: LoadResult[] = [];
    const ratios: string[] = [];
    const codes: string[] = [];
    const hashes: string[] = [];

    for (const concurrency of [50, 200]) {
      // Baseline: the complaint row the endpoint writes, inserted directly.
      const insert = await runLoad('baseline: INSERT complaint (pg)', concurrency, SECONDS, async () => {
        const hash = randomBytes(32).toString('hex');
        await pg.query(
          `INSERT INTO complaints (organization_id, reference_no, fiscal_year, tracking_code_hash, category_id, channel,
             status, unit_id, subject, description, location_address, location_village, latitude, longitude,
             complainant_name, complainant_phone, consent_to_contact, received_at)
           VALUES ($1, $2, 2569, $3, $4, 'web', 'received', $5, $6, $7, $8, $9, $10, $11, $12, $13, false, now())`,
          [
            org,
            `bench-${randomUUID()}`,
            hash,
            category,
            unit,
            'ไฟฟ้าส่องสว่างดับหน้าโรงเรียน',
            'x'.repeat(300),
            'หน้าโรงเรียน',
            'หมู่ 3',
            15.2287,
            104.8564,
            'สมศรี ใจงาม',
            '0812345678',
          ],
        );
        if (hashes.length < 5000) hashes.push(hash);
      });
      const http = new HttpPool(base, { connections: concurrency, pipelining: 1 });
      const submit = await runLoad('POST /orgs/demo/complaints', concurrency, SECONDS, async () => {
        const res = await http.request({
          method: 'POST',
          path: '/api/v1/orgs/demo/complaints',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': randomIp() },
          body: body(),
        });
        const text = await res.body.text();
        if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${text}`);
        if (codes.length < 5000) codes.push(JSON.parse(text).trackingCode);
      });
      const read = await runLoad('baseline: SELECT by code hash (pg)', concurrency, SECONDS, async (w, i) => {
        await pg.query('SELECT * FROM complaints WHERE tracking_code_hash = $1', [
          hashes[(w * 7919 + i) % hashes.length],
        ]);
      });
      const track = await runLoad('GET /track/{code}', concurrency, SECONDS, async (w, i) => {
        const res = await http.request({
          method: 'GET',
          path: `/api/v1/track/${codes[(w * 7919 + i) % codes.length]}`,
          headers: { 'x-forwarded-for': randomIp() },
        });
        const text = await res.body.text();
        if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${text}`);
      });
      await http.close();
      rows.push(insert, submit, read, track);
      ratios.push(
        `concurrency ${concurrency}: submission ${((100 * submit.perSecond) / insert.perSecond).toFixed(1)}% of baseline (target ≥ 40%), ` +
          `tracking ${((100 * track.perSecond) / read.perSecond).toFixed(1)}% of baseline (target ≥ 30%)`,
      );
    }
    await pg.end();
    console.log(
      `\nComplaints bench: ${SECONDS}s per scenario, pool ${POOL_SIZE}, one API process, 2 cores shared with PostgreSQL and the load generator\n`,
    );
    printResults(rows);
    console.log('');
    for (const r of ratios) console.log(r);
  } finally {
    await scratch.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
