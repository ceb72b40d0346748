import { AddressInfo, connect, Socket } from 'node:net';
import { Client } from 'pg';
import { dropDatabase } from './helpers/databases';
import { createTestApp, TestApp } from './helpers/test-app';
import { databaseUrl } from './helpers/test-env';
import { waitFor } from './helpers/wait';

const complaint = { categoryCode: 'roads', subject: 'ถนนชำรุด', description: 'หลุมใหญ่หน้าโรงเรียน' };

/** The standard 503 body: what every outage answer must look like. */
const serviceUnavailable = (requestId: unknown) => ({
  statusCode: 503,
  code: 'SERVICE_UNAVAILABLE',
  message: expect.any(String),
  messageTh: expect.stringMatching(/[\u0E00-\u0E7F]/),
  requestId,
});

/** Holds the complaints table locked against writes, so that filing a complaint waits inside its session. */
async function lockComplaints(t: TestApp): Promise<Client> {
  // one complaint first: the reference data is in memory and the numbering sequence exists
  const first = await t.request({ method: 'POST', url: '/api/v1/orgs/demo/complaints', payload: complaint });
  expect(first.statusCode).toBe(201);
  const database = t.database;
  const client = new Client({ connectionString: databaseUrl(database) });
  client.on('error', () => undefined); // dropped with the test database
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE complaints IN EXCLUSIVE MODE');
  return client;
}

/** The backend of the application that waits for that lock. */
async function waitingBackend(t: TestApp, locker: Client): Promise<number> {
  return waitFor('a request to wait for the lock', async () => {
    const { rows } = await locker.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND application_name LIKE 'rongrian-%'`,
      [t.database],
    );
    return rows[0]?.pid as number | undefined;
  });
}

describe('PostgreSQL connections lost in the middle of a request', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 503 with Retry-After and the standard body; a retry with the same key files it once', async () => {
    const locker = await lockComplaints(t);
    const headers = { 'idempotency-key': 'outage-test-0001' };
    const pending = t.request({
      method: 'POST',
      url: '/api/v1/orgs/demo/complaints',
      payload: complaint,
      headers,
    });
    const pid = await waitingBackend(t, locker);
    await locker.query('SELECT pg_terminate_backend($1)', [pid]);
    const res = await pending;
    await locker.query('COMMIT');
    await locker.end();

    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toEqual(serviceUnavailable(res.headers['x-request-id']));

    // a client retries with the same key after Retry-After (another pooled connection may be on its way out)
    const again = await waitFor('a retry to be answered', async () => {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/orgs/demo/complaints',
        payload: complaint,
        headers,
      });
      return res.statusCode !== 503 && res;
    });
    expect(again.statusCode).toBe(201);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM complaints`);
    expect(count).toBe(2); // the warm-up and the retried one
  });
});

/** Sends raw HTTP/1.1 on one kept-alive connection and collects everything the server writes. */
function rawConnection(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString('utf8')));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  return {
    send: (text: string) => socket.write(text),
    closed,
    received: () => received,
  };
}

describe('the shutdown window', () => {
  it('a request that arrives while the server closes gets the standard 503 with Retry-After', async () => {
    const t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const locker = await lockComplaints(t);
    const conn = rawConnection(port);
    try {
      const body = JSON.stringify(complaint);
      // an in-flight request keeps the connection (and the server) busy while it closes
      conn.send(
        `POST /api/v1/orgs/demo/complaints HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      await waitingBackend(t, locker);
      const closing = t.app.close();
      // the listener is gone: the server is closing
      await waitFor('the server to stop accepting connections', async () => {
        const probe = connect(port, '127.0.0.1');
        return new Promise<boolean>((resolve) => {
          probe.on('connect', () => (probe.destroy(), resolve(false)));
          probe.on('error', () => resolve(true));
        });
      });
      // the next request on the open connection, answered once the first is done
      conn.send(`GET /health/live HTTP/1.1\r\nHost: x\r\nX-Request-Id: during-shutdown\r\n\r\n`);
      await locker.query('COMMIT');
      await conn.closed;
      await closing;

      const responses = conn.received().split(/(?=HTTP\/1\.1 )/);
      expect(responses).toHaveLength(2);
      expect(responses[0]).toMatch(/^HTTP\/1\.1 201/);
      const [head, json] = responses[1].split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 503/);
      expect(head).toMatch(/\r\nretry-after: 5\r\n/i);
      expect(head).toMatch(/\r\nconnection: close\r\n/i);
      expect(JSON.parse(json)).toEqual(serviceUnavailable('during-shutdown'));
    } finally {
      await locker.end().catch(() => undefined);
      await dropDatabase(t.database);
    }
  });
});
