import { workerAlive } from './health/heartbeat';

/**
 * `node dist/src/healthcheck.js`: the container health check. The API (and `all`) must answer
 * /health/live; a worker must have touched its heartbeat file within a minute (it beats only while
 * Redis answers). Exit 0 healthy, 1 not.
 */
async function main(): Promise<boolean> {
  if (process.env.APP_ROLE === 'worker') return workerAlive();
  const port = process.env.PORT ?? '3000';
  const res = await fetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(2500) });
  return res.ok;
}

main().then(
  (healthy) => process.exit(healthy ? 0 : 1),
  () => process.exit(1),
);
