/**
 * Once per browser-test run: a fresh database (the service creates, migrates and seeds it on start),
 * an in-process SMTP sink whose messages the tests read over a small HTTP endpoint (tests run in other
 * processes), and the BUILT service (`node dist/src/main.js`) on a free port, ready when /health/ready
 * answers 200. The returned function stops the service and the sink and drops the database.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo, createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { dropDatabase } from '../helpers/databases';
import { SmtpSink } from '../helpers/smtp-sink';
import { testEnvironment } from '../helpers/test-env';
import { RESULTS_DIR } from './playwright.config';
import { BROWSER_ENV } from './env';
import { ServiceClient } from './officers';

const ROOT = join(__dirname, '..', '..');

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

/**
 * The sink's messages as JSON for the test processes: GET /messages → [{ to, subject, text }]; and
 * POST /reject `{ address, code, message, times }`: the sink refuses that recipient (a failed mail).
 */
function serveMail(sink: SmtpSink): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method === 'POST' && request.url === '/reject') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const r = JSON.parse(body) as { address: string; code: number; message: string; times?: number };
        sink.reject(r.address, r.code, r.message, r.times);
        response.statusCode = 204;
        response.end();
      });
      return;
    }
    response.setHeader('content-type', 'application/json');
    response.end(
      JSON.stringify(sink.messages.map((m) => ({ to: m.envelopeTo, subject: m.subject, text: m.text }))),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A 1×1 PNG: the tile server's answer to every tile. */
const TILE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAADElEQVQImWM4//gEAAT/Antvg9tbAAAAAElFTkSuQmCC',
  'base64',
);

/** A tiny map tile server for MAP_TILE_URL (the map pin on /complain): one PNG for any path. */
function serveTiles(): Promise<Server> {
  const server = createServer((_request, response) => {
    response.setHeader('content-type', 'image/png');
    response.end(TILE);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function waitReady(url: string, server: ChildProcess, logFile: string): Promise<void> {
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`the service exited (${server.exitCode}); see ${logFile}`);
    const ok = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the service did not become ready in 90 s; see ${logFile}`);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  for (const built of ['dist/src/main.js', 'dist/web/.vite/manifest.json'])
    if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` first`);
  process.env.RONGRIAN_TEST_RUN ??= `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const database = `rongrian_test_${process.env.RONGRIAN_TEST_RUN}_browser`;
  const sink = await SmtpSink.start();
  const mail = await serveMail(sink);
  const tiles = await serveTiles();
  const tileOrigin = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}`;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = testEnvironment(database, {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: baseUrl,
    SMTP_URL: sink.url,
    LOG_LEVEL: 'warn',
    // every journey signs in several new officers (and the admin who invites them) from one address
    RATE_LIMIT_SIGN_IN_PER_MINUTE: '1000',
    // every integrity journey files its own report from this one address (the default is 5 an hour)
    INTEGRITY_SUBMISSIONS_PER_HOUR: '1000',
    // every new officer waits for the invitation mail: hand the outbox to the queue every 100 ms, as the
    // e2e tests do, not every 5 s (an average 2.5 s per officer made, dozens per run)
    MAIL_DISPATCH_INTERVAL_MS: '100',
    MAP_TILE_URL: `${tileOrigin}/{z}/{x}/{y}.png`,
    MAP_ATTRIBUTION: 'แผนที่ทดสอบ <Test tiles>',
    MAP_CENTER: '15.2287,104.8564,14',
  });
  // the organisation's first administrator is also the deployment's operator (organisations.browser.ts)
  env.OPERATOR_EMAILS = env.ADMIN_EMAIL;
  mkdirSync(RESULTS_DIR, { recursive: true });
  const logFile = join(RESULTS_DIR, 'service.log');
  const log = createWriteStream(logFile);
  const server = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.pipe(log);
  server.stderr!.pipe(log);

  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    await new Promise((r) => mail.close(r));
    await new Promise((r) => tiles.close(r));
    await sink.stop();
    await dropDatabase(database);
    log.end();
  };
  try {
    await waitReady(baseUrl, server, logFile);
  } catch (err) {
    await stop();
    throw err;
  }
  // read by the test processes (Playwright passes the runner's environment on to its workers)
  process.env[BROWSER_ENV.baseUrl] = baseUrl;
  process.env[BROWSER_ENV.mailUrl] = `http://127.0.0.1:${(mail.address() as AddressInfo).port}/messages`;
  process.env[BROWSER_ENV.adminEmail] = env.ADMIN_EMAIL;
  process.env[BROWSER_ENV.tileOrigin] = tileOrigin;
  process.env[BROWSER_ENV.adminPassword] = env.ADMIN_PASSWORD;
  // the organisation's first executive takes office at once (the bootstrap exception); made here, in
  // one process, so that the tests' parallel workers never race to be first
  const approver = await new ServiceClient(baseUrl, process.env[BROWSER_ENV.mailUrl]).createOfficer(
    { email: env.ADMIN_EMAIL!, password: env.ADMIN_PASSWORD! },
    { email: 'approver@browser.test', displayName: 'ผู้อนุมัติ (Approver)', roles: ['executive'] },
  );
  process.env[BROWSER_ENV.approverEmail] = approver.email;
  process.env[BROWSER_ENV.approverPassword] = approver.password;
  console.log(`browser tests: service ${baseUrl} (log ${logFile}); failures kept in ${RESULTS_DIR}`);
  return stop;
}
