import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { Logger as PinoBase } from 'pino';
import { AppModule } from './app.module';
import { AppConfig, ConfigurationError, loadConfig } from './config/app-config';
import { loadDotEnv } from './config/dotenv';
import { DependencyUnavailableError } from './infrastructure/dependency-unavailable.error';
import { startHeartbeat } from './health/heartbeat';
import { createHttpApp } from './infrastructure/http/create-http-app';
import { REDIS } from './infrastructure/redis/redis.module';
import { captureConsole, useJsonLogs } from './infrastructure/logging/json-lines';
import { checkRedis, prepareDatabase } from './infrastructure/startup';
import { encryptExistingReports } from './integrity-reports/crypto/encrypt-existing';
import { reencryptIdentities } from './integrity-reports/reencrypt-identities';
import { importOrganisations } from './organizations/import-organisations';
import { CommandRefused, resetAdministratorPassword } from './users/reset-administrator-password';

/**
 * `node dist/src/main.js`          runs the role in APP_ROLE (api, worker or all)
 * `node dist/src/main.js migrate`  migrates and seeds, then exits (for deployments that migrate apart)
 * `node dist/src/main.js reencrypt-identities`  re-encrypts reporters' notice addresses under the current key
 * `node dist/src/main.js encrypt-integrity-reports`  moves reports filed before encryption into it
 * `node dist/src/main.js reset-admin-password <email> [org-slug]`  sets a new generated password, printed once
 * `node dist/src/main.js import-organisations <file.csv>`  creates and updates organisations from the DLA list
 */
/** Set once the configuration is read: from then on every line, fatal ones included, is JSON. */
let log: PinoBase | undefined;

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  log = useJsonLogs(config);
  captureConsole(log);
  const command = process.argv[2] ?? 'serve';

  if (command === 'migrate') {
    await prepareDatabase(config, { migrate: true });
    return;
  }
  if (command === 'reset-admin-password') {
    await resetAdministratorPassword(config, process.argv[3], process.argv[4]);
    return;
  }
  if (command === 'import-organisations') {
    await importOrganisations(config, process.argv[3]);
    return;
  }
  if (command === 'encrypt-integrity-reports') {
    await encryptExistingReports(config);
    return;
  }
  if (command === 'reencrypt-identities') {
    await reencryptIdentities(config);
    return;
  }
  await prepareDatabase(config);
  await checkRedis(config);
  await serve(config);
}

/** Closing waits for in-flight requests and jobs; a dependency that does not answer cannot hold it longer. */
const SHUTDOWN_DEADLINE_MS = 10_000;

function limitShutdown(): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        log?.warn(
          { context: 'Main' },
          `Stopping took over ${SHUTDOWN_DEADLINE_MS / 1000} s (Redis or PostgreSQL away?): exiting`,
        );
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
    });
  }
}

async function serve(config: AppConfig): Promise<void> {
  limitShutdown();
  if (config.app.role === 'worker') {
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { bufferLogs: true });
    app.useLogger(app.get(PinoLogger));
    app.enableShutdownHooks();
    startHeartbeat(app.get(REDIS));
    app.get(PinoLogger).log('Worker started (no HTTP routes)', 'Main');
    return;
  }
  const app = await createHttpApp(config);
  await app.listen(config.app.port, config.app.host);
  new Logger('Main').log(
    `Rongrian ${config.app.role} listening on http://${config.app.host}:${config.app.port} ` +
      `(API docs at ${config.app.publicBaseUrl}/api/docs)`,
  );
}

main().catch((error: unknown) => {
  // Configuration and missing services are the user's to fix: one clear line, no stack trace. A bad
  // configuration is written as plain text to stderr: there is no log level or format to trust yet.
  const known =
    error instanceof ConfigurationError ||
    error instanceof DependencyUnavailableError ||
    error instanceof CommandRefused;
  if (!log || error instanceof ConfigurationError) {
    console.error(known ? (error as Error).message : error);
  } else if (known) {
    log.fatal({ context: 'Main' }, (error as Error).message);
  } else {
    log.fatal({ context: 'Main', err: error }, 'Start-up failed');
  }
  process.exit(1);
});
