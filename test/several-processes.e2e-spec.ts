import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ComplaintEventType } from '../src/complaints/entities/complaint-event.entity';
import { createDatabase, dropDatabase } from './helpers/databases';
import { freePort, startRedis } from './helpers/private-redis';
import { SmtpSink } from './helpers/smtp-sink';
import { databaseUrl, runId, templateDatabase, testEnvironment, uniqueSuffix } from './helpers/test-env';
import { waitFor } from './helpers/wait';

const ROOT = join(__dirname, '..');
const CASES = 12;
const DAYS_BACK = 20;

/**
 * TEST_POOLER_URL (e.g. postgres://postgres@127.0.0.1:6432/postgres): the four processes reach the
 * database through that pooler (PgBouncer in transaction mode), the test itself directly.
 */
function throughPooler(database: string): Record<string, string> {
  if (!process.env.TEST_POOLER_URL) return {};
  const url = new URL(process.env.TEST_POOLER_URL);
  url.pathname = `/${database}`;
  return { DATABASE_URL: url.toString() };
}

/** One process of the built service (node dist/src/main.js), its output kept for a failure message. */
function serve(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  return { child, output };
}

/**
 * Two API and two worker processes of the built server against one PostgreSQL database and one
 * Redis: complaints filed through both APIs, their deadlines passed while no worker ran; then both
 * workers start together (both reconcile the timers, both tick, both sweep at once). Every milestone
 * is handled once and every mail reaches the SMTP server once.
 */
describe('two API and two worker processes on one PostgreSQL and one Redis', () => {
  const database = `rongrian_test_${runId()}_${uniqueSuffix()}`;
  const children: ChildProcess[] = [];
  let redis: ChildProcess;
  let sink: SmtpSink;
  let pg: Client;
  let apiPorts: number[];
  let environment: (over: Record<string, string>) => NodeJS.ProcessEnv;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/src/main.js'))) throw new Error('run `npm run build` first');
    await createDatabase(database, templateDatabase());
    const redisPort = await freePort();
    redis = await startRedis(redisPort);
    sink = await SmtpSink.start();
    pg = new Client({ connectionString: databaseUrl(database) });
    await pg.connect();
    // one prefix for all four (each process with its own would be four separate deployments)
    const prefix = `{rongrian-${uniqueSuffix()}}`;
    environment = (over) => ({
      ...process.env,
      ...testEnvironment(database, {
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        // a hash-tagged prefix, as on a Redis Cluster
        REDIS_PREFIX: prefix,
        SMTP_URL: sink.url,
        MAIL_DISPATCH_INTERVAL_MS: '200',
        LOG_LEVEL: 'warn',
        ...throughPooler(database),
        ...over,
      }),
    });
    apiPorts = [await freePort(), await freePort()];
  });
  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.all(
      children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)),
    );
    await pg?.end();
    await sink?.stop();
    redis?.kill('SIGKILL');
    await dropDatabase(database);
  });

  const outputs: string[][] = [];
  const start = async (over: Record<string, string>, ready: () => Promise<boolean>) => {
    const p = serve(environment(over));
    children.push(p.child);
    outputs.push(p.output);
    try {
      await waitFor('the process to be ready', ready, 120_000, 250);
    } catch (error) {
      throw new Error(`${String(error)}\n${p.output.join('').slice(-3000)}`, { cause: error });
    }
  };
  const answers = (port: number) =>
    fetch(`http://127.0.0.1:${port}/health/live`).then(
      (r) => r.status === 200,
      () => false,
    );

  it('handles every milestone once and sends every mail once', async () => {
    for (const port of apiPorts) await start({ APP_ROLE: 'api', PORT: String(port) }, () => answers(port));

    const references: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const port = apiPorts[i % 2];
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/orgs/demo/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          categoryCode: 'street_lighting',
          subject: `ไฟถนนดับ ${i}`,
          description: 'ไฟถนนดับทั้งซอย',
          complainant: { name: 'มานี', email: `manee-${i}@example.com`, consentToContact: true },
        }),
      });
      const answer = await res.text();
      // on a failure, what the processes said: a 500 seen once under load left nothing to go on
      if (res.status !== 201)
        throw new Error(
          `filing ${i}: ${res.status} ${answer}\n${outputs.map((o) => o.join('').slice(-3000)).join('\n')}`,
        );
      references.push((JSON.parse(answer) as { referenceNo: string }).referenceNo);
    }
    expect(new Set(references).size).toBe(CASES);

    // as if filed DAYS_BACK days ago and no worker ran since: every case is overdue now
    const shift = `interval '${DAYS_BACK} days'`;
    await pg.query(`UPDATE complaints SET received_at = received_at - ${shift}`);
    await pg.query(
      `UPDATE case_deadlines SET received_at = received_at - ${shift}, received_date = received_date - ${DAYS_BACK},
              original_due_date = original_due_date - ${DAYS_BACK}, current_due_date = current_due_date - ${DAYS_BACK},
              due_set_at = due_set_at - ${shift}, reminder_from = reminder_from - ${DAYS_BACK},
              very_overdue_date = very_overdue_date - ${DAYS_BACK}, next_milestone_at = next_milestone_at - ${shift},
              created_at = created_at - ${shift}
        WHERE track = 'complaint'`,
    );

    // both workers at once: both reconcile the timers, both tick, both run a sweep
    const workers = [serve(environment({ APP_ROLE: 'worker' })), serve(environment({ APP_ROLE: 'worker' }))];
    children.push(...workers.map((w) => w.child));

    const overdue = async () =>
      Number(
        (
          await pg.query(
            `SELECT count(*) FROM case_deadlines WHERE track = 'complaint' AND overdue_since IS NOT NULL`,
          )
        ).rows[0].count,
      );
    try {
      await waitFor('every case to be overdue', async () => (await overdue()) === CASES, 120_000, 250);
      await waitFor(
        'every mail to be sent',
        async () =>
          Number(
            (
              await pg.query(
                `SELECT count(*) FROM notification_outbox WHERE status NOT IN ('sent', 'suppressed')`,
              )
            ).rows[0].count,
          ) === 0,
        60_000,
        250,
      );
    } catch (error) {
      throw new Error(`${String(error)}\n${workers.map((w) => w.output.join('').slice(-2000)).join('\n')}`, {
        cause: error,
      });
    }
    // give a second handling or a second delivery every chance to happen before counting
    await new Promise((resolve) => setTimeout(resolve, 3000));

    // each milestone handled once: one 'due' row and one overdue entry in each complaint's history
    const milestones = await pg.query(
      `SELECT key, count(*)::int AS n FROM case_deadline_milestones m JOIN case_deadlines d ON d.id = m.deadline_id
        WHERE d.track = 'complaint' AND m.notified GROUP BY key`,
    );
    expect(milestones.rows).toEqual([{ key: 'due', n: CASES }]);
    const history = await pg.query(
      `SELECT complaint_id, count(*)::int AS n FROM complaint_events
        WHERE type = $1 AND data->>'milestone' = 'due' GROUP BY complaint_id`,
      [ComplaintEventType.DeadlineMilestone],
    );
    expect(history.rows).toHaveLength(CASES);
    expect(history.rows.every((r: { n: number }) => r.n === 1)).toBe(true);

    // each mail once: every outbox row sent reached the SMTP server exactly once
    const sent = await pg.query(
      `SELECT message_id, recipient_email FROM notification_outbox WHERE status = 'sent'`,
    );
    const byMessageId = sink.countByMessageId();
    const twice = sink.messages
      .filter((m) => byMessageId.get(m.messageId)! > 1)
      .map((m) => `${m.messageId} ${m.envelopeTo.join(',')} ${m.subject}`);
    expect(twice).toEqual([]);
    for (const row of sent.rows as { message_id: string }[]) expect(byMessageId.get(row.message_id)).toBe(1);
    expect(sink.messages).toHaveLength(sent.rows.length);
    // every complainant got the receipt and the overdue notice, once each
    for (let i = 0; i < CASES; i++) {
      const subjects = sink.to(`manee-${i}@example.com`).map((m) => m.subject);
      expect(subjects).toHaveLength(2);
      expect(subjects.filter((s) => s.endsWith('received'))).toHaveLength(1);
      expect(subjects.filter((s) => s.endsWith('is overdue'))).toHaveLength(1);
    }
  }, 300_000);
});
