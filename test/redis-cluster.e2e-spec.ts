import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis, { Cluster } from 'ioredis';
import { Clock } from '../src/common/clock/clock';
import { loadConfig } from '../src/config/app-config';
import { DeadlineScheduler } from '../src/deadlines/deadline-scheduler.service';
import { fileComplaint, lightingComplaint } from './helpers/complaints';
import { freePort } from './helpers/private-redis';
import { SmtpSink } from './helpers/smtp-sink';
import { createTestApp, TestApp } from './helpers/test-app';
import { testEnvironment } from './helpers/test-env';
import { waitFor } from './helpers/wait';

/** Three masters of a private Redis Cluster (no replicas), their slots split by redis-cli. */
async function startCluster(): Promise<{ ports: number[]; nodes: ChildProcess[]; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'rongrian-cluster-'));
  const ports = [await freePort(), await freePort(), await freePort()];
  const nodes = ports.map((port) =>
    spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        `nodes-${port}.conf`,
      ],
      { stdio: 'ignore' },
    ),
  );
  for (const port of ports) {
    await waitFor(`node ${port} to answer`, async () => {
      const probe = new Redis({ port, lazyConnect: true, retryStrategy: () => null });
      try {
        await probe.connect();
        return (await probe.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        probe.disconnect();
      }
    });
  }
  const created = spawnSync('redis-cli', [
    '--cluster',
    'create',
    ...ports.map((p) => `127.0.0.1:${p}`),
    '--cluster-replicas',
    '0',
    '--cluster-yes',
  ]);
  if (created.status !== 0) throw new Error(`redis-cli --cluster create: ${created.stdout}${created.stderr}`);
  await waitFor('the cluster to be ok', async () => {
    const probe = new Redis({ port: ports[0] });
    try {
      return /cluster_state:ok/.test(await probe.cluster('INFO'));
    } finally {
      probe.disconnect();
    }
  });
  return { ports, nodes, dir };
}

describe('BullMQ and every Redis use on a Redis Cluster (REDIS_CLUSTER, hash-tagged prefix)', () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let sink: SmtpSink;
  let t: TestApp;
  let admin: Cluster;
  const prefix = '{rongrian-cluster-test}';

  beforeAll(async () => {
    cluster = await startCluster();
    sink = await SmtpSink.start();
    t = await createTestApp({
      REDIS_CLUSTER: 'true',
      REDIS_URL: `redis://127.0.0.1:${cluster.ports[0]}`,
      REDIS_PREFIX: prefix,
      SMTP_URL: sink.url,
      MAIL_DISPATCH_INTERVAL_MS: '200',
    });
    admin = new Cluster([{ host: '127.0.0.1', port: cluster.ports[0] }]);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
    admin?.disconnect();
    for (const node of cluster?.nodes ?? []) node.kill('SIGKILL');
    if (cluster) rmSync(cluster.dir, { recursive: true, force: true });
  });

  it('refuses a prefix without a hash tag', () => {
    expect(() =>
      loadConfig(testEnvironment('x', { REDIS_CLUSTER: 'true', REDIS_PREFIX: 'rongrian' })),
    ).toThrow(/REDIS_PREFIX must hold a \{hash tag\}/);
  });

  it('files, mails through the queue, and fires a deadline timer; every key in one slot', async () => {
    const filed = await fileComplaint(
      t,
      lightingComplaint({
        complainant: { name: 'มานี', email: 'cluster@example.com', consentToContact: true },
      }),
    );
    // the receipt mail went through BullMQ on the cluster to the SMTP server, once
    await waitFor('the receipt mail', async () => sink.to('cluster@example.com').length === 1, 30_000);

    // the timer of the new case: set by the sweeper's pass, read back, fired when its time comes
    const scheduler = t.app.get(DeadlineScheduler);
    await scheduler.armNewClocks();
    const timer = await scheduler.timerOf('complaint', filed.id);
    expect(timer).not.toBeNull();
    t.app.get(Clock).freeze(new Date(timer!.getTime() + 1000));
    try {
      await waitFor(
        'the timer to fire and move on',
        async () => ((await scheduler.timerOf('complaint', filed.id))?.getTime() ?? 0) > timer!.getTime(),
        30_000,
      );
    } finally {
      t.app.get(Clock).reset();
    }

    // every key of the deployment hashes to one slot (what BullMQ's multi-key scripts need)
    const keys: string[] = [];
    for (const node of admin.nodes('master')) keys.push(...(await node.keys(`${prefix}*`)));
    expect(keys.length).toBeGreaterThan(5);
    const slots = new Set(await Promise.all(keys.map((k) => admin.cluster('KEYSLOT', k))));
    expect(slots.size).toBe(1);
  }, 120_000);
});
