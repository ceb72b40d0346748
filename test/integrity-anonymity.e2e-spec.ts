import { Writable } from 'node:stream';
import { DeadlineScheduler } from '../src/deadlines/deadline-scheduler.service';
import { isReporterPath } from '../src/infrastructure/logging/private-paths';
import { ReporterService } from '../src/integrity-reports/reporter.service';
import { Role } from '../src/users/roles';
import {
  createOfficer,
  findInDatabase,
  findInRedis,
  findInstantsBetween,
  findRedisTimesBetween,
  latestReportId,
  Officer,
  REPORTER_MESSAGES_URL,
  REPORTER_REPORT_URL,
  SESSION_URL,
  SUBMIT_URL,
} from './helpers/integrity';
import { SmtpSink } from './helpers/smtp-sink';
import { bearer, createTestApp, TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

/** What the reporter's machine gives away: its address (and a proxy's), and a distinctive user agent. */
const CLIENT_ADDRESS = '203.0.113.77';
const FORWARDED_ADDRESS = '198.18.0.42';
const USER_AGENT = 'Mozilla/5.0 (RongrianLeakProbe 9.9; unique-ua-7f3c2a)';
const reporterHeaders = { 'user-agent': USER_AGENT, 'x-forwarded-for': FORWARDED_ADDRESS };

const DESCRIPTION = 'หัวหน้าสำนักปลัดสั่งให้แก้ไขเอกสารเบิกจ่ายค่าอาหารกลางวันนักเรียน หลักฐานอยู่ในตู้เอกสาร';
const IDENTITY = {
  name: 'นายผู้แจ้ง ทดสอบนิรนาม',
  phone: '089-765-4321',
  email: 'anon.probe@example.net',
  nationalId: '3100600312341',
  consentToContact: true,
};

describe('integrity reports: nothing identifies the reporter', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let io: Officer;
  const lines: string[] = [];
  let receipt = '';
  let sessionToken = '';
  let reportId = '';
  const reporterRequestIds: string[] = [];
  /** when the submission and the officer's first answer were made (real time: the database's too) */
  const submission = { from: new Date(0), to: new Date(0) };
  const answer = { from: new Date(0), to: new Date(0) };

  beforeAll(async () => {
    const capture = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    // one trusted proxy, so that the forwarded address is the one the application sees as the client;
    // a real SMTP server, so that the reporter's notice is resolved and sent (and its address searched for)
    sink = await SmtpSink.start();
    t = await createTestApp(
      { LOG_LEVEL: 'info', TRUST_PROXY_HOPS: '1', SMTP_URL: sink.url, MAIL_DISPATCH_INTERVAL_MS: '100' },
      { logDestination: capture },
    );
    io = await createOfficer(t, await t.login(), [Role.IntegrityOfficer]);
    // the officers' invitations are mail too: let them finish first, so that no time the mail worker
    // writes about them falls within the reporter's requests below
    await waitFor('the invitations handled', async () => {
      const [{ busy }] = await t.db.query(
        `SELECT count(*)::int AS busy FROM notification_outbox WHERE status IN ('pending', 'sending')`,
      );
      return busy === 0;
    });

    // The whole journey, every reporter request from the same machine.
    const asReporter = async (method: 'GET' | 'POST', url: string, payload?: object, token?: string) => {
      const res = await t.request({
        method,
        url,
        payload,
        remoteAddress: CLIENT_ADDRESS,
        headers: { ...reporterHeaders, ...(token ? bearer(token) : {}) },
      });
      reporterRequestIds.push(String(res.headers['x-request-id']));
      return res;
    };
    submission.from = new Date();
    const submitted = await asReporter('POST', SUBMIT_URL, {
      kind: 'complaint',
      allegationType: 'misuse_of_budget_or_property',
      description: DESCRIPTION,
      identity: IDENTITY,
    });
    submission.to = new Date();
    expect(submitted.statusCode).toBe(201);
    receipt = submitted.json().receipt;
    expect((await asReporter('POST', SUBMIT_URL, { kind: 'x' })).statusCode).toBe(400);
    expect((await asReporter('POST', SESSION_URL, { receipt: '0000 0000 0000 0000' })).statusCode).toBe(401);
    const session = await asReporter('POST', SESSION_URL, { receipt });
    expect(session.statusCode).toBe(200);
    sessionToken = session.json().token;

    const id = await latestReportId(t);
    reportId = id;
    const officerHeaders = { ...bearer(io.token), 'user-agent': USER_AGENT };
    await t.request({
      method: 'GET',
      url: `/api/v1/integrity-reports/${id}`,
      headers: officerHeaders,
      remoteAddress: CLIENT_ADDRESS,
    });
    answer.from = new Date();
    await t.request({
      method: 'POST',
      url: `/api/v1/integrity-reports/${id}/messages`,
      headers: officerHeaders,
      payload: { body: 'ขอบคุณสำหรับข้อมูล' },
    });
    answer.to = new Date();
    expect((await asReporter('GET', REPORTER_REPORT_URL, undefined, sessionToken)).statusCode).toBe(200);
    expect(
      (await asReporter('POST', REPORTER_MESSAGES_URL, { body: 'มีภาพถ่ายเพิ่มเติม' }, sessionToken)).statusCode,
    ).toBe(201);
    expect(
      (await asReporter('GET', '/api/v1/integrity-reports/session/nowhere', undefined, sessionToken))
        .statusCode,
    ).toBe(404);
    // a failure of ours on a reporter route, whose error quotes what the reporter wrote
    jest
      .spyOn(t.app.get(ReporterService), 'view')
      .mockRejectedValueOnce(new Error(`cannot render: ${DESCRIPTION} ${USER_AGENT}`));
    expect((await asReporter('GET', REPORTER_REPORT_URL, undefined, sessionToken)).statusCode).toBe(500);
    await t.request({ method: 'GET', url: '/health/live' });
    // the officer's answer sent the reporter (who consented) a notice, to the address in their identity
    await waitFor('the reporter’s notice', async () => sink.to(IDENTITY.email).length === 1);
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  const secrets = () => [
    ['client address', CLIENT_ADDRESS],
    ['forwarded address', FORWARDED_ADDRESS],
    ['user agent', 'unique-ua-7f3c2a'],
    ['receipt as shown', receipt],
    ['receipt digits', receipt.replace(/ /g, '')],
    ['session token', sessionToken],
    ['name', IDENTITY.name],
    ['phone', IDENTITY.phone],
    ['e-mail', IDENTITY.email],
    ['national id', IDENTITY.nationalId],
  ];

  interface LogLine {
    msg?: string;
    level: number;
    req?: { id: string; method: string; url: string };
    res?: { statusCode: number };
    [key: string]: unknown;
  }
  const entries = () => lines.map((l) => JSON.parse(l) as LogLine);
  const accessLines = () =>
    entries().filter((l): l is Required<LogLine> => l.msg === 'request completed' && !!l.req && !!l.res);

  it('the logs were captured (the checks below are not vacuous)', () => {
    expect(entries().some((l) => l.msg === 'Nest application successfully started')).toBe(true);
    // the officer's routes are access-logged, with the report id masked
    expect(accessLines().map((l) => `${l.req.method} ${l.req.url} ${l.res.statusCode}`)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/integrity-reports/[id] 200',
        'POST /api/v1/integrity-reports/[id]/messages 201',
      ]),
    );
    // health probes are not (the foundation meant them not to be; now they are not)
    expect(accessLines().filter((l) => l.req.url.startsWith('/health/'))).toEqual([]);
  });

  it('no log line carries an address, the user agent, the receipt, the identity or what was written', () => {
    const log = lines.join('\n');
    for (const [what, value] of [...secrets(), ['description', DESCRIPTION], ['message', 'มีภาพถ่าย']]) {
      expect({ what, found: log.includes(value) }).toEqual({ what, found: false });
    }
    for (const line of lines) {
      const entry = JSON.parse(line);
      expect(entry.req ? Object.keys(entry.req).sort() : []).toEqual(
        entry.req ? ['id', 'method', 'url'] : [],
      );
    }
  });

  it('the reporter’s own requests leave no access-log line; a failure of ours is logged by name only', () => {
    expect(accessLines().filter((l) => isReporterPath(l.req.url))).toEqual([]);
    const failed = reporterRequestIds.at(-1)!;
    const failures = entries().filter((l) => l.msg === 'request failed');
    expect(failures).toEqual([
      expect.objectContaining({ level: 50, requestId: failed, errorName: 'Error', context: 'Errors' }),
    ]);
    expect(failures[0].err).toBeUndefined(); // no message, no stack: they may quote the reporter
    const log = lines.join('\n');
    for (const id of reporterRequestIds.slice(0, -1)) expect(log).not.toContain(id);
  });

  // one query per column and value: every table's columns (the attachments' too) on a loaded machine
  it('no column of any table holds them', async () => {
    for (const [what, value] of [...secrets(), ...reporterRequestIds.map((id) => ['request id', id])]) {
      expect({ what, hits: await findInDatabase(t.db, value) }).toEqual({ what, hits: [] });
    }
    // what the reporter wrote is sealed (issue 11): in no column either
    expect(await findInDatabase(t.db, DESCRIPTION)).toEqual([]);
    expect(await findInDatabase(t.db, 'มีภาพถ่าย')).toEqual([]);
    // the search itself works: the report's number, which stays readable, is found
    const [{ number }] = await t.db.query(`SELECT number FROM integrity_reports LIMIT 1`);
    expect(await findInDatabase(t.db, number)).toContainEqual({
      table: 'integrity_reports',
      column: 'number',
    });
  }, 240_000);

  it('the reporter’s notice was resolved from the encrypted identity when sent, and says nothing', async () => {
    const [notice] = sink.to(IDENTITY.email);
    for (const [what, value] of [
      ...secrets().filter(([what]) => what !== 'e-mail'),
      ['description', DESCRIPTION],
    ]) {
      expect({ what, found: notice.raw.includes(value) }).toEqual({ what, found: false });
    }
    // the outbox, the deadline rows and every other table were searched above; here the rows exist
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int AS count FROM notification_outbox WHERE subject_id = $1 AND resolve_type IS NOT NULL`,
      [reportId],
    );
    expect(count).toBe(1);
    expect(
      await t.db.query(`SELECT track FROM case_deadlines WHERE case_id = $1 ORDER BY track`, [reportId]),
    ).toEqual([{ track: 'integrity_report' }, { track: 'integrity_report_conclusion' }]);
  });

  it('nothing records the moment of the submission: no instant within it in any table, nor in Redis', async () => {
    expect(await findInstantsBetween(t.db, submission.from, submission.to)).toEqual([]);
    expect(
      await findRedisTimesBetween(t.config.redis.prefix, reportId, submission.from, submission.to),
    ).toEqual([]);
    // the searches work: an officer's answer is recorded with its time (audit trail, deadlines)
    expect(await findInstantsBetween(t.db, answer.from, answer.to)).toEqual(
      expect.arrayContaining([
        { table: 'audit_entries', column: 'created_at' },
        { table: 'case_deadlines', column: 'first_response_at' },
      ]),
    );
    // Redis keeps no time of an action on the report (its deadline timers hold only the next
    // milestone's time): the Redis search is shown to work on a job naming the report, added now
    const probe = { from: new Date(), to: new Date() };
    const job = await t.app
      .get(DeadlineScheduler)
      .queue.add('search-probe', { caseId: reportId } as never, { delay: 600_000 });
    probe.to = new Date();
    try {
      expect(await findRedisTimesBetween(t.config.redis.prefix, reportId, probe.from, probe.to)).not.toEqual(
        [],
      );
    } finally {
      await job.remove();
    }
  });

  it('Redis holds no address, user agent or receipt, only keyed pseudonyms with an expiry', async () => {
    const prefix = t.config.redis.prefix;
    for (const [what, value] of secrets().filter(([what]) => what !== 'session token')) {
      expect({ what, keys: await findInRedis(prefix, value) }).toEqual({ what, keys: [] });
    }
    const throttles = await findInRedis(prefix, 'integrity:');
    expect(throttles.some((k) => k.includes('integrity:receipt-failures:'))).toBe(true);
    expect(throttles.some((k) => k.includes('integrity:submissions:'))).toBe(true);
  });

  it('what the reporter causes is stored to the day: no instant in the report’s own tables', async () => {
    const columns: { table_name: string; column_name: string }[] = await t.db.query(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND data_type LIKE 'timestamp%'
         AND table_name IN ('integrity_reports', 'integrity_report_messages', 'integrity_reporter_identities',
                            'integrity_receipt_salts', 'integrity_report_counters')`,
    );
    expect(columns).toEqual([]);
    // and nothing the reporter did is in the audit trail (whose entries carry instants and request ids)
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int AS count FROM audit_entries WHERE actor_user_id IS NULL AND entity_type LIKE 'integrity%'`,
    );
    expect(count).toBe(0);
  });
});
