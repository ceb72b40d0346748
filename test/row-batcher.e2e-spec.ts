import { randomUUID } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { rowsOf } from '../src/infrastructure/database/insert-rows';
import { RowBatcher } from '../src/infrastructure/database/row-batcher';
import { runAsSystem } from '../src/infrastructure/database/tenancy';
import { IdempotencyRecord } from '../src/infrastructure/idempotency/idempotency-record.entity';
import { lightingComplaint } from './helpers/complaints';
import { createTestApp, TestApp } from './helpers/test-app';

/** Group commit of new cases (RowBatcher): together when ready together, alone when one is at fault. */
describe('new cases written together', () => {
  let t: TestApp;
  let batcher: RowBatcher;

  beforeAll(async () => {
    t = await createTestApp();
    batcher = t.app.get(RowBatcher);
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  /** The statements that insert rows, as the batcher sends them. */
  const countInserts = () => {
    const query = jest.spyOn(t.db.manager, 'query');
    return () => query.mock.calls.filter(([sql]) => /^(WITH w0 AS \()?INSERT INTO/.test(sql)).length;
  };
  const record = (scopedKey: string) =>
    rowsOf(IdempotencyRecord, [{ scopedKey, requestHash: 'h', statusCode: 201, response: Buffer.from('x') }]);
  const stored = async (keys: string[]) =>
    (
      await t.db.query(`SELECT scoped_key FROM idempotency_records WHERE scoped_key = ANY($1) ORDER BY 1`, [
        keys,
      ])
    ).map((r: { scoped_key: string }) => r.scoped_key);

  it('writes that are ready together go in one statement, and each caller learns of its commit', async () => {
    const inserts = countInserts();
    const keys = Array.from({ length: 5 }, () => `batch-${randomUUID()}`);
    await runAsSystem(() => Promise.all(keys.map((key) => batcher.write([record(key)]))));
    expect(inserts()).toBe(1);
    expect(await stored(keys)).toEqual([...keys].sort());
    expect(batcher.pending).toBe(0);
  });

  it('a batch with one write at fault is written again one by one: only that one fails', async () => {
    const taken = `taken-${randomUUID()}`;
    await runAsSystem(() => batcher.write([record(taken)]));
    const inserts = countInserts();
    const keys = Array.from({ length: 3 }, () => `fine-${randomUUID()}`);
    const outcomes = await runAsSystem(() =>
      Promise.allSettled([...keys, taken].map((key) => batcher.write([record(key)]))),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    const error = (outcomes[3] as PromiseRejectedResult).reason as QueryFailedError & {
      driverError: { constraint: string };
    };
    expect(error).toBeInstanceOf(QueryFailedError);
    expect(error.driverError.constraint).toBe('pk_idempotency_records');
    expect(inserts()).toBe(1 + 4); // the batch that failed as a whole, then each alone
    expect(await stored(keys)).toEqual([...keys].sort());
  });

  it('concurrent filings are written in fewer statements than filings, each case whole', async () => {
    const inserts = countInserts();
    const subject = `พร้อมกัน ${randomUUID().slice(0, 8)}`;
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.request({
          method: 'POST',
          url: '/api/v1/orgs/demo/complaints',
          payload: lightingComplaint({ subject }),
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(inserts()).toBeLessThan(8);
    const numbers = results.map((r) => r.json().referenceNo as string);
    const whole = await t.db.query(
      `SELECT c.reference_no,
              (SELECT count(*)::int FROM complaint_events e WHERE e.complaint_id = c.id AND e.type = 'received') AS events,
              (SELECT count(*)::int FROM case_deadlines d WHERE d.case_id = c.id) AS deadlines
         FROM complaints c WHERE c.subject = $1`,
      [subject],
    );
    expect(whole.map((r: { reference_no: string }) => r.reference_no).sort()).toEqual([...numbers].sort());
    expect(
      whole.every((r: { events: number; deadlines: number }) => r.events === 1 && r.deadlines === 1),
    ).toBe(true);
  });

  it('a filing refused in a batch (a reused Idempotency-Key) takes no other filing with it', async () => {
    const key = `reused-${randomUUID()}`;
    const file = (subject: string, headers: Record<string, string> = {}) =>
      t.request({
        method: 'POST',
        url: '/api/v1/orgs/demo/complaints',
        payload: lightingComplaint({ subject }),
        headers,
      });
    expect((await file('ครั้งแรก', { 'idempotency-key': key })).statusCode).toBe(201);
    const subject = `ร่วมชุด ${randomUUID().slice(0, 8)}`;
    const results = await Promise.all([
      file(subject),
      file(subject),
      file('ครั้งที่สอง เนื้อหาอื่น', { 'idempotency-key': key }),
      file(subject),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 422, 201]);
    expect(results[2].json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM complaints WHERE subject = $1`, [
      subject,
    ]);
    expect(n).toBe(3);
    const [{ refused }] = await t.db.query(
      `SELECT count(*)::int AS refused FROM complaints WHERE subject = 'ครั้งที่สอง เนื้อหาอื่น'`,
    );
    expect(refused).toBe(0);
  });
});
