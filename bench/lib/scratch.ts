import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import { Client } from 'pg';

/** The node flags `npm start` runs the service with (the image's the same): the bench measures that process. */
const SERVICE_NODE_FLAGS = (
  JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start
  .match(/\bnode ((?:--\S+ )*)dist\/src\/main\.js/)![1]
  .split(' ')
  .filter(Boolean);

/**
 * A throw-away database and Redis prefix for one bench run, removed at the end. With
 * BENCH_KEEP_DATABASE=<name> the database has that name and is kept (a long seed is then paid once).
 */
export class Scratch {
  readonly kept = process.env.BENCH_KEEP_DATABASE;
  readonly name = this.kept ?? `rongrian_bench_${randomBytes(4).toString('hex')}`;
  readonly pgBase = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  readonly redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  readonly redisPrefix = `rongrian-bench:${this.name}`;
  private server?: ChildProcess;

  get databaseUrl(): string {
    const u = new URL(this.pgBase);
    u.pathname = `/${this.name}`;
    return u.toString();
  }

  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: this.redisUrl,
      REDIS_PREFIX: this.redisPrefix,
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
      ADMIN_EMAIL: 'admin@bench.local',
      ADMIN_PASSWORD: 'bench-admin-password',
      LOG_LEVEL: 'warn',
      ...extra,
    };
  }

  /** Starts the real service (compiled or through ts-node) and waits until it is ready. */
  async startServer(port: number, extra: Record<string, string> = {}): Promise<string> {
    // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the service
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    this.server = spawn(
      process.execPath,
      [...SERVICE_NODE_FLAGS, ...nodeArgs, '-r', 'ts-node/register/transpile-only', 'src/main.ts'],
      {
        env: this.env({ PORT: String(port), HOST: '127.0.0.1', ...extra }),
        stdio: ['ignore', process.env.BENCH_SERVER_STDOUT ? 'inherit' : 'ignore', 'inherit'],
      },
    );
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 240; i++) {
      try {
        if ((await fetch(`${base}/health/ready`)).ok) return base;
      } catch {
        // not listening yet
      }
      await sleep(500);
    }
    throw new Error('the service did not become ready');
  }

  /** The process id of the service started by startServer. */
  get serverPid(): number | undefined {
    return this.server?.pid;
  }

  /** Stops the service started by startServer (if any). */
  async stopServer(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server || server.exitCode !== null) return;
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }

  async cleanup(): Promise<void> {
    await this.stopServer();
    if (!this.kept) {
      const admin = new Client({ connectionString: this.pgBase });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`);
      await admin.end();
    }
    const redis = new Redis(this.redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.redisPrefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  }
}
