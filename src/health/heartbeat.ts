import { statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Redis from 'ioredis';

/** Where a worker proves it is alive: it serves no HTTP, so a container health check reads this file. */
export const HEARTBEAT_FILE = join(tmpdir(), 'rongrian-worker.heartbeat');
export const HEARTBEAT_EVERY_MS = 15_000;
/** Older than this, the worker is reported unhealthy: four beats missed. */
export const HEARTBEAT_MAX_AGE_MS = 60_000;

/** Touches the heartbeat file while the event loop turns and Redis answers. */
export function startHeartbeat(redis: Redis, file = HEARTBEAT_FILE): NodeJS.Timeout {
  const beat = () =>
    redis.ping().then(
      () => writeFileSync(file, new Date().toISOString()),
      () => undefined,
    );
  void beat();
  return setInterval(beat, HEARTBEAT_EVERY_MS).unref();
}

/** The worker's health: its heartbeat file was touched recently. */
export function workerAlive(
  file = HEARTBEAT_FILE,
  now = Date.now(),
  maxAgeMs = HEARTBEAT_MAX_AGE_MS,
): boolean {
  try {
    return now - statSync(file).mtimeMs <= maxAgeMs;
  } catch {
    return false;
  }
}
