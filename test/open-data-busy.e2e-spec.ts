import { Client } from 'pg';
import { createTestApp, TestApp } from './helpers/test-app';

const OPEN_DATA = '/api/v1/orgs/demo/open-data/complaints?fiscalYear=2569';

/**
 * A download holds a database connection until its last row is sent: a few slow downloads must not
 * take every connection from filing. Here one download is held open by a lock on the table its COPY
 * reads, as a slow reader would hold it.
 */
describe('open data: downloads one process streams at once (OPEN_DATA_MAX_STREAMS)', () => {
  let t: TestApp;
  // the tables' owner, outside the service: one holds the lock, the other watches every session
  // (a transaction sees pg_stat_activity as it was when it first looked)
  let owner: Client;
  let watcher: Client;
  beforeAll(async () => {
    t = await createTestApp({ OPEN_DATA_MAX_STREAMS: '1' });
    owner = new Client({ connectionString: t.config.database.url });
    watcher = new Client({ connectionString: t.config.database.url });
    await Promise.all([owner.connect(), watcher.connect()]);
  });
  afterAll(async () => {
    await Promise.all([owner.end(), watcher.end()]);
    await t.close();
  });

  const waitingCopies = async () =>
    Number(
      (
        await watcher.query(
          `SELECT count(*) AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'COPY%'`,
        )
      ).rows[0].n,
    );

  it('beyond the cap: 429 OPEN_DATA_BUSY with Retry-After; the slot is free again once the file is sent', async () => {
    await owner.query('BEGIN');
    let first: ReturnType<TestApp['request']> | undefined;
    try {
      await owner.query('LOCK TABLE complaints IN ACCESS EXCLUSIVE MODE');
      first = t.request({ method: 'GET', url: OPEN_DATA });
      for (let i = 0; i < 200 && (await waitingCopies()) === 0; i++)
        await new Promise((r) => setTimeout(r, 25));
      expect(await waitingCopies()).toBe(1);

      const busy = await t.request({ method: 'GET', url: `${OPEN_DATA}&format=jsonl` });
      expect(busy.statusCode).toBe(429);
      expect(busy.headers['retry-after']).toBe('60');
      expect(busy.json()).toMatchObject({
        code: 'OPEN_DATA_BUSY',
        messageTh: expect.stringContaining('ข้อมูลเปิด'),
        details: { retryAfterSeconds: 60 },
      });
    } finally {
      await owner.query('COMMIT');
    }
    const sent = await first!;
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('เลขที่เรื่อง (reference number)');
    // the slot was given back: the next download is served
    expect((await t.request({ method: 'GET', url: OPEN_DATA })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: `${OPEN_DATA}&format=jsonl` })).statusCode).toBe(200);
  });

  it('a refused download (unknown organisation) takes no slot', async () => {
    for (let i = 0; i < 3; i++)
      expect(
        (await t.request({ method: 'GET', url: '/api/v1/orgs/nowhere/open-data/complaints?fiscalYear=2569' }))
          .statusCode,
      ).toBe(404);
    expect((await t.request({ method: 'GET', url: OPEN_DATA })).statusCode).toBe(200);
  });
});
