import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/infrastructure/database/data-source-options';
import { testEnvironment } from './helpers/test-env';

/** The PostgreSQL backend serving one statement from the pool. */
async function backendOf(db: DataSource): Promise<number> {
  const [{ pid }] = (await db.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
  return pid;
}

/** Whether, after `idleMs` without work, the pool still serves from the backend it used before. */
async function keptAfterIdle(idleSeconds: string, idleMs: number): Promise<boolean> {
  const config = loadConfig(testEnvironment('postgres', { DATABASE_POOL_IDLE_SECONDS: idleSeconds }));
  const db = await new DataSource(dataSourceOptions(config)).initialize();
  try {
    const before = await backendOf(db);
    await sleep(idleMs);
    return (await backendOf(db)) === before;
  } finally {
    await db.destroy();
  }
}

describe('Pooled connections (DATABASE_POOL_IDLE_SECONDS)', () => {
  it('an idle connection is closed after the configured time, and kept before it', async () => {
    const [closed, kept] = await Promise.all([keptAfterIdle('1', 2_000), keptAfterIdle('4', 2_000)]);
    expect(closed).toBe(false);
    expect(kept).toBe(true);
  });
});
