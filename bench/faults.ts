/**
 * Fault injection under load: one api and one worker process (the real service, separate
 * processes), N clients filing complaints (each with an e-mail address and consent, so each causes
 * one acknowledgement mail), a real in-process SMTP server counting deliveries by Message-ID, and a
 * private Redis server (no persistence) this script kills. Scenarios, one after the other:
 *  - redis-restart-empty  Redis killed and started again, without its data
 *  - pg-terminate         every connection of the service terminated (pg_terminate_backend), 3 times, 1 s apart
 *  - redis-down           Redis away for a third of the run, then back (empty)
 * The fault starts a third into the run. Per scenario it prints: requests sent, accepted (201), 5xx
 * (of which 500; a request without any answer counts as 5xx), lost (accepted but not in the
 * database), mails delivered and duplicate deliveries (of the scenario's messages, once the outbox
 * is drained at the end), armed open cases whose `due` timer is not in Redis (lost deadlines), and
 * the time to heal: from the end of the fault until readiness is `ok`, every declared schedule is
 * in Redis, every armed open case's `due` timer is in Redis and every waiting outbox message has its
 * job in the mail queue. (Cases filed meanwhile are armed by the next sweeper pass, or at once after
 * a Redis loss; the mail backlog drains at SMTP speed: neither is part of healing.)
 *
 *   npx ts-node --transpile-only bench/faults.ts [seconds per scenario, default 15] [clients, default 20]
 */
import { Queue } from 'bullmq';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import { Client } from 'pg';
import { Pool as HttpPool } from 'undici';
import { mailJobId } from '../src/notifications/mail-job';
import { freePort, startRedis } from '../test/helpers/private-redis';
import { SmtpSink } from '../test/helpers/smtp-sink';
import { Scratch } from './lib/scratch';

const SECONDS = Number(process.argv[2] ?? 15);
const CLIENTS = Number(process.argv[3] ?? 20);
const HEAL_LIMIT_MS = 120_000;
const DRAIN_LIMIT_MS = Number(process.env.BENCH_DRAIN_LIMIT_MS ?? 600_000);
const SCHEDULES: [string, string][] = [
  ['deadlines', 'deadlines-sweeper'],
  ['mail', 'mail-dispatch'],
  ['complaints', 'auto-close'],
  ['complaints', 'purge-idempotency'],
  ['complaints', 'daily-digest'],
];

interface Row {
  scenario: string;
  from: Date;
  to: Date;
  sent: number;
  accepted: number;
  fiveXx: number;
  fiveHundred: number;
  lost: number;
  mails: number;
  duplicates: number;
  timersMissing: number;
  healSeconds: number | null;
  detail: string;
}

async function main(): Promise<void> {
  const redisPort = await freePort();
  let redis = await startRedis(redisPort);
  process.env.BENCH_REDIS_URL = `redis://127.0.0.1:${redisPort}`;
  const scratch = new Scratch();
  const sink = await SmtpSink.start();
  const apiPort = await freePort();
  const common = {
    SMTP_URL: sink.url,
    MAIL_DISPATCH_INTERVAL_MS: '500',
    MAIL_RETRY_DELAY_MS: '500',
    MAIL_MAX_PER_RECIPIENT_PER_HOUR: '0',
    SCHEDULES_CHECK_INTERVAL_MS: '2000',
    RATE_LIMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000000',
  };
  const processes: ChildProcess[] = [];
  const start = (role: string, extra: Record<string, string> = {}) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      env: scratch.env({ APP_ROLE: role, ...common, ...extra }),
      stdio: ['ignore', process.env.BENCH_LOG_DIR ? 'pipe' : 'ignore', 'inherit'],
    });
    // BENCH_LOG_DIR=/tmp/x keeps each process's log lines in /tmp/x/<role>.log
    if (process.env.BENCH_LOG_DIR)
      child.stdout!.pipe(createWriteStream(`${process.env.BENCH_LOG_DIR}/${role}.log`));
    processes.push(child);
  };
  const base = `http://127.0.0.1:${apiPort}`;
  const http = new HttpPool(base, { connections: CLIENTS });
  const pg = new Client({ connectionString: scratch.databaseUrl });
  const prefix = `${scratch.redisPrefix}:bull`;
  const rows: Row[] = [];
  try {
    start('api', { PORT: String(apiPort), HOST: '127.0.0.1' });
    await waitUntil(HEAL_LIMIT_MS, async () => (await fetch(`${base}/health/ready`).catch(() => null))?.ok);
    start('worker');
    await pg.connect();
    const ready = async () =>
      ((await (await fetch(`${base}/health/ready`)).json()) as { status?: string }).status === 'ok';

    const scenarios: [string, () => Promise<void>][] = [
      [
        'redis-restart-empty',
        async () => {
          redis.kill('SIGKILL');
          await sleep(1000);
          redis = await startRedis(redisPort);
        },
      ],
      [
        'pg-terminate',
        async () => {
          for (let i = 0; i < 3; i++) {
            await pg.query(
              `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = $1 AND application_name LIKE 'rongrian-%'`,
              [scratch.name],
            );
            if (i < 2) await sleep(1000);
          }
        },
      ],
      [
        'redis-down',
        async () => {
          redis.kill('SIGKILL');
          await sleep((SECONDS * 1000) / 3);
          redis = await startRedis(redisPort);
        },
      ],
    ];

    // BENCH_SCENARIOS=pg-terminate,redis-down runs only those
    const only = process.env.BENCH_SCENARIOS?.split(',');
    for (const [scenario, fault] of scenarios.filter(([name]) => !only || only.includes(name))) {
      const from = new Date();
      const accepted: string[] = [];
      let sent = 0;
      let fiveXx = 0;
      let fiveHundred = 0;
      const end = Date.now() + SECONDS * 1000;
      const load = Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (Date.now() < end) {
            sent++;
            try {
              const res = await http.request({
                method: 'POST',
                path: '/api/v1/orgs/demo/complaints',
                headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
                body: JSON.stringify({
                  categoryCode: 'roads',
                  subject: 'ถนนชำรุด',
                  description: 'หลุมใหญ่หน้าโรงเรียน',
                  complainant: { email: `c${sent}@bench.test`, consentToContact: true },
                }),
              });
              const text = await res.body.text();
              if (res.statusCode === 201) {
                accepted.push((JSON.parse(text) as { referenceNo: string }).referenceNo);
              } else if (res.statusCode >= 500) {
                fiveXx++;
                if (res.statusCode === 500) fiveHundred++;
                await sleep(200);
              }
            } catch {
              fiveXx++; // no answer at all
              await sleep(200);
            }
          }
        }),
      );
      await sleep((SECONDS * 1000) / 3);
      await fault();
      const faultEnded = Date.now();

      // healing runs while the load goes on
      const probe = new Redis(redisPort);
      const queues = new Map(
        ['deadlines', 'mail', 'complaints'].map((q) => [q, new Queue(q, { connection: probe, prefix })]),
      );
      /** of a list of Redis keys, how many do not exist */
      const absent = async (keys: string[]) => {
        const pipeline = probe.pipeline();
        for (const key of keys) pipeline.exists(key);
        return ((await pipeline.exec()) ?? []).filter(([, n]) => n !== 1).length;
      };
      /** armed running cases with a milestone ahead whose member is not in the timers' sorted set */
      const timersMissing = async () => {
        const { rows: cases } = await pg.query<{ case_id: string }>(
          `SELECT case_id FROM case_deadlines
            WHERE result_at IS NULL AND paused_since IS NULL AND timers_set AND next_milestone_at IS NOT NULL`,
        );
        if (cases.length === 0) return 0;
        const scores = await probe.zmscore(
          `${prefix}:deadlines:timers`,
          ...cases.map((c) => `complaint.${c.case_id}`),
        );
        return scores.filter((score) => score === null).length;
      };
      const mailUnqueued = async () => {
        const { rows: waiting } = await pg.query<{ id: string; round: number }>(
          `SELECT id, round FROM notification_outbox
            WHERE status = 'pending' AND not_before <= now() AND queued_at IS NOT NULL`,
        );
        const { rows: unqueued } = await pg.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM notification_outbox
            WHERE status = 'pending' AND not_before <= now() AND queued_at IS NULL AND updated_at < now() - interval '5 seconds'`,
        );
        return (
          unqueued[0].n + (await absent(waiting.map((r) => `${prefix}:mail:${mailJobId(r.id, r.round)}`)))
        );
      };
      const firstMet: Record<string, number> = {};
      const met = (what: string, yes: boolean) => {
        if (yes) firstMet[what] ??= (Date.now() - faultEnded) / 1000;
        return yes;
      };
      const healed = async () => {
        if (!met('ready', await ready())) return false;
        for (const [queue, id] of SCHEDULES)
          if (!met(`schedule ${id}`, !!(await queues.get(queue)!.getJobScheduler(id)))) return false;
        return (
          met('timers', (await timersMissing()) === 0) && met('mail queued', (await mailUnqueued()) === 0)
        );
      };
      const ok = await waitUntil(HEAL_LIMIT_MS, () => healed().catch(() => false));
      const healSeconds = ok ? (Date.now() - faultEnded) / 1000 : null;
      await load;

      const { rows: found } = await pg.query<{ reference_no: string }>(
        `SELECT reference_no FROM complaints WHERE reference_no = ANY($1)`,
        [accepted],
      );
      const foundSet = new Set(found.map((r) => r.reference_no));
      rows.push({
        scenario,
        from,
        to: new Date(),
        sent,
        accepted: accepted.length,
        fiveXx,
        fiveHundred,
        lost: accepted.filter((r) => !foundSet.has(r)).length,
        mails: 0,
        duplicates: 0,
        timersMissing: await timersMissing(),
        healSeconds,
        detail: Object.entries(firstMet)
          .map(([what, at]) => `${what} ${at.toFixed(1)} s`)
          .join(', '),
      });
      for (const q of queues.values()) await q.close();
      probe.disconnect();
    }

    // every message sent, then each scenario's deliveries counted by Message-ID
    const drained = await waitUntil(DRAIN_LIMIT_MS, async () => {
      const { rows: waiting } = await pg.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notification_outbox WHERE status IN ('pending', 'sending')`,
      );
      return waiting[0].n === 0;
    });
    if (!drained) {
      const { rows: left } = await pg.query(
        `SELECT status, queued_at IS NULL AS unqueued, round, attempts, count(*)::int AS n FROM notification_outbox
          WHERE status IN ('pending', 'sending') GROUP BY 1, 2, 3, 4`,
      );
      console.error('The outbox did not drain in time: mail figures are partial; waiting:', left);
      if (process.env.BENCH_DEBUG) {
        const { rows: sessions } = await pg.query(
          `SELECT application_name, state, wait_event_type, wait_event, left(query, 100) AS query FROM pg_stat_activity WHERE datname = $1`,
          [scratch.name],
        );
        console.error(sessions);
      }
    }
    await sleep(2000); // a wrong second delivery would arrive now
    const counts = sink.countByMessageId();
    for (const row of rows) {
      const { rows: messages } = await pg.query<{ message_id: string }>(
        `SELECT message_id FROM notification_outbox WHERE created_at >= $1 AND created_at < $2`,
        [row.from, row.to],
      );
      for (const { message_id } of messages) {
        const n = counts.get(message_id) ?? 0;
        row.mails += n;
        row.duplicates += Math.max(0, n - 1);
      }
    }
  } finally {
    for (const child of processes) child.kill('SIGTERM');
    await Promise.all(
      processes.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)),
    );
    await pg.end().catch(() => undefined);
    await http.close();
    await sink.stop();
    await scratch.cleanup().catch(() => undefined);
    redis.kill('SIGKILL');
  }
  print(rows);
}

async function waitUntil(ms: number, check: () => Promise<unknown>): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await sleep(250);
  }
  return false;
}

function print(rows: Row[]): void {
  const head = [
    'scenario',
    'sent',
    'accepted',
    '5xx',
    'of which 500',
    'lost',
    'mails',
    'duplicates',
    'timers missing',
    'heal s',
  ];
  console.log(
    `${SECONDS} s per scenario, ${CLIENTS} clients filing; the fault starts after ${(SECONDS / 3).toFixed(0)} s`,
  );
  console.log(head.map((h, i) => (i === 0 ? h.padEnd(20) : h)).join('  '));
  for (const r of rows) {
    const cells = [
      r.sent,
      r.accepted,
      r.fiveXx,
      r.fiveHundred,
      r.lost,
      r.mails,
      r.duplicates,
      r.timersMissing,
      r.healSeconds?.toFixed(1) ?? 'never',
    ];
    console.log(
      [r.scenario.padEnd(20), ...cells.map((c, i) => String(c).padStart(head[i + 1].length))].join('  '),
    );
  }
  for (const r of rows) console.log(`${r.scenario}, after the fault: ${r.detail}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
