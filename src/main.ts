import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AppConfig, ConfigurationError, loadConfig } from './config/app-config';
import { loadDotEnv } from './config/dotenv';
import { DependencyUnavailableError } from './infrastructure/dependency-unavailable.error';
import { createHttpApp } from './infrastructure/http/create-http-app';
import { checkRedis, prepareDatabase } from './infrastructure/startup';
import { encryptExistingReports } from './integrity-reports/crypto/encrypt-existing';
import { reencryptIdentities } from './integrity-reports/reencrypt-identities';

/**
 * `node dist/src/main.js`          runs the role in APP_ROLE (api, worker or all)
 * `node dist/src/main.js migrate`  migrates and seeds, then exits (for deployments that migrate apart)
 * `node dist/src/main.js reencrypt-identities`  re-encrypts reporters' notice addresses under the current key
 * `node dist/src/main.js encrypt-integrity-reports`  moves reports filed before encryption into it
 */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const command = process.argv[2] ?? 'serve';

  if (command === 'migrate') {
    await prepareDatabase(config, { migrate: true });
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

async function serve(config: AppConfig): Promise<void> {
  if (config.app.role === 'worker') {
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { bufferLogs: true });
    app.useLogger(app.get(PinoLogger));
    app.enableShutdownHooks();
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
  // Configuration and missing services are the user's to fix: one clear line, no stack trace.
  if (error instanceof ConfigurationError || error instanceof DependencyUnavailableError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
