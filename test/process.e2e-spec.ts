import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { HEARTBEAT_FILE } from '../src/health/heartbeat';
import { dropDatabase } from './helpers/databases';
import { freePort, startRedis } from './helpers/private-redis';
import { runId, testEnvironment, uniqueSuffix } from './helpers/test-env';
import { waitFor } from './helpers/wait';

const ROOT = join(__dirname, '..');

interface LogLine {
  level: number;
  msg: string;
  context?: string;
  stack?: unknown;
  err?: unknown;
}

/** A child process of the service, its standard output kept line by line. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: string[] = [];
  const err: string[] = [];
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop()!;
    out.push(...lines);
  });
  child.stderr!.on('data', (chunk: Buffer) => err.push(chunk.toString('utf8')));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, out, err, exited };
}

/** npm's own banner ("> rongrian@0.1.0 start", the command, blank lines) is npm's, not the service's. */
const serviceLines = (out: string[]) => out.filter((l) => l.trim() !== '' && !l.startsWith('>'));
const parsed = (out: string[]) => serviceLines(out).map((l) => JSON.parse(l) as LogLine);

/** The container health check (Dockerfile, compose) as the runtime runs it: exit 0 healthy. */
const healthCheck = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['dist/src/healthcheck.js'], { cwd: ROOT, env: { ...process.env, ...env } })
    .status;

const answers = (port: number) =>
  fetch(`http://127.0.0.1:${port}/health/live`).then(
    (r) => r.status,
    () => 0,
  );

describe('the process: npm start, signals, log lines', () => {
  const databases: string[] = [];
  const children: ChildProcess[] = [];
  const environment = (port: number, over: Record<string, string> = {}) => {
    const database = `rongrian_test_${runId()}_${uniqueSuffix()}`;
    databases.push(database);
    // no PUBLIC_BASE_URL: links and the start-up line follow PORT
    return {
      ...process.env,
      ...testEnvironment(database, { PORT: String(port), LOG_LEVEL: 'info', PUBLIC_BASE_URL: '', ...over }),
    };
  };
  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const database of databases) await dropDatabase(database);
  });

  it('SIGTERM to `npm start` stops the server within seconds; every line of it is JSON', async () => {
    const port = await freePort();
    const p = run('npm', ['start'], environment(port, { ADMIN_PASSWORD: '' }));
    children.push(p.child);
    const listening = await waitFor(
      'the start-up line',
      async () => parsed(p.out).find((l) => /listening on/.test(l.msg)),
      120_000,
      250,
    );
    expect(listening.msg).toContain(`:${port} (API docs at http://localhost:${port}/api/docs)`);
    expect(await answers(port)).toBe(200);
    // the build copied the page assets: the citizen's page is served
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    expect(healthCheck({ APP_ROLE: 'all', PORT: String(port) })).toBe(0);

    const stopping = Date.now();
    p.child.kill('SIGTERM');
    await p.exited;
    await waitFor('the port to close', async () => (await answers(port)) === 0, 10_000);
    expect(Date.now() - stopping).toBeLessThan(10_000);

    const lines = parsed(p.out); // throws on a line that is not JSON
    const notice = lines.find((l) => /with password:/.test(l.msg));
    expect(notice).toMatchObject({ level: 40, context: 'FirstRun' });
    expect(lines.some((l) => l.context === 'Startup' && /Applied migrations/.test(l.msg))).toBe(true);
    // route mappings only at debug; no legacy route warning
    expect(lines.filter((l) => ['RoutesResolver', 'RouterExplorer'].includes(l.context ?? ''))).toEqual([]);
    expect(lines.filter((l) => l.context === 'LegacyRouteConverter')).toEqual([]);
  }, 180_000);

  it('while Redis is down, the service writes a few JSON warnings, not a stack trace per attempt', async () => {
    const redisPort = await freePort();
    const redis = await startRedis(redisPort);
    children.push(redis);
    const port = await freePort();
    const p = run('npm', ['start'], environment(port, { REDIS_URL: `redis://127.0.0.1:${redisPort}` }));
    children.push(p.child);
    await waitFor(
      'the start-up line',
      async () => parsed(p.out).some((l) => /listening on/.test(l.msg)),
      120_000,
    );
    const before = serviceLines(p.out).length;
    redis.kill('SIGKILL');
    await once(redis, 'exit');
    // BullMQ retries every 0.2-2 s; by the time queues and workers have each said so, each has retried
    const warned = () =>
      new Set(
        parsed(p.out)
          .slice(before)
          .filter((l) => l.level === 40 && /reconnecting/.test(l.msg))
          .map((l) => l.msg.split(':')[0]),
      );
    // each connection warns on its own schedule: wait for the ones named here, among at least four
    const expected = ['deadlines queue', 'mail worker'];
    await waitFor(
      'warnings from the queues and the workers',
      async () => warned().size >= 4 && expected.every((name) => warned().has(name)),
      30_000,
    );
    expect([...warned()]).toEqual(expect.arrayContaining(expected));
    p.child.kill('SIGTERM');
    await p.exited;

    const during = parsed(p.out).slice(before); // throws on a line that is not JSON
    expect(during.length).toBeLessThan(40);
    expect(during.filter((l) => l.stack !== undefined || l.err !== undefined)).toEqual([]);
    expect(p.err.join('')).toBe('');
  }, 180_000);

  it('a worker is healthy while it runs: its heartbeat file is fresh', async () => {
    rmSync(HEARTBEAT_FILE, { force: true });
    expect(healthCheck({ APP_ROLE: 'worker' })).toBe(1);
    const p = run('npm', ['start'], environment(await freePort(), { APP_ROLE: 'worker' }));
    children.push(p.child);
    await waitFor('the worker', async () => parsed(p.out).some((l) => /Worker started/.test(l.msg)), 120_000);
    await waitFor('a healthy worker', async () => healthCheck({ APP_ROLE: 'worker' }) === 0, 10_000);
    p.child.kill('SIGTERM');
    await p.exited;
    // an API that does not answer is unhealthy
    expect(healthCheck({ APP_ROLE: 'api', PORT: String(await freePort()) })).toBe(1);
  }, 180_000);
});
