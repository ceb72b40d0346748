import { DataSource } from 'typeorm';
import { READ_DATA_SOURCE } from '../src/infrastructure/database/read-data-source';
import { fileComplaint } from './helpers/complaints';
import { createDatabase, dropDatabase } from './helpers/databases';
import { createTestApp, TestApp } from './helpers/test-app';
import { databaseUrl, runId, templateDatabase, uniqueSuffix } from './helpers/test-env';

/**
 * DATABASE_READ_URL: statistics read from it, everything else from DATABASE_URL. A second database
 * stands in for the replica here (a replica that has not caught up yet), so the test can tell the
 * two apart.
 */
describe('statistics on a read-only database (DATABASE_READ_URL)', () => {
  const replica = `rongrian_test_${runId()}_${uniqueSuffix()}`;
  let t: TestApp;

  beforeAll(async () => {
    await createDatabase(replica, templateDatabase());
    t = await createTestApp({ DATABASE_READ_URL: databaseUrl(replica), STATISTICS_CACHE_SECONDS: '0' });
  });
  afterAll(async () => {
    await t.close();
    await dropDatabase(replica);
  });

  // the fiscal year of today (October to September, named by its Buddhist Era year of ending)
  const now = new Date();
  const fiscalYear = now.getUTCFullYear() + 543 + (now.getUTCMonth() >= 9 ? 1 : 0);
  const received = async () => {
    const res = await t.request({
      method: 'GET',
      url: `/api/v1/orgs/demo/statistics/complaints?fiscalYear=${fiscalYear}`,
    });
    expect(res.statusCode).toBe(200);
    return (res.json() as { figures: { received: number } }).figures.received;
  };

  it('reads the figures from the read database and writes go to the primary', async () => {
    const read = t.app.get<DataSource>(READ_DATA_SOURCE);
    expect(read).not.toBe(t.db);
    const [{ db }] = await read.query(`SELECT current_database() AS db`);
    expect(db).toBe(replica);

    await fileComplaint(t);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM complaints`);
    expect(n).toBe(1);
    // the filing went to the primary; the "replica" has not seen it
    expect(await received()).toBe(0);

    // once the replica has the row (copied here by hand), the figures show it
    const [row] = await t.db.query(`SELECT * FROM complaints`);
    const columns = Object.keys(row);
    await read.query(
      `INSERT INTO complaints (${columns.map((c) => `"${c}"`).join(', ')})
       SELECT * FROM json_populate_record(NULL::complaints, $1::json)`,
      [JSON.stringify(row)],
    );
    expect(await received()).toBe(1);
  });

  it('without DATABASE_READ_URL the statistics read the primary', async () => {
    const plain = await createTestApp();
    try {
      expect(plain.app.get(READ_DATA_SOURCE)).toBe(plain.db);
    } finally {
      await plain.close();
    }
  });
});
